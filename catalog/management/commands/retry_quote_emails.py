"""`manage.py retry_quote_emails`: queue again every quote email not delivered yet (run from cron)."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from catalog.services.quotes import RETRY_AFTER, retry_undelivered_quote_emails


class Command(BaseCommand):
    help = "Queue again the quote-request emails that were not delivered (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-minutes",
            type=int,
            default=int(RETRY_AFTER.total_seconds() // 60),
            help="only emails that have been waiting at least this long",
        )

    def handle(self, *args, older_than_minutes: int, **options):
        queued = retry_undelivered_quote_emails(timedelta(minutes=older_than_minutes))
        self.stdout.write(f"Queued {queued} email(s) again.")
