"""RODO: retention periods are applied, and one person's data is exported and erased on request."""

import json
import logging
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, Page

from catalog.models import QuoteRequest
from cms.models import ContactMessage, LetterOfIntentPage, LetterOfIntentSignature
from config.core.privacy import apply_data_retention, erase_personal_data, export_personal_data
from events import services as fair_services
from events.models import (
    ApplicationStatus,
    EventSession,
    ExhibitorApplication,
    Fair,
    SessionRegistration,
    StandType,
)
from events.pages import EventPage

PERSON = "anna.kowalska@example.org"
NIP = "8399954166"


def quote_request(email=PERSON, age_days=0) -> QuoteRequest:
    request = QuoteRequest.objects.create(
        buyer_type="person",
        buyer_name="Anna Kowalska",
        buyer_email=email,
        buyer_phone="+48 600 100 200",
        description="Catering na 30 osób",
        quantity="30 porcji",
        deadline=date(2027, 1, 10),
        place="Gdańsk",
        consent_given_at=timezone.now(),
        ip_hash="abc",
    )
    QuoteRequest.objects.filter(pk=request.pk).update(created_at=timezone.now() - timedelta(days=age_days))
    return request


@pytest.fixture
def letter(db):
    Locale.objects.get_or_create(language_code="pl")
    root = Page.get_first_root_node()
    page = LetterOfIntentPage(title="List intencyjny", slug=f"list-{timezone.now().timestamp():.0f}")
    root.add_child(instance=page)
    return page


@pytest.fixture
def application(db):
    now = timezone.now()
    fair = Fair.objects.create(
        slug="targi-rodo",
        name="Targi",
        starts_at=now + timedelta(days=40),
        ends_at=now + timedelta(days=40, hours=6),
        venue_name="Hala",
        venue_address="Gdańsk",
    )
    stand = StandType.objects.create(fair=fair, name="Stoisko", capacity=5, price_net=10000)
    return fair_services.apply_for_stand(
        fair=fair,
        stand_type=stand,
        addons=[],
        organisation=None,
        user=None,
        data={
            "organisation_name": "Fundacja",
            "nip": NIP,
            "legal_form": "fundacja",
            "address": "Gdańsk",
            "invoice_name": "Fundacja",
            "invoice_nip": NIP,
            "invoice_address": "Gdańsk",
            "invoice_email": "faktury@example.org",
            "contact_name": "Anna Kowalska",
            "contact_email": PERSON,
            "contact_phone": "+48 600 100 200",
            "exhibits": "Ceramika",
            "sells_food": False,
            "sanitary_requirements_confirmed": False,
            "accessibility_needs": "Podjazd",
            "consent_terms": True,
            "consent_privacy": True,
        },
    )


@pytest.mark.django_db
def test_old_quote_requests_are_anonymised_and_recent_ones_kept():
    old = quote_request(age_days=800)
    recent = quote_request(email="nowy@example.org", age_days=10)

    report = apply_data_retention()

    old.refresh_from_db()
    recent.refresh_from_db()
    assert report["quote requests anonymised"] == 1
    assert (
        PERSON not in (old.buyer_email, old.buyer_name)
        and old.buyer_phone == ""
        and "Catering" not in old.description
    )
    assert old.buyer_type == "person"  # the statistics survive
    assert recent.buyer_email == "nowy@example.org"
    assert apply_data_retention()["quote requests anonymised"] == 0  # idempotent


@pytest.mark.django_db
def test_unconfirmed_signatures_expire_but_confirmed_ones_stay(letter):
    now = timezone.now()
    stale = LetterOfIntentSignature.objects.create(
        page=letter,
        organisation_name="A",
        nip=NIP,
        signatory_name="Anna",
        signatory_role="Prezes",
        email=PERSON,
        consent_at=now,
    )
    confirmed = LetterOfIntentSignature.objects.create(
        page=letter,
        organisation_name="B",
        nip="5260250274",
        signatory_name="Jan",
        signatory_role="Prezes",
        email="jan@example.org",
        consent_at=now,
        confirmed_at=now,
    )
    LetterOfIntentSignature.objects.filter(pk__in=[stale.pk, confirmed.pk]).update(
        created_at=now - timedelta(days=60)
    )

    assert apply_data_retention()["unconfirmed signatures deleted"] == 1
    assert list(LetterOfIntentSignature.objects.values_list("pk", flat=True)) == [confirmed.pk]


@pytest.mark.django_db
def test_rejected_applications_lose_the_contact_person_after_the_period(application):
    fair_services.reject_application(application, "Brak miejsc w tej kategorii")
    ExhibitorApplication.objects.filter(pk=application.pk).update(
        updated_at=timezone.now() - timedelta(days=200)
    )

    assert apply_data_retention()["rejected applications anonymised"] == 1
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert PERSON not in (application.contact_email, application.contact_name, application.invoice_email)
    assert application.contact_phone == "" and application.accessibility_needs == ""


@pytest.mark.django_db
def test_export_gathers_a_persons_data_from_every_app(application, letter):
    quote_request()
    ContactMessage.objects.create(
        name="Anna", email=PERSON, subject="Pytanie", message="Dzień dobry", client_fingerprint="x"
    )

    data = export_personal_data(PERSON)

    assert len(data["quote_requests"]) == 1
    assert data["fair_applications"][0]["contact_phone"] == "+48 600 100 200"
    assert data["contact_messages"][0]["subject"] == "Pytanie"
    json.dumps(data)  # plain JSON for the person


@pytest.mark.django_db
def test_erasure_removes_the_person_everywhere_and_logs_no_address(application, caplog):
    quote_request()
    ContactMessage.objects.create(
        name="Anna", email=PERSON, subject="Pytanie", message="Treść", client_fingerprint="x"
    )

    with caplog.at_level(logging.DEBUG):
        call_command("erase_personal_data", PERSON, "--yes")

    remaining = export_personal_data(PERSON)
    assert remaining["quote_requests"] == []
    assert remaining["fair_applications"] == []
    assert remaining["contact_messages"] == []
    assert PERSON not in caplog.text


@pytest.mark.django_db
def test_erasure_needs_explicit_confirmation():
    quote_request()
    with pytest.raises(Exception, match="--yes"):
        call_command("erase_personal_data", PERSON)
    assert QuoteRequest.objects.filter(buyer_email=PERSON).exists()


@pytest.mark.django_db
def test_paid_applications_keep_invoice_data_when_the_contact_is_erased(application):
    ExhibitorApplication.objects.filter(pk=application.pk).update(status=ApplicationStatus.CONFIRMED)

    erase_personal_data(PERSON)

    application.refresh_from_db()
    assert application.invoice_email == "faktury@example.org" and application.invoice_nip == NIP
    assert application.contact_email != PERSON


def _signed_up_session(days_from_now: int):
    Locale.objects.get_or_create(language_code="pl")
    start = timezone.now() + timedelta(days=days_from_now)
    page = EventPage(
        title="Warsztaty RODO",
        slug=f"warsztaty-{days_from_now}",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        venue_name="ROPS",
        venue_address="ul. Okopowa 21/27, Gdańsk",
    )
    Page.get_first_root_node().add_child(instance=page)
    session = EventSession.objects.create(
        page=page,
        title="Zamówienia zastrzeżone",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        requires_signup=True,
        capacity=1,
    )
    return session


@pytest.mark.django_db
def test_session_sign_ups_are_exported_erased_and_purged_after_the_event():
    upcoming = _signed_up_session(days_from_now=10)
    fair_services.register_for_session(upcoming, name="Anna Kowalska", email=PERSON)

    exported = export_personal_data(PERSON)["session_registrations"]
    assert [(r["session"], r["name"], r["waiting_list"]) for r in exported] == [
        ("Zamówienia zastrzeżone", "Anna Kowalska", False)
    ]

    erase_personal_data(PERSON)
    assert export_personal_data(PERSON)["session_registrations"] == []
    assert fair_services.session_places_left(upcoming) == 1  # the place is free again

    past = EventSession.objects.create(
        page=upcoming.page, title="Wcześniejsza sesja", starts_at=upcoming.starts_at, ends_at=upcoming.ends_at
    )
    SessionRegistration.objects.create(session=past, name="Jan", email="jan@example.org")
    assert (
        apply_data_retention(now=upcoming.page.ends_at + timedelta(days=89))["session registrations deleted"]
        == 0
    )
    assert (
        apply_data_retention(now=upcoming.page.ends_at + timedelta(days=91))["session registrations deleted"]
        == 1
    )
    assert not SessionRegistration.objects.exists()
