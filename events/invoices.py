"""Invoices and correction documents: gap-free numbering per series and year, and the PDF.

The number is taken under a row lock on InvoiceSequence in the same transaction that stores the
invoice, so a rolled-back invoice never burns a number. Locks are taken through events.locking, in the
fair's order (the sequence last). Issuing runs as a task queued after the payment or refund commits.
"""

import logging
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from fpdf import FPDF

from . import locking
from .models import Invoice, Payment, PaymentMethod, Refund
from .money import format_pln, price_line, proportional
from .pricing import application_quote

logger = logging.getLogger(__name__)

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def seller() -> dict:
    """The organiser's invoicing data (settings.INVOICE_SELLER, from the INVOICE_SELLER_* variables)."""
    return dict(settings.INVOICE_SELLER)


def _next_number(kind: str, year: int) -> tuple[int, str]:
    """Caller is inside a transaction; the sequence row stays locked until it commits."""
    series = Invoice.SERIES[kind]
    sequence = locking.lock_invoice_sequence(series, year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number, f"{series}/{year}/{sequence.last_number:04d}"


def _buyer(application) -> dict:
    return {
        "name": application.invoice_name,
        "address": application.invoice_address,
        "nip": application.invoice_nip,
        "email": application.invoice_email,
    }


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
        lines = application_quote(application).lines
        issued = timezone.localtime(payment.paid_at or timezone.now())
        sequence, number = _next_number(Invoice.Kind.INVOICE, issued.year)
        return Invoice.objects.create(
            kind=Invoice.Kind.INVOICE,
            number=number,
            year=issued.year,
            sequence=sequence,
            application=application,
            payment=payment,
            issued_at=issued,
            seller=seller(),
            buyer=_buyer(application),
            lines=lines,
            total_net=sum(item["net"] for item in lines),
            total_vat=sum(item["vat"] for item in lines),
            total_gross=sum(item["gross"] for item in lines),
            payment_method=payment.method,
        )


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
            lines.append(corrected)
        now = timezone.localtime()
        sequence, number = _next_number(Invoice.Kind.CORRECTION, now.year)
        return Invoice.objects.create(
            kind=Invoice.Kind.CORRECTION,
            number=number,
            year=now.year,
            sequence=sequence,
            application=original.application,
            payment=payment,
            refund=refund,
            corrects=original,
            issued_at=now,
            seller=original.seller,
            buyer=original.buyer,
            lines=lines,
            total_net=sum(item["net"] for item in lines),
            total_vat=sum(item["vat"] for item in lines),
            total_gross=sum(item["gross"] for item in lines),
            payment_method=payment.method,
        )


@task()
def issue_invoice_task(payment_id: int) -> None:
    """Queued after a payment is received and committed."""
    issue_invoice(payment_id)


@task()
def issue_correction_task(refund_id: int) -> None:
    """Queued after a refund of an invoiced payment succeeds."""
    issue_correction(refund_id)


def render_pdf(invoice: Invoice) -> bytes:
    """The invoice as a PDF (fpdf2), with DejaVu Sans for Polish letters when it is installed."""
    pdf = FPDF(format="A4")
    pdf.set_title(invoice.number)
    pdf.add_page()
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        family = "DejaVu"
    else:  # pragma: no cover - the core font cannot print ą, ę, ł...; degrade rather than fail
        logger.warning("DejaVu fonts are missing; the invoice PDF falls back to Helvetica")
        family = "Helvetica"

    def text(value) -> str:
        value = str(value)
        if family == "Helvetica":
            return value.encode("latin-1", "replace").decode("latin-1")
        return value

    title = _("Correction invoice") if invoice.kind == Invoice.Kind.CORRECTION else _("Invoice")
    pdf.set_font(family, "B", 16)
    pdf.cell(0, 10, text(f"{title} {invoice.number}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 10)
    pdf.cell(
        0,
        6,
        text(_("Issued on: %(date)s") % {"date": f"{timezone.localtime(invoice.issued_at):%Y-%m-%d}"}),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    if invoice.corrects_id:
        pdf.cell(
            0,
            6,
            text(_("Corrects invoice: %(number)s") % {"number": invoice.corrects.number}),
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.ln(4)
    for label, party in ((_("Seller"), invoice.seller), (_("Buyer"), invoice.buyer)):
        pdf.set_font(family, "B", 11)
        pdf.cell(0, 6, text(label), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 10)
        pdf.multi_cell(
            0,
            5,
            text(f"{party['name']}\n{party['address']}\nNIP: {party['nip']}"),
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.ln(2)
    pdf.ln(2)
    widths = (80, 28, 16, 28, 28)
    pdf.set_font(family, "B", 9)
    for width, heading in zip(widths, (_("Item"), _("Net"), _("VAT %"), _("VAT"), _("Gross")), strict=True):
        pdf.cell(width, 7, text(heading), border=1)
    pdf.ln()
    pdf.set_font(family, "", 9)
    for item in invoice.lines:
        cells = (
            item["description"],
            format_pln(item["net"]),
            f"{item['vat_rate']}%",
            format_pln(item["vat"]),
            format_pln(item["gross"]),
        )
        for width, value in zip(widths, cells, strict=True):
            pdf.cell(width, 7, text(value)[:48], border=1)
        pdf.ln()
    pdf.set_font(family, "B", 9)
    for width, value in zip(
        widths,
        (
            _("Total"),
            format_pln(invoice.total_net),
            "",
            format_pln(invoice.total_vat),
            format_pln(invoice.total_gross),
        ),
        strict=True,
    ):
        pdf.cell(width, 7, text(value), border=1)
    pdf.ln(12)
    pdf.set_font(family, "", 10)
    method = dict(PaymentMethod.choices).get(invoice.payment_method, invoice.payment_method)
    pdf.cell(0, 6, text(_("Payment method: %(method)s") % {"method": method}), new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, text(_("Amounts in PLN.")), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
