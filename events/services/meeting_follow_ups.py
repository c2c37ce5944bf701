"""After the fair, both sides of each booked meeting are asked once whether a quote or a deal followed.

A day after the fair ends the scheduler's `ask_meeting_follow_ups` claims each booked, not yet asked
meeting by a conditional UPDATE (so two runs at once cannot ask twice), gives each side its own token and
queues the two emails after commit. Answers are recorded on the meeting and audited; the grant report
sums them per fair ("deals from the fair", every meeting, `fair_matchmaking`).

Deals also feed the social-spend ledger (catalog.procurement.ledger), under this rule:

- When either side answers "contract" with a value and the exhibitor's application is linked to a
  catalogue organisation, the meeting has exactly one ledger line (source "fair"): supplier = that
  organisation, its subregion copied; buyer type from the ticket's participant type (`BUYER_TYPES`);
  the buyer's institution only for a public body, as in the open data; date = the fair's (first) day;
  contract type "ordinary" (a fair does not ask); value = `MeetingSlot.deal_value` (the buyer's figure
  if given, else the exhibitor's: the buyer records, the supplier confirms, as with a quote request).
- The exhibitor answering "contract" marks the line confirmed by the supplier (as `confirm_outcome`);
  the exhibitor answering anything else takes that back, unless the supplier confirmed in its portal.
- A later answer changes the line; when no side says "contract" with a value any more, the line goes.
  If only one side withdraws, the line stays as the other side's answer says.
- No line without a catalogue organisation (no supplier to name) or without the buyer's ticket (no
  buyer type); the grant report still counts those deals.

The answer and its ledger line are written in one transaction under the meeting's row lock
(`locking.lock_meeting_slot`), so two sides answering at once leave one line. The meeting points to its
line (`MeetingSlot.procurement_outcome`): the catalogue never imports the events app. Erasing the buyer's
personal data keeps the line, which names no person.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from catalog.choices import BuyerType
from catalog.procurement.ledger import record_fair_deal, update_fair_deal, withdraw_fair_deal
from catalog.rules import MAX_PRICE_GROSZE

from .. import locking, meeting_tasks
from ..models import FollowUp, MeetingSlot, ParticipantType
from .transitions import audit

ASK_AFTER = timedelta(days=1)
BUYER, EXHIBITOR = "buyer", "exhibitor"

# The ledger's buyer types. Academia counts as a public body: the universities and research institutes
# at the fair are mostly public ones, contracting authorities under art. 4 Pzp, whose purchases are
# public spending (an NGO reading would misplace them in the buyer-type breakdown).
BUYER_TYPES = {
    ParticipantType.COMPANY: BuyerType.COMPANY,
    ParticipantType.PUBLIC_BODY: BuyerType.PUBLIC_BODY,
    ParticipantType.NGO: BuyerType.NGO,
    ParticipantType.RESIDENT: BuyerType.PERSON,
    ParticipantType.ACADEMIA: BuyerType.PUBLIC_BODY,
}


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
    """Record one side's answer (a later answer replaces it; a value only goes with a contract) and
    bring the meeting's ledger line in line with both answers. Audited.

    Locks: the meeting slot alone (no ticket: an answer changes no booking), then its ledger line.
    """
    if answer not in FollowUp.values or side not in (BUYER, EXHIBITOR):
        raise ValueError(answer)
    if answer != FollowUp.CONTRACT:
        value_net = None
    with transaction.atomic():
        slot = locking.lock_meeting_slot(slot.pk)
        setattr(slot, f"{side}_follow_up", answer)
        setattr(slot, f"{side}_value_net", value_net)
        setattr(slot, f"{side}_answered_at", timezone.now())
        slot.save(update_fields=[f"{side}_follow_up", f"{side}_value_net", f"{side}_answered_at"])
        audit(
            slot.application,
            "events.meeting.follow_up_answered",
            None,
            slot=slot.pk,
            side=side,
            answer=answer,
            value_net=value_net if value_net is not None else "",
        )
        _sync_ledger_line(slot)


def _sync_ledger_line(slot: MeetingSlot) -> None:
    """Add, change or withdraw the meeting's ledger line (the rule is in the module docstring). The
    caller holds the slot's lock."""
    value = _grosze(slot.deal_value)
    if slot.procurement_outcome_id is not None:
        if value is None:
            withdraw_fair_deal(slot.procurement_outcome_id)  # the slot's link is set null with it
            slot.procurement_outcome = None
        else:
            update_fair_deal(
                slot.procurement_outcome_id, value_net=value, supplier_confirmed=_supplier_confirmed(slot)
            )
        return
    application = slot.application
    if value is None or application.organisation_id is None or slot.ticket_id is None:
        return
    ticket = slot.ticket
    slot.procurement_outcome = record_fair_deal(
        organisation=application.organisation,
        value_net=value,
        awarded_on=timezone.localdate(application.fair.starts_at),
        buyer_type=BUYER_TYPES[ticket.participant_type],
        buyer_institution=ticket.organisation,
        supplier_confirmed=bool(_supplier_confirmed(slot)),
    )
    slot.save(update_fields=["procurement_outcome"])


def _supplier_confirmed(slot: MeetingSlot) -> bool | None:
    """The exhibitor's word: a contract (True), something else (False) or no answer yet (None)."""
    if not slot.exhibitor_follow_up:
        return None
    return slot.exhibitor_follow_up == FollowUp.CONTRACT


def _grosze(value: Decimal | None) -> int | None:
    """PLN as the ledger's integer grosze; none outside what the ledger takes (the form caps it too)."""
    if value is None:
        return None
    grosze = int((value * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    return grosze if 0 < grosze <= MAX_PRICE_GROSZE else None


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
    """Booked meetings, how many had an answer, how many led to a quote or a contract, contracts and value.

    Read from the answers, not the ledger: it counts every meeting's contract, also at exhibitors
    without a catalogue profile (no ledger line). The value is `deal_value`, as on the ledger line; the
    report shows it on its own and no total adds it to the ledger's (the impact page reads only those).
    """
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
