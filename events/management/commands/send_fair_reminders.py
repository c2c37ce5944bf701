"""Remind exhibitors of the fair's deadlines (listing, logistics, payment); run by the scheduler."""

from django.core.management.base import BaseCommand

from events.services.listings import send_deadline_reminders


class Command(BaseCommand):
    help = "Email exhibitors whose listing, logistics or payment deadline is near and not met."

    def handle(self, *args, **options):
        self.stdout.write(f"Sent {send_deadline_reminders()} fair deadline reminders.")
