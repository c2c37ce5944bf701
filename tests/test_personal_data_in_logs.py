"""Personal data never reaches the logs: every flow that handles it, end to end, with all loggers at DEBUG.

One person goes through the platform: a quote request to three suppliers (the mail server refuses the
first delivery), a fair application paid through Checkout on stripe-mock and confirmed by a signed
webhook, a letter-of-intent signature and its confirmation, a membership application, a contact message,
failed logins up to an axes lockout, and finally the erasure of their data. Every email goes through the
durable queue, as in production.

Two captures, two guarantees:
- the project's own loggers (catalog, cms, events, search, config), caught before any filter: the code
  itself never logs the person's data, including names and street addresses that no pattern recognises;
- everything the console handler configured in settings writes, for every logger (Django's request and
  security loggers, the mail queue, axes, stripe, django-tasks…): what libraries log is masked by the
  redaction filter before it is written.
"""

import contextlib
import io
import logging
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from mailer.engine import send_all

from catalog.models import Organisation, QuoteRequest
from catalog.tests.factories import OfferFactory, UserFactory
from cms.models import (
    ContactMessage,
    ContactPage,
    LetterOfIntentPage,
    LetterOfIntentSignature,
    MembershipPage,
)
from cms.tests.sites import make_home_site
from config.log_redaction import REDACTED
from events.models import ApplicationStatus, ExhibitorApplication, Payment
from events.tests.conftest import application_data, make_fair, session_object, sign, stripe_event

NAME = "Zofia Wiśniewska-Grabowska"
EMAIL = "zofia.grabowska@przyklad-rodo.pl"
PHONE = "+48 601 234 567"
NIP = "7393712303"
NIP_WRITTEN = "739-371-23-03"
STREET = "ul. Jaśminowa 17/4"

# Every way the values could appear in a line.
PERSONAL = [
    EMAIL,
    EMAIL.replace("@", "%40"),
    "zofia.grabowska",
    NAME,
    "Wiśniewska",
    "Grabowska",
    "Wi\\u015bniewska",
    PHONE,
    "601 234 567",
    "601234567",
    NIP,
    NIP_WRITTEN,
    STREET,
    "Jaśminowa",
]

PROJECT_LOGGERS = ["catalog", "cms", "events", "search", "config"]
# Loggers the settings quieten: this test hears them all.
QUIETENED = [
    "django",
    "django.request",
    "django.security",
    "elastic_transport",
    "django_tasks",
    "wagtail",
    "axes",
]
DURABLE_EMAIL = {
    "EMAIL_BACKEND": "mailer.backend.DbBackend",
    "MAILER_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
}

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.stripe]


class RawRecords(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        line = f"{record.name} {record.getMessage()}"
        if record.exc_info:
            line += "\n" + logging.Formatter().formatException(record.exc_info)
        self.lines.append(line)


@contextlib.contextmanager
def every_log_line():
    """Yields (what the configured console handler writes, what the project's loggers emit unfiltered)."""
    root = logging.getLogger()
    console = next(handler for handler in root.handlers if handler.get_name() == "console")
    written = io.StringIO()
    previous_stream = console.setStream(written)
    raw = RawRecords()
    levels = {name: logging.getLogger(name).level for name in ["", *PROJECT_LOGGERS, *QUIETENED]}
    for name in levels:
        logging.getLogger(name).setLevel(logging.DEBUG)
    for name in PROJECT_LOGGERS:  # a logger's own handlers run before the record reaches the root's filter
        logging.getLogger(name).addHandler(raw)
    try:
        yield written, raw.lines
    finally:
        for name in PROJECT_LOGGERS:
            logging.getLogger(name).removeHandler(raw)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
        console.setStream(previous_stream)


@pytest.fixture
def site_pages():
    home = make_home_site("testserver")
    pages = {}
    for key, page in {
        "membership": MembershipPage(title="Dołącz do klastra", slug="czlonkostwo"),
        "letter": LetterOfIntentPage(title="List intencyjny", slug="list-intencyjny", target=20),
        "contact": ContactPage(title="Kontakt", slug="kontakt", email="klaster@example.pl"),
    }.items():
        home.add_child(instance=page)
        page.save_revision().publish()
        pages[key] = page.url
    return pages


def deliver_queued_email(backend: str = "django.core.mail.backends.locmem.EmailBackend") -> None:
    with override_settings(MAILER_EMAIL_BACKEND=backend):
        call_command("retry_deferred", verbosity=0)
        send_all()


def request_quotes(client) -> str:
    """Three suppliers; the first delivery is refused by the mail server, the retry goes through."""
    offers = [OfferFactory() for _ in range(3)]
    for offer in offers:
        client.post("/katalog/wybrane/dodaj/", {"kind": "offer", "slug": offer.slug})
    form = {
        "description": "Catering na konferencję dla 120 osób.",
        "quantity": "120 osób",
        "deadline": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "place": f"Gdańsk, {STREET}",
        "buyer_type": "person",
        "buyer_name": NAME,
        "buyer_organisation": "",
        "buyer_email": EMAIL,
        "buyer_phone": PHONE,
        "consent": "on",
        "website": "",
    }
    with override_settings(EMAIL_BACKEND="tests.failing_email.RefusingBackend"):
        response = client.post("/katalog/zapytanie-ofertowe/", form)
    assert response.status_code == 302, response.content[:500]
    quote_request = QuoteRequest.objects.get(buyer_email=EMAIL)
    assert quote_request.recipients.count() == 3
    assert quote_request.receipt_sent_at is None  # refused, recorded, waiting for the retry

    with override_settings(**DURABLE_EMAIL):
        call_command("retry_quote_emails", "--older-than-minutes", "0", stdout=io.StringIO())
        deliver_queued_email("tests.failing_email.RefusingBackend")  # refused once more, deferred
        deliver_queued_email()
    assert EMAIL in {address for message in mail.outbox for address in message.to}
    return quote_request.token


def apply_and_pay_for_a_stand(client) -> str:
    fair, stand = make_fair(capacity=5)
    data = application_data(
        nip=NIP,
        address=f"{STREET}, 80-001 Gdańsk",
        invoice_nip=NIP,
        invoice_address=f"{STREET}, 80-001 Gdańsk",
        invoice_email=EMAIL,
        contact_name=NAME,
        contact_email=EMAIL,
        contact_phone=PHONE,
    )
    form = {key: value for key, value in data.items() if value not in (False, None)}
    form["stand_type"] = stand.pk
    with override_settings(**DURABLE_EMAIL):
        response = client.post(f"/targi/{fair.slug}/zgloszenie/", form)
        assert response.status_code == 302, response.context["form"].errors
        application = ExhibitorApplication.objects.get(contact_email=EMAIL)

        checkout = client.post(f"/targi/zgloszenie/{application.access_token}/zaplac/")
        assert checkout.status_code == 303 and checkout["Location"].startswith("https://checkout.stripe.com/")

        payment = Payment.objects.get(application=application)
        payload = stripe_event("checkout.session.completed", session_object(payment))
        webhook = client.post(
            "/webhooks/stripe/",
            data=payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=sign(payload),
        )
        assert webhook.status_code == 200
        deliver_queued_email()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CONFIRMED
    return str(application.access_token)


def sign_the_letter_of_intent(client, url: str) -> None:
    form = {
        "organisation_name": "Fundacja Razem",
        "nip": NIP_WRITTEN,
        "signatory_name": NAME,
        "signatory_role": "Prezeska zarządu",
        "email": EMAIL,
        "consent": "on",
    }
    with override_settings(**DURABLE_EMAIL):
        assert client.post(url, form).status_code == 302
        deliver_queued_email()
    confirmation = next(
        # The Polish quote receipt also speaks of "potwierdzenie": look for the confirmation link itself.
        message
        for message in mail.outbox
        if message.to == [EMAIL] and "/potwierdz/?token=" in message.body
    )
    path = re.search(r"https?://[^/\s]+(/\S+)", confirmation.body).group(1)
    page = client.get(path)  # the link opens a page; its button confirms (cms LetterOfIntentPage)
    assert page.status_code == 200
    token = re.search(r'name="token" value="([^"]+)"', page.content.decode()).group(1)
    assert client.post(path, {"token": token}).status_code == 200
    assert LetterOfIntentSignature.objects.get(email=EMAIL).confirmed_at is not None


def apply_for_membership(client, url: str) -> None:
    form = {
        "name": "Spółdzielnia Socjalna Jaśminowy Ogród",
        "legal_form": "spoldzielnia_socjalna",
        "nip": NIP_WRITTEN,
        "krs": "",
        "city": "Gdańsk",
        "powiat": "Gdańsk",
        "subregion": "metropolitalny_poludniowy",
        "contact_person": NAME,
        "email": EMAIL,
        "phone": PHONE,
        "website": "",
        "description": "Ogrody społeczne.",
        "consent": "on",
    }
    with override_settings(**DURABLE_EMAIL):
        response = client.post(url, form)
        assert response.status_code == 302, response.context["form"].errors
        deliver_queued_email()
    assert Organisation.objects.filter(nip=NIP).exists()


def write_to_the_cluster(client, url: str) -> None:
    form = {
        "name": NAME,
        "email": EMAIL,
        "subject": "Stoisko na targach",
        "message": f"Proszę o telefon: {PHONE}. Adres: {STREET}.",
        "website": "",
    }
    with override_settings(**DURABLE_EMAIL):
        assert client.post(url, form).status_code == 302
        deliver_queued_email()
    assert ContactMessage.objects.filter(email=EMAIL).exists()


def fail_to_log_in(client) -> None:
    UserFactory(username="zofia", email=EMAIL)
    with override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=2):
        answers = [
            client.post("/konto/login/", {"login": EMAIL, "password": "nie-to-haslo"}, REMOTE_ADDR="10.1.2.3")
            for _ in range(3)
        ]
    assert answers[0].status_code == 200  # the form again, with the error
    assert answers[-1].status_code in (403, 429)  # locked out


def test_no_personal_data_reaches_the_logs_in_any_flow(client, site_pages, stripe_api_base):
    with every_log_line() as (written, raw):
        quote_token = request_quotes(client)
        application_token = apply_and_pay_for_a_stand(client)
        # A mistyped private link is a 404, and Django logs the path of every 404.
        assert client.get(f"/katalog/zapytania/{quote_token}/x/").status_code == 404
        assert client.get(f"/targi/zgloszenie/{application_token}/x/").status_code == 404
        sign_the_letter_of_intent(client, site_pages["letter"])
        apply_for_membership(client, site_pages["membership"])
        write_to_the_cluster(client, site_pages["contact"])
        fail_to_log_in(client)
        call_command("erase_personal_data", EMAIL, "--yes", stdout=io.StringIO())

    output = written.getvalue()
    leaks = {value for value in PERSONAL if value in output}
    assert leaks == set(), f"personal data in the log output: {leaks}"
    private_links = {token for token in (quote_token, application_token) if token in output}
    assert private_links == set(), "a private link reached the log output"
    project_leaks = {value for value in PERSONAL for line in raw if value in line}
    assert project_leaks == set(), f"the project's own log calls carry personal data: {project_leaks}"

    # The capture heard the libraries that do log addresses, and the filter masked them.
    assert "mailer.engine" in output and "message deferred due to failure" in output
    assert "AXES" in output
    assert REDACTED in output
    assert not QuoteRequest.objects.filter(buyer_email=EMAIL).exists()  # and the erasure ran
