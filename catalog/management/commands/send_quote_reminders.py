"""`manage.py send_quote_reminders`: remind silent suppliers before the answer date, tell buyers when done."""

from django.core.management.base import BaseCommand

from catalog.services.quotes import remind_suppliers_and_notify_buyers


class Command(BaseCommand):
    help = (
        "Remind suppliers that have not answered and notify buyers whose requests are complete (idempotent)."
    )

    def handle(self, *args, **options):
        report = remind_suppliers_and_notify_buyers()
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in report.items()))
