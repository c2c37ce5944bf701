"""Buyer–supplier meetings at the fair: exhibitors publish 15-minute slots for the fair day, buyers
with a confirmed ticket book up to the event's limit, and both sides get the schedule with an .ics.

A booking locks the buyer's ticket (their count of meetings), then the slot (events.locking, visitor
order), so neither a slot nor a buyer's limit can be overbooked by two requests at once.
Emails are queued after commit; bookings and cancellations are in the audit log of the application.
"""

import csv
import io
from dataclasses import dataclass
from datetime import datetime, timedelta  # noqa: F401  (timedelta is used by callers)

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.core.exports import neutralise_formula

from .. import locking, meeting_tasks
from ..models import (
    SLOT_MINUTES,
    ApplicationStatus,
    ExhibitorApplication,
    MeetingSlot,
    TicketStatus,
    VisitorTicket,
)
from .errors import FairError
from .transitions import audit

# Applications that have a stand at the fair and may therefore receive buyers.
EXHIBITING = (ApplicationStatus.APPROVED, ApplicationStatus.CONFIRMED)


def publish_slots(application: ExhibitorApplication, start: datetime, end: datetime) -> list[MeetingSlot]:
    """Publish the exhibitor's 15-minute slots from start to end on the fair day; existing slots stay.

    Idempotent (a slot already published at a time is kept, with its booking). No lock: each slot is
    one row with a unique (exhibitor, time), and publishing never touches a booking.
    """
    fair = application.fair
    if application.status not in EXHIBITING:
        raise FairError(_("Only exhibitors with an approved stand can publish meeting slots."))
    if start < fair.starts_at or end > fair.ends_at or end <= start:
        raise FairError(_("Meeting slots must fall within the fair's opening hours."))
    created = []
    moment = start
    while moment + timedelta(minutes=SLOT_MINUTES) <= end:
        try:
            with transaction.atomic():
                slot, new = MeetingSlot.objects.get_or_create(application=application, starts_at=moment)
        except IntegrityError:  # published at the same moment by a second request
            new = False
        if new:
            created.append(slot)
        moment += timedelta(minutes=SLOT_MINUTES)
    return created


def open_slots(page) -> list[MeetingSlot]:
    """Free slots of the exhibitors of the event page's fair, in time order."""
    owner = page.programme_page()
    if not owner.fair_id:
        return []
    return list(
        MeetingSlot.objects.filter(
            application__fair_id=owner.fair_id, application__status__in=EXHIBITING, ticket__isnull=True
        ).select_related("application")
    )


def buyer_meetings(ticket: VisitorTicket) -> list[MeetingSlot]:
    return list(ticket.meetings.select_related("application").order_by("starts_at"))


def exhibitor_meetings(application: ExhibitorApplication) -> list[MeetingSlot]:
    return list(application.meeting_slots.select_related("ticket").order_by("starts_at"))


def book_meeting(ticket: VisitorTicket, slot_id: int) -> MeetingSlot:
    """Book a slot for a buyer. Guarantees: a slot has one buyer; a buyer has at most the event's
    `meetings_per_buyer` meetings and never two at the same time.

    Locks: the buyer's ticket, then the slot. Emails: "meeting_booked" to the buyer and the exhibitor.
    """
    with transaction.atomic():
        ticket = locking.lock_ticket(ticket.pk)
        page = ticket.page
        if ticket.status != TicketStatus.CONFIRMED or not ticket.is_buyer:
            raise FairError(_("Meetings can be booked by buyers with a confirmed ticket."))
        booked = list(ticket.meetings.all())
        if len(booked) >= page.meetings_per_buyer:
            raise FairError(
                _("You have booked the most meetings allowed (%(count)d).")
                % {"count": page.meetings_per_buyer}
            )
        slot = locking.lock_meeting_slot(slot_id)
        if slot.application.fair_id != page.fair_id or slot.application.status not in EXHIBITING:
            raise FairError(_("This meeting slot is not available."))
        if slot.ticket_id is not None:
            raise FairError(_("Someone has just booked this slot. Please choose another."))
        if any(other.starts_at == slot.starts_at for other in booked):
            raise FairError(_("You already have a meeting at this time."))
        slot.ticket = ticket
        slot.booked_at = timezone.now()
        slot.save(update_fields=["ticket", "booked_at"])
        audit(slot.application, "events.meeting.booked", None, slot=slot.pk, ticket=ticket.pk)
        transaction.on_commit(lambda: meeting_tasks.send_meeting_emails.enqueue(slot.pk, "meeting_booked"))
    return slot


def cancel_meeting(ticket: VisitorTicket, slot_id: int) -> None:
    """The buyer frees a booked slot. Locks: the ticket, then the slot. Idempotent."""
    with transaction.atomic():
        ticket = locking.lock_ticket(ticket.pk)
        slot = locking.lock_meeting_slot(slot_id)
        if slot.ticket_id != ticket.pk:
            return
        slot.ticket = None
        slot.booked_at = None
        slot.save(update_fields=["ticket", "booked_at"])
        audit(slot.application, "events.meeting.cancelled", None, slot=slot.pk, ticket=ticket.pk)


@dataclass
class MeetingsGrid:
    """Exhibitors (rows) by quarter hours of the fair day (columns); a cell is a slot or None."""

    times: list[datetime]
    rows: list[tuple[ExhibitorApplication, list[MeetingSlot | None]]]


def meetings_grid(page) -> MeetingsGrid:
    owner = page.programme_page()
    slots = list(
        MeetingSlot.objects.filter(application__fair_id=owner.fair_id)
        .select_related("application", "ticket")
        .order_by("application__organisation_name", "starts_at")
    )
    times = sorted({slot.starts_at for slot in slots})
    by_application: dict[int, dict[datetime, MeetingSlot]] = {}
    applications: dict[int, ExhibitorApplication] = {}
    for slot in slots:
        applications[slot.application_id] = slot.application
        by_application.setdefault(slot.application_id, {})[slot.starts_at] = slot
    rows = [
        (application, [by_application[pk].get(moment) for moment in times])
        for pk, application in applications.items()
    ]
    return MeetingsGrid(times=times, rows=rows)


def meetings_csv(grid: MeetingsGrid) -> str:
    """The grid as CSV, one line per booked meeting; typed text cannot run as a formula."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Time"),
            _("Exhibitor"),
            _("Stand"),
            _("Buyer"),
            _("Organisation"),
            _("Email"),
            _("Buyer: what followed"),
            _("Exhibitor: what followed"),
            _("Contract value, net (PLN)"),
        ]
    )
    for application, cells in grid.rows:
        for slot in cells:
            if slot is None or slot.ticket is None:
                continue
            row = [
                timezone.localtime(slot.starts_at).strftime("%Y-%m-%d %H:%M"),
                application.organisation_name,
                application.stand_number,
                slot.ticket.name,
                slot.ticket.organisation,
                slot.ticket.email,
                slot.get_buyer_follow_up_display(),
                slot.get_exhibitor_follow_up_display(),
                slot.deal_value if slot.deal_value is not None else "",
            ]
            writer.writerow([neutralise_formula(value) for value in row])
    return out.getvalue()
