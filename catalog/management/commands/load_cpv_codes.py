"""`manage.py load_cpv_codes [PATH.csv]`: upsert the curated CPV dictionary (also run after every migrate)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalog.services.cpv import CPV_CODES_FILE, InvalidCpvFile, load_cpv_codes


class Command(BaseCommand):
    help = "Upsert the CPV dictionary (code, name_pl, name_en) from the curated file or the given CSV."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path, default=CPV_CODES_FILE, help="CSV file")

    def handle(self, *args, path: Path, **options):
        try:
            report = load_cpv_codes(Path(path))
        except (OSError, InvalidCpvFile) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"CPV codes: {report.created} created, {report.updated} updated, {report.unchanged} unchanged."
        )
