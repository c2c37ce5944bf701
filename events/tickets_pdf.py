"""The visitor's ticket and the printed badges as PDFs (fpdf2), each with the QR code read at check-in.

The QR code carries only "PES:<code>": the entrance needs nothing else, and a photo of it reveals no
name. The same code is printed under it for typing when a camera cannot read it.
"""

import io

import qrcode
from django.utils import timezone
from django.utils.translation import gettext as _

from config.core.pdf import PolishPdf

from .models import VisitorTicket


def qr_payload(ticket: VisitorTicket) -> str:
    return f"PES:{ticket.code}"


def qr_png(text: str) -> bytes:
    """A PNG of the QR code; error correction M survives a creased printout or a cracked screen."""
    image = qrcode.make(text, error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=10, border=4)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


class PdfDocument(PolishPdf):
    """Tickets and badges are laid out by hand: no automatic page breaks."""

    def __init__(self, fmt, title: str):
        super().__init__(title, page_format=fmt)
        self.pdf.set_auto_page_break(False)

    def cell(self, value, *, size: float, bold: bool = False, height: float = 7, align: str = "C") -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)
        self.pdf.multi_cell(0, height, self.text(value), align=align, new_x="LMARGIN", new_y="NEXT")

    def qr(self, ticket: VisitorTicket, *, x: float, y: float, size: float) -> None:
        self.pdf.image(io.BytesIO(qr_png(qr_payload(ticket))), x=x, y=y, w=size, h=size)


def _when(page) -> str:
    start, end = timezone.localtime(page.starts_at), timezone.localtime(page.ends_at)
    return f"{start:%d.%m.%Y %H:%M}–{end:%H:%M}"


def render_ticket(ticket: VisitorTicket) -> bytes:
    """An A4 ticket: the event, the person, the QR code and the typed code, and where to cancel."""
    page = ticket.page
    doc = PdfDocument("A4", _("Ticket"))
    doc.pdf.add_page()
    doc.cell(_("Ticket"), size=12)
    doc.cell(page.title, size=20, bold=True, height=10)
    doc.cell(_when(page), size=12)
    doc.cell(f"{page.venue_name}, {page.venue_address}", size=11)
    doc.pdf.ln(6)
    doc.qr(ticket, x=65, y=doc.pdf.get_y(), size=80)
    doc.pdf.set_y(doc.pdf.get_y() + 84)
    doc.cell(ticket.code, size=18, bold=True)
    doc.pdf.ln(4)
    doc.cell(ticket.name, size=16, bold=True)
    if ticket.organisation:
        doc.cell(ticket.organisation, size=12)
    doc.pdf.ln(6)
    doc.cell(_("Show this code at the entrance, on paper or on your phone."), size=10)
    if page.co_funding_notice:
        doc.pdf.set_y(-25)
        doc.cell(page.co_funding_notice, size=8)
    return doc.output()


BADGE_W, BADGE_H = 105, 148  # A6 in mm; an A4 label sheet holds four


def _badge(doc: PdfDocument, ticket: VisitorTicket, x: float, y: float) -> None:
    """One badge with its top-left corner at (x, y): text is kept inside the badge by the margins."""
    pdf = doc.pdf
    pdf.set_left_margin(x + 5)
    pdf.set_right_margin(pdf.w - (x + BADGE_W) + 5)
    pdf.set_xy(x + 5, y + 8)
    doc.cell(ticket.page.title, size=9)
    pdf.ln(4)
    doc.cell(ticket.name, size=18, bold=True, height=9)
    doc.cell(ticket.organisation or " ", size=11, height=6)
    pdf.ln(2)
    doc.cell(ticket.get_role_display().upper(), size=12, bold=True)
    doc.qr(ticket, x=x + (BADGE_W - 45) / 2, y=pdf.get_y() + 3, size=45)
    pdf.set_xy(x + 5, y + BADGE_H - 18)
    doc.cell(ticket.code, size=9)


def render_badges(tickets: list[VisitorTicket], *, label_sheet: bool = False) -> bytes:
    """Badges with name, organisation, role and QR code: one A6 page each, or four to an A4 label sheet
    (2 × 2 labels of 105 × 148 mm) when the printer takes only A4."""
    doc = PdfDocument("A4" if label_sheet else (BADGE_W, BADGE_H), _("Name badges"))
    per_page = 4 if label_sheet else 1
    for number, ticket in enumerate(tickets):
        if number % per_page == 0:
            doc.pdf.add_page()
        slot = number % per_page
        _badge(doc, ticket, x=(slot % 2) * BADGE_W, y=(slot // 2) * BADGE_H)
    if not tickets:
        doc.pdf.add_page()
        doc.cell(_("No badges to print."), size=12)
    return doc.output()
