"""Fair state: fairs, stand types, add-ons, pricing rules, applications, holds, payments and invoices.

Models hold state and small invariants; the workflows that change it live in events/services.py.
Money is integer grosze everywhere (events/money.py owns the arithmetic).
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.choices import LegalForm
from catalog.rules import validate_nip

from .money import gross_from_net


class Fair(models.Model):
    """A social-entrepreneurship fair (targi ekonomii społecznej) with stands to sell."""

    slug = models.SlugField(_("identifier"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=255)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue_name = models.CharField(_("venue"), max_length=255)
    venue_address = models.CharField(_("venue address"), max_length=255)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    applications_open = models.BooleanField(_("applications open"), default=True)
    requires_approval = models.BooleanField(_("applications need staff approval"), default=True)
    application_deadline = models.DateTimeField(_("application deadline"), null=True, blank=True)
    cancellation_deadline = models.DateTimeField(_("cancellation deadline"), null=True, blank=True)
    cancellation_refund_percent = models.PositiveSmallIntegerField(
        _("refund on cancellation before the deadline (%)"), default=100
    )
    bank_account = models.CharField(
        _("bank account for transfers"),
        max_length=64,
        blank=True,
        default="PL61 1090 1014 0000 0712 1981 2874",
    )
    transfer_days = models.PositiveSmallIntegerField(
        _("days to pay by bank transfer (the stand is held meanwhile)"), default=7
    )

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("fair")
        verbose_name_plural = _("fairs")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("events:fair", kwargs={"slug": self.slug})

    def accepts_applications(self, now=None) -> bool:
        now = now or timezone.now()
        if not self.applications_open:
            return False
        return self.application_deadline is None or now <= self.application_deadline

    def allows_cancellation(self, now=None) -> bool:
        now = now or timezone.now()
        return self.cancellation_deadline is None or now <= self.cancellation_deadline


class StandType(models.Model):
    """A kind of stand with a limited number of places, priced net in grosze with a VAT rate."""

    fair = models.ForeignKey(
        Fair, on_delete=models.CASCADE, related_name="stand_types", verbose_name=_("fair")
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    capacity = models.PositiveIntegerField(_("number of stands"))
    price_net = models.PositiveIntegerField(_("net price (grosze)"))
    vat_rate = models.PositiveSmallIntegerField(_("VAT rate (%)"), default=23)
    sort_order = models.PositiveSmallIntegerField(default=0)
    stand_numbers = models.TextField(
        _("stand numbers"),
        blank=True,
        help_text=_("Comma-separated list staff assign from, e.g. A1, A2, A3."),
    )

    class Meta:
        ordering = ["fair", "sort_order", "name"]
        verbose_name = _("stand type")
        verbose_name_plural = _("stand types")

    def __str__(self) -> str:
        return f"{self.name} ({self.fair})"

    @property
    def price_gross(self) -> int:
        return gross_from_net(self.price_net, self.vat_rate)

    @property
    def stand_number_list(self) -> list[str]:
        return [n.strip() for n in self.stand_numbers.split(",") if n.strip()]


class StandAddon(models.Model):
    """An extra ordered with a stand (electricity, an extra table, an extra badge)."""

    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="addons", verbose_name=_("fair"))
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    price_net = models.PositiveIntegerField(_("net price (grosze)"))
    vat_rate = models.PositiveSmallIntegerField(_("VAT rate (%)"), default=23)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["fair", "sort_order", "name"]
        verbose_name = _("stand add-on")
        verbose_name_plural = _("stand add-ons")
        constraints = [models.UniqueConstraint(fields=["fair", "code"], name="addon_code_unique_per_fair")]

    def __str__(self) -> str:
        return self.name

    @property
    def price_gross(self) -> int:
        return gross_from_net(self.price_net, self.vat_rate)


class PricingRule(models.Model):
    """A staff-configured price for eligible exhibitors: free or a percentage off a stand type.

    Eligibility is read from the linked catalogue profile (membership and PS status are verified data),
    never from what the applicant declares.
    """

    class Eligibility(models.TextChoices):
        ACTIVE_MEMBER = "active_member", _("Active cluster member")
        PS_STATUS = "ps_status", _("Entity with the social enterprise (PS) status")

    stand_type = models.ForeignKey(
        StandType, on_delete=models.CASCADE, related_name="pricing_rules", verbose_name=_("stand type")
    )
    eligibility = models.CharField(_("who is eligible"), max_length=20, choices=Eligibility.choices)
    discount_percent = models.PositiveSmallIntegerField(
        _("discount (%)"), help_text=_("100 means the stand is free.")
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("pricing rule")
        verbose_name_plural = _("pricing rules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(discount_percent__lte=100), name="pricing_rule_discount_lte_100"
            )
        ]

    def __str__(self) -> str:
        return f"{self.stand_type.name}: {self.get_eligibility_display()} −{self.discount_percent}%"


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
    invoice_nip = models.CharField(_("invoice: NIP"), max_length=10, validators=[validate_nip])
    invoice_address = models.CharField(_("invoice: address"), max_length=255)
    invoice_email = models.EmailField(_("invoice: email"))

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
        from django.utils.html import format_html

        return format_html(
            '<a href="{}">{}</a>', reverse("events_admin:application", kwargs={"pk": self.pk}), _("Manage")
        )

    manage_link.short_description = _("Actions")

    @property
    def paid_payment(self):
        return self.payments.filter(status__in=Payment.MONEY_RECEIVED_STATES).order_by("-paid_at").first()


class StandHold(models.Model):
    """A stand kept for an applicant while they pay. Counts against capacity until it expires or ends."""

    stand_type = models.ForeignKey(StandType, on_delete=models.CASCADE, related_name="holds")
    application = models.ForeignKey(ExhibitorApplication, on_delete=models.CASCADE, related_name="holds")
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


class PaymentStatus(models.TextChoices):
    CREATED = "created", _("Created")
    OPEN = "open", _("Awaiting payment")
    PROCESSING = "processing", _("Processing")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")
    PARTIALLY_REFUNDED = "partially_refunded", _("Partially refunded")
    REFUNDED = "refunded", _("Refunded")


class Payment(models.Model):
    """One attempt to pay for an application, online (Stripe Checkout) or by bank transfer."""

    MONEY_RECEIVED_STATES = (PaymentStatus.PAID, PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.REFUNDED)
    WAITING_STATES = (PaymentStatus.CREATED, PaymentStatus.OPEN, PaymentStatus.PROCESSING)

    application = models.ForeignKey(ExhibitorApplication, on_delete=models.PROTECT, related_name="payments")
    hold = models.OneToOneField(
        StandHold, null=True, blank=True, on_delete=models.SET_NULL, related_name="payment"
    )
    method = models.CharField(_("method"), max_length=16, choices=PaymentMethod.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.CREATED
    )
    amount = models.PositiveIntegerField(_("amount (grosze)"))
    refunded_amount = models.PositiveIntegerField(_("refunded (grosze)"), default=0)
    currency = models.CharField(max_length=3, default="pln")
    stripe_session_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    stripe_payment_intent = models.CharField(max_length=255, blank=True, db_index=True)
    checkout_url = models.URLField(max_length=1000, blank=True)
    failure_reason = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return f"payment #{self.pk} ({self.get_status_display()})"

    @property
    def refundable_amount(self) -> int:
        return self.amount - self.refunded_amount


class StripeEvent(models.Model):
    """Every Stripe event processed, stored in the same transaction as its effect (dedup by id)."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"


class Refund(models.Model):
    """Money given back, full or partial; sent to Stripe with the idempotency key refund-<id>."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    class Reason(models.TextChoices):
        STAFF = "staff", _("Refund by staff")
        CANCELLED = "cancelled", _("Cancelled by the applicant")
        SOLD_OUT = "sold_out", _("Paid after the stand was gone")
        DUPLICATE = "duplicate", _("Paid twice")
        EXTERNAL = "external", _("Refunded in the Stripe dashboard")

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    amount = models.PositiveIntegerField(_("amount (grosze)"))
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    stripe_refund_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"refund #{self.pk} {self.amount} gr ({self.status})"


class InvoiceSequence(models.Model):
    """The last number used per series and year; locked with select_for_update to number without gaps."""

    series = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="invoice_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.series}/{self.year}: {self.last_number}"


class Invoice(models.Model):
    """A numbered invoice for a paid application, or a correction document for a refund.

    Seller, buyer and lines are snapshots: the document never changes after it is issued.
    """

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        CORRECTION = "correction", _("Correction invoice")

    SERIES = {Kind.INVOICE: "FV", Kind.CORRECTION: "KOR"}

    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.INVOICE)
    number = models.CharField(_("number"), max_length=32, unique=True)
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    application = models.ForeignKey(ExhibitorApplication, on_delete=models.PROTECT, related_name="invoices")
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="invoices")
    refund = models.OneToOneField(
        Refund, null=True, blank=True, on_delete=models.PROTECT, related_name="invoice"
    )
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )
    issued_at = models.DateTimeField(default=timezone.now)
    seller = models.JSONField()
    buyer = models.JSONField()
    lines = models.JSONField()
    total_net = models.IntegerField()
    total_vat = models.IntegerField()
    total_gross = models.IntegerField()
    payment_method = models.CharField(max_length=16, choices=PaymentMethod.choices)

    class Meta:
        ordering = ["year", "sequence"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "sequence"], name="invoice_gap_free_sequence"),
            models.UniqueConstraint(
                fields=["payment"], condition=models.Q(kind="invoice"), name="one_invoice_per_payment"
            ),
        ]

    def __str__(self) -> str:
        return self.number


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


# Wagtail page types live in their own module; importing them here registers them with the app.
from .pages import EventIndexPage, EventPage, EventPartner, EventSession, SessionRegistration  # noqa: E402, F401
