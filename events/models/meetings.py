"""Buyer–supplier meetings at the fair: 15-minute slots an exhibitor publishes, booked by buyers.

A slot is one row per exhibitor and start time; booking sets `ticket` under the slot's row lock, so a
slot is never booked twice. The workflows live in events/services/meetings.py.
"""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

SLOT_MINUTES = 15


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
    def ends_at(self):
        return self.starts_at + timedelta(minutes=SLOT_MINUTES)
