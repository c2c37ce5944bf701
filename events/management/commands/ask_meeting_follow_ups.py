"""Ask both sides of each booked meeting, a day after the fair ends, whether a quote or a deal followed."""

from django.core.management.base import BaseCommand

from events.services.meeting_follow_ups import ask_meeting_follow_ups


class Command(BaseCommand):
    help = "Email buyers and exhibitors once after the fair: did a quote or a deal follow the meeting?"

    def handle(self, *args, **options):
        self.stdout.write(f"Asked about {ask_meeting_follow_ups()} meetings.")
