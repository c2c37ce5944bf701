"""The note as documents: PDF (fpdf2, already used for invoices) and DOCX (python-docx), Polish or English.

Both are written from one list of sections (`note_sections`), so the two formats never disagree; the
labels come from the translation catalogue in the chosen language, the values from the frozen content.
"""

import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document as DocxDocument

from catalog.choices import PriceUnit, QuoteAnswerStatus
from config.core.money import format_pln
from config.core.pdf import PolishPdf

from .models import EstimateBasis, MarketResearchNote

LANGUAGES = ("pl", "en")


@dataclass
class Section:
    heading: str
    lines: list[str] = field(default_factory=list)
    table: list[list[str]] | None = None


def _date(value: str | None) -> str:
    if not value:
        return "—"
    parsed = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    return parsed.strftime("%d.%m.%Y %H:%M") if isinstance(parsed, datetime) else parsed.strftime("%d.%m.%Y")


def _yes_no(value: bool | None) -> str:
    return "—" if value is None else (_("yes") if value else _("no"))


def _euro(cents: int) -> str:
    whole, rest = divmod(cents, 100)
    return f"{whole:,}".replace(",", "\u00a0") + f",{rest:02d}\u00a0EUR"


def _answer_row(answer: dict) -> list[str]:
    status = dict(QuoteAnswerStatus.choices)[answer["status"]]
    quoted = answer["status"] == QuoteAnswerStatus.QUOTED
    return [
        answer["supplier"],
        f"{status} ({_date(answer['answered_at'])})" if answer["answered_at"] else str(status),
        format_pln(answer["price_net"]) if quoted else "—",
        f"{answer['vat_rate']}%" if quoted else "—",
        format_pln(answer["price_gross"]) if quoted else "—",
        str(dict(PriceUnit.choices).get(answer["unit"], "")) if answer["unit"] else "—",
        str(answer["lead_time_days"]) if answer["lead_time_days"] is not None else "—",
        _date(answer["valid_until"]),
        answer["conditions"] or answer["decline_reason"] or "—",
        _yes_no(answer["reserved_eligible_at_request"]),
        _yes_no(answer["ps_status_at_request"]),
    ]


def note_title() -> str:
    return _("Market-research note")


def note_sections(note: MarketResearchNote, language: str) -> list[Section]:
    """Every field of the note in `language`; called inside translation.override by the writers."""
    content = note.content
    basis = dict(EstimateBasis.choices)[content["estimate_basis"]]
    answers = content["answers"]
    invited = [a["supplier"] + f" (NIP {a['nip']})" for a in answers]
    answered = [a["supplier"] for a in answers if a["status"] == QuoteAnswerStatus.QUOTED]
    declined = [a["supplier"] for a in answers if a["status"] == QuoteAnswerStatus.DECLINED]
    silent = [a["supplier"] for a in answers if a["status"] == QuoteAnswerStatus.PENDING]
    cpv = [f"{c['code']} {c[language]}".strip() for c in content["cpv_codes"]]
    return [
        Section(
            _("Reference and verification"),
            [
                _("Reference number: %(reference)s") % {"reference": content["reference"]},
                _("Issued on: %(date)s") % {"date": _date(content["issued_at"])},
                _("Verify at: %(url)s") % {"url": content["verification_url"]},
                _("Content hash (SHA-256): %(hash)s") % {"hash": note.content_hash},
            ],
        ),
        Section(_("Buyer's institution"), [content["institution"]]),
        Section(
            _("Subject of the contract"),
            [content["subject"], _("Quantity: %(q)s") % {"q": content["quantity"]}],
        ),
        Section(_("CPV codes"), cpv or ["—"]),
        Section(
            _("Estimated value"),
            [
                _("Basis: %(basis)s") % {"basis": basis},
                _("Estimated value (net): %(value)s") % {"value": format_pln(content["estimated_value_net"])},
                _("In euro at %(rate)s PLN/EUR: %(value)s")
                % {
                    "rate": content["eur_rate"].replace(".", ","),
                    "value": _euro(content["estimated_value_eur_cents"]),
                },
            ],
        ),
        Section(_("Search criteria used"), [content["criteria"] or "—"]),
        Section(
            _("Invited suppliers"),
            [_("Invited on: %(date)s") % {"date": _date(content["invited_at"])}, *invited],
        ),
        Section(
            _("Answers"),
            [
                _("Quotes: %(names)s") % {"names": ", ".join(answered) or "—"},
                _("Declined: %(names)s") % {"names": ", ".join(declined) or "—"},
                _("No answer: %(names)s") % {"names": ", ".join(silent) or "—"},
            ],
            table=[
                [
                    _("Supplier"),
                    _("Supplier's answer"),
                    _("Net"),
                    _("VAT rate"),
                    _("Gross"),
                    _("Unit"),
                    _("Lead time (days)"),
                    _("Valid until"),
                    _("Conditions or reason"),
                    _("Eligible for reserved contracts (art. 94 Pzp)"),
                    _("PS status"),
                ],
                *[_answer_row(answer) for answer in answers],
            ],
        ),
        Section(
            _("The buyer's choice"),
            [
                _("Chosen supplier: %(name)s") % {"name": content["chosen"] or _("none")},
                _("Justification: %(text)s") % {"text": content["justification"]},
            ],
        ),
        Section(
            _("Legal basis"),
            [content["legal_basis_title"][language], content["legal_basis_text"][language]],
        ),
    ]


class PdfDocument(PolishPdf):
    """A landscape A4 (the comparison table is wide)."""

    def __init__(self, title: str):
        super().__init__(title, orientation="L")
        self.pdf.add_page()

    def line(self, text: str, *, size: int = 10, bold: bool = False) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)
        self.pdf.multi_cell(0, 5.5, self.text(text), new_x="LMARGIN", new_y="NEXT")

    def table(self, rows: list[list[str]]) -> None:
        self.pdf.set_font(self.family, "", 7)
        with self.pdf.table(first_row_as_headings=True, line_height=3.6) as table:
            for row in rows:
                table_row = table.row()
                for cell in row:
                    table_row.cell(self.text(cell))


def build_note_pdf(note: MarketResearchNote, language: str) -> bytes:
    with translation.override(language):
        document = PdfDocument(f"{note_title()} {note.reference}")
        document.line(f"{note_title()} — {note.reference}", size=15, bold=True)
        for section in note_sections(note, language):
            document.pdf.ln(2)
            document.line(section.heading, size=11, bold=True)
            for text in section.lines:
                document.line(text)
            if section.table:
                document.pdf.ln(1)
                document.table(section.table)
        return document.output()


def build_note_docx(note: MarketResearchNote, language: str) -> bytes:
    with translation.override(language):
        document = DocxDocument()
        document.core_properties.title = f"{note_title()} {note.reference}"
        document.add_heading(f"{note_title()} — {note.reference}", level=1)
        for section in note_sections(note, language):
            document.add_heading(section.heading, level=2)
            for text in section.lines:
                document.add_paragraph(text)
            if section.table:
                table = document.add_table(rows=0, cols=len(section.table[0]))
                table.style = "Table Grid"
                for row in section.table:
                    cells = table.add_row().cells
                    for cell, text in zip(cells, row, strict=True):
                        cell.text = text
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
