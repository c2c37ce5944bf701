"""Verified facts of an organisation: the member's proposed changes and when staff last verified each fact.

Buyers choose suppliers for reserved contracts (art. 94 Pzp) from these facts, so a member's change does
not reach the organisation (nor the profile, the search index or the 30% rule) until staff approve it.
Imported by catalog.models so Django registers them; they name the organisation by string.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FactChange(models.Model):
    """A member's proposed value of one verified fact, waiting for staff beside the current value."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for verification")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    organisation = models.ForeignKey(
        "catalog.Organisation",
        on_delete=models.CASCADE,
        related_name="fact_changes",
        verbose_name=_("organisation"),
    )
    field = models.CharField(_("fact"), max_length=40)
    current_value = models.JSONField(_("verified value"), null=True, blank=True)
    proposed_value = models.JSONField(_("proposed value"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    # SET_NULL: erasing a person keeps the organisation's history without them.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    note = models.TextField(_("note from staff"), blank=True)

    class Meta:
        ordering = ["requested_at"]
        verbose_name = _("fact change")
        verbose_name_plural = _("fact changes")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "field"],
                condition=models.Q(status="pending"),
                name="one_pending_change_per_fact",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.field}"


class FactVerification(models.Model):
    """When staff last verified one fact of an organisation, and in which role (never their name)."""

    organisation = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="fact_verifications"
    )
    field = models.CharField(_("fact"), max_length=40)
    verified_at = models.DateTimeField(_("verified at"))
    verified_by_role = models.CharField(_("verified by (role)"), max_length=120)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "field"], name="one_verification_per_fact")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.field} ({self.verified_at:%Y-%m-%d})"
