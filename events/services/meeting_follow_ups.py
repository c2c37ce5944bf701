"""After the fair, both sides of each booked meeting are asked once whether a quote or a deal followed.

A day after the fair ends the scheduler's `ask_meeting_follow_ups` claims each booked, not yet asked
meeting by a conditional UPDATE (so two runs at once cannot ask twice), gives each side its own token and
queues the two emails after commit. Answers are recorded on the meeting and audited; the grant report
sums them per fair.

The answers are not written into the procurement ledger (catalog.procurement): its outcomes belong to a
quote request sent to a known supplier organisation, and a meeting at the fair has neither, so an
honest entry cannot be made. They stay a separate "deals from the fair" figure.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .. import meeting_tasks
from ..models import FollowUp, MeetingSlot
from .transitions import audit

ASK_AFTER = timedelta(days=1)
BUYER, EXHIBITOR = "buyer", "exhibitor"


def ask_meeting_follow_ups(now: datetime | None = None) -> int:
    """Ask both sides of every booked meeting of fairs that ended a day ago or more; each meeting once."""
    now = now or timezone.now()
    due = MeetingSlot.objects.filter(
        ticket__isnull=False,
        follow_up_asked_at__isnull=True,
        application__fair__ends_at__lte=now - ASK_AFTER,
    ).values_list("pk", flat=True)
    asked = 0
    for pk in list(due):
        with transaction.atomic():
            claimed = MeetingSlot.objects.filter(pk=pk, follow_up_asked_at__isnull=True).update(
                follow_up_asked_at=now,
                buyer_follow_up_token=uuid.uuid4(),
                exhibitor_follow_up_token=uuid.uuid4(),
            )
            if not claimed:
                continue
            slot = MeetingSlot.objects.select_related("application").get(pk=pk)
            audit(slot.application, "events.meeting.follow_up_asked", None, slot=pk)
            transaction.on_commit(lambda pk=pk: meeting_tasks.send_follow_up_questions.enqueue(pk))
        asked += 1
    return asked


def follow_up_by_token(token) -> tuple[MeetingSlot, str]:
    """The meeting and the side ("buyer" or "exhibitor") a follow-up token belongs to."""
    slot = MeetingSlot.objects.select_related("application__fair", "ticket").get(
        Q(buyer_follow_up_token=token) | Q(exhibitor_follow_up_token=token)
    )
    return slot, BUYER if slot.buyer_follow_up_token == token else EXHIBITOR


def record_follow_up(slot: MeetingSlot, side: str, answer: str, value_net: Decimal | None) -> None:
    """Record one side's answer (a later answer replaces it); a value only goes with a contract."""
    if answer not in FollowUp.values or side not in (BUYER, EXHIBITOR):
        raise ValueError(answer)
    if answer != FollowUp.CONTRACT:
        value_net = None
    MeetingSlot.objects.filter(pk=slot.pk).update(
        **{f"{side}_follow_up": answer, f"{side}_value_net": value_net, f"{side}_answered_at": timezone.now()}
    )
    audit(
        slot.application,
        "events.meeting.follow_up_answered",
        None,
        slot=slot.pk,
        side=side,
        answer=answer,
        value_net=value_net if value_net is not None else "",
    )


@dataclass
class Matchmaking:
    """A fair's matchmaking figures for the grant report."""

    held: int = 0
    answered: int = 0
    follow_ups: int = 0
    deals: int = 0
    value_net: Decimal = Decimal("0")

    def add(self, other: "Matchmaking") -> None:
        self.held += other.held
        self.answered += other.answered
        self.follow_ups += other.follow_ups
        self.deals += other.deals
        self.value_net += other.value_net


def fair_matchmaking(fair_id: int) -> Matchmaking:
    """Booked meetings, how many had an answer, how many led to a quote or a contract, contracts and value."""
    figures = Matchmaking()
    for slot in MeetingSlot.objects.filter(application__fair_id=fair_id, ticket__isnull=False):
        figures.held += 1
        outcome = slot.outcome
        figures.answered += bool(outcome)
        figures.follow_ups += outcome in (FollowUp.QUOTE, FollowUp.CONTRACT)
        if outcome == FollowUp.CONTRACT:
            figures.deals += 1
            figures.value_net += slot.deal_value or 0
    return figures
