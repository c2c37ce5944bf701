"""Event pages in the CMS: index, programme, map fallback, .ics, JSON-LD, sign-up, exhibitors, and the
English translation that shares the Polish page's programme and places."""

import json
import re
from datetime import UTC, timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation
from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.models import Locale, Site

from events import services
from events.models import EventSession, SessionRegistration
from events.pages import EventIndexPage, EventPage

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
    # The default co-funding notice is shown in the page's language (issue 15: no English on a Polish page).
    assert "Współfinansowane przez Unię Europejską (Interreg)" in html
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
    # Signed up on the Polish page: the emails are in Polish.
    assert mail.outbox[0].subject.startswith("Jesteś zapisany(-a) na: ")
    assert mail.outbox[1].subject.startswith("Jesteś na liście rezerwowej: ")


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


@pytest.fixture
def english_event(event):
    """The English translation of `event`, made the way the admin's "Translate" action makes it."""
    english, _ = Locale.objects.get_or_create(language_code="en")
    CopyPageForTranslationAction(event, english, copy_parents=True).execute(skip_permission_checks=True)
    page = event.get_translation(english)
    page.title = "Social Economy Fair"
    page.venue_name = "European Solidarity Centre"
    page.save_revision().publish()
    return page


def _json_ld_event(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return next(data for data in map(json.loads, blocks) if data.get("@type") == "Event")


def test_translating_an_event_page_does_not_copy_its_sessions(event, english_event):
    assert english_event.url.startswith("/en/")
    assert english_event.translation_key == event.translation_key
    assert EventSession.objects.count() == 1
    assert not english_event.sessions.exists()
    assert list(english_event.programme_sessions()) == list(event.sessions.all())
    # Nor does its revision carry copies that a later publish would bring back.
    english_event.get_latest_revision().publish()
    assert EventSession.objects.count() == 1


def test_english_page_lists_the_same_sessions_with_english_text_and_polish_fallback(
    client, event, english_event
):
    session = event.sessions.get()
    session.title_en = "Workshop: reserved contracts"
    session.room_en = "Room A"
    session.save()
    EventSession.objects.create(
        page=event,
        title="Przerwa kawowa",
        starts_at=event.starts_at + timedelta(hours=3),
        ends_at=event.starts_at + timedelta(hours=4),
    )

    response = client.get(english_event.url)
    html = response.content.decode()

    assert [s.pk for s in response.context["sessions"]] == list(event.sessions.values_list("pk", flat=True))
    assert "<h3>Workshop: reserved contracts</h3>" in html and "Room A" in html
    assert "Warsztaty: zamówienia zastrzeżone" not in html
    assert "<h3>Przerwa kawowa</h3>" in html  # no English title yet: the Polish one
    assert f"{english_event.url}zapisy/{session.pk}/" in html
    polish = client.get(event.url).content.decode()
    assert "<h3>Warsztaty: zamówienia zastrzeżone</h3>" in polish and "Workshop: reserved" not in polish


def test_a_place_taken_in_polish_is_taken_in_english(client, event, english_event):
    session = event.sessions.get()  # capacity 1
    client.post(
        f"{event.url}zapisy/{session.pk}/",
        {"name": "Anna", "email": "anna@example.pl", "consent_privacy": "on"},
    )
    response = client.post(
        f"{english_event.url}zapisy/{session.pk}/",
        {"name": "John", "email": "john@example.com", "consent_privacy": "on"},
    )

    assert "You are on the waiting list" in response.content.decode()
    registrations = {r.email: (r.session_id, r.waitlisted) for r in SessionRegistration.objects.all()}
    assert registrations == {
        "anna@example.pl": (session.pk, False),
        "john@example.com": (session.pk, True),
    }
    assert services.session_places_left(session) == 0
    assert "Full — you can join the waiting list." in client.get(english_event.url).content.decode()


def test_english_sign_up_takes_the_place_of_the_single_session(client, event, english_event):
    session = event.sessions.get()
    response = client.post(
        f"{english_event.url}zapisy/{session.pk}/",
        {"name": "John", "email": "john@example.com", "consent_privacy": "on"},
    )
    assert "You are signed up" in response.content.decode()
    assert SessionRegistration.objects.get().session_id == session.pk
    with translation.override("pl"):
        polish = client.get(event.url).content.decode()
    assert f'href="{event.url}zapisy/{session.pk}/"' in polish
    assert services.session_places_left(session) == 0


def test_each_visitor_is_confirmed_in_the_language_of_the_page_they_signed_up_on(
    client, event, english_event, django_capture_on_commit_callbacks
):
    session = event.sessions.get()
    session.title_en = "Workshop: reserved contracts"
    session.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"{english_event.url}zapisy/{session.pk}/",
            {"name": "John", "email": "john@example.com", "consent_privacy": "on"},
        )
        client.post(
            f"{event.url}zapisy/{session.pk}/",
            {"name": "Anna", "email": "anna@example.pl", "consent_privacy": "on"},
        )

    languages = dict(SessionRegistration.objects.values_list("email", "language"))
    assert languages == {"john@example.com": "en", "anna@example.pl": "pl"}
    bodies = {message.to[0]: message.subject + message.body for message in mail.outbox}
    assert "Workshop: reserved contracts" in bodies["john@example.com"]
    assert "Warsztaty: zamówienia zastrzeżone" in bodies["anna@example.pl"]


def test_english_page_books_no_session_of_another_event(client, index_page, english_event):
    other = _event(index_page, days=40, slug="inne")
    foreign = EventSession.objects.create(
        page=other,
        title="Inne warsztaty",
        starts_at=other.starts_at,
        ends_at=other.ends_at,
        requires_signup=True,
        capacity=5,
    )
    response = client.post(
        f"{english_event.url}zapisy/{foreign.pk}/",
        {"name": "John", "email": "john@example.com", "consent_privacy": "on"},
    )
    assert response.status_code == 302
    assert not SessionRegistration.objects.exists()


def test_english_page_json_ld_and_calendar_are_in_english(client, event, english_event):
    session = event.sessions.get()
    session.title_en = "Workshop: reserved contracts"
    session.save()
    data = _json_ld_event(client.get(english_event.url).content.decode())
    assert data["name"] == "Social Economy Fair"
    assert data["inLanguage"] == "en"
    assert data["location"]["name"] == "European Solidarity Centre"
    assert data["url"].endswith(english_event.url)
    assert _json_ld_event(client.get(event.url).content.decode())["inLanguage"] == "pl"

    body = client.get(english_event.url + "kalendarz/").content.decode().replace("\r\n ", "")
    assert body.count("BEGIN:VEVENT") == 2
    assert "SUMMARY:Workshop: reserved contracts" in body


def test_the_admin_form_of_a_translation_has_no_programme(admin_client, event, english_event):
    form_class = EventPage.get_edit_handler().get_form_class()
    assert "sessions" in form_class(instance=event, for_user=None).formsets
    assert "sessions" not in form_class(instance=english_event, for_user=None).formsets

    english_html = admin_client.get(f"/admin/pages/{english_event.pk}/edit/").content.decode()
    polish_html = admin_client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    # The admin speaks Polish (LANGUAGE_CODE), whichever page is edited.
    notice = "Ta strona jest tłumaczeniem: pokazuje sesje strony polskiej i przyjmuje na nie zapisy."
    assert "sessions-TOTAL_FORMS" not in english_html
    assert notice in english_html
    assert "sessions-TOTAL_FORMS" in polish_html and "title_en" in polish_html
    assert notice not in polish_html


def test_a_page_without_a_polish_version_keeps_its_own_programme(index_page):
    english, _ = Locale.objects.get_or_create(language_code="en")
    page = _event(index_page, days=20, slug="only-english", locale=english)
    EventSession.objects.create(page=page, title="Talk", starts_at=page.starts_at, ends_at=page.ends_at)
    assert page.programme_page() == page
    assert [s.title for s in page.programme_sessions()] == ["Talk"]


def test_fair_stand_types_and_add_ons_have_english_names_on_english_pages(
    client, fair, stand_type, electricity
):
    fair.name_en = "Pomeranian Social Economy Fair"
    fair.save()
    stand_type.name_en = "Social enterprise stand 2×2 m"
    stand_type.save()
    electricity.name_en = "Electricity 230 V"
    electricity.save()

    english = client.get(f"/en/targi/{fair.slug}/").content.decode()
    polish = client.get(f"/targi/{fair.slug}/").content.decode()

    for name in ("Pomeranian Social Economy Fair", "Social enterprise stand 2×2 m", "Electricity 230 V"):
        assert name in english and name not in polish
    assert "Prąd 230 V" in polish
