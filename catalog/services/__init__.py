"""Workflows of the catalogue. Each public function is a verb and says what it guarantees."""

from .importing import ImportReport, RecordError, import_catalog, import_categories

__all__ = ["ImportReport", "RecordError", "import_catalog", "import_categories"]
