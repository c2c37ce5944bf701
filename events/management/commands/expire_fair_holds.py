"""Release stand holds whose time is up and tell the waiting list; run it every few minutes (cron)."""

from django.core.management.base import BaseCommand

from events.services import expire_holds


class Command(BaseCommand):
    help = "Release expired stand holds, expire their payments and notify the waiting list."

    def handle(self, *args, **options):
        released = expire_holds()
        self.stdout.write(f"Released {released} expired stand holds.")
