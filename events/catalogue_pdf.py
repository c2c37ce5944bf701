"""The printable exhibitor catalogue for the fair's day (fpdf2, like the invoices): a cover, the plan
with sold stands marked, and the exhibitors grouped by category, from the same data as the web page."""

import io
import logging
from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _

from .floor_svg import print_plan
from .invoice_pdf import Document
from .services import stands

logger = logging.getLogger(__name__)


def render_catalogue_pdf(fair, plan, entries) -> bytes:
    doc = Document(_("Exhibitor catalogue") + f" – {fair.local_name}")
    pdf = doc.pdf
    # Cover
    pdf.ln(60)
    doc.line(fair.local_name, size=24, bold=True, height=12)
    doc.line(_("Exhibitor catalogue"), size=16, height=10)
    starts = timezone.localtime(fair.starts_at)
    doc.line(f"{starts:%d.%m.%Y %H:%M} · {fair.venue_name}, {fair.venue_address}", size=11)
    doc.line(_("%(count)s exhibitors") % {"count": len(entries)}, size=11)

    if plan is not None and plan.svg:
        pdf.add_page()
        doc.line(_("Floor plan"), size=16, bold=True, height=10)
        try:
            pdf.image(io.BytesIO(print_plan(plan.svg, stands.stand_rows(plan))), w=pdf.epw)
        except Exception:  # noqa: BLE001 - a plan fpdf2 cannot draw must not cost the whole catalogue
            logger.exception("The floor plan of %s could not be drawn in the PDF", fair.slug)
        doc.line(_("Green: sold · yellow: reserved · grey: blocked · white: available"), size=9)

    by_category = defaultdict(list)
    for entry in entries:
        for category in entry.categories or [None]:
            by_category[category.name if category else _("Other")].append(entry)
    pdf.add_page()
    doc.line(_("Exhibitors by category"), size=16, bold=True, height=10)
    for name in sorted(by_category):
        pdf.ln(2)
        doc.line(name, size=13, bold=True, height=8)
        for entry in by_category[name]:
            stand = _("Stand %(number)s") % {"number": entry.stand_number} if entry.stand_number else ""
            doc.line(f"{entry.application.organisation_name}   {stand}", size=11, bold=True)
            if entry.exhibits:
                doc.line(entry.exhibits, size=9, height=5)
            if entry.description:
                doc.line(entry.description, size=9, height=5)
    return bytes(pdf.output())
