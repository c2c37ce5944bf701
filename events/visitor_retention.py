"""Personal data of visitors (RODO): tickets (with check-in times and badges printed from them), the
buyer–supplier meetings booked with them, and the stand staff names an exhibitor listed for badges
(kept and erased with the exhibitor's contact person, whose address their tickets carry).

The grant's attendance reports count people by participant type and sector for years after an event,
so a ticket is anonymised, not deleted: the name, email and organisation go, the counts stay. A ticket
is anonymised after its event is past the retention period, or at once when the person asks; a live
ticket for a coming event is then cancelled and its place offered to the next person waiting.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from . import locking
from .models import MeetingSlot, StandStaffMember, TicketStatus, VisitorTicket
from .retention import ERASED
from .services.visitors import offer_free_places


def _anonymise(tickets) -> int:
    count = 0
    for ticket in tickets:
        ticket.name = ERASED
        ticket.email = f"usunieto-{ticket.pk}@invalid"
        ticket.organisation = ""
        ticket.save(update_fields=["name", "email", "organisation"])
        count += 1
    return count


def purge(now: datetime, days: dict[str, int]) -> dict[str, int]:
    cutoff = now - timedelta(days=days["visitor_tickets"])
    with transaction.atomic():
        stale = VisitorTicket.objects.filter(page__ends_at__lt=cutoff).exclude(name=ERASED)
        anonymised = _anonymise(locking.lock_tickets(stale))
        staff = (
            StandStaffMember.objects.filter(application__fair__ends_at__lt=cutoff)
            .exclude(name=ERASED)
            .update(name=ERASED)
        )
    return {"visitor tickets anonymised": anonymised, "stand staff names erased": staff}


def export_for(email: str) -> dict:
    tickets = VisitorTicket.objects.filter(email__iexact=email).select_related("page")
    return {
        "visitor_tickets": [
            {
                "event": ticket.page.title,
                "name": ticket.name,
                "email": ticket.email,
                "organisation": ticket.organisation,
                "participant_type": ticket.participant_type,
                "sector": ticket.sector,
                "role": ticket.role,
                "status": ticket.status,
                "registered_at": ticket.created_at.isoformat(),
                "consent_at": ticket.consent_at.isoformat(),
                "checked_in_at": ticket.checked_in_at.isoformat() if ticket.checked_in_at else None,
            }
            for ticket in tickets
        ],
        "stand_staff": list(
            StandStaffMember.objects.filter(application__contact_email__iexact=email).values_list(
                "name", flat=True
            )
        ),
        "meetings": [
            {
                "starts_at": slot.starts_at.isoformat(),
                "exhibitor": slot.application.organisation_name,
                "event": slot.ticket.page.title,
                # the person's own answer after the fair (what followed the meeting)
                "follow_up": slot.buyer_follow_up,
                "follow_up_value_net": str(slot.buyer_value_net)
                if slot.buyer_value_net is not None
                else None,
            }
            for slot in MeetingSlot.objects.filter(ticket__email__iexact=email).select_related(
                "application", "ticket__page"
            )
        ],
    }


def erase_for(email: str) -> dict[str, int]:
    """Anonymise the person's tickets; coming events' places and meeting slots go back to others.
    Locks: each event page, then its tickets, then nothing else (slots are freed by update)."""
    anonymised = freed = 0
    now = timezone.now()
    page_ids = sorted(
        set(VisitorTicket.objects.filter(email__iexact=email).values_list("page_id", flat=True))
    )
    for page_id in page_ids:
        with transaction.atomic():
            page = locking.lock_event_page(page_id)
            tickets = locking.lock_tickets(VisitorTicket.objects.filter(page_id=page_id, email__iexact=email))
            for ticket in tickets:
                # The answer after the fair stays (a count, no personal data), and so does the ledger
                # line it fed (it names no person); the link that was sent no longer opens the meeting.
                MeetingSlot.objects.filter(ticket=ticket).update(buyer_follow_up_token=None)
                if page.ends_at > now:
                    freed += MeetingSlot.objects.filter(ticket=ticket).update(ticket=None, booked_at=None)
                    if ticket.status != TicketStatus.CANCELLED and not ticket.checked_in_at:
                        ticket.status = TicketStatus.CANCELLED
                        ticket.cancelled_at = now
                        ticket.hold_until = None
                        ticket.save(update_fields=["status", "cancelled_at", "hold_until"])
            anonymised += _anonymise(tickets)
            offer_free_places(page)
    staff = StandStaffMember.objects.filter(application__contact_email__iexact=email).update(name=ERASED)
    return {
        "visitor tickets anonymised": anonymised,
        "meeting slots freed": freed,
        "stand staff names erased": staff,
    }
