"""`manage.py send_saved_search_alerts`: the weekly emails of confirmed saved searches (idempotent)."""

from django.core.management.base import BaseCommand

from catalog.procurement.alerts import send_weekly_alerts


class Command(BaseCommand):
    help = "Email each confirmed saved search its new or changed offers, once a week; nothing when none."

    def handle(self, *args, **options):
        report = send_weekly_alerts()
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in report.items()))
