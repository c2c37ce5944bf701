"""Event pages in the CMS: index, programme, map fallback, .ics, JSON-LD, sign-up and exhibitors."""

import json
import re
from datetime import UTC, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import Site

from events import services
from events.pages import EventIndexPage, EventPage, EventSession, SessionRegistration

pytestmark = pytest.mark.django_db


@pytest.fixture
def index_page():
    root = Site.objects.get(is_default_site=True).root_page
    index = EventIndexPage(title="Wydarzenia", slug="wydarzenia")
    root.add_child(instance=index)
    return index


def _event(index, *, days=30, **extra):
    starts = (timezone.now() + timedelta(days=days)).replace(hour=9, minute=0, second=0, microsecond=0)
    page = EventPage(
        title=extra.pop("title", "Targi Ekonomii Społecznej"),
        slug=extra.pop("slug", f"wydarzenie-{days}"),
        starts_at=starts,
        ends_at=starts + timedelta(hours=8),
        venue_name="Europejskie Centrum Solidarności",
        venue_address="pl. Solidarności 1, 80-863 Gdańsk",
        **extra,
    )
    index.add_child(instance=page)
    return page


@pytest.fixture
def event(index_page):
    page = _event(index_page, latitude=54.3606, longitude=18.6496)
    EventSession.objects.create(
        page=page,
        title="Warsztaty: zamówienia zastrzeżone",
        kind=EventSession.Kind.WORKSHOP,
        starts_at=page.starts_at + timedelta(hours=1),
        ends_at=page.starts_at + timedelta(hours=2),
        room="Sala A",
        speakers="Jan Kowalski, Ewa Nowak",
        requires_signup=True,
        capacity=1,
    )
    return page


def test_index_lists_upcoming_events_and_past_ones_separately(client, index_page):
    _event(index_page, days=10, title="Wkrótce", slug="wkrotce")
    _event(index_page, days=-10, title="Było", slug="bylo")
    response = client.get(index_page.url)
    assert [p.title for p in response.context["upcoming"]] == ["Wkrótce"]
    assert [p.title for p in response.context["past"]] == ["Było"]


def test_event_page_shows_programme_in_warsaw_time_with_rooms_and_speakers(client, event):
    html = client.get(event.url).content.decode()
    local = timezone.localtime(event.sessions.get().starts_at)
    assert f"{local:%H:%M}" in html
    assert "Sala A" in html and "Jan Kowalski, Ewa Nowak" in html
    assert "Co-funded by the European Union (Interreg)" in html
    assert "data-map" in html


def test_event_without_coordinates_degrades_to_the_address(client, index_page):
    page = _event(index_page, days=5, slug="bez-mapy")
    html = client.get(page.url).content.decode()
    assert "data-map" not in html
    assert "pl. Solidarności 1, 80-863 Gdańsk" in html
    assert "openstreetmap.org/search" in html


def test_event_page_carries_json_ld_event(client, event):
    html = client.get(event.url).content.decode()
    blocks = [
        json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    data = next(b for b in blocks if b.get("@type") == "Event")
    assert data["@type"] == "Event"
    assert data["startDate"].endswith(("+01:00", "+02:00"))
    assert data["location"]["geo"]["latitude"] == 54.3606


def test_ics_download_has_the_event_and_its_sessions(client, event):
    response = client.get(event.url + "kalendarz/")
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 2
    assert "LOCATION:Europejskie Centrum Solidarności\\, pl. Solidarności 1\\, 80-863 Gdańsk" in body.replace(
        "\r\n ", ""
    )
    assert f"DTSTART:{event.starts_at.astimezone(UTC):%Y%m%dT%H%M%SZ}" in body


def test_session_sign_up_confirms_then_waitlists_beyond_capacity(
    client, event, django_capture_on_commit_callbacks
):
    session = event.sessions.get()
    url = f"{event.url}zapisy/{session.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"name": "Anna", "email": "anna@example.pl", "consent_privacy": "on"})
        client.post(url, {"name": "Piotr", "email": "piotr@example.pl", "consent_privacy": "on"})
    registrations = {r.email: r.waitlisted for r in SessionRegistration.objects.all()}
    assert registrations == {"anna@example.pl": False, "piotr@example.pl": True}
    assert "registered" in mail.outbox[0].subject
    assert "waiting list" in mail.outbox[1].subject


def test_signing_up_twice_keeps_one_registration(event):
    session = event.sessions.get()
    first = services.register_for_session(session, name="Anna", email="Anna@Example.pl")
    again = services.register_for_session(session, name="Anna", email="anna@example.pl")
    assert first.pk == again.pk


def test_fair_page_lists_exhibitors_of_its_fair(client, event, fair, make_application, member_organisation):
    event.fair = fair
    event.save_revision().publish()
    application = make_application(
        approved=True, organisation=member_organisation, organisation_name=member_organisation.name
    )
    services.choose_bank_transfer(application)
    services.mark_transfer_paid(application)
    services.assign_stand_number(application, "A3")
    html = client.get(event.url).content.decode()
    assert "A3" in html
    assert member_organisation.get_absolute_url() in html
