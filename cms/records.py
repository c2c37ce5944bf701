"""Records the brand site's workflows write: letter-of-intent signatures and contact messages.

They point to their pages by name ("cms.LetterOfIntentPage"), so this module needs neither the page
types nor the forms and services that use it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.rules import validate_nip


class SignatureReview(models.TextChoices):
    # A verified member signing from one of its own addresses needs no review; anyone else does.
    NOT_NEEDED = "not_needed", _("Not needed (a verified member)")
    PENDING = "pending", _("Waiting for staff review")
    APPROVED = "approved", _("Approved by staff")
    REJECTED = "rejected", _("Rejected by staff")


class SignatureQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def public(self):
        """Confirmed by email and either a verified member's or approved by staff: the published list."""
        return self.confirmed().filter(review__in=(SignatureReview.NOT_NEEDED, SignatureReview.APPROVED))


class LetterOfIntentSignature(models.Model):
    """One organisation's signature under the letter of intent; public once the email is confirmed and,
    unless a verified member signed from its own address, staff approved it."""

    page = models.ForeignKey(
        "cms.LetterOfIntentPage",
        on_delete=models.CASCADE,
        related_name="signatures",
        verbose_name=_("letter"),
    )
    organisation_name = models.CharField(_("organisation"), max_length=255)
    nip = models.CharField(_("NIP"), max_length=10, validators=[validate_nip])
    signatory_name = models.CharField(_("signatory's name"), max_length=255)
    signatory_role = models.CharField(_("signatory's role"), max_length=255)
    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=8, default="pl")
    consent_at = models.DateTimeField(_("consent given at"))
    created_at = models.DateTimeField(_("signed at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("email confirmed at"), null=True, blank=True)
    review = models.CharField(
        _("staff review"), max_length=16, choices=SignatureReview.choices, default=SignatureReview.PENDING
    )

    objects = SignatureQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("letter of intent signature")
        verbose_name_plural = _("letter of intent signatures")
        # No unique NIP: a second signature with the same NIP goes to staff review instead of blocking
        # the real organisation (NIP squatting); only one per NIP is ever approved (cms.services).

    def __str__(self) -> str:
        return f"{self.organisation_name} ({self.nip})"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class ContactMessage(models.Model):
    page = models.ForeignKey(
        "cms.ContactPage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="messages",
        verbose_name=_("page"),
    )
    name = models.CharField(_("name"), max_length=255)
    email = models.EmailField(_("email"))
    subject = models.CharField(_("subject"), max_length=255)
    message = models.TextField(_("message"))
    # A keyed hash, not the address: enough to rate-limit, nothing to leak.
    client_fingerprint = models.CharField(max_length=64, db_index=True, editable=False)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")

    def __str__(self) -> str:
        return f"{self.subject} — {self.name}"


class MembershipConflict(models.Model):
    """A membership application whose NIP is already in the catalogue: a review item for staff.

    Refusing it would let whoever typed a NIP first (applied, never verified) block the real
    organisation; staff compare it with the organisation already holding the NIP and contact both.
    """

    nip = models.CharField(_("NIP"), max_length=10, validators=[validate_nip])
    organisation_name = models.CharField(_("organisation"), max_length=255)
    contact_person = models.CharField(_("contact person"), max_length=255)
    email = models.EmailField(_("email"))
    application = models.JSONField(_("application"), default=dict)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    resolved = models.BooleanField(_("resolved"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("NIP conflict of a membership application")
        verbose_name_plural = _("NIP conflicts of membership applications")

    def __str__(self) -> str:
        return f"{self.organisation_name} ({self.nip})"
