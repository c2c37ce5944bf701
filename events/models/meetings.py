"""Buyer–supplier meetings at the fair: 15-minute slots an exhibitor publishes, booked by buyers.

A slot is one row per exhibitor and start time; booking sets `ticket` under the slot's row lock, so a
slot is never booked twice. The workflows live in events/services/meetings.py.
"""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

SLOT_MINUTES = 15


class FollowUp(models.TextChoices):
    """What followed a meeting, as each side reports it a day after the fair."""

    NOTHING = "nothing", _("Nothing yet")
    QUOTE = "quote", _("A quote was requested")
    CONTRACT = "contract", _("A contract was signed")


class MeetingSlot(models.Model):
    application = models.ForeignKey(
        "events.ExhibitorApplication", on_delete=models.CASCADE, related_name="meeting_slots"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ticket = models.ForeignKey(
        "events.VisitorTicket",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        verbose_name=_("booked by"),
    )
    booked_at = models.DateTimeField(_("booked at"), null=True, blank=True)
    # After the fair each side is asked once (follow_up_asked_at set by a conditional UPDATE, so a
    # second scheduler run cannot ask again); each side answers through its own token link.
    follow_up_asked_at = models.DateTimeField(_("follow-up asked at"), null=True, blank=True)
    buyer_follow_up_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    exhibitor_follow_up_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    buyer_follow_up = models.CharField(
        _("buyer: what followed"), max_length=10, choices=FollowUp.choices, blank=True
    )
    buyer_value_net = models.DecimalField(
        _("buyer: value net (PLN)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    buyer_answered_at = models.DateTimeField(_("buyer answered at"), null=True, blank=True)
    exhibitor_follow_up = models.CharField(
        _("exhibitor: what followed"), max_length=10, choices=FollowUp.choices, blank=True
    )
    exhibitor_value_net = models.DecimalField(
        _("exhibitor: value net (PLN)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    exhibitor_answered_at = models.DateTimeField(_("exhibitor answered at"), null=True, blank=True)
    # The social-spend ledger line the answers feed (events/services/meeting_follow_ups.py). The link
    # lives here because the catalogue must not import the events app; SET_NULL so staff deleting a
    # ledger line in the admin only unlinks the meeting.
    procurement_outcome = models.OneToOneField(
        "procurement.ProcurementOutcome",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting",
        editable=False,
        verbose_name=_("contract outcome"),
    )

    class Meta:
        ordering = ["starts_at", "application_id"]
        verbose_name = _("meeting slot")
        verbose_name_plural = _("meeting slots")
        constraints = [
            models.UniqueConstraint(fields=["application", "starts_at"], name="one_slot_per_exhibitor_time")
        ]

    def __str__(self) -> str:
        return f"{self.application.organisation_name} {self.starts_at:%H:%M}"

    @property
    def outcome(self) -> str:
        """The meeting's result: the further of the two answers (a contract outranks a quote)."""
        answers = {self.buyer_follow_up, self.exhibitor_follow_up}
        for value in (FollowUp.CONTRACT, FollowUp.QUOTE, FollowUp.NOTHING):
            if value in answers:
                return value
        return ""

    @property
    def deal_value(self):
        """The contract's value, counted once: the buyer's figure, else the exhibitor's. The buyer's
        comes first as in the social-spend ledger, where the buyer records and the supplier confirms;
        the grant report and the ledger line use this one rule. A zero is no value."""
        for answer, value in (
            (self.buyer_follow_up, self.buyer_value_net),
            (self.exhibitor_follow_up, self.exhibitor_value_net),
        ):
            if answer == FollowUp.CONTRACT and value:
                return value
        return None

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=SLOT_MINUTES)
