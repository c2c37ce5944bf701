"""Staff tools in the Wagtail admin: catalogue viewsets, the moderation queue and the audit-log actions."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from config.core.exports import SafeExportSnippetViewSet

from . import views_admin
from .admin_forms import CpvCodeAdminForm
from .models import Category, CpvCode, Offer, Organisation, QuoteRequest
from .services.portal import approve_offers, change_membership


@hooks.register("register_log_actions")
def register_catalog_log_actions(actions):
    actions.register_action("catalog.member_edit", _("Edited by a member"), _("Edited by a member"))
    actions.register_action("catalog.member_invited", _("Member invited"), _("Member invited"))
    actions.register_action("catalog.membership_changed", _("Membership changed"), _("Membership changed"))
    actions.register_action(
        "catalog.submitted_for_review", _("Submitted for review"), _("Submitted for review")
    )
    actions.register_action(
        "catalog.moderation_approved", _("Approved by a moderator"), _("Approved by a moderator")
    )
    actions.register_action(
        "catalog.moderation_rejected", _("Rejected by a moderator"), _("Rejected by a moderator")
    )
    actions.register_action(
        "catalog.quote_answered", _("Quote request answered"), _("Quote request answered")
    )
    actions.register_action(
        "catalog.fact_change_requested",
        _("Verified fact change requested"),
        _("Verified fact change requested"),
    )
    actions.register_action(
        "catalog.fact_change_approved", _("Verified fact change approved"), _("Verified fact change approved")
    )
    actions.register_action(
        "catalog.fact_verified_by_staff", _("Verified facts set by staff"), _("Verified facts set by staff")
    )
    actions.register_action(
        "catalog.fact_change_rejected", _("Verified fact change rejected"), _("Verified fact change rejected")
    )


class OrganisationViewSet(SafeExportSnippetViewSet):
    name = "catalog_organisations"
    url_prefix = "katalog/organizacje"
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = [
        "name",
        "legal_form",
        "city",
        "subregion",
        "membership_status",
        "ps_status",
        "reserved_contract_eligible",
    ]
    list_filter = [
        "membership_status",
        "legal_form",
        "subregion",
        "ps_status",
        "reserved_contract_eligible",
        "requires_moderation",
    ]
    list_export = [
        "name",
        "slug",
        "legal_form",
        "nip",
        "krs",
        "city",
        "powiat",
        "subregion",
        "email",
        "phone",
        "ps_status",
        "reserved_contract_eligible",
        "employees_total",
        "employees_disadvantaged",
        "membership_status",
        "member_since",
    ]
    search_fields = ["name", "nip", "city", "slug"]
    search_backend_name = None
    add_view_class = views_admin.OrganisationCreateView
    edit_view_class = views_admin.OrganisationEditView
    # Panels rather than form_fields: the gallery is an inline formset of OrganisationGalleryImage rows.
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldPanel("legal_form"),
                FieldPanel("ps_status"),
                FieldPanel("ps_decision_date"),
                FieldPanel("ps_decision_number"),
                FieldPanel("nip"),
                FieldPanel("regon"),
                FieldPanel("krs"),
            ],
            heading=_("Identity and status"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldPanel("postal_code"),
                FieldPanel("city"),
                FieldPanel("powiat"),
                FieldPanel("subregion"),
                FieldPanel("latitude"),
                FieldPanel("longitude"),
                FieldPanel("website"),
                FieldPanel("email"),
                FieldPanel("phone"),
            ],
            heading=_("Address and contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("description"),
                FieldPanel("description_en"),
                FieldPanel("social_mission"),
                FieldPanel("logo"),
                InlinePanel(
                    "gallery_images",
                    label=_("Gallery"),
                    panels=[FieldPanel("image"), FieldPanel("caption")],
                ),
            ],
            heading=_("Presentation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("employees_total"),
                FieldPanel("employees_disadvantaged"),
                FieldPanel("certificates"),
                FieldPanel("membership_status"),
                FieldPanel("member_since"),
                FieldPanel("requires_moderation"),
                FieldPanel("members"),
            ],
            heading=_("Employment and membership"),
        ),
    ]


class OfferViewSet(SafeExportSnippetViewSet):
    name = "catalog_offers"
    url_prefix = "katalog/oferty"
    model = Offer
    icon = "tag"
    menu_label = _("Offers")
    list_display = ["title", "organisation", "category", "kind", "status", "updated_at"]
    list_filter = ["status", "kind", "category"]
    list_export = [
        "slug",
        "title",
        "organisation",
        "category",
        "kind",
        "status",
        "price_from",
        "price_to",
        "price_unit",
    ]
    search_fields = ["title", "slug", "organisation__name"]
    search_backend_name = None
    panels = [
        FieldPanel("organisation"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("title_en"),
        FieldPanel("description_en"),
        FieldPanel("category"),
        FieldPanel("cpv_codes"),
        FieldPanel("price_from"),
        FieldPanel("price_to"),
        FieldPanel("price_unit"),
        FieldPanel("service_area"),
        FieldPanel("lead_time_days"),
        FieldPanel("minimum_order"),
        FieldPanel("capacity_note"),
        FieldPanel("tags"),
        InlinePanel("images", label=_("Images"), panels=[FieldPanel("image"), FieldPanel("alt_text")]),
        FieldPanel("status"),
        FieldPanel("moderation_note"),
    ]


class CategoryViewSet(SafeExportSnippetViewSet):
    name = "catalog_categories"
    url_prefix = "katalog/kategorie"
    model = Category
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    list_display = ["name_pl", "name_en", "slug", "sort_order"]
    search_fields = ["name_pl", "name_en", "slug"]
    search_backend_name = None
    form_fields = ["slug", "name_pl", "name_en", "sort_order"]


class CpvCodeViewSet(SafeExportSnippetViewSet):
    """The curated CPV dictionary (loaded from catalog/data/cpv_codes.csv after every migrate)."""

    name = "catalog_cpv_codes"
    url_prefix = "katalog/cpv"
    model = CpvCode
    icon = "list-ol"
    menu_label = _("CPV codes")
    list_display = ["code", "name_pl", "name_en"]
    list_per_page = 50
    search_fields = ["code", "name_pl", "name_en"]
    search_backend_name = None
    copy_view_enabled = False
    edit_handler = ObjectList(
        [FieldPanel("code"), FieldPanel("name_pl"), FieldPanel("name_en")], base_form_class=CpvCodeAdminForm
    )


class QuoteRequestViewSet(SafeExportSnippetViewSet):
    name = "catalog_quote_requests"
    url_prefix = "katalog/zapytania"
    model = QuoteRequest
    icon = "mail"
    menu_label = _("Quote requests")
    list_display = ["buyer_name", "buyer_organisation", "buyer_type", "deadline", "created_at"]
    list_filter = ["buyer_type", "created_at"]
    list_export = [
        "created_at",
        "buyer_type",
        "buyer_name",
        "buyer_organisation",
        "buyer_email",
        "quantity",
        "deadline",
        "place",
    ]
    search_fields = ["buyer_name", "buyer_organisation", "buyer_email", "description"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["description", "quantity", "deadline", "place"]


class CatalogueViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Catalogue")
    menu_icon = "list-ul"
    menu_order = 250
    items = (OrganisationViewSet, OfferViewSet, CategoryViewSet, CpvCodeViewSet, QuoteRequestViewSet)


# Snippet viewsets: listings with filters, export and bulk actions (see the actions below).
register_snippet(CatalogueViewSetGroup)


@hooks.register("register_bulk_action")
class ApproveOffersBulkAction(SnippetBulkAction):
    """Approve and publish the selected offers that are pending review; the others are left alone."""

    display_name = _("Approve and publish")
    aria_label = _("Approve and publish the selected offers")
    action_type = "approve_offers"
    template_name = "catalog/admin/bulk_approve_offers.html"
    action_priority = 10
    models = [Offer]

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        approved = approve_offers(objects, user=user)
        return approved, 0

    def get_execution_context(self):
        return {"user": self.request.user}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d offer published.", "%(count)d offers published.", num_parent_objects) % {
            "count": num_parent_objects
        }


@hooks.register("register_bulk_action")
class SuspendMembershipBulkAction(SnippetBulkAction):
    """Suspend the membership of the selected organisations (their profiles leave the catalogue)."""

    display_name = _("Suspend membership")
    aria_label = _("Suspend the membership of the selected organisations")
    action_type = "suspend_membership"
    template_name = "catalog/admin/bulk_membership.html"
    action_priority = 20
    models = [Organisation]
    status = "suspended"

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return change_membership(objects, status=cls.status, user=user), 0

    def get_execution_context(self):
        return {"user": self.request.user}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d organisation changed.", "%(count)d organisations changed.", num_parent_objects
        ) % {"count": num_parent_objects}


@hooks.register("register_bulk_action")
class ActivateMembershipBulkAction(SuspendMembershipBulkAction):
    """Make the selected organisations active members (their profiles appear in the catalogue)."""

    display_name = _("Activate membership")
    aria_label = _("Activate the membership of the selected organisations")
    action_type = "activate_membership"
    action_priority = 15
    status = "active"


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path("katalog/moderacja/", views_admin.moderation_queue, name="catalog_moderation"),
        path("katalog/zaproszenia/", views_admin.invite_member_view, name="catalog_invite_member"),
        path("katalog/weryfikacja/", views_admin.fact_changes_queue, name="catalog_fact_changes"),
    ]


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return MenuItem(_("Offers to review"), reverse("catalog_moderation"), icon_name="tasks", order=251)


@hooks.register("register_admin_menu_item")
def register_fact_changes_menu_item():
    return MenuItem(_("Facts to verify"), reverse("catalog_fact_changes"), icon_name="success", order=253)


@hooks.register("register_admin_menu_item")
def register_invitation_menu_item():
    return MenuItem(_("Invite a member"), reverse("catalog_invite_member"), icon_name="user", order=252)
