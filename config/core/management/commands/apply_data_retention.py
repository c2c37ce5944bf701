from django.core.management.base import BaseCommand

from config.core.privacy import apply_data_retention


class Command(BaseCommand):
    help = "Purge or anonymise personal data past its retention period (run daily)."

    def handle(self, *args, **options):
        for what, count in apply_data_retention().items():
            self.stdout.write(f"{what}: {count}")
