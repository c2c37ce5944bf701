"""Lines of bank statements imported by staff, each stored once (by its key) with how it was matched."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .applications import ExhibitorApplication
from .payments import Payment


class StatementLine(models.Model):
    """One credit or debit from an MT940 or camt.053 statement.

    The key is derived from the statement's account, its identifier and the entry's own data, so
    importing the same statement again finds every line already stored and changes nothing.
    """

    class Format(models.TextChoices):
        MT940 = "mt940", "MT940"
        CAMT053 = "camt053", "camt.053"

    class Outcome(models.TextChoices):
        MATCHED = "matched", _("Matched and marked paid")
        AMOUNT_MISMATCH = "amount_mismatch", _("Amount differs from the amount due")
        UNKNOWN_REFERENCE = "unknown_reference", _("No application with this transfer title")
        ALREADY_PAID = "already_paid", _("Application already paid")
        NO_TRANSFER = "no_transfer", _("Application has no bank transfer to pay")
        NOT_A_CREDIT = "not_a_credit", _("Not an incoming transfer")

    NEEDS_STAFF = (
        Outcome.AMOUNT_MISMATCH,
        Outcome.UNKNOWN_REFERENCE,
        Outcome.ALREADY_PAID,
        Outcome.NO_TRANSFER,
    )

    key = models.CharField(max_length=64, unique=True)
    source_format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    account = models.CharField(_("account"), max_length=64, blank=True)
    statement_id = models.CharField(_("statement"), max_length=64, blank=True)
    booked_on = models.DateField(_("booked on"), null=True, blank=True)
    amount = models.BigIntegerField(_("amount (grosze)"))
    currency = models.CharField(_("currency"), max_length=3)
    title = models.TextField(_("transfer title"), blank=True)
    counterparty = models.CharField(_("counterparty"), max_length=255, blank=True)
    reference = models.CharField(_("transfer reference found"), max_length=32, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    application = models.ForeignKey(
        ExhibitorApplication, null=True, blank=True, on_delete=models.SET_NULL, related_name="statement_lines"
    )
    payment = models.ForeignKey(
        Payment, null=True, blank=True, on_delete=models.SET_NULL, related_name="statement_lines"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = _("bank statement line")
        verbose_name_plural = _("bank statement lines")

    def __str__(self) -> str:
        return f"{self.booked_on} {self.amount} {self.currency} {self.reference or self.title[:30]}"
