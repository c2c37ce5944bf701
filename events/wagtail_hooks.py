"""Wagtail admin for the fair: audit-log actions, the viewsets, and the staff pages of admin_views."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSetGroup

from config.core.exports import SafeExportModelViewSet

from . import admin_views, floor_admin_views
from .models import ExhibitorApplication, Fair, PricingRule, StandAddon, StandType

LOG_ACTIONS = {
    "events.application.submitted": _("Application submitted"),
    "events.application.approved": _("Application approved"),
    "events.application.rejected": _("Application rejected"),
    "events.application.confirmed": _("Application confirmed"),
    "events.application.cancelled": _("Application cancelled"),
    "events.application.waitlisted": _("Application waitlisted"),
    "events.application.submitted_again": _("Application back to review"),
    "events.application.stand_assigned": _("Stand number assigned"),
    "events.payment.created": _("Payment started"),
    "events.payment.open": _("Checkout opened"),
    "events.payment.processing": _("Payment processing"),
    "events.payment.paid": _("Payment received"),
    "events.payment.failed": _("Payment failed"),
    "events.payment.expired": _("Payment expired"),
    "events.payment.refunded": _("Payment refunded"),
    "events.payment.partially_refunded": _("Payment partially refunded"),
    "events.payment.transfer_chosen": _("Bank transfer chosen"),
    "events.payment.needs_manual_refund": _("Payment needs a manual refund"),
    "events.payment.amount_mismatch": _("Paid amount differs from the price"),
    "events.refund.requested": _("Refund requested"),
    "events.refund.failed": _("Refund failed"),
    "events.invoice.ksef_accepted": _("Invoice accepted by KSeF"),
    "events.invoice.ksef_rejected": _("Invoice rejected by KSeF"),
    "events.invoice.ksef_failed": _("Invoice could not be sent to KSeF"),
    "events.invoice.ksef_resend": _("Invoice queued for KSeF again"),
    "events.statement.imported": _("Bank statement line imported"),
    "events.floor_plan.uploaded": _("Floor plan uploaded"),
    "events.floor_plan.settings": _("Floor plan: priority window and deadlines changed"),
    "events.stand.mapped": _("Stand linked to the plan"),
    "events.stand.chosen": _("Stand chosen"),
    "events.stand.lost": _("Chosen stand taken meanwhile"),
    "events.stand.moved": _("Exhibitor moved to another stand"),
    "events.stand.blocked": _("Stand blocked"),
    "events.stand.unblocked": _("Stand unblocked"),
    "events.listing.saved": _("Exhibitor listing saved"),
    "events.listing.submitted": _("Exhibitor listing sent for review"),
    "events.listing.approved": _("Exhibitor listing published"),
    "events.listing.changes_requested": _("Exhibitor listing: changes requested"),
}


@hooks.register("register_log_actions")
def register_fair_log_actions(actions):
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)


# --- the fair's models in the admin ---------------------------------------------------------------------


class FairViewSet(SafeExportModelViewSet):
    name = "fair_fairs"
    url_prefix = "fair/fairs"
    model = Fair
    icon = "date"
    form_fields = [
        "slug",
        "name",
        "name_en",
        "starts_at",
        "ends_at",
        "venue_name",
        "venue_address",
        "latitude",
        "longitude",
        "applications_open",
        "requires_approval",
        "application_deadline",
        "cancellation_deadline",
        "cancellation_refund_percent",
        "bank_account",
        "transfer_days",
    ]
    list_display = ["name", "starts_at", "venue_name", "applications_open"]


class StandTypeViewSet(SafeExportModelViewSet):
    name = "fair_stand_types"
    url_prefix = "fair/stand-types"
    model = StandType
    icon = "table"
    form_fields = [
        "fair",
        "name",
        "name_en",
        "description",
        "description_en",
        "capacity",
        "price_net",
        "vat_rate",
        "sort_order",
        "stand_numbers",
    ]
    list_display = ["name", "fair", "capacity", "price_net", "vat_rate"]
    list_filter = ["fair"]


class StandAddonViewSet(SafeExportModelViewSet):
    name = "fair_add_ons"
    url_prefix = "fair/add-ons"
    model = StandAddon
    icon = "plus"
    form_fields = ["fair", "code", "name", "name_en", "price_net", "vat_rate", "sort_order"]
    list_display = ["name", "fair", "price_net", "vat_rate"]
    list_filter = ["fair"]


class PricingRuleViewSet(SafeExportModelViewSet):
    name = "fair_pricing_rules"
    url_prefix = "fair/pricing-rules"
    model = PricingRule
    icon = "tag"
    form_fields = ["stand_type", "eligibility", "discount_percent", "active"]
    list_display = ["stand_type", "eligibility", "discount_percent", "active"]
    list_filter = ["eligibility", "active"]


class ExhibitorApplicationViewSet(SafeExportModelViewSet):
    name = "fair_applications"
    url_prefix = "fair/applications"
    model = ExhibitorApplication
    icon = "form"
    menu_label = _("Exhibitor applications")
    add_to_admin_menu = False
    inspect_view_enabled = True
    list_display = [
        "organisation_name",
        "fair",
        "stand_type",
        "status",
        "payment_method",
        "stand_number",
        "manage_link",
    ]
    list_filter = ["status", "stand_type", "payment_method", "fair"]
    search_fields = ["organisation_name", "nip", "contact_email"]
    form_fields = ["accessibility_needs", "exhibits"]
    list_export = [
        "fair",
        "organisation_name",
        "nip",
        "legal_form",
        "stand_type",
        "stand_number",
        "addon_names",
        "status",
        "payment_method",
        "amount_net",
        "amount_vat",
        "amount_gross",
        "invoice_name",
        "invoice_nip",
        "invoice_address",
        "invoice_email",
        "contact_name",
        "contact_email",
        "contact_phone",
        "sells_food",
        "accessibility_needs",
        "transfer_reference",
    ]
    export_headings = {"addon_names": _("Add-ons"), "manage_link": _("Manage")}
    export_filename = "wystawcy"


class FairAdminGroup(ModelViewSetGroup):
    menu_label = _("Fair")
    menu_icon = "date"
    items = (
        FairViewSet,
        StandTypeViewSet,
        StandAddonViewSet,
        PricingRuleViewSet,
        ExhibitorApplicationViewSet,
    )


@hooks.register("register_admin_viewset")
def register_fair_viewsets():
    return FairAdminGroup()


@hooks.register("register_admin_urls")
def register_fair_admin_urls():
    urls = [
        path("", admin_views.fair_dashboard, name="dashboard"),
        path("zgloszenie/<int:pk>/", admin_views.manage_application, name="application"),
        path("faktury/", admin_views.invoice_register, name="invoices"),
        path("faktury/<int:pk>/ksef/", admin_views.resend_invoice, name="invoice_resend"),
        path("faktury/<int:pk>.<str:fmt>", admin_views.invoice_document, name="invoice_document"),
        path("wyciagi/", admin_views.bank_statements, name="statements"),
        path("plan/<int:fair_id>/", floor_admin_views.floor_plan, name="floor_plan"),
        path("wizytowka/<int:pk>/ocena/", floor_admin_views.review_listing, name="review_listing"),
        path("zgloszenie/<int:pk>/stoisko/", floor_admin_views.move_stand, name="move_stand"),
    ]
    return [path("targi/", include((urls, "events_admin")))]


@hooks.register("register_admin_menu_item")
def register_fair_dashboard_menu_item():
    return MenuItem(
        _("Fair: applications and revenue"), reverse("events_admin:dashboard"), icon_name="date", order=310
    )


@hooks.register("register_admin_menu_item")
def register_invoice_register_menu_item():
    return MenuItem(
        _("Fair: invoices and KSeF"), reverse("events_admin:invoices"), icon_name="doc-full", order=311
    )


@hooks.register("register_admin_menu_item")
def register_bank_statements_menu_item():
    return MenuItem(
        _("Fair: bank statements"), reverse("events_admin:statements"), icon_name="table", order=312
    )


from . import visitor_admin  # noqa: E402,F401  (visitors' staff tools register their hooks on import)
