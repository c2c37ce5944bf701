"""Attendance reports for the grant: per event and per series, registered and present, by participant
type and by sector, as XLSX and PDF with the funding marks the programme requires.

Registered means a confirmed ticket (visitors and exhibitors' staff); present means checked in. Cancelled,
waiting and unconfirmed registrations are not attendance and are left out.
"""

import io
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from config.core.exports import neutralise_formula

from .models import EventSeries, ParticipantType, Sector, TicketStatus, VisitorTicket
from .pages import EventPage
from .services.meeting_follow_ups import Matchmaking, fair_matchmaking
from .tickets_pdf import PdfDocument


@dataclass
class Tally:
    registered: Counter = field(default_factory=Counter)
    present: Counter = field(default_factory=Counter)


@dataclass
class EventLine:
    title: str
    date: str
    registered: int
    present: int


@dataclass
class AttendanceReport:
    title: str
    funding_marks: str
    events: list[EventLine]
    by_type: Tally
    by_sector: Tally
    matchmaking: Matchmaking = field(default_factory=Matchmaking)

    @property
    def registered(self) -> int:
        return sum(self.by_type.registered.values())

    @property
    def present(self) -> int:
        return sum(self.by_type.present.values())

    def type_rows(self) -> list[tuple[str, int, int]]:
        return [
            (str(label), self.by_type.registered[value], self.by_type.present[value])
            for value, label in ParticipantType.choices
        ]

    def matchmaking_rows(self) -> list[tuple[str, str]]:
        figures = self.matchmaking
        return [
            (_("Meetings booked at the fair"), str(figures.held)),
            (_("Meetings with an answer after the fair"), str(figures.answered)),
            (_("Meetings followed by a quote or a contract"), str(figures.follow_ups)),
            (_("Contracts signed"), str(figures.deals)),
            (_("Value of the contracts, net (PLN)"), f"{figures.value_net:.2f}"),
        ]

    def sector_rows(self) -> list[tuple[str, int, int]]:
        return [
            (str(label), self.by_sector.registered[value], self.by_sector.present[value])
            for value, label in Sector.choices
        ]


def _build(title: str, funding_marks: str, pages) -> AttendanceReport:
    by_type, by_sector, events, matchmaking, fairs = Tally(), Tally(), [], Matchmaking(), set()
    for page in pages:
        if page.fair_id and page.fair_id not in fairs:  # a fair's meetings count once per report
            fairs.add(page.fair_id)
            matchmaking.add(fair_matchmaking(page.fair_id))
        tickets = VisitorTicket.objects.filter(page=page, status=TicketStatus.CONFIRMED)
        rows = list(tickets.values_list("participant_type", "sector", "checked_in_at"))
        for participant_type, sector, checked_in_at in rows:
            by_type.registered[participant_type] += 1
            by_sector.registered[sector] += 1
            if checked_in_at:
                by_type.present[participant_type] += 1
                by_sector.present[sector] += 1
        events.append(
            EventLine(
                title=page.title,
                date=timezone.localtime(page.starts_at).strftime("%Y-%m-%d"),
                registered=len(rows),
                present=sum(1 for row in rows if row[2]),
            )
        )
    return AttendanceReport(title, funding_marks, events, by_type, by_sector, matchmaking)


def event_attendance(page) -> AttendanceReport:
    page = page.programme_page()
    return _build(page.title, page.co_funding_notice, [page])


def series_attendance(series: EventSeries) -> AttendanceReport:
    """Every event of the series once (its default-locale page: translations share its tickets)."""
    pages = [
        page
        for page in EventPage.objects.filter(Q(series=series)).order_by("starts_at")
        if page.programme_page().pk == page.pk
    ]
    return _build(series.localized_name, series.funding_marks, pages)


def _headings() -> list[str]:
    return [_("Registered"), _("Present")]


def attendance_xlsx(report: AttendanceReport) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Attendance")[:31]
    bold = Font(bold=True)

    def write(values, *, strong=False):
        sheet.append([neutralise_formula(value) for value in values])
        if strong:
            for cell in sheet[sheet.max_row]:
                cell.font = bold

    write([report.funding_marks], strong=True)
    write([_("Attendance report"), report.title], strong=True)
    write([])
    write([_("Participant type"), *_headings()], strong=True)
    for row in report.type_rows():
        write(row)
    write([_("Total"), report.registered, report.present], strong=True)
    write([])
    write([_("Sector"), *_headings()], strong=True)
    for row in report.sector_rows():
        write(row)
    write([])
    write([_("Event"), _("Date"), *_headings()], strong=True)
    for line in report.events:
        write([line.title, line.date, line.registered, line.present])
    write([])
    write([_("Buyer–supplier meetings")], strong=True)
    for row in report.matchmaking_rows():
        write(row)
    write([])
    write([report.funding_marks])
    sheet.column_dimensions["A"].width = 45
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def attendance_pdf(report: AttendanceReport) -> bytes:
    doc = PdfDocument("A4", _("Attendance report"))
    pdf = doc.pdf
    pdf.add_page()
    pdf.set_auto_page_break(True, margin=20)
    if report.funding_marks:
        doc.cell(report.funding_marks, size=9)
    doc.cell(_("Attendance report"), size=16, bold=True, height=9)
    doc.cell(report.title, size=13, height=8)
    pdf.ln(4)

    def table(heading: str, rows):
        pdf.set_font(doc.family, "B", 10)
        for text, width in ((heading, 110), (_("Registered"), 35), (_("Present"), 35)):
            pdf.cell(width, 7, doc.text(text), border=1)
        pdf.ln()
        pdf.set_font(doc.family, "", 10)
        for label, registered, present in rows:
            pdf.cell(110, 7, doc.text(label), border=1)
            pdf.cell(35, 7, str(registered), border=1, align="R")
            pdf.cell(35, 7, str(present), border=1, align="R")
            pdf.ln()
        pdf.ln(4)

    table(_("Participant type"), [*report.type_rows(), (_("Total"), report.registered, report.present)])
    table(_("Sector"), report.sector_rows())
    table(
        _("Event"), [(f"{line.date} {line.title}", line.registered, line.present) for line in report.events]
    )
    pdf.set_font(doc.family, "B", 10)
    pdf.cell(180, 7, doc.text(_("Buyer–supplier meetings")), border=1)
    pdf.ln()
    pdf.set_font(doc.family, "", 10)
    for label, value in report.matchmaking_rows():
        pdf.cell(145, 7, doc.text(label), border=1)
        pdf.cell(35, 7, value, border=1, align="R")
        pdf.ln()
    return doc.output()
