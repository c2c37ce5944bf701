"""Fixtures of the fair tests: a fair with stand types and add-ons, applications, signed Stripe events."""

import hashlib
import hmac
import json
import time
import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone, translation

from catalog.choices import LegalForm, MembershipStatus, Subregion
from catalog.models import Organisation
from events import services
from events.models import Fair, StandAddon, StandType

VALID_NIP = "5260250995"
OTHER_VALID_NIP = "5833118969"


@pytest.fixture(autouse=True)
def english():
    """Assertions read the English source messages; Polish translations may change independently."""
    with translation.override("en"):
        yield


def make_fair(capacity: int) -> tuple[Fair, StandType]:
    """An open fair without approval and one stand type: the shortest way to a payable application."""
    now = timezone.now()
    fair = Fair.objects.create(
        slug=f"targi-{uuid.uuid4().hex[:6]}",
        name="Targi",
        starts_at=now + timedelta(days=30),
        ends_at=now + timedelta(days=30, hours=6),
        venue_name="Hala",
        venue_address="Gdańsk",
        requires_approval=False,
    )
    stand = StandType.objects.create(
        fair=fair, name="Stoisko", capacity=capacity, price_net=20000, vat_rate=23
    )
    return fair, stand


@pytest.fixture
def fair(db):
    starts = timezone.now() + timedelta(days=60)
    return Fair.objects.create(
        slug=f"targi-{uuid.uuid4().hex[:6]}",
        name="Pomorskie Targi Ekonomii Społecznej",
        starts_at=starts,
        ends_at=starts + timedelta(hours=7),
        venue_name="Europejskie Centrum Solidarności",
        venue_address="pl. Solidarności 1, 80-863 Gdańsk",
        application_deadline=starts - timedelta(days=14),
        cancellation_deadline=starts - timedelta(days=21),
    )


@pytest.fixture
def stand_type(fair):
    return StandType.objects.create(
        fair=fair,
        name="Stoisko PES 2×2 m",
        capacity=5,
        price_net=20000,
        vat_rate=23,
        stand_numbers="A1, A2, A3",
    )


@pytest.fixture
def electricity(fair):
    return StandAddon.objects.create(fair=fair, code="prad", name="Prąd 230 V", price_net=5000, vat_rate=23)


@pytest.fixture
def member_organisation(db):
    return Organisation.objects.create(
        slug=f"spoldzielnia-{uuid.uuid4().hex[:6]}",
        name="Spółdzielnia Socjalna Kaszubskie Smaki",
        legal_form=LegalForm.SPOLDZIELNIA_SOCJALNA,
        nip=VALID_NIP,
        city="Kartuzy",
        powiat="kartuski",
        subregion=Subregion.METROPOLITALNY_POLUDNIOWY,
        street="ul. Gdańska 1",
        postal_code="83-300",
        email="biuro@kaszubskie-smaki.pl",
        phone="+48 58 000 00 00",
        membership_status=MembershipStatus.ACTIVE,
    )


def application_data(**overrides) -> dict:
    data = {
        "organisation_name": "Fundacja Dobre Ręce",
        "nip": OTHER_VALID_NIP,
        "legal_form": "fundacja",
        "address": "ul. Długa 1, 80-001 Gdańsk",
        "invoice_name": "Fundacja Dobre Ręce",
        "invoice_nip": OTHER_VALID_NIP,
        "invoice_address": "ul. Długa 1, 80-001 Gdańsk",
        "invoice_email": "faktury@dobre-rece.pl",
        "contact_name": "Anna Nowak",
        "contact_email": "anna@dobre-rece.pl",
        "contact_phone": "+48 600 000 000",
        "exhibits": "Ceramika i rękodzieło",
        "sells_food": False,
        "sanitary_requirements_confirmed": False,
        "accessibility_needs": "",
        "consent_terms": True,
        "consent_privacy": True,
        # Emails are written in the applicant's language; assertions read the English source text.
        "language": "en",
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_application(fair, stand_type):
    def make(*, approved=False, addons=(), stand=None, organisation=None, user=None, **overrides):
        application = services.apply_for_stand(
            fair=fair,
            stand_type=stand or stand_type,
            addons=addons,
            data=application_data(**overrides),
            organisation=organisation,
            user=user,
        )
        if approved:
            application = services.approve_application(application)
        return application

    return make


def sign(payload: str, secret: str | None = None, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    secret = secret or settings.STRIPE_WEBHOOK_SECRET
    digest = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def stripe_event(event_type: str, obj: dict, event_id: str | None = None) -> str:
    return json.dumps(
        {
            "id": event_id or f"evt_{uuid.uuid4().hex}",
            "object": "event",
            "type": event_type,
            "created": int(time.time()),
            "livemode": False,
            "data": {"object": obj},
        }
    )


def session_object(payment, *, payment_status="paid", status="complete", intent="pi_test_1") -> dict:
    return {
        "id": payment.stripe_session_id,
        "object": "checkout.session",
        "status": status,
        "payment_status": payment_status,
        "payment_intent": intent,
        "amount_total": payment.amount,
        "currency": "pln",
        "client_reference_id": f"application-{payment.application_id}",
        "metadata": {"payment_id": str(payment.pk), "application_id": str(payment.application_id)},
    }


@pytest.fixture
def post_event(client):
    def post(event_type, obj, *, event_id=None, secret=None, timestamp=None, body=None):
        payload = body or stripe_event(event_type, obj, event_id)
        return client.post(
            "/webhooks/stripe/",
            data=payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=sign(payload, secret, timestamp),
        )

    return post


@pytest.fixture
def checkout_urls():
    return {"success_url": "http://testserver/ok", "cancel_url": "http://testserver/cancel"}


# The visitors' fixtures (issue 19) live beside their helpers; importing them here makes them fixtures.
from .meeting_fixtures import exhibitor, fair_page, slots  # noqa: E402, F401
from .visitor_fixtures import event_page  # noqa: E402, F401
