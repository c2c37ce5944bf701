"""The public-body shortlist export (rozeznanie rynku): CSV and XLSX of the selected suppliers."""

import csv
import io
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from config.core.exports import neutralise_formula
from config.core.links import absolute_url

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


def export_shortlist_csv(suppliers, checked_on: date) -> bytes:
    """UTF-8 with a BOM and semicolons, which is what Polish Excel opens correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(shortlist_export_header())
    for row in shortlist_export_rows(suppliers, checked_on):
        writer.writerow([neutralise_formula(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_shortlist_xlsx(suppliers, checked_on: date) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Market research")[:31]
    sheet.append(shortlist_export_header())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in shortlist_export_rows(suppliers, checked_on):
        # Written as text cells, never as formulas.
        sheet.append([neutralise_formula(cell) for cell in row])
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
