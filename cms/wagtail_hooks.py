"""Staff tools of the brand site in the Wagtail admin: the membership moderation queue, the letter of
intent signatures (with CSV/XLSX export) and contact messages."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup

from catalog.choices import MembershipStatus
from catalog.models import Organisation
from config.core.exports import SafeExportModelViewSet

from . import admin_views
from .dashboard import StaffTasksPanel
from .records import ContactMessage, LetterOfIntentSignature, MembershipConflict


class MembershipApplicationViewSet(SafeExportModelViewSet):
    """Organisations that applied through the membership form and wait for a staff decision."""

    model = Organisation
    name = "membership_applications"
    url_prefix = "cms/membership-applications"
    menu_label = _("Membership applications")
    icon = "group"
    list_display = ["name", "nip", "legal_form", "city", "subregion", "created_at"]
    list_filter = ["legal_form", "subregion"]
    search_fields = ["name", "nip", "city"]
    ordering = ["created_at"]
    form_fields = ["membership_status", "member_since"]
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            queryset=Organisation.objects.filter(membership_status=MembershipStatus.APPLIED), **kwargs
        )


class SignatureViewSet(SafeExportModelViewSet):
    model = LetterOfIntentSignature
    url_prefix = "cms/letter-of-intent"
    menu_label = _("Letter of intent")
    icon = "doc-full"
    list_display = [
        "organisation_name",
        "nip",
        "signatory_name",
        "signatory_role",
        "email",
        "confirmed_at",
        "review",
    ]
    list_filter = ["confirmed_at", "review"]
    search_fields = ["organisation_name", "nip", "signatory_name"]
    list_export = [
        "organisation_name",
        "nip",
        "signatory_name",
        "signatory_role",
        "email",
        "created_at",
        "confirmed_at",
        "review",
    ]
    export_filename = "list-intencyjny-sygnatariusze"
    form_fields = ["organisation_name", "signatory_name", "signatory_role", "email"]
    copy_view_enabled = False
    inspect_view_enabled = True


class ContactMessageViewSet(SafeExportModelViewSet):
    model = ContactMessage
    url_prefix = "cms/contact-messages"
    menu_label = _("Contact messages")
    icon = "mail"
    list_display = ["subject", "name", "email", "created_at"]
    search_fields = ["subject", "name", "email", "message"]
    form_fields = ["name", "email", "subject", "message"]
    copy_view_enabled = False
    inspect_view_enabled = True


class MembershipConflictViewSet(SafeExportModelViewSet):
    """Applications whose NIP was already in the catalogue: staff decide who the NIP belongs to."""

    model = MembershipConflict
    url_prefix = "cms/nip-conflicts"
    menu_label = _("NIP conflicts")
    icon = "warning"
    list_display = ["organisation_name", "nip", "contact_person", "email", "created_at", "resolved"]
    list_filter = ["resolved"]
    search_fields = ["organisation_name", "nip", "email"]
    form_fields = ["resolved"]
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True


class ClusterViewSetGroup(ViewSetGroup):
    menu_label = _("Cluster")
    menu_icon = "group"
    menu_order = 250
    items = (MembershipApplicationViewSet, MembershipConflictViewSet, SignatureViewSet, ContactMessageViewSet)


@hooks.register("register_admin_viewset")
def register_cluster_viewsets():
    return ClusterViewSetGroup()


@hooks.register("register_log_actions")
def register_cluster_log_actions(actions):
    actions.register_action(
        "cms.membership_applied", _("Membership application"), _("Applied for membership")
    )
    actions.register_action(
        "cms.letter_signed", _("Letter of intent signed"), _("Signed the letter of intent")
    )
    actions.register_action(
        "cms.letter_confirmed", _("Signature confirmed"), _("Confirmed the signature by email")
    )
    actions.register_action(
        "cms.membership_nip_conflict",
        _("NIP claimed by another application"),
        _("NIP claimed by another application"),
    )
    actions.register_action("cms.signature_approved", _("Signature approved"), _("Approved the signature"))
    actions.register_action("cms.signature_rejected", _("Signature rejected"), _("Rejected the signature"))


@hooks.register("register_admin_urls")
def register_signature_review_url():
    return [
        path("cms/podpisy-do-sprawdzenia/", admin_views.signature_review_queue, name="cms_signature_review")
    ]


@hooks.register("register_admin_menu_item")
def register_signature_review_menu_item():
    return MenuItem(
        _("Signatures to review"), reverse("cms_signature_review"), icon_name="doc-full", order=254
    )


@hooks.register("construct_homepage_panels")
def add_staff_tasks_panel(request, panels):
    # First on the dashboard: the queues staff act on, before Wagtail's own page panels.
    panels.insert(0, StaffTasksPanel())


@hooks.register("insert_global_admin_css")
def cluster_admin_css():
    # The admin reads the same design tokens as the site, so its colours and sizes never drift apart.
    return format_html(
        '<link rel="stylesheet" href="{}"><link rel="stylesheet" href="{}">',
        static("css/tokens.css"),
        static("css/admin.css"),
    )
