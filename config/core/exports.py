"""Spreadsheet exports that are safe to open: no cell is ever run as a formula.

Excel and LibreOffice run a CSV cell that starts with =, +, -, @ (or a tab or CR before one) as a
formula: `=HYPERLINK(...)` typed into a public form would run on a staff member's computer. Wagtail's
XLSX export already writes such cells as text; its CSV export does not, so every project listing with
an export uses the viewsets below.
"""

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


class FormulaSafeModelIndexView(FormulaSafeExportMixin, ModelIndexView):
    pass


class FormulaSafeSnippetIndexView(FormulaSafeExportMixin, SnippetIndexView):
    pass


class SafeExportModelViewSet(ModelViewSet):
    """The base of every project ModelViewSet whose listing exports CSV/XLSX."""

    index_view_class = FormulaSafeModelIndexView
    delete_view_class = ProtectedAwareModelDeleteView


class SafeExportSnippetViewSet(SnippetViewSet):
    """The base of every project SnippetViewSet whose listing exports CSV/XLSX."""

    index_view_class = FormulaSafeSnippetIndexView
    delete_view_class = ProtectedAwareSnippetDeleteView
