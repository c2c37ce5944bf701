"""PDFs of the fair's money documents (fpdf2): the invoice as the visualisation of its FA(3) document,
with the KSeF verification QR code, and the pro-forma for bank transfers (not an invoice).

The invoice PDF prints only what the stored Invoice holds (the same fields the FA(3) XML is built
from), so the two never disagree. DejaVu Sans prints Polish letters when it is installed.
"""

import io
from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _
from ksef_client.services.qr import add_label_to_qr, generate_qr_png

from config.core.money import format_pln
from config.core.pdf import PolishPdf

from . import ksef
from .invoice_data import buyer, invoice_lines, recipient, seller
from .models import Invoice, PaymentMethod
from .pricing import application_quote

# Columns of the line table: No., item, quantity, unit, unit net price, net, VAT rate, VAT, gross (mm).
WIDTHS = (8, 60, 12, 12, 23, 22, 12, 20, 21)


class Document(PolishPdf):
    """An A4 page with the helpers both documents use; text() keeps core fonts from failing."""

    def __init__(self, title: str):
        super().__init__(title)
        self.pdf.add_page()

    def line(self, value: str, *, size: int = 10, bold: bool = False, height: float = 6) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)
        self.pdf.multi_cell(0, height, self.text(value), new_x="LMARGIN", new_y="NEXT")

    def party(self, label: str, party: dict, *, bank_account: str = "") -> None:
        self.line(label, size=11, bold=True)
        nip = party.get("nip") or _("none (buyer without a NIP)")
        rows = [party.get("name", ""), party.get("address", ""), _("NIP: %(nip)s") % {"nip": nip}]
        if bank_account:
            rows.append(_("Bank account: %(account)s") % {"account": bank_account})
        self.line("\n".join(rows), height=5)
        self.pdf.ln(2)

    def table(self, lines: list[dict], totals: tuple[int, int, int]) -> None:
        headings = (
            _("No."),
            _("Item"),
            _("Qty"),
            _("Unit"),
            _("Unit net price"),
            _("Net"),
            _("VAT %"),
            _("VAT"),
            _("Gross"),
        )
        self.pdf.set_font(self.family, "B", 8)
        for width, heading in zip(WIDTHS, headings, strict=True):
            self.pdf.cell(width, 7, self.text(heading), border=1)
        self.pdf.ln()
        self.pdf.set_font(self.family, "", 8)
        for number, item in enumerate(lines, start=1):
            cells = (
                str(number),
                item["description"],
                str(item.get("quantity", 1)),
                item.get("unit", "usł."),
                format_pln(item.get("unit_net", item["net"])),
                format_pln(item["net"]),
                f"{item['vat_rate']}%",
                format_pln(item["vat"]),
                format_pln(item["gross"]),
            )
            for width, value in zip(WIDTHS, cells, strict=True):
                self.pdf.cell(width, 7, self.text(value)[:40], border=1)
            self.pdf.ln()
        self.pdf.set_font(self.family, "B", 8)
        net, vat, gross = totals
        cells = (_("Total"), format_pln(net), "", format_pln(vat), format_pln(gross))
        for width, value in zip(
            (sum(WIDTHS[:5]), WIDTHS[5], WIDTHS[6], WIDTHS[7], WIDTHS[8]), cells, strict=True
        ):
            self.pdf.cell(width, 7, self.text(value), border=1)
        self.pdf.ln(9)

    def vat_summary(self, lines: list[dict]) -> None:
        """Net and VAT per rate (FA(3) P_13_x / P_14_x), as the law asks of every invoice."""
        per_rate: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
        for item in lines:
            sums = per_rate[item["vat_rate"]]
            sums[0] += item["net"]
            sums[1] += item["vat"]
            sums[2] += item["gross"]
        self.line(_("VAT summary by rate"), size=9, bold=True)
        for rate, (net, vat, gross) in sorted(per_rate.items(), reverse=True):
            self.line(
                _("%(rate)s%%: net %(net)s, VAT %(vat)s, gross %(gross)s")
                % {"rate": rate, "net": format_pln(net), "vat": format_pln(vat), "gross": format_pln(gross)},
                size=9,
                height=5,
            )
        self.pdf.ln(2)


def _date(value) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d}" if hasattr(value, "hour") else f"{value:%Y-%m-%d}"


def qr_code(invoice: Invoice) -> tuple[bytes, str]:
    """KOD I of KSeF: the verification link as a QR code, labelled with the KSeF number or, until KSeF
    has assigned one, "OFFLINE" (the visualisation rule for documents not yet in KSeF)."""
    url = ksef.verification_url(invoice)
    label = invoice.ksef_number or "OFFLINE"
    return add_label_to_qr(generate_qr_png(url, box_size=4, border=2), label), url


def render_pdf(invoice: Invoice) -> bytes:
    """The invoice or correction as a PDF: every mandatory field of its FA(3) document."""
    correction = invoice.kind == Invoice.Kind.CORRECTION
    title = _("Correction invoice") if correction else _("VAT invoice")
    doc = Document(invoice.number)
    doc.line(f"{title} {invoice.number}", size=16, bold=True, height=10)
    doc.line(_("Issued on: %(date)s") % {"date": _date(invoice.issued_at)})
    if invoice.seller.get("city"):
        doc.line(_("Place of issue: %(city)s") % {"city": invoice.seller["city"]})
    if invoice.sale_date:
        doc.line(_("Date of sale (service): %(date)s") % {"date": _date(invoice.sale_date)})
    if invoice.ksef_number:
        doc.line(_("KSeF number: %(number)s") % {"number": invoice.ksef_number}, bold=True)
    else:
        doc.line(_("KSeF: %(state)s") % {"state": invoice.get_ksef_status_display()})
    if correction:
        original = invoice.corrects
        doc.line(
            _("Corrects invoice: %(number)s of %(date)s")
            % {"number": original.number, "date": _date(original.issued_at)}
        )
        if original.ksef_number:
            doc.line(_("KSeF number of the corrected invoice: %(number)s") % {"number": original.ksef_number})
        doc.line(_("Reason for the correction: %(reason)s") % {"reason": invoice.correction_reason})
    doc.pdf.ln(3)
    doc.party(_("Seller"), invoice.seller, bank_account=invoice.seller.get("bank_account", ""))
    doc.party(_("Buyer"), invoice.buyer)
    if invoice.recipient:
        doc.party(_("Recipient (paying unit)"), invoice.recipient)
    if correction:
        doc.line(_("Amounts of the correction (difference)"), size=9, bold=True)
    doc.table(invoice.lines, (invoice.total_net, invoice.total_vat, invoice.total_gross))
    doc.vat_summary(invoice.lines)
    if correction:
        doc.line(
            _("Amount to be refunded: %(amount)s") % {"amount": format_pln(-invoice.total_gross)}, bold=True
        )
    else:
        method = dict(PaymentMethod.choices).get(invoice.payment_method, invoice.payment_method)
        paid_on = invoice.payment.paid_at or invoice.issued_at
        doc.line(_("Payment method: %(method)s") % {"method": method})
        doc.line(
            _("Paid in full on %(date)s: %(amount)s")
            % {"date": _date(paid_on), "amount": format_pln(invoice.total_gross)},
            bold=True,
        )
    doc.line(_("Amounts in PLN."))
    if invoice.fa3_xml:
        png, url = qr_code(invoice)
        doc.pdf.ln(2)
        doc.line(_("Verify this invoice in KSeF:"), size=9, bold=True)
        doc.pdf.image(io.BytesIO(png), w=40)
        doc.line(url, size=7, height=4)
    return doc.output()


def render_proforma(application, payment) -> bytes:
    """The pro-forma of a bank transfer: what to pay, where, with which title. Not an invoice."""
    doc = Document(f"Pro forma {application.transfer_reference}")
    doc.line(
        _("Pro forma %(reference)s") % {"reference": application.transfer_reference},
        size=16,
        bold=True,
        height=10,
    )
    doc.line(
        _("This is not a VAT invoice. The invoice will be issued when the payment is received."),
        size=11,
        bold=True,
    )
    doc.line(_("Issued on: %(date)s") % {"date": _date(timezone.localdate())})
    doc.line(
        _("Fair: %(fair)s, %(date)s")
        % {"fair": application.fair.name, "date": _date(application.fair.starts_at)}
    )
    doc.pdf.ln(3)
    sold_by = seller(application.fair)
    doc.party(_("Seller"), sold_by, bank_account=sold_by.get("bank_account", ""))
    doc.party(_("Buyer"), buyer(application))
    if application.invoice_recipient_name:
        doc.party(_("Recipient (paying unit)"), recipient(application))
    lines = invoice_lines(application_quote(application).lines)
    doc.table(lines, (application.amount_net, application.amount_vat, application.amount_gross))
    doc.line(_("Bank transfer"), size=12, bold=True)
    doc.line(_("Account: %(account)s") % {"account": sold_by.get("bank_account", "")})
    doc.line(_("Amount: %(amount)s") % {"amount": format_pln(payment.amount)}, bold=True)
    doc.line(_("Transfer title: %(reference)s") % {"reference": application.transfer_reference}, bold=True)
    if payment.hold and payment.hold.expires_at:
        doc.line(_("Please pay by: %(date)s") % {"date": _date(payment.hold.expires_at)})
    return doc.output()
