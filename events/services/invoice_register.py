"""The register of invoices and corrections for staff: filters, the KSeF state, the CSV/XLSX export
(cells that a spreadsheet would run as formulas are written as text), and "resend to KSeF"."""

import csv
import io

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from config.core.money import format_pln

from .. import ksef
from ..models import Invoice, KsefStatus
from .errors import FairError
from .transitions import audit


def invoice_register(*, kind: str = "", ksef_status: str = "", year: str = "", query: str = "") -> QuerySet:
    invoices = Invoice.objects.select_related("application", "corrects").order_by("-year", "-issued_at")
    if kind:
        invoices = invoices.filter(kind=kind)
    if ksef_status:
        invoices = invoices.filter(ksef_status=ksef_status)
    if year.isdigit():
        invoices = invoices.filter(year=int(year))
    if query:
        invoices = invoices.filter(number__icontains=query) | invoices.filter(buyer__name__icontains=query)
    return invoices


def _header() -> list[str]:
    return [
        _("Number"),
        _("Kind"),
        _("Issued on"),
        _("Date of sale"),
        _("Buyer"),
        _("Buyer NIP"),
        _("Net"),
        _("VAT"),
        _("Gross"),
        _("Payment method"),
        _("Corrects"),
        _("KSeF status"),
        _("KSeF number"),
    ]


def _rows(invoices) -> list[list[str]]:
    return [
        [
            invoice.number,
            invoice.get_kind_display(),
            f"{timezone.localtime(invoice.issued_at):%Y-%m-%d}",
            f"{invoice.sale_date:%Y-%m-%d}" if invoice.sale_date else "",
            invoice.buyer.get("name", ""),
            invoice.buyer.get("nip", ""),
            format_pln(invoice.total_net),
            format_pln(invoice.total_vat),
            format_pln(invoice.total_gross),
            invoice.get_payment_method_display(),
            invoice.corrects.number if invoice.corrects_id else "",
            invoice.get_ksef_status_display(),
            invoice.ksef_number,
        ]
        for invoice in invoices
    ]


def _text_cell(value: str) -> str:
    # Spreadsheet programs run cells starting with these characters as formulas (CSV injection); the
    # same rule as the catalogue's exports.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def export_register_csv(invoices) -> bytes:
    """UTF-8 with a BOM and semicolons, which is what Polish Excel opens correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(_header())
    for row in _rows(invoices):
        writer.writerow([_text_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_register_xlsx(invoices) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Invoices")[:31]
    sheet.append(_header())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _rows(invoices):
        sheet.append([_text_cell(cell) for cell in row])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def resend_to_ksef(invoice: Invoice, *, by=None) -> None:
    """Staff's "resend to KSeF": queue the document again (not for accepted ones)."""
    if invoice.ksef_status == KsefStatus.ACCEPTED:
        raise FairError(_("This invoice is already in KSeF."))
    if ksef.is_being_sent(invoice):
        raise FairError(_("This invoice is being sent to KSeF right now."))
    if not ksef.is_configured():
        raise FairError(_("KSeF is not configured: invoices stay issued, not sent."))
    Invoice.objects.filter(pk=invoice.pk).update(ksef_attempts=0, ksef_error="")
    audit(invoice.application, "events.invoice.ksef_resend", by, invoice=invoice.number)
    ksef.queue(invoice)
