"""Payments of applications (Stripe Checkout, bank transfer), Stripe events received, and refunds."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .applications import ExhibitorApplication, PaymentMethod, StandHold


class PaymentStatus(models.TextChoices):
    CREATED = "created", _("Created")
    OPEN = "open", _("Awaiting payment")
    PROCESSING = "processing", _("Processing")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")
    PARTIALLY_REFUNDED = "partially_refunded", _("Partially refunded")
    REFUNDED = "refunded", _("Refunded")
    # Money arrived, but not the amount asked for: the stand is not confirmed until staff decide.
    AMOUNT_MISMATCH = "amount_mismatch", _("Paid amount differs: staff review")


class PaymentQuerySet(models.QuerySet):
    def open_transfers(self) -> "PaymentQuerySet":
        """Bank transfers whose money may still arrive, newest first: open, or expired (the stand's hold
        ran out, but staff can still record the money and mark_transfer_paid re-checks capacity)."""
        return self.filter(
            method=PaymentMethod.TRANSFER, status__in=(PaymentStatus.OPEN, PaymentStatus.EXPIRED)
        ).order_by("-pk")


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

    objects = PaymentQuerySet.as_manager()

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
