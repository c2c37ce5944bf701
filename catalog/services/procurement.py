"""The public-body shortlist export (rozeznanie rynku): titled CSV and XLSX documents of the selected
suppliers (title, date, criteria, one row per supplier), or of a request's suppliers with their answers."""

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from config.core.exports import neutralise_formula
from config.core.links import absolute_url
from config.core.money import format_pln

from ..shortlist import Supplier
from .cpv import describe_cpv_codes


def shortlist_export_header() -> list[str]:
    return [
        _("Supplier"),
        _("Legal form"),
        _("Social enterprise (PS) status"),
        _("Eligible for reserved contracts (art. 94 Pzp)"),
        _("Employees at risk of exclusion / all employees"),
        _("CPV codes"),
        _("Offers on the shortlist"),
        _("NIP"),
        _("KRS"),
        _("Address"),
        _("Email"),
        _("Phone"),
        _("Website"),
        _("Profile"),
        _("Date of the check"),
    ]


def shortlist_export_rows(suppliers, checked_on: date) -> list[list[str]]:
    """One row per supplier. CPV codes are those of the chosen offers, or of all its published offers."""
    yes, no = _("yes"), _("no")
    rows = []
    for supplier in suppliers:
        organisation = supplier.organisation
        # Shortlisted organisations are public (Shortlist.organisations), so their published offers are.
        offers = supplier.offers or list(organisation.offers.published())
        cpv_codes = describe_cpv_codes(sorted({code for offer in offers for code in offer.cpv_codes}))
        rows.append(
            [
                organisation.name,
                str(organisation.get_legal_form_display()),
                yes if organisation.ps_status else no,
                yes if organisation.reserved_contract_eligible else no,
                f"{organisation.employees_disadvantaged}/{organisation.employees_total}",
                # Names make the note readable without a CPV lookup; ";" because names contain commas.
                "; ".join(f"{cpv.code} {cpv.name}" if cpv.exact else cpv.code for cpv in cpv_codes),
                "; ".join(offer.title for offer in supplier.offers),
                organisation.nip,
                organisation.krs,
                f"{organisation.street}, {organisation.postal_code} {organisation.city}".strip(", "),
                organisation.email,
                organisation.phone,
                organisation.website,
                absolute_url(organisation.get_absolute_url()),
                checked_on.isoformat(),
            ]
        )
    return rows


# Rows above the table: the title, the date, the criteria, then one empty row.
PREAMBLE_ROWS = 4


@dataclass(frozen=True)
class ExportDocument:
    """A titled table: what was searched for and when, then one row per supplier."""

    title: str
    checked_on: date
    criteria: str
    header: list[str]
    rows: list[list]

    def preamble(self) -> list[list[str]]:
        return [
            [self.title],
            [_("Date: %(date)s") % {"date": self.checked_on.isoformat()}],
            [_("Criteria: %(criteria)s") % {"criteria": self.criteria or _("none (chosen by hand)")}],
            [],
        ]


def shortlist_document(suppliers, checked_on: date, criteria: str) -> ExportDocument:
    return ExportDocument(
        title=_("Market research: suppliers from the catalogue of Pomorska Ekonomia Społeczna"),
        checked_on=checked_on,
        criteria=criteria,
        header=shortlist_export_header(),
        rows=shortlist_export_rows(suppliers, checked_on),
    )


def quote_answers_document(quote_request, checked_on: date) -> ExportDocument:
    """The same table for a request's suppliers, with their answers and the snapshot taken when asked."""
    recipients = list(quote_request.recipients.select_related("organisation").prefetch_related("offers"))
    base = shortlist_export_rows(
        [Supplier(r.organisation, list(r.offers.all())) for r in recipients], checked_on
    )
    yes, no = _("yes"), _("no")
    rows = []
    for recipient, row in zip(recipients, base, strict=True):
        quoted = recipient.price is not None
        rows.append(
            [
                *row,
                str(recipient.get_status_display()),
                format_pln(recipient.price) if quoted else "",
                f"{recipient.vat_rate}%" if quoted else "",
                format_pln(recipient.gross_price) if quoted else "",
                "" if recipient.lead_time_days is None else recipient.lead_time_days,
                recipient.valid_until.isoformat() if recipient.valid_until else "",
                recipient.conditions or recipient.decline_reason,
                yes if recipient.reserved_eligible_at_request else no,
            ]
        )
    return ExportDocument(
        title=_("Market research: answers to the quote request of %(date)s")
        % {"date": quote_request.created_at.date().isoformat()},
        checked_on=checked_on,
        criteria=quote_request.description,
        header=[
            *shortlist_export_header(),
            _("Supplier's answer"),
            _("Net"),
            _("VAT rate"),
            _("Gross"),
            _("Lead time (days)"),
            _("Valid until"),
            _("Conditions or reason"),
            _("Eligible for reserved contracts when asked"),
        ],
        rows=rows,
    )


def export_document_csv(document: ExportDocument) -> bytes:
    """UTF-8 with a BOM and semicolons, which is what Polish Excel opens correctly; no cell is a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in [*document.preamble(), document.header, *document.rows]:
        writer.writerow([neutralise_formula(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_document_xlsx(document: ExportDocument) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Market research")[:31]
    for row in document.preamble():
        sheet.append([neutralise_formula(cell) for cell in row])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(document.header)
    for cell in sheet[PREAMBLE_ROWS + 1]:
        cell.font = Font(bold=True)
    for row in document.rows:
        # Written as text cells, never as formulas.
        sheet.append([neutralise_formula(cell) for cell in row])
    sheet.freeze_panes = f"A{PREAMBLE_ROWS + 2}"
    for column in sheet.iter_cols(min_row=PREAMBLE_ROWS + 1):
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_document_response(document: ExportDocument, file_format: str, filename: str) -> HttpResponse:
    """The document as a download, `<filename>.csv` or `<filename>.xlsx` (`file_format` as the URL says)."""
    if file_format == "csv":
        response = HttpResponse(export_document_csv(document), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(export_document_xlsx(document), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response
