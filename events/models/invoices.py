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


class KsefStatus(models.TextChoices):
    """Where the FA(3) document is on its way to KSeF. Without credentials it stays "not sent"."""

    NOT_SENT = "not_sent", _("Issued, not sent to KSeF")
    QUEUED = "queued", _("Queued for KSeF")
    SENDING = "sending", _("Being sent to KSeF")
    ACCEPTED = "accepted", _("Accepted by KSeF")
    REJECTED = "rejected", _("Rejected by KSeF")


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
    # The complete content of a Polish invoice (art. 106e of the VAT Act): the date of sale, and for a
    # correction its reason. Lines carry quantity, unit and unit net price besides net, VAT and gross.
    sale_date = models.DateField(_("date of sale"), null=True, blank=True)
    correction_reason = models.CharField(_("reason for the correction"), max_length=255, blank=True)
    # The recipient ("Podmiot3", role "Odbiorca") when a public body pays for a unit of its own.
    recipient = models.JSONField(default=dict, blank=True)
    # The structured FA(3) document built from the same fields, validated against the official XSD.
    fa3_xml = models.TextField(_("FA(3) XML"), blank=True)
    ksef_status = models.CharField(
        _("KSeF status"), max_length=16, choices=KsefStatus.choices, default=KsefStatus.NOT_SENT
    )
    ksef_number = models.CharField(_("KSeF number"), max_length=64, blank=True)
    ksef_reference = models.CharField(_("KSeF reference"), max_length=64, blank=True)
    ksef_upo = models.TextField(_("KSeF UPO"), blank=True)
    ksef_error = models.CharField(_("KSeF error"), max_length=500, blank=True)
    ksef_attempts = models.PositiveSmallIntegerField(default=0)
    # When a worker claimed the document for sending; a claim older than KSEF_SEND_LEASE_MINUTES is
    # taken to belong to a worker that died, and may be claimed again.
    ksef_claimed_at = models.DateTimeField(null=True, blank=True)
    ksef_sent_at = models.DateTimeField(_("accepted by KSeF at"), null=True, blank=True)

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
