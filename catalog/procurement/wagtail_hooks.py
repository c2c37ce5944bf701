"""Staff listings of the procurement workflow (with formula-safe exports) and its audit-log actions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from config.core.exports import SafeExportSnippetViewSet

from .models import LegalBasisTemplate, MarketResearchNote, ProcurementOutcome, SavedSearch


@hooks.register("register_log_actions")
def register_procurement_log_actions(actions):
    actions.register_action("procurement.note_issued", _("Market-research note issued"), _("Note issued"))
    actions.register_action(
        "procurement.outcome_recorded", _("Contract outcome recorded"), _("Outcome recorded")
    )
    actions.register_action(
        "procurement.outcome_confirmed",
        _("Contract outcome confirmed by the supplier"),
        _("Outcome confirmed"),
    )
    for action, label in (
        ("procurement.fair_deal_recorded", _("Deal from the fair recorded")),
        ("procurement.fair_deal_changed", _("Deal from the fair changed")),
        ("procurement.fair_deal_withdrawn", _("Deal from the fair withdrawn")),
    ):
        actions.register_action(action, label, label)


class LegalBasisTemplateViewSet(SafeExportSnippetViewSet):
    """Staff keep the legal wording current; a change never rewrites an issued note (it holds a copy)."""

    name = "procurement_legal_bases"
    url_prefix = "zakupy/podstawy-prawne"
    model = LegalBasisTemplate
    icon = "doc-full"
    menu_label = _("Legal-basis templates")
    list_display = ["title_pl", "kind", "active", "sort_order"]
    list_filter = ["kind", "active"]
    list_export = ["kind", "title_pl", "title_en", "text_pl", "text_en", "active"]
    copy_view_enabled = False


class MarketResearchNoteViewSet(SafeExportSnippetViewSet):
    name = "procurement_notes"
    url_prefix = "zakupy/notatki"
    model = MarketResearchNote
    icon = "doc-full-inverse"
    menu_label = _("Market-research notes")
    list_display = ["reference", "institution", "estimated_value_net", "issued_at"]
    list_filter = ["estimate_basis", "issued_at"]
    list_export = ["reference", "issued_at", "institution", "subject", "estimated_value_net", "content_hash"]
    search_fields = ["reference", "institution", "subject"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["justification"]


class ProcurementOutcomeViewSet(SafeExportSnippetViewSet):
    name = "procurement_outcomes"
    url_prefix = "zakupy/rejestr"
    model = ProcurementOutcome
    icon = "table"
    menu_label = _("Social-spend ledger")
    list_display = [
        "awarded_to",
        "value_net",
        "awarded_on",
        "contract_type",
        "buyer_type",
        "supplier_confirmed_at",
        "source",
    ]
    list_filter = ["source", "contract_type", "buyer_type", "subregion", "awarded_on"]
    list_export = [
        "awarded_on",
        "awarded_to",
        "value_net",
        "contract_type",
        "buyer_type",
        "buyer_institution",
        "subregion",
        "supplier_confirmed_at",
        "source",
    ]
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["value_net", "awarded_on", "contract_type"]


class SavedSearchViewSet(SafeExportSnippetViewSet):
    name = "procurement_saved_searches"
    url_prefix = "zakupy/zapisane-wyszukiwania"
    model = SavedSearch
    icon = "search"
    menu_label = _("Saved searches")
    list_display = ["email", "label", "confirmed_at", "unsubscribed_at", "last_alert_at"]
    list_filter = ["confirmed_at", "unsubscribed_at"]
    list_export = [
        "email",
        "label",
        "query",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
        "last_alert_at",
    ]
    search_fields = ["email", "label"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["label"]


class ProcurementViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Public procurement")
    menu_icon = "tasks"
    menu_order = 260
    items = (
        LegalBasisTemplateViewSet,
        MarketResearchNoteViewSet,
        ProcurementOutcomeViewSet,
        SavedSearchViewSet,
    )


register_snippet(ProcurementViewSetGroup)
