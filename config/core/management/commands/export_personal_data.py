import json

from django.core.management.base import BaseCommand

from config.core.privacy import export_personal_data


class Command(BaseCommand):
    help = "Print everything the platform holds about one email address as JSON (RODO art. 15)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        self.stdout.write(json.dumps(export_personal_data(email), ensure_ascii=False, indent=2))
