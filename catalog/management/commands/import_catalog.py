"""`manage.py import_catalog [--categories categories.json] PATH.jsonl [--dry-run]`."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalog.services import import_catalog
from catalog.services.importing import CatalogueFileError


class Command(BaseCommand):
    help = "Upsert organisations and offers from a JSONL file (see the shared catalogue README)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="JSONL file, one organisation with its offers per line")
        parser.add_argument("--categories", type=Path, help="categories.json, upserted by slug first")
        parser.add_argument("--dry-run", action="store_true", help="validate and count, write nothing")

    def handle(self, *args, path: Path, categories: Path | None, dry_run: bool, **options):
        # call_command() passes keyword options unconverted, so accept strings too.
        path = Path(path)
        category_list = None
        if categories is not None:
            categories = Path(categories)
            try:
                category_list = json.loads(categories.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as error:
                raise CommandError(f"Cannot read the categories file {categories}: {error}") from error
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error

        step = max(1, len(lines) // 10)

        def show_progress(done: int, total: int) -> None:
            if done % step == 0 or done == total:
                self.stdout.write(f"Progress: {done}/{total} records")

        try:
            report = import_catalog(
                lines, categories=category_list, dry_run=dry_run, on_progress=show_progress
            )
        except CatalogueFileError as error:
            raise CommandError(str(error)) from error

        for error in report.errors:
            self.stderr.write(str(error))
        prefix = "Dry run, nothing written. " if dry_run else ""
        if category_list is not None:
            self.stdout.write(
                f"{prefix}Categories: created {report.categories_created}, updated {report.categories_updated}, "
                f"unchanged {report.categories_unchanged}."
            )
        summary = (
            f"{prefix}Organisations: created {report.created}, updated {report.updated}, "
            f"unchanged {report.unchanged}, rejected {report.rejected}. "
            f"Offers: created {report.offers_created}, updated {report.offers_updated}, "
            f"unchanged {report.offers_unchanged}."
        )
        self.stdout.write(self.style.WARNING(summary) if report.rejected else self.style.SUCCESS(summary))
