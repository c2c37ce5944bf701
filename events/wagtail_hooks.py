"""Wagtail admin for the fair: audit-log actions, the applications viewset and staff tools."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from . import services
from .forms import RefundForm, RejectForm, StandNumberForm
from .models import (
    ApplicationStatus,
    ExhibitorApplication,
    Fair,
    Payment,
    PaymentMethod,
    PaymentStatus,
    PricingRule,
    StandAddon,
    StandType,
)
from .money import format_pln

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
    "events.refund.requested": _("Refund requested"),
    "events.refund.failed": _("Refund failed"),
}


@hooks.register("register_log_actions")
def register_fair_log_actions(actions):
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)


# --- staff views ------------------------------------------------------------------------------------

STAFF_PERMISSION = "events.change_exhibitorapplication"


class FairViewSet(ModelViewSet):
    name = "fair_fairs"
    url_prefix = "fair/fairs"
    model = Fair
    icon = "date"
    form_fields = [
        "slug",
        "name",
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


class StandTypeViewSet(ModelViewSet):
    name = "fair_stand_types"
    url_prefix = "fair/stand-types"
    model = StandType
    icon = "table"
    form_fields = [
        "fair",
        "name",
        "description",
        "capacity",
        "price_net",
        "vat_rate",
        "sort_order",
        "stand_numbers",
    ]
    list_display = ["name", "fair", "capacity", "price_net", "vat_rate"]
    list_filter = ["fair"]


class StandAddonViewSet(ModelViewSet):
    name = "fair_add_ons"
    url_prefix = "fair/add-ons"
    model = StandAddon
    icon = "plus"
    form_fields = ["fair", "code", "name", "price_net", "vat_rate", "sort_order"]
    list_display = ["name", "fair", "price_net", "vat_rate"]
    list_filter = ["fair"]


class PricingRuleViewSet(ModelViewSet):
    name = "fair_pricing_rules"
    url_prefix = "fair/pricing-rules"
    model = PricingRule
    icon = "tag"
    form_fields = ["stand_type", "eligibility", "discount_percent", "active"]
    list_display = ["stand_type", "eligibility", "discount_percent", "active"]
    list_filter = ["eligibility", "active"]


class ExhibitorApplicationViewSet(ModelViewSet):
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


def _redirect_back(application):
    return redirect("events_admin:application", pk=application.pk)


@permission_required(STAFF_PERMISSION)
def manage_application(request, pk):
    """One page per application with every staff action: approve, reject, transfer, stand, refund."""
    application = get_object_or_404(ExhibitorApplication.objects.select_related("fair", "stand_type"), pk=pk)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "approve":
                services.approve_application(application, by=request.user)
            elif action == "reject":
                form = RejectForm(request.POST)
                services.reject_application(application, form.data.get("reason", ""), by=request.user)
            elif action == "mark_transfer_paid":
                services.mark_transfer_paid(application, by=request.user)
            elif action == "assign_stand":
                services.assign_stand_number(
                    application, request.POST.get("stand_number", ""), by=request.user
                )
            elif action == "refund":
                form = RefundForm(request.POST)
                payment = get_object_or_404(Payment, pk=request.POST.get("payment"), application=application)
                if not form.is_valid():
                    raise services.FairError(_("Enter a valid refund amount."))
                amount = form.cleaned_data["amount"]
                grosze = None if amount is None else int(amount * 100)
                services.refund_payment(payment, grosze, by=request.user, note=form.cleaned_data["note"])
            elif action == "cancel":
                services.cancel_application(application, by=request.user)
            messages.success(request, _("Done."))
        except services.FairError as error:
            messages.error(request, error.message)
        return _redirect_back(application)
    taken = set(
        ExhibitorApplication.objects.filter(fair=application.fair)
        .exclude(stand_number="")
        .values_list("stand_number", flat=True)
    )
    return TemplateResponse(
        request,
        "events/admin/manage_application.html",
        {
            "application": application,
            "payments": application.payments.prefetch_related("refunds").order_by("-created_at"),
            "free_numbers": [n for n in application.stand_type.stand_number_list if n not in taken],
            "lines": services.application_quote(application).lines,
            "reject_form": RejectForm(),
            "stand_form": StandNumberForm(),
            "refund_form": RefundForm(),
            "statuses": ApplicationStatus,
            "MONEY_RECEIVED": Payment.MONEY_RECEIVED_STATES,
            "has_open_transfer": application.payments.filter(
                method=PaymentMethod.TRANSFER, status__in=[PaymentStatus.OPEN, PaymentStatus.EXPIRED]
            ).exists(),
        },
    )


def fair_figures(fair: Fair) -> dict:
    """Capacity and revenue of one fair: places per stand type, money received and refunded."""
    stand_types = []
    for stand in fair.stand_types.all():
        confirmed = stand.applications.filter(status=ApplicationStatus.CONFIRMED).count()
        stand_types.append(
            {
                "stand": stand,
                "capacity": stand.capacity,
                "confirmed": confirmed,
                "available": services.available_places(stand),
                "waitlist": stand.waitlist.count(),
            }
        )
    money = Payment.objects.filter(
        application__fair=fair, status__in=Payment.MONEY_RECEIVED_STATES
    ).aggregate(received=Sum("amount"), refunded=Sum("refunded_amount"))
    received, refunded = money["received"] or 0, money["refunded"] or 0
    counts = fair.applications.aggregate(
        submitted=Count("pk", filter=Q(status=ApplicationStatus.SUBMITTED)),
        approved=Count("pk", filter=Q(status=ApplicationStatus.APPROVED)),
        confirmed=Count("pk", filter=Q(status=ApplicationStatus.CONFIRMED)),
    )
    return {
        "fair": fair,
        "stand_types": stand_types,
        "received": format_pln(received),
        "refunded": format_pln(refunded),
        "revenue": format_pln(received - refunded),
        "revenue_grosze": received - refunded,
        **counts,
    }


@permission_required(STAFF_PERMISSION)
def fair_dashboard(request):
    """Capacity and revenue per fair, and bulk approval of submitted applications."""
    if request.method == "POST":
        ids = [int(pk) for pk in request.POST.getlist("application") if pk.isdigit()]
        approved, errors = services.bulk_approve(
            ExhibitorApplication.objects.filter(pk__in=ids), by=request.user
        )
        messages.success(request, _("%(count)d applications approved.") % {"count": approved})
        for error in errors:
            messages.error(request, error)
        return redirect("events_admin:dashboard")
    return TemplateResponse(
        request,
        "events/admin/dashboard.html",
        {
            "figures": [fair_figures(fair) for fair in Fair.objects.prefetch_related("stand_types")],
            "submitted": ExhibitorApplication.objects.filter(
                status=ApplicationStatus.SUBMITTED
            ).select_related("fair", "stand_type"),
        },
    )


@hooks.register("register_admin_urls")
def register_fair_admin_urls():
    from django.urls import include

    urls = [
        path("", fair_dashboard, name="dashboard"),
        path("zgloszenie/<int:pk>/", manage_application, name="application"),
    ]
    return [path("targi/", include((urls, "events_admin")))]


@hooks.register("register_admin_menu_item")
def register_fair_dashboard_menu_item():
    return MenuItem(
        _("Fair: applications and revenue"), reverse("events_admin:dashboard"), icon_name="date", order=310
    )
