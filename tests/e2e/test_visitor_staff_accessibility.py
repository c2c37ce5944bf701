"""axe-core in Chromium on the staff's visitor tools in Polish: the check-in desk (after a scan, so its
result is audited too) and the live attendance page; also the exhibitor's stand staff page and the
after-the-fair follow-up form a buyer opens from the email."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from events import services
from events.models import Fair, StandType
from events.services import meetings
from events.services import visitors as visitor_services
from events.services.meeting_follow_ups import ask_meeting_follow_ups
from events.tests.conftest import application_data
from events.tests.visitor_fixtures import make_event_page
from tests.e2e.test_accessibility import AXE_JS, AXE_RUN, WCAG_TAGS, audit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login_cookie(live_server, user) -> dict:
    client = Client()
    client.force_login(user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}


def _world():
    starts = timezone.now() + timedelta(days=30)
    fair = Fair.objects.create(
        slug="targi-axe",
        name="Targi axe",
        starts_at=starts,
        ends_at=starts + timedelta(hours=7),
        venue_name="ECS",
        venue_address="pl. Solidarności 1, Gdańsk",
        application_deadline=starts - timedelta(days=14),
        cancellation_deadline=starts - timedelta(days=21),
    )
    stand = StandType.objects.create(fair=fair, name="Stoisko", price_net=20000, capacity=5)
    application = services.approve_application(
        services.apply_for_stand(fair=fair, stand_type=stand, addons=(), data=application_data())
    )
    event = make_event_page(capacity=30, slug="targi-axe-dzien", fair=fair, meetings_per_buyer=2)
    event.starts_at, event.ends_at = fair.starts_at, fair.ends_at
    event.save()
    ticket = visitor_services.register_visitor(
        event,
        name="Anna Nowak",
        email="anna@example.org",
        organisation="Urząd Gminy Kartuzy",
        participant_type="public_body",
        sector="public",
        language="pl",
    )
    ticket = visitor_services.confirm_ticket(ticket)
    slot = meetings.publish_slots(application, fair.starts_at, fair.starts_at + timedelta(minutes=15))[0]
    meetings.book_meeting(ticket, slot.pk)
    ask_meeting_follow_ups(now=fair.ends_at + timedelta(days=2))
    slot.refresh_from_db()
    return event, ticket, application, slot


def test_the_check_in_desk_attendance_and_follow_up_pages_pass_axe_in_polish(live_server, browser):
    axe_source = AXE_JS.read_text()
    event, ticket, application, slot = _world()
    staff = get_user_model().objects.create_superuser(
        username="axe", email="axe@pes.pl", password="x-Secret-1"
    )
    context = browser.new_context(locale="pl-PL", bypass_csp=True)
    context.add_cookies([_login_cookie(live_server, staff)])
    page = context.new_page()
    page.set_default_timeout(15_000)

    desk = f"{live_server.url}/admin/goscie/{event.pk}/wejscie/"
    assert audit(page, desk, axe_source) == []
    page.fill("input[name=code]", ticket.code)
    page.click("[data-testid=check-in-submit]")
    page.wait_for_selector("text=Witamy! Wejście zarejestrowane.")
    assert page.evaluate("document.documentElement.lang").startswith("pl")
    page.add_script_tag(content=axe_source)
    assert page.evaluate(AXE_RUN, WCAG_TAGS) == [], "desk after a scan"
    assert audit(page, f"{live_server.url}/admin/goscie/", axe_source) == []
    assert page.url.endswith("/admin/goscie/") and page.evaluate("document.documentElement.lang").startswith(
        "pl"
    )
    assert "Obecni" in page.inner_text("main")
    for url in (
        f"/targi/zgloszenie/{application.access_token}/obsluga-stoiska/",
        f"/targi/spotkanie/{slot.buyer_follow_up_token}/wynik/",
    ):
        assert audit(page, live_server.url + url, axe_source) == [], url
    context.close()
