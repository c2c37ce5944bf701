"""The platform's periodic jobs in one small loop, for the `scheduler` process (or one cron line with --once).

Each job is an ordinary management command, so it can also be run by hand. A failing job is logged and
the loop goes on: one broken job must not stop the others.
"""

import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

logger = logging.getLogger(__name__)

# (seconds between runs, command and arguments)
JOBS = [
    (60, ["expire_fair_holds"]),  # free stands whose Checkout hold ran out
    (3600, ["send_fair_reminders"]),  # exhibitors: listing, logistics and payment deadlines
    (300, ["expire_waitlist_offers"]),  # move waiting lists on when a held place lapses
    (3600, ["ask_meeting_follow_ups"]),  # a day after the fair: did a quote or deal follow each meeting?
    (60, ["search_index", "drain"]),  # replay index updates that failed while Elasticsearch was away
    (600, ["retry_quote_emails"]),  # quote-request emails not delivered yet
    (3600, ["send_quote_reminders"]),  # silent suppliers two days before the answer date; buyers told
    (3600, ["send_saved_search_alerts"]),  # weekly emails of saved searches (each search once a week)
    (600, ["retry_deferred"]),  # django-mailer: put deferred emails back in the queue
    (86_400, ["apply_data_retention"]),  # RODO retention periods
]


class Command(BaseCommand):
    help = "Run the periodic jobs forever (or once with --once, e.g. from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run every job once and exit")

    def handle(self, *args, once: bool, **options):
        last_run: dict[str, float] = {}
        while True:
            now = time.monotonic()
            for interval, command in JOBS:
                name = " ".join(command)
                if not once and now - last_run.get(name, -interval) < interval:
                    continue
                last_run[name] = now
                try:
                    call_command(*command, stdout=self.stdout)
                    self.stdout.write(f"ran: {name}")
                except Exception:  # noqa: BLE001 - keep the other jobs running
                    logger.exception("Periodic job failed: %s", name)
                    self.stderr.write(f"failed: {name}")
            if once:
                return
            time.sleep(5)
