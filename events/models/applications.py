"""Exhibitors' applications for stands, the holds that keep a stand while they pay, and the waiting list."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from catalog.choices import LegalForm
from catalog.rules import validate_nip

from .fair import Fair, StandAddon, StandType


class ExhibitorLegalForm(models.TextChoices):
    SPOLDZIELNIA_SOCJALNA = LegalForm.SPOLDZIELNIA_SOCJALNA.value, LegalForm.SPOLDZIELNIA_SOCJALNA.label
    FUNDACJA = LegalForm.FUNDACJA.value, LegalForm.FUNDACJA.label
    STOWARZYSZENIE = LegalForm.STOWARZYSZENIE.value, LegalForm.STOWARZYSZENIE.label
    SPOLKA_NON_PROFIT = LegalForm.SPOLKA_NON_PROFIT.value, LegalForm.SPOLKA_NON_PROFIT.label
    CIS = LegalForm.CIS.value, LegalForm.CIS.label
    KIS = LegalForm.KIS.value, LegalForm.KIS.label
    WTZ = LegalForm.WTZ.value, LegalForm.WTZ.label
    ZAZ = LegalForm.ZAZ.value, LegalForm.ZAZ.label
    SPOLDZIELNIA_PRACY = LegalForm.SPOLDZIELNIA_PRACY.value, LegalForm.SPOLDZIELNIA_PRACY.label
    COMPANY = "company", _("Company")
    PUBLIC_BODY = "public_body", _("Public body")
    OTHER = "other", _("Other")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted, awaiting review")
    APPROVED = "approved", _("Approved, awaiting payment")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")
    WAITLISTED = "waitlisted", _("On the waiting list")


class PaymentMethod(models.TextChoices):
    STRIPE = "stripe", _("Online payment (card, BLIK, Przelewy24)")
    TRANSFER = "transfer", _("Bank transfer")
    FREE = "free", _("Free of charge")


class ExhibitorApplication(models.Model):
    """An organisation's application for a stand at a fair, with its invoice data and price snapshot."""

    fair = models.ForeignKey(
        Fair, on_delete=models.PROTECT, related_name="applications", verbose_name=_("fair")
    )
    stand_type = models.ForeignKey(
        StandType, on_delete=models.PROTECT, related_name="applications", verbose_name=_("stand type")
    )
    addons = models.ManyToManyField(
        StandAddon, blank=True, related_name="applications", verbose_name=_("add-ons")
    )
    access_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exhibitor_applications",
        verbose_name=_("applicant account"),
    )
    organisation = models.ForeignKey(
        "catalog.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exhibitor_applications",
        verbose_name=_("catalogue profile"),
    )

    organisation_name = models.CharField(_("organisation name"), max_length=255)
    nip = models.CharField(_("NIP"), max_length=10, validators=[validate_nip])
    legal_form = models.CharField(_("legal form"), max_length=32, choices=ExhibitorLegalForm.choices)
    address = models.CharField(_("address"), max_length=255)

    invoice_name = models.CharField(_("invoice: buyer name"), max_length=255)
    # Empty for a buyer without a NIP (a private person): the FA(3) then says "BrakID".
    invoice_nip = models.CharField(_("invoice: NIP"), max_length=10, blank=True, validators=[validate_nip])
    invoice_address = models.CharField(_("invoice: address"), max_length=255)
    invoice_email = models.EmailField(_("invoice: email"))
    # A public body (e.g. a municipality) is the buyer; the unit that receives the invoice and pays
    # (a school, a social welfare centre) is the recipient, "Podmiot3" in FA(3).
    invoice_recipient_name = models.CharField(
        _("invoice: recipient (paying unit)"), max_length=255, blank=True
    )
    invoice_recipient_nip = models.CharField(
        _("invoice: recipient NIP"), max_length=10, blank=True, validators=[validate_nip]
    )
    invoice_recipient_address = models.CharField(_("invoice: recipient address"), max_length=255, blank=True)

    contact_name = models.CharField(_("contact person"), max_length=255)
    contact_email = models.EmailField(_("contact email"))
    contact_phone = models.CharField(_("contact phone"), max_length=32)

    exhibits = models.TextField(_("what will be shown or sold"))
    sells_food = models.BooleanField(_("food will be sold"), default=False)
    sanitary_requirements_confirmed = models.BooleanField(_("sanitary requirements confirmed"), default=False)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    consent_terms = models.BooleanField(_("accepts the fair's terms"), default=False)
    consent_privacy = models.BooleanField(_("accepts the privacy notice (RODO)"), default=False)

    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    rejection_reason = models.TextField(_("rejection reason"), blank=True)
    payment_method = models.CharField(
        _("payment method"), max_length=16, choices=PaymentMethod.choices, blank=True
    )
    transfer_reference = models.CharField(
        _("bank transfer reference"), max_length=32, unique=True, null=True, blank=True
    )
    stand_number = models.CharField(_("stand number"), max_length=16, blank=True)
    # The stand chosen on the floor plan; it is the exhibitor's for good once the application is confirmed.
    stand = models.ForeignKey(
        "events.Stand",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("stand on the plan"),
    )

    # Price snapshot taken when the application is approved (add-ons and discounts included).
    discount_percent = models.PositiveSmallIntegerField(_("discount (%)"), default=0)
    amount_net = models.PositiveIntegerField(_("net amount (grosze)"), default=0)
    amount_vat = models.PositiveIntegerField(_("VAT (grosze)"), default=0)
    amount_gross = models.PositiveIntegerField(_("gross amount (grosze)"), default=0)

    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, default="pl")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("exhibitor application")
        verbose_name_plural = _("exhibitor applications")
        constraints = [
            models.UniqueConstraint(
                fields=["fair", "stand_number"],
                condition=~models.Q(stand_number=""),
                name="stand_number_unique_per_fair",
            ),
            # Belt and braces under the lock order: a stand is sold to one confirmed application only.
            models.UniqueConstraint(
                fields=["stand"], condition=models.Q(status="confirmed"), name="stand_sold_once"
            ),
            models.CheckConstraint(
                condition=models.Q(sells_food=False) | models.Q(sanitary_requirements_confirmed=True),
                name="food_sales_need_sanitary_confirmation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_name} — {self.stand_type.name}"

    def get_absolute_url(self) -> str:
        return reverse("events:application", kwargs={"token": self.access_token})

    @property
    def is_free(self) -> bool:
        return self.amount_gross == 0

    def addon_names(self) -> str:
        return ", ".join(addon.name for addon in self.addons.all())

    addon_names.short_description = _("Add-ons")

    def manage_link(self):
        return format_html(
            '<a href="{}">{}</a>', reverse("events_admin:application", kwargs={"pk": self.pk}), _("Manage")
        )

    manage_link.short_description = _("Actions")


class StandHold(models.Model):
    """A stand kept for an applicant while they pay. Counts against capacity until it expires or ends."""

    stand_type = models.ForeignKey(StandType, on_delete=models.CASCADE, related_name="holds")
    application = models.ForeignKey(ExhibitorApplication, on_delete=models.CASCADE, related_name="holds")
    # The stand chosen on the plan, when the fair has one: the hold keeps that very stand.
    stand = models.ForeignKey(
        "events.Stand", null=True, blank=True, on_delete=models.PROTECT, related_name="holds"
    )
    expires_at = models.DateTimeField()
    released_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["stand_type", "expires_at"], name="hold_type_expiry_idx")]

    def __str__(self) -> str:
        return f"hold #{self.pk} {self.stand_type_id} until {self.expires_at:%Y-%m-%d %H:%M}"

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.released_at is None and self.expires_at > now


class WaitlistEntry(models.Model):
    """An applicant waiting for a sold-out stand type; notified when a place frees up."""

    stand_type = models.ForeignKey(StandType, on_delete=models.CASCADE, related_name="waitlist")
    application = models.OneToOneField(
        ExhibitorApplication, on_delete=models.CASCADE, related_name="waitlist_entry"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("waiting list entry")
        verbose_name_plural = _("waiting list")

    def __str__(self) -> str:
        return f"{self.application} (#{self.pk})"
