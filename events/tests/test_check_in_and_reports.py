"""The day itself and after it: check-in at the desk (typed or scanned), badges, the meeting link for
ticket holders only, JSON-LD attendance modes, and the grant's attendance reports per event and series."""

import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from openpyxl import load_workbook
from pypdf import PdfReader

from events.attendance_reports import attendance_xlsx, series_attendance
from events.models import EventSeries, TicketStatus, VisitorTicket
from events.pages import AttendanceMode
from events.services import FairError, visitors
from events.tickets_pdf import qr_payload

from .visitor_fixtures import confirmed, decode_qr, make_event_page, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    admin = get_user_model().objects.create_superuser(
        username="desk", email="desk@pes.pl", password="x-Secret-1"
    )
    client.force_login(admin)
    return client


def test_check_in_marks_present_and_a_second_scan_says_when_in_polish(staff_client, event_page):
    ticket = confirmed(event_page, "anna@example.org")
    url = f"/admin/goscie/{event_page.pk}/wejscie/"
    first = staff_client.post(url, {"code": qr_payload(ticket)}, HTTP_ACCEPT="application/json")
    assert first.status_code == 200
    assert first.json()["result"]["name"] == ticket.name and first.json()["counts"]["present"] == 1
    ticket.refresh_from_db()
    local = timezone.localtime(ticket.checked_in_at).strftime("%H:%M")
    with translation.override("pl"):
        again = staff_client.post(url, {"code": ticket.code.lower()}, HTTP_ACCEPT="application/json")
    assert again.json()["result"]["already"] is True
    assert again.json()["result"]["message"] == f"Już zarejestrowano wejście o {local}."
    # Typed at the desk without JavaScript: the same answer on the page.
    with translation.override("pl"):
        page = staff_client.post(url, {"code": ticket.code}).content.decode()
    assert f"Już zarejestrowano wejście o {local}." in page
    assert VisitorTicket.objects.get(pk=ticket.pk).checked_in_at == ticket.checked_in_at


def test_check_in_refuses_unknown_unconfirmed_and_other_events_codes(event_page):
    other = make_event_page(slug="inne")
    pending = register(event_page, "pending@example.org")
    elsewhere = confirmed(other, "elsewhere@example.org")
    for code in ("NOSUCH12", pending.code, elsewhere.code):
        with pytest.raises(FairError):
            visitors.check_in(code, page_id=event_page.pk)
    assert not VisitorTicket.objects.filter(checked_in_at__isnull=False).exists()


def test_check_in_page_loads_its_self_hosted_scanner_with_no_inline_script(staff_client, event_page):
    html = staff_client.get(f"/admin/goscie/{event_page.pk}/wejscie/").content.decode()
    ours = html[html.index("data-check-in-form") :]
    scripts = re.findall(r"<script([^>]*)>", ours)
    assert scripts and all("src=" in attributes for attributes in scripts)
    assert "/static/vendor/jsqr/jsQR.js" in ours and "/static/events/check-in.js" in ours


def test_attendance_overview_counts_live(staff_client, event_page):
    ticket = confirmed(event_page, "a@example.org")
    confirmed(event_page, "b@example.org")
    visitors.check_in(ticket.code)
    counts = staff_client.get("/admin/goscie/?format=json").json()[str(event_page.pk)]
    assert counts == {"registered": 2, "present": 1, "waiting": 0}


def test_badges_print_one_a6_page_per_confirmed_person_with_a_readable_qr(staff_client, event_page):
    one = confirmed(event_page, "a@example.org")
    confirmed(event_page, "b@example.org")
    register(event_page, "pending@example.org")
    response = staff_client.get(f"/admin/goscie/{event_page.pk}/identyfikatory.pdf")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2
    assert round(float(reader.pages[0].mediabox.width) / 72 * 25.4) == 105  # A6 is 105 mm wide
    text = reader.pages[0].extract_text()
    assert one.name in text and "GOŚĆ" in text  # staff print in Polish
    png = io.BytesIO()
    reader.pages[0].images[0].image.save(png, format="PNG")
    assert decode_qr(png.getvalue()) == qr_payload(one)


def test_badges_also_print_four_to_an_a4_label_sheet(staff_client, event_page):
    event_page.visitor_capacity = 10
    event_page.save()
    for number in range(5):
        confirmed(event_page, f"p{number}@example.org")
    response = staff_client.get(f"/admin/goscie/{event_page.pk}/identyfikatory.pdf?layout=a4")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2
    assert round(float(reader.pages[0].mediabox.width) / 72 * 25.4) == 210
    assert len(reader.pages[0].images) == 4 and len(reader.pages[1].images) == 1


def test_the_meeting_link_is_shown_only_on_a_confirmed_ticket(client):
    page = make_event_page(
        attendance_mode=AttendanceMode.ONLINE, meeting_link="https://meet.example.org/pes-1"
    )
    public = client.get(page.url).content.decode()
    assert "meet.example.org" not in public
    pending = register(page, "a@example.org")
    assert "meet.example.org" not in client.get(f"/targi/bilet/{pending.token}/").content.decode()
    visitors.confirm_ticket(pending)
    assert "https://meet.example.org/pes-1" in client.get(f"/targi/bilet/{pending.token}/").content.decode()


@pytest.mark.parametrize(
    ("mode", "schema"),
    [
        (AttendanceMode.OFFLINE, "OfflineEventAttendanceMode"),
        (AttendanceMode.ONLINE, "OnlineEventAttendanceMode"),
        (AttendanceMode.MIXED, "MixedEventAttendanceMode"),
    ],
)
def test_json_ld_says_how_people_attend_and_names_the_series(client, mode, schema):
    series = EventSeries.objects.create(name="Warsztaty 2025")
    page = make_event_page(attendance_mode=mode, series=series, meeting_link="https://meet.example.org/x")
    html = client.get(page.url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = next(item for item in map(json.loads, blocks) if item.get("@type") == "Event")
    assert data["eventAttendanceMode"] == f"https://schema.org/{schema}"
    assert data["superEvent"]["name"] == "Warsztaty 2025"
    assert "meet.example.org" not in html


def test_materials_appear_on_the_page_after_the_event(client):
    page = make_event_page(days=-3, materials="<p>Prezentacja z warsztatów</p>")
    assert "Prezentacja z warsztatów" in client.get(page.url).content.decode()
    coming = make_event_page(days=3, slug="przyszle", materials="<p>Ukryte do czasu</p>")
    assert "Ukryte do czasu" not in client.get(coming.url).content.decode()


def _present(page, email, **kwargs):
    ticket = confirmed(page, email, **kwargs)
    visitors.check_in(ticket.code)
    return ticket


def test_series_attendance_export_totals_by_participant_type_across_its_events():
    series = EventSeries.objects.create(name="Warsztaty 2025", funding_marks="Dofinansowano z Interreg")
    first = make_event_page(series=series, slug="w1", capacity=10)
    second = make_event_page(series=series, slug="w2", capacity=10, days=40)
    outside = make_event_page(slug="poza-cyklem", capacity=10)
    _present(first, "a@example.org", participant_type="company", sector="private")
    confirmed(first, "b@example.org", participant_type="company", sector="private")
    _present(first, "c@example.org", participant_type="ngo", sector="ngo")
    _present(second, "d@example.org", participant_type="company", sector="social_economy")
    _present(second, "e@example.org", participant_type="public_body", sector="public")
    visitors.cancel_ticket(confirmed(second, "f@example.org", participant_type="academia", sector="academia"))
    register(second, "g@example.org", participant_type="resident", sector="private")  # never confirmed
    _present(outside, "h@example.org", participant_type="company", sector="private")

    report = series_attendance(series)
    with translation.override("pl"):
        sheet = load_workbook(io.BytesIO(attendance_xlsx(report))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Dofinansowano z Interreg", None, None, None]
    by_type = {row[0]: (row[1], row[2]) for row in rows[4:11]}
    assert by_type["Firma"] == (3, 2)
    assert by_type["Organizacja pozarządowa"] == (1, 1)
    assert by_type["Instytucja publiczna"] == (1, 1)
    assert by_type["Środowisko akademickie"] == (0, 0)
    assert by_type["Mieszkaniec / mieszkanka"] == (0, 0)
    assert by_type["Razem"] == (5, 4)
    assert [row[2:] for row in rows if row[0] == "Warsztaty ekonomii społecznej"] == [[3, 2], [2, 2]]
    assert [(line.registered, line.present) for line in report.events] == [(3, 2), (2, 2)]


def test_the_attendance_report_downloads_are_staff_pdfs_and_xlsx_with_the_funding_marks(
    staff_client, event_page
):
    _present(event_page, "a@example.org")
    pdf = staff_client.get(f"/admin/goscie/{event_page.pk}/frekwencja.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert event_page.co_funding_notice in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    xlsx = staff_client.get(f"/admin/goscie/{event_page.pk}/frekwencja.xlsx")
    assert load_workbook(io.BytesIO(xlsx.content)).active["A1"].value == event_page.co_funding_notice


def test_a_formula_typed_as_an_organisation_stays_text_in_the_xlsx(event_page):
    series = EventSeries.objects.create(name='=HYPERLINK("http://evil")')
    event_page.series = series
    event_page.save()
    sheet = load_workbook(io.BytesIO(attendance_xlsx(series_attendance(series)))).active
    assert sheet["B2"].value.startswith("'=")


def test_a_persons_tickets_are_exported_and_erased_but_the_counts_stay(event_page):
    from config.core.privacy import personal_data_holders

    holder = next(h for h in personal_data_holders() if h.app_label == "events.visitors")
    ticket = confirmed(event_page, "anna@example.org", participant_type="ngo", sector="ngo")
    visitors.check_in(ticket.code)
    exported = holder.export_for("anna@example.org")
    assert exported["visitor_tickets"][0]["checked_in_at"]
    holder.erase_for("anna@example.org")
    ticket.refresh_from_db()
    assert "anna" not in ticket.email and ticket.name == "[usunięto]"
    assert (ticket.participant_type, ticket.status) == ("ngo", TicketStatus.CONFIRMED)
    assert holder.export_for("anna@example.org") == {"visitor_tickets": [], "stand_staff": [], "meetings": []}
