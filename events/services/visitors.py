"""Visitors' free tickets: registration with double opt-in, cancellation that moves the waiting list,
claiming an offered place, and check-in on the day.

The capacity is counted under the event page's row lock (events.locking, visitor order: EventPage ->
VisitorTicket -> MeetingSlot), so the last ticket is never given twice. A place is held by a confirmed
ticket, and for a limited time by a registration whose email is not yet confirmed (PENDING) or by a
place offered to the next person waiting (OFFERED); a lapsed hold frees the place for the next one.
Emails are queued after commit (events/visitor_tasks.py); every state change is in the audit log.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .. import locking, visitor_tasks
from ..models import BadgeRole, ParticipantType, Sector, StandStaffMember, TicketStatus, VisitorTicket
from .errors import FairError
from .meetings import EXHIBITING
from .transitions import audit

CONFIRM_HOURS = 24  # a registration holds its place this long while the email is unconfirmed
CLAIM_HOURS = 24  # the next person waiting has this long to claim a place that came free


def _holding(now: datetime | None = None) -> Q:
    now = now or timezone.now()
    return Q(status=TicketStatus.CONFIRMED) | Q(
        status__in=[TicketStatus.PENDING, TicketStatus.OFFERED], hold_until__gt=now
    )


def ticket_places_left(page) -> int | None:
    """Free places for visitors of the event page (its default-locale page), None without a limit."""
    owner = page.programme_page()
    if owner.visitor_capacity is None:
        return None
    # Exhibitors' staff have badges on their stands' account, not visitors' places.
    taken = VisitorTicket.objects.filter(_holding(), page_id=owner.pk, role=BadgeRole.VISITOR).count()
    return max(owner.visitor_capacity - taken, 0)


def _email(ticket: VisitorTicket, kind: str) -> None:
    transaction.on_commit(lambda: visitor_tasks.send_ticket_email.enqueue(ticket.pk, kind))


def _set_status(ticket: VisitorTicket, status: str, user=None, **changes) -> None:
    previous = ticket.status
    ticket.status = status
    for field, value in changes.items():
        setattr(ticket, field, value)
    ticket.save()
    audit(ticket.page, f"events.ticket.{status}", user, ticket=ticket.pk, previous=previous)


def register_visitor(
    page,
    *,
    name: str,
    email: str,
    organisation: str,
    participant_type: str,
    sector: str,
    language: str | None = None,
) -> VisitorTicket:
    """Register a visitor: a place held until the email is confirmed, or the waiting list when full.

    Idempotent per email and event (a second registration returns the live ticket and sends its
    confirmation again). Locks: the event page. Emails: "ticket_confirm" (the double opt-in link).
    """
    owner = page.programme_page()
    email = email.strip().lower()
    with transaction.atomic():
        owner = locking.lock_event_page(owner.pk)
        if owner.visitor_capacity is None:
            raise FairError(_("This event has no visitor registration."))
        if owner.ends_at < timezone.now():
            raise FairError(_("This event has already taken place."))
        existing = VisitorTicket.objects.filter(page=owner, email=email).exclude(
            status=TicketStatus.CANCELLED
        )
        ticket = existing.first()
        if ticket is None:
            full = ticket_places_left(owner) <= 0
            ticket = VisitorTicket.objects.create(
                page=owner,
                name=name.strip(),
                email=email,
                organisation=organisation.strip(),
                participant_type=participant_type,
                sector=sector,
                language=language or translation.get_language() or settings.LANGUAGE_CODE,
                consent_at=timezone.now(),
                status=TicketStatus.WAITLISTED if full else TicketStatus.PENDING,
                hold_until=None if full else timezone.now() + timedelta(hours=CONFIRM_HOURS),
            )
            audit(owner, "events.ticket.registered", ticket=ticket.pk, status=ticket.status)
        if ticket.email_confirmed_at is None:
            _email(ticket, "ticket_confirm")
    return ticket


def confirm_ticket(ticket: VisitorTicket) -> VisitorTicket:
    """The double opt-in (a POST from the link in the email): the ticket is confirmed and sent.

    A registration whose hold lapsed gets a place if one is free, else it waits on the list, first in
    line among those registered after it. Idempotent. Locks: the event page, then the ticket.
    Emails: "ticket" (with the QR code and the PDF) when a place is confirmed.
    """
    with transaction.atomic():
        locking.lock_event_page(ticket.page_id)
        ticket = locking.lock_ticket(ticket.pk)
        now = timezone.now()
        if ticket.email_confirmed_at is None:
            ticket.email_confirmed_at = now
            ticket.save(update_fields=["email_confirmed_at"])
        if ticket.status == TicketStatus.PENDING:
            if ticket.hold_until > now or ticket_places_left(ticket.page) > 0:
                _set_status(ticket, TicketStatus.CONFIRMED, hold_until=None)
                _email(ticket, "ticket")
            else:
                _set_status(ticket, TicketStatus.WAITLISTED, hold_until=None)
        if ticket.status == TicketStatus.WAITLISTED:
            offer_free_places(ticket.page)
            ticket.refresh_from_db()
    return ticket


def claim_offered_place(ticket: VisitorTicket) -> VisitorTicket:
    """The person offered a free place takes it (a POST from the offer email) before it lapses.

    Locks: the event page, then the ticket. Emails: "ticket". Raises FairError once the offer lapsed.
    """
    with transaction.atomic():
        locking.lock_event_page(ticket.page_id)
        ticket = locking.lock_ticket(ticket.pk)
        if ticket.status == TicketStatus.CONFIRMED:
            return ticket
        if ticket.status != TicketStatus.OFFERED or ticket.hold_until <= timezone.now():
            raise FairError(_("This offer has expired. The place went to the next person waiting."))
        _set_status(ticket, TicketStatus.CONFIRMED, hold_until=None)
        _email(ticket, "ticket")
    return ticket


def cancel_ticket(ticket: VisitorTicket, user=None) -> VisitorTicket:
    """Cancel a ticket (by its link or by staff); its place is offered to the next person waiting.

    Idempotent. Locks: the event page, the ticket, then the tickets offered a place.
    Emails: "ticket_cancelled" to this person, "ticket_offer" to the next.
    """
    with transaction.atomic():
        locking.lock_event_page(ticket.page_id)
        ticket = locking.lock_ticket(ticket.pk)
        if ticket.status == TicketStatus.CANCELLED:
            return ticket
        if ticket.checked_in_at:
            raise FairError(_("This ticket has already been used at the entrance."))
        _set_status(ticket, TicketStatus.CANCELLED, user, hold_until=None, cancelled_at=timezone.now())
        _email(ticket, "ticket_cancelled")
        offer_free_places(ticket.page)
    return ticket


def offer_free_places(page) -> list[VisitorTicket]:
    """Offer each free place to the next person waiting whose email is confirmed, for CLAIM_HOURS.
    The caller holds the event page's lock."""
    free = ticket_places_left(page) or 0
    if free <= 0 or page.ends_at < timezone.now():
        return []
    waiting = VisitorTicket.objects.filter(
        page=page, status=TicketStatus.WAITLISTED, email_confirmed_at__isnull=False
    ).order_by("created_at", "pk")[:free]
    offered = locking.lock_tickets(VisitorTicket.objects.filter(pk__in=[t.pk for t in waiting]))
    for ticket in sorted(offered, key=lambda t: (t.created_at, t.pk)):
        _set_status(ticket, TicketStatus.OFFERED, hold_until=timezone.now() + timedelta(hours=CLAIM_HOURS))
        _email(ticket, "ticket_offer")
    return offered


def expire_ticket_holds(now: datetime | None = None) -> int:
    """Release lapsed holds (unconfirmed registrations, unclaimed offers) and offer the places on.

    Run by the scheduler; idempotent. Locks each affected event page, then its tickets.
    """
    now = now or timezone.now()
    lapsed = VisitorTicket.objects.filter(
        status__in=[TicketStatus.PENDING, TicketStatus.OFFERED], hold_until__lte=now
    )
    released = 0
    for page_id in sorted(set(lapsed.values_list("page_id", flat=True))):
        with transaction.atomic():
            page = locking.lock_event_page(page_id)
            for ticket in locking.lock_tickets(lapsed.filter(page_id=page_id)):
                if ticket.status == TicketStatus.OFFERED:
                    _set_status(ticket, TicketStatus.CANCELLED, hold_until=None, cancelled_at=now)
                else:
                    # An unconfirmed registration keeps its turn: confirming it later still works.
                    _set_status(ticket, TicketStatus.WAITLISTED, hold_until=None)
                released += 1
            offer_free_places(page)
    return released


def issue_exhibitor_tickets(page) -> list[VisitorTicket]:
    """A confirmed exhibitor ticket (badge and entry) for the contact person of each exhibitor with an
    approved stand at the event page's fair. Idempotent: one ticket per person and event; someone who
    registered as a visitor keeps that ticket. No lock: the unique (event, email) decides.
    """
    owner = page.programme_page()
    if not owner.fair_id:
        return []
    issued = []
    for application in owner.fair.applications.filter(status__in=EXHIBITING):
        email = application.contact_email.strip().lower()
        if (
            VisitorTicket.objects.filter(page=owner, email=email, staff_member__isnull=True)
            .exclude(status=TicketStatus.CANCELLED)
            .exists()
        ):
            continue
        with transaction.atomic():
            ticket = VisitorTicket.objects.create(
                page=owner,
                application=application,
                role=BadgeRole.EXHIBITOR,
                status=TicketStatus.CONFIRMED,
                name=application.contact_name,
                email=email,
                organisation=application.organisation_name,
                participant_type=ParticipantType.NGO,
                sector=Sector.SOCIAL_ECONOMY,
                language=application.language,
                consent_at=application.created_at,
                email_confirmed_at=application.created_at,
            )
        issued.append(ticket)
    # Further stand staff named by the exhibitor: a ticket each, under the contact's address.
    for member in StandStaffMember.objects.filter(
        application__fair_id=owner.fair_id, application__status__in=EXHIBITING, ticket__isnull=True
    ).select_related("application"):
        application = member.application
        issued.append(
            VisitorTicket.objects.create(
                page=owner,
                application=application,
                staff_member=member,
                role=BadgeRole.EXHIBITOR,
                status=TicketStatus.CONFIRMED,
                name=member.name,
                email=application.contact_email.strip().lower(),
                organisation=application.organisation_name,
                participant_type=ParticipantType.NGO,
                sector=Sector.SOCIAL_ECONOMY,
                language=application.language,
                consent_at=member.created_at,
                email_confirmed_at=member.created_at,
            )
        )
    return issued


@dataclass
class CheckIn:
    ticket: VisitorTicket
    already: bool  # True when the ticket had been checked in before this scan


def normalise_code(scanned: str) -> str:
    """The QR code carries "PES:<code>"; a typed code may come with spaces or in lower case."""
    value = scanned.strip().upper()
    if value.startswith("PES:"):
        value = value[4:]
    return "".join(value.split())


def check_in(scanned: str, *, page_id: int | None = None, user=None) -> CheckIn:
    """Mark the ticket of a scanned or typed code present; a second scan reports the first time.

    Locks: the ticket alone. Raises FairError for an unknown, unconfirmed or other event's code.
    """
    code = normalise_code(scanned)
    with transaction.atomic():
        ticket_id = VisitorTicket.objects.filter(code=code).values_list("pk", flat=True).first()
        if ticket_id is None:
            raise FairError(_("No ticket has this code."))
        ticket = locking.lock_ticket(ticket_id)
        if page_id is not None and ticket.page_id != page_id:
            raise FairError(_("This ticket is for another event: %(event)s.") % {"event": ticket.page.title})
        if ticket.status != TicketStatus.CONFIRMED:
            raise FairError(
                _("This ticket is not valid (%(status)s).") % {"status": ticket.get_status_display()}
            )
        if ticket.checked_in_at:
            return CheckIn(ticket, already=True)
        ticket.checked_in_at = timezone.now()
        ticket.checked_in_by = user
        ticket.save(update_fields=["checked_in_at", "checked_in_by"])
        audit(ticket.page, "events.ticket.checked_in", user, ticket=ticket.pk)
    return CheckIn(ticket, already=False)


def attendance_counts(page) -> dict[str, int]:
    """Registered (confirmed tickets) and present (checked in) for the event page's staff view."""
    tickets = VisitorTicket.objects.filter(page_id=page.programme_page().pk)
    confirmed = tickets.filter(status=TicketStatus.CONFIRMED)
    return {
        "registered": confirmed.count(),
        "present": confirmed.filter(checked_in_at__isnull=False).count(),
        "waiting": tickets.filter(status=TicketStatus.WAITLISTED).count(),
    }
