"""Invoices and correction documents: gap-free numbering per series and year, the FA(3) XML stored
with each document, and the tasks that issue them.

The number is taken under a row lock on InvoiceSequence in the same transaction that stores the
invoice, so a rolled-back invoice never burns a number. Locks are taken through events.locking, in the
fair's order (the sequence last). Issuing runs as a task queued after the payment or refund commits.

Advance invoices (faktura zaliczkowa): not issued, by rule. A stand is always paid in full at once
(no deposits, no instalments), and the invoice is issued when the whole payment is received, before
the fair. That single VAT invoice documents the whole payment and names the fair's first day as the
date of sale (P_6; art. 106e ust. 1 pkt 6 of the VAT Act); art. 106f ust. 4 says no further invoice is
issued after the service when the payment invoiced beforehand covers the whole price, so an advance
invoice would be followed by nothing and add only a second document kind. A free stand gets no invoice:
there is no payment and no consideration to invoice. A refund is a correction (KOR) of that invoice.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from config.core.money import format_pln

from . import fa3, invoice_data, ksef, locking
from .invoice_data import buyer, invoice_lines, recipient, seller
from .invoice_pdf import render_pdf
from .models import Invoice, Payment, Refund
from .money import price_line, proportional
from .pricing import application_quote

__all__ = [
    "buyer",
    "invoice_lines",
    "recipient",
    "issue_correction",
    "issue_correction_task",
    "issue_invoice",
    "issue_invoice_task",
    "render_pdf",
    "seller",
]


def _next_number(kind: str, year: int) -> tuple[int, str]:
    """Caller is inside a transaction; the sequence row stays locked until it commits."""
    series = Invoice.SERIES[kind]
    sequence = locking.lock_invoice_sequence(series, year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number, f"{series}/{year}/{sequence.last_number:04d}"


def _store(invoice: Invoice) -> Invoice:
    """Build and validate the FA(3) XML before saving: an invalid document rolls the number back."""
    invoice.fa3_xml = fa3.build_xml(invoice)
    invoice.save()
    ksef.queue(invoice)
    return invoice


def issue_invoice(payment_id: int) -> Invoice | None:
    """Issue the invoice of a paid payment. Idempotent: one invoice per payment.

    Locks: stand type, application, payment (inserting an invoice takes a key-share lock on its
    application, so locking the payment first could deadlock with a webhook), then the sequence.
    """
    with transaction.atomic():
        payment = locking.lock_payment(payment_id).payment
        if payment.status not in Payment.MONEY_RECEIVED_STATES:
            return None
        existing = Invoice.objects.filter(payment=payment, kind=Invoice.Kind.INVOICE).first()
        if existing:
            return existing
        application = payment.application
        lines = invoice_lines(application_quote(application).lines)
        issued = timezone.localtime(payment.paid_at or timezone.now())
        sequence, number = _next_number(Invoice.Kind.INVOICE, issued.year)
        return _store(
            Invoice(
                kind=Invoice.Kind.INVOICE,
                number=number,
                year=issued.year,
                sequence=sequence,
                application=application,
                payment=payment,
                issued_at=issued,
                sale_date=timezone.localdate(application.fair.starts_at),
                seller=seller(application.fair),
                buyer=buyer(application),
                recipient=recipient(application),
                lines=lines,
                total_net=sum(item["net"] for item in lines),
                total_vat=sum(item["vat"] for item in lines),
                total_gross=sum(item["gross"] for item in lines),
                payment_method=payment.method,
            )
        )


def correction_reason(refund: Refund) -> str:
    """Stored once in the document's language (the installation's, Polish by default)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Refund of %(amount)s: %(reason)s") % {
            "amount": format_pln(refund.amount),
            "reason": refund.get_reason_display(),
        }


def issue_correction(refund_id: int) -> Invoice | None:
    """Issue the correction document for a succeeded refund of an invoiced payment. Idempotent.

    The refunded gross is split across the original lines in proportion to their gross amounts.
    Locks: stand type, application, payment, refund, then the invoice sequence.
    """
    with transaction.atomic():
        payment = locking.lock_payment(
            Refund.objects.values_list("payment_id", flat=True).get(pk=refund_id)
        ).payment
        refund = locking.lock_refund(refund_id)
        if refund.status != Refund.Status.SUCCEEDED:
            return None
        existing = Invoice.objects.filter(refund=refund).first()
        if existing:
            return existing
        original = Invoice.objects.filter(payment=payment, kind=Invoice.Kind.INVOICE).first()
        if original is None:
            return None
        lines = []
        remaining = refund.amount
        for index, item in enumerate(original.lines):
            last = index == len(original.lines) - 1
            gross_part = (
                remaining if last else proportional(item["gross"], original.total_gross, refund.amount)
            )
            remaining -= gross_part
            net_part = proportional(100, 100 + item["vat_rate"], gross_part)
            corrected = price_line(
                _("Correction: %(item)s") % {"item": item["description"]}, -net_part, item["vat_rate"]
            )
            corrected["vat"] = -gross_part + net_part
            corrected["gross"] = -gross_part
            corrected.update(quantity=1, unit=item.get("unit", invoice_data.SERVICE_UNIT), unit_net=-net_part)
            lines.append(corrected)
        now = timezone.localtime()
        sequence, number = _next_number(Invoice.Kind.CORRECTION, now.year)
        return _store(
            Invoice(
                kind=Invoice.Kind.CORRECTION,
                number=number,
                year=now.year,
                sequence=sequence,
                application=original.application,
                payment=payment,
                refund=refund,
                corrects=original,
                issued_at=now,
                sale_date=original.sale_date,
                correction_reason=correction_reason(refund),
                seller=original.seller,
                buyer=original.buyer,
                recipient=original.recipient,
                lines=lines,
                total_net=sum(item["net"] for item in lines),
                total_vat=sum(item["vat"] for item in lines),
                total_gross=sum(item["gross"] for item in lines),
                payment_method=payment.method,
            )
        )


@task()
def issue_invoice_task(payment_id: int) -> None:
    """Queued after a payment is received and committed."""
    issue_invoice(payment_id)


@task()
def issue_correction_task(refund_id: int) -> None:
    """Queued after a refund of an invoiced payment succeeds."""
    issue_correction(refund_id)
