"""Saved searches: double opt-in, a weekly email of new or changed matches, none when nothing is new,
one-click unsubscribe, RODO export and erasure."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from catalog.procurement.alerts import send_weekly_alerts
from catalog.procurement.models import SavedSearch
from catalog.tests.factories import OfferFactory, OrganisationFactory
from config.core.privacy import personal_data_holders

pytestmark = pytest.mark.django_db

SAVE_URL = "/zakupy/wyszukiwania/zapisz/?q=catering&subregion=slupski&page=3"
EMAIL = "zakupy@gmina.example.pl"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def supplier():
    return OrganisationFactory(subregion="slupski")


def save(client, django_capture_on_commit_callbacks, email=EMAIL):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(SAVE_URL, {"email": email, "consent": "on"})


def confirm(client, django_capture_on_commit_callbacks):
    [message] = [m for m in mail.outbox if m.subject == "Potwierdź zapisane wyszukiwanie w katalogu"]
    link = next(line for line in message.body.splitlines() if "/wyszukiwania/potwierdz/" in line)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(link.split("testserver", 1)[-1].strip())
    assert response.status_code == 200
    mail.outbox.clear()


def week_later(days=7):
    return timezone.now() + timedelta(days=days, minutes=1)


def run_weekly(django_capture_on_commit_callbacks, now):
    with django_capture_on_commit_callbacks(execute=True):
        return send_weekly_alerts(now)


def test_nothing_is_sent_before_the_address_is_confirmed(
    client, supplier, django_capture_on_commit_callbacks
):
    response = save(client, django_capture_on_commit_callbacks)

    saved = SavedSearch.objects.get()
    assert response.status_code == 200 and "Sprawdź skrzynkę" in response.content.decode()
    assert saved.query == {"q": ["catering"], "subregion": ["slupski"]}  # the page is not a filter
    assert [m.to for m in mail.outbox] == [[EMAIL]]
    OfferFactory(organisation=supplier, title="Catering na festyn")
    mail.outbox.clear()

    report = run_weekly(django_capture_on_commit_callbacks, week_later(30))

    assert report == {"alerts sent": 0, "searches with nothing new": 0} and mail.outbox == []


def test_weekly_email_lists_new_and_changed_offers_then_nothing_when_nothing_is_new(
    client, supplier, django_capture_on_commit_callbacks
):
    known = OfferFactory(organisation=supplier, title="Catering dla szkół")
    OfferFactory(organisation=OrganisationFactory(subregion="poludniowy"), title="Catering w innym regionie")
    save(client, django_capture_on_commit_callbacks)
    confirm(client, django_capture_on_commit_callbacks)
    new = OfferFactory(organisation=supplier, title="Catering na festyn")

    too_early = run_weekly(django_capture_on_commit_callbacks, timezone.now() + timedelta(days=6))
    first = run_weekly(django_capture_on_commit_callbacks, week_later())
    [alert] = mail.outbox
    mail.outbox.clear()
    quiet = run_weekly(django_capture_on_commit_callbacks, week_later(14))
    known.description = "Nowe menu."
    known.save()
    changed = run_weekly(django_capture_on_commit_callbacks, week_later(21))

    assert too_early == {"alerts sent": 0, "searches with nothing new": 0}
    assert first["alerts sent"] == 1
    assert alert.subject == "1 nowa lub zmieniona oferta w katalogu"
    assert new.title in alert.body and known.title not in alert.body
    assert "Catering w innym regionie" not in alert.body
    assert "/zakupy/wyszukiwania/wypisz/" in alert.body
    assert quiet == {"alerts sent": 0, "searches with nothing new": 1}
    assert changed["alerts sent"] == 1 and known.title in mail.outbox[-1].body
    assert new.title not in mail.outbox[-1].body


def test_one_click_unsubscribe_stops_the_emails(client, supplier, django_capture_on_commit_callbacks):
    save(client, django_capture_on_commit_callbacks)
    confirm(client, django_capture_on_commit_callbacks)
    saved = SavedSearch.objects.get()
    url = f"/zakupy/wyszukiwania/wypisz/{saved.token}/"

    shown = client.get(url)
    saved.refresh_from_db()
    assert shown.status_code == 200 and saved.unsubscribed_at is None  # a link scanner changes nothing
    response = client.post(url)  # one click, no CSRF token (RFC 8058 clients post like this)
    OfferFactory(organisation=supplier, title="Catering na festyn")

    report = run_weekly(django_capture_on_commit_callbacks, week_later())

    assert response.status_code == 200 and 'id="unsubscribed"' in response.content.decode()
    assert report["alerts sent"] == 0 and mail.outbox == []


@pytest.mark.parametrize(
    ("url", "data", "status"),
    [
        ("/zakupy/wyszukiwania/zapisz/", {"email": EMAIL, "consent": "on"}, 302),  # nothing to save
        (SAVE_URL, {"email": "not-an-email", "consent": "on"}, 400),
        (SAVE_URL, {"email": EMAIL}, 400),
        ("/zakupy/wyszukiwania/zapisz/?price_min=abc", {"email": EMAIL, "consent": "on"}, 302),
    ],
)
def test_bad_input_saves_nothing(client, url, data, status):
    assert client.post(url, data).status_code == status
    assert not SavedSearch.objects.exists()


def test_saving_is_rate_limited(client, settings, django_capture_on_commit_callbacks):
    settings.PUBLIC_FORM_RATE_LIMITS = {**settings.PUBLIC_FORM_RATE_LIMITS, "saved_search": 2}
    statuses = [
        save(client, django_capture_on_commit_callbacks, f"{n}@example.pl").status_code for n in range(3)
    ]
    assert statuses == [200, 200, 429] and SavedSearch.objects.count() == 2


def test_privacy_export_and_erase_include_saved_searches(client, django_capture_on_commit_callbacks):
    save(client, django_capture_on_commit_callbacks)
    [holder] = [h for h in personal_data_holders() if h.app_label == "procurement"]

    exported = holder.export_for(EMAIL.upper())
    erased = holder.erase_for(EMAIL)

    assert exported["saved_searches"][0]["query"] == {"q": ["catering"], "subregion": ["slupski"]}
    assert erased == {"saved searches deleted": 1} and not SavedSearch.objects.exists()


def test_retention_deletes_unconfirmed_and_unsubscribed_searches_only(settings):
    now = timezone.now()
    old = now - timedelta(days=settings.DATA_RETENTION_DAYS["unconfirmed_signatures"] + 1)
    unconfirmed = SavedSearch.objects.create(email="a@example.pl", query={"q": ["x"]})
    confirmed = SavedSearch.objects.create(email="b@example.pl", query={"q": ["x"]}, confirmed_at=old)
    gone = SavedSearch.objects.create(
        email="c@example.pl", query={"q": ["x"]}, confirmed_at=old, unsubscribed_at=now
    )
    recent = SavedSearch.objects.create(email="d@example.pl", query={"q": ["x"]})
    SavedSearch.objects.filter(pk__in=[unconfirmed.pk, confirmed.pk, gone.pk]).update(created_at=old)
    [holder] = [h for h in personal_data_holders() if h.app_label == "procurement"]

    report = holder.purge(now, settings.DATA_RETENTION_DAYS)

    assert report == {"saved searches deleted": 2}
    assert set(SavedSearch.objects.values_list("pk", flat=True)) == {confirmed.pk, recent.pk}
