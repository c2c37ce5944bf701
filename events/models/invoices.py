"""Invoice documents and their gap-free number sequences."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .applications import ExhibitorApplication, PaymentMethod
from .payments import Payment, Refund


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
