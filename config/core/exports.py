"""Spreadsheet exports that are safe to open: no cell is ever run as a formula.

Excel and LibreOffice run a CSV cell that starts with =, +, -, @ (or a tab or CR before one) as a
formula: `=HYPERLINK(...)` typed into a public form would run on a staff member's computer. Wagtail's
XLSX export already writes such cells as text; its CSV export does not, so every project listing with
an export uses the viewsets below.
"""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic.models import IndexView as ModelIndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_delete import ProtectedAwareModelDeleteView, ProtectedAwareSnippetDeleteView

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """Wagtail's SpreadsheetExportMixin with every CSV cell neutralised after its own preprocessing."""

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise_formula(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )


# "Add %(model_name)s" reads "Dodaj oferta" in Polish: the button needs the accusative, so each model
# the staff add by hand gets its own message.
ADD_ITEM_LABELS = {
    "catalog.offer": _("Add an offer"),
    "catalog.organisation": _("Add an organisation"),
    "catalog.category": _("Add a category"),
    "catalog.cpvcode": _("Add a CPV code"),
    "events.fair": _("Add a fair"),
    "events.standtype": _("Add a stand type"),
    "events.standaddon": _("Add an add-on"),
    "events.pricingrule": _("Add a pricing rule"),
}


class ReadableListingMixin:
    """Listings staff read at a glance: yes/no fields as ticks and crosses (not "True"/"False"), and an
    add button in grammatical Polish."""

    def _get_custom_column(self, field_name, column_class=Column, **kwargs):
        try:
            field = self.model._meta.get_field(field_name)
        except Exception:  # noqa: BLE001 - a method or a lookup, not a field of this model
            field = None
        if isinstance(field, models.BooleanField) and column_class is Column:
            column_class = BooleanColumn
        return super()._get_custom_column(field_name, column_class, **kwargs)

    @cached_property
    def add_item_label(self):
        label = ADD_ITEM_LABELS.get(self.model._meta.label_lower) if self.model else None
        return label or super().add_item_label


class FormulaSafeModelIndexView(ReadableListingMixin, FormulaSafeExportMixin, ModelIndexView):
    pass


class FormulaSafeSnippetIndexView(ReadableListingMixin, FormulaSafeExportMixin, SnippetIndexView):
    pass


class SafeExportModelViewSet(ModelViewSet):
    """The base of every project ModelViewSet whose listing exports CSV/XLSX."""

    index_view_class = FormulaSafeModelIndexView
    delete_view_class = ProtectedAwareModelDeleteView


class SafeExportSnippetViewSet(SnippetViewSet):
    """The base of every project SnippetViewSet whose listing exports CSV/XLSX."""

    index_view_class = FormulaSafeSnippetIndexView
    delete_view_class = ProtectedAwareSnippetDeleteView
