"""Visitors' journeys in Chromium against the live server: a visitor registers, confirms, downloads the
PDF ticket and is checked in by its QR code (decoded from the PDF here, and by the desk's own jsQR in the
browser); a buyer books two meetings and gets the .ics; a cancelled session place goes to the next person.
The visitor pages are also audited with axe-core in Polish and English, and a fake camera shows the
desk a QR code to read."""

import base64
import io
import re
from datetime import timedelta
from urllib.parse import urlparse

import pytest
import zxingcpp
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from events import services
from events.models import EventSession, Fair, SessionRegistration, StandType, TicketStatus, VisitorTicket
from events.services import meetings
from events.services import visitors as visitor_services
from events.tests.conftest import application_data
from events.tests.visitor_fixtures import make_event_page
from tests.e2e.test_accessibility import AXE_JS, audit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login_cookie(live_server, user) -> dict:
    client = Client()
    client.force_login(user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}


def _link(address: str, pattern: str) -> str:
    body = [message for message in mail.outbox if address in message.to][-1].body
    return urlparse(re.search(pattern, body).group(0)).path


def test_a_visitor_registers_confirms_downloads_the_ticket_and_is_checked_in_by_its_qr_code(
    live_server, browser, tmp_path
):
    axe_source = AXE_JS.read_text()
    event = make_event_page(capacity=30, slug="warsztaty-e2e")
    visitor = browser.new_context(locale="pl-PL", accept_downloads=True)
    page = visitor.new_page()
    page.set_default_timeout(15_000)

    page.goto(f"{live_server.url}{event.url}")
    page.click("[data-testid=register-visitor]")
    page.fill("input[name=name]", "Anna Nowak")
    page.fill("input[name=email]", "anna@example.org")
    page.fill("input[name=organisation]", "Urząd Gminy Kartuzy")
    page.select_option("select[name=participant_type]", "public_body")
    page.select_option("select[name=sector]", "public")
    page.check("input[name=consent_privacy]")
    page.click("[data-testid=register-submit]")
    assert "anna@example.org" in page.inner_text("[data-testid=registered]")

    # The link from the email shows a button; only pressing it confirms.
    page.goto(live_server.url + _link("anna@example.org", r"https?://\S+/bilet/\S+/"))
    assert VisitorTicket.objects.get().status == TicketStatus.PENDING
    page.click("[data-testid=confirm-email]")
    assert page.inner_text("[data-testid=ticket-status]").endswith("Potwierdzone")
    ticket = VisitorTicket.objects.get()
    with page.expect_download() as download:
        page.click("[data-testid=ticket-pdf]")
    pdf = tmp_path / "bilet.pdf"
    download.value.save_as(pdf)

    # The QR code as printed on the PDF ticket.
    image = PdfReader(pdf).pages[0].images[0].image
    decoded = zxingcpp.read_barcodes(image)[0].text
    assert decoded == f"PES:{ticket.code}"
    png = io.BytesIO()
    Image.Image.convert(image, "RGB").save(png, format="PNG")

    # The check-in desk on staff's phone: the self-hosted jsQR reads the same image, and the code goes in.
    staff = get_user_model().objects.create_superuser(
        username="desk", email="desk@pes.pl", password="x-Secret-1"
    )
    desk_context = browser.new_context(locale="pl-PL")
    desk_context.add_cookies([_login_cookie(live_server, staff)])
    desk = desk_context.new_page()
    desk.set_default_timeout(15_000)
    desk.goto(f"{live_server.url}/admin/goscie/{event.pk}/wejscie/")
    desk.wait_for_function("typeof window.jsQR === 'function'")
    read_in_browser = desk.evaluate(
        """async (src) => {
            const img = new Image(); img.src = src; await img.decode();
            const canvas = document.createElement("canvas");
            canvas.width = img.width; canvas.height = img.height;
            const context = canvas.getContext("2d"); context.drawImage(img, 0, 0);
            const data = context.getImageData(0, 0, img.width, img.height);
            return window.jsQR(data.data, img.width, img.height).data;
        }""",
        "data:image/png;base64," + base64.b64encode(png.getvalue()).decode(),
    )
    assert read_in_browser == decoded
    desk.fill("input[name=code]", read_in_browser)
    desk.click("[data-testid=check-in-submit]")
    desk.wait_for_selector("text=Witamy! Wejście zarejestrowane.")
    assert "Anna Nowak" in desk.inner_text("[data-testid=check-in-result]")
    assert desk.inner_text("[data-testid=count-present]") == "1"
    ticket.refresh_from_db()
    at = timezone.localtime(ticket.checked_in_at).strftime("%H:%M")
    desk.fill("input[name=code]", read_in_browser)
    desk.click("[data-testid=check-in-submit]")
    desk.wait_for_selector(f"text=Już zarejestrowano wejście o {at}.")
    desk_context.close()

    # The visitor's pages pass axe (the audit context may inject axe past the CSP).
    auditor = browser.new_context(locale="pl-PL", bypass_csp=True)
    audit_page = auditor.new_page()
    for url in (
        f"/targi/wydarzenie/{event.pk}/rejestracja/",
        f"/en/targi/wydarzenie/{event.pk}/rejestracja/",
        f"/targi/bilet/{ticket.token}/",
        f"/en/targi/bilet/{ticket.token}/",
        event.url,
    ):
        assert audit(audit_page, live_server.url + url, axe_source) == [], url
    auditor.close()
    visitor.close()


def test_a_buyer_books_two_meetings_and_downloads_the_ics(live_server, browser, tmp_path):
    starts = timezone.now() + timedelta(days=20)
    fair = Fair.objects.create(
        slug="targi-spotkania-e2e",
        name="Targi",
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        venue_name="Hala",
        venue_address="Gdańsk",
        requires_approval=False,
    )
    stand = StandType.objects.create(fair=fair, name="Stoisko", capacity=5, price_net=0)
    exhibitor = services.apply_for_stand(
        fair=fair, stand_type=stand, addons=[], data=application_data(language="pl")
    )
    exhibitor = services.approve_application(exhibitor)
    meetings.publish_slots(exhibitor, fair.starts_at, fair.starts_at + timedelta(hours=1))
    event = make_event_page(capacity=30, slug="targi-e2e-strona", fair=fair, meetings_per_buyer=2)
    ticket = visitor_services.register_visitor(
        event,
        name="Ewa Zamawiająca",
        email="ewa@gdansk.example.org",
        organisation="Urząd Miasta",
        participant_type="public_body",
        sector="public",
        language="pl",
    )
    ticket = visitor_services.confirm_ticket(ticket)

    context = browser.new_context(locale="pl-PL", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/targi/bilet/{ticket.token}/")
    page.click("[data-testid=book-meetings]")
    page.locator("[data-testid=book-slot]").first.click()
    page.locator("[data-testid=book-slot]").first.click()
    assert page.locator("[data-testid=booked-meetings] li").count() == 2
    with page.expect_download() as download:
        page.click("[data-testid=meetings-ics]")
    target = tmp_path / "spotkania.ics"
    download.value.save_as(target)
    calendar = target.read_text()
    assert calendar.count("BEGIN:VEVENT") == 2 and exhibitor.organisation_name in calendar
    emailed = [m for m in mail.outbox if "ewa@gdansk.example.org" in m.to][-1]
    assert emailed.attachments[0][1].count("BEGIN:VEVENT") == 2
    assert [m for m in mail.outbox if exhibitor.contact_email in m.to]
    context.close()

    auditor = browser.new_context(locale="pl-PL", bypass_csp=True)
    audit_page = auditor.new_page()
    for url in (
        f"/targi/bilet/{ticket.token}/spotkania/",
        f"/targi/zgloszenie/{exhibitor.access_token}/spotkania/",
    ):
        assert audit(audit_page, live_server.url + url, AXE_JS.read_text()) == [], url
    auditor.close()


def test_a_cancelled_session_place_goes_to_the_next_person_waiting(live_server, browser):
    event = make_event_page(capacity=None, slug="warsztat-sesja-e2e")
    session = EventSession.objects.create(
        page=event,
        title="Warsztat: klauzule społeczne",
        starts_at=event.starts_at,
        ends_at=event.starts_at + timedelta(hours=1),
        requires_signup=True,
        capacity=1,
    )
    services.register_for_session(session, name="Anna", email="anna@example.org", language="pl")

    context = browser.new_context(locale="pl-PL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Piotr signs up on the page and lands on the waiting list.
    page.goto(f"{live_server.url}{event.url}zapisy/{session.pk}/")
    page.fill("input[name=name]", "Piotr")
    page.fill("input[name=email]", "piotr@example.org")
    page.check("input[name=consent_privacy]")
    page.click("form.form button[type=submit]")
    assert SessionRegistration.objects.get(email="piotr@example.org").waitlisted

    # Anna cancels by the link in her email.
    page.goto(live_server.url + _link("anna@example.org", r"https?://\S+/anuluj/"))
    page.click("[data-testid=cancel-session]")
    page.wait_for_selector("text=Ten zapis jest anulowany.")

    # Piotr is offered the place and claims it by his link.
    page.goto(live_server.url + _link("piotr@example.org", r"https?://\S+/odbierz/"))
    page.click("[data-testid=claim-session]")
    page.wait_for_selector("text=Jesteś zapisany/zapisana.")
    piotr = SessionRegistration.objects.get(email="piotr@example.org")
    assert not piotr.waitlisted and piotr.offer_expires_at is None and piotr.cancelled_at is None
    assert services.session_places_left(session) == 0
    context.close()


def _qr_video(png: bytes, target) -> None:
    """A Y4M clip of the QR code on white, fed to Chromium as its camera (--use-file-for-fake-video-capture)."""
    width, height = 640, 480
    frame = Image.new("L", (width, height), 255)
    code = Image.open(io.BytesIO(png)).convert("L").resize((360, 360), Image.NEAREST)
    frame.paste(code, ((width - 360) // 2, (height - 360) // 2))
    chroma = bytes([128]) * (width * height // 4)
    with open(target, "wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(10):
            out.write(b"FRAME\n" + frame.tobytes() + chroma + chroma)


def test_the_desk_reads_a_ticket_from_the_phone_camera(live_server, chromium_path, tmp_path):
    """A camera pointed at the ticket: Chromium's fake camera plays the QR code; the desk's jsQR reads it."""
    import threading

    from playwright.sync_api import sync_playwright

    from events.tickets_pdf import qr_payload, qr_png
    from tests.e2e.conftest import CHROMIUM_ARGS

    event = make_event_page(capacity=5, slug="kamera-e2e")
    ticket = visitor_services.confirm_ticket(
        visitor_services.register_visitor(
            event,
            name="Jan Kamerowy",
            email="jan@example.org",
            organisation="",
            participant_type="resident",
            sector="private",
        )
    )
    video = tmp_path / "qr.y4m"
    _qr_video(qr_png(qr_payload(ticket)), video)
    staff = get_user_model().objects.create_superuser(
        username="cam", email="cam@pes.pl", password="x-Secret-1"
    )
    cookie = _login_cookie(live_server, staff)
    outcome: dict = {}

    # Playwright's sync API runs one instance per thread; the shared browser has no fake camera.
    def scan():
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=chromium_path,
                    headless=True,
                    args=[
                        *CHROMIUM_ARGS,
                        "--use-fake-ui-for-media-stream",
                        "--use-fake-device-for-media-stream",
                        f"--use-file-for-fake-video-capture={video}",
                    ],
                )
                context = browser.new_context(locale="pl-PL")
                context.add_cookies([cookie])
                desk = context.new_page()
                desk.set_default_timeout(20_000)
                desk.goto(f"{live_server.url}/admin/goscie/{event.pk}/wejscie/")
                desk.click("[data-check-in-start]")
                desk.wait_for_selector("text=Witamy! Wejście zarejestrowane.")
                outcome["who"] = desk.inner_text("[data-testid=check-in-result]")
                browser.close()
        except Exception as error:  # reported in the test thread
            outcome["error"] = error

    thread = threading.Thread(target=scan)
    thread.start()
    thread.join(90)
    assert "error" not in outcome, outcome.get("error")
    assert "Jan Kamerowy" in outcome["who"]
    ticket.refresh_from_db()
    assert ticket.checked_in_at is not None
