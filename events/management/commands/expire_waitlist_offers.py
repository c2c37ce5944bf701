"""Lapse unclaimed offers of freed places (visitor tickets and session sign-ups) and unconfirmed
registrations' holds, and offer the places to the next people waiting; run it every few minutes."""

from django.core.management.base import BaseCommand

from events.services import expire_session_offers
from events.services.visitors import expire_ticket_holds


class Command(BaseCommand):
    help = "Release lapsed ticket holds and waiting-list offers, and offer the places on."

    def handle(self, *args, **options):
        tickets = expire_ticket_holds()
        sessions = expire_session_offers()
        self.stdout.write(f"Released {tickets} ticket holds and {sessions} session offers.")
