import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone, translation
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from catalog.choices import QuoteAnswerStatus
from catalog.models import QuoteRecipient, QuoteRequest
from catalog.services.quotes import QUOTE_REQUESTS_PER_EMAIL_PER_HOUR, QuoteTerms, answer_quote_request
from catalog.shortlist import SHORTLIST_LIMIT
from catalog.tests.factories import OfferFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

SHORTLIST_URL = "/katalog/wybrane/"
ADD_URL = "/katalog/wybrane/dodaj/"
REQUEST_URL = "/katalog/zapytanie-ofertowe/"


class FailingEmailBackend:
    """An SMTP server that is down: every send raises."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server unavailable")


def request_form(**overrides):
    data = {
        "description": "Catering na konferencję dla 120 osób, w tym 20 porcji wegańskich.",
        "quantity": "120 osób",
        "deadline": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "place": "Gdańsk, ul. Długa 1",
        "buyer_type": "public_body",
        "buyer_name": "Anna Nowak",
        "buyer_organisation": "Urząd Miejski w Gdańsku",
        "buyer_email": "anna.nowak@gdansk.example.pl",
        "buyer_phone": "+48 58 111 22 33",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def add(client, kind, slug):
    return client.post(ADD_URL, {"kind": kind, "slug": slug})


@pytest.fixture
def three_offers_from_three_suppliers():
    return [OfferFactory(), OfferFactory(), OfferFactory()]


def test_shortlist_keeps_offers_and_suppliers_in_the_session(client, three_offers_from_three_suppliers):
    first, second, _ = three_offers_from_three_suppliers
    add(client, "offer", first.slug)
    add(client, "organisation", second.organisation.slug)

    html = client.get(SHORTLIST_URL).content.decode()

    assert first.title in html
    assert second.organisation.name in html


def test_shortlist_refuses_an_eleventh_item_with_a_message(client):
    offers = [OfferFactory() for _ in range(SHORTLIST_LIMIT + 1)]
    for offer in offers[:SHORTLIST_LIMIT]:
        add(client, "offer", offer.slug)

    response = add(client, "offer", offers[-1].slug)

    assert response.status_code == 302
    assert offers[-1].title not in client.get(SHORTLIST_URL).content.decode()
    assert len(client.session["catalog_shortlist"]) == SHORTLIST_LIMIT


def test_unpublished_offer_cannot_be_shortlisted(client):
    offer = OfferFactory(status="draft")

    assert add(client, "offer", offer.slug).status_code == 404


def test_one_request_goes_to_every_shortlisted_supplier_with_emails_after_commit(
    client, three_offers_from_three_suppliers, django_capture_on_commit_callbacks
):
    for offer in three_offers_from_three_suppliers:
        add(client, "offer", offer.slug)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REQUEST_URL, request_form(), REMOTE_ADDR="10.0.0.1")

    quote_request = QuoteRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == quote_request.get_absolute_url()
    assert quote_request.recipients.count() == 3
    recipients = {m.to[0] for m in mail.outbox}
    for offer in three_offers_from_three_suppliers:
        assert offer.organisation.email in recipients
    supplier_mail = next(
        m for m in mail.outbox if m.to == [three_offers_from_three_suppliers[0].organisation.email]
    )
    assert "120 osób" in supplier_mail.body
    assert "anna.nowak@gdansk.example.pl" in supplier_mail.body
    receipt = next(m for m in mail.outbox if m.to == ["anna.nowak@gdansk.example.pl"])
    assert quote_request.token in receipt.body
    assert all(r.supplier_notified_at for r in QuoteRecipient.objects.all())
    assert QuoteRequest.objects.get().receipt_sent_at is not None
    assert client.session["catalog_shortlist"] == []
    assert quote_request.ip_hash and "10.0.0.1" not in quote_request.ip_hash


def test_two_offers_of_one_supplier_make_one_recipient(client):
    organisation = OrganisationFactory()
    first, second = OfferFactory(organisation=organisation), OfferFactory(organisation=organisation)
    add(client, "offer", first.slug)
    add(client, "offer", second.slug)

    client.post(REQUEST_URL, request_form())

    recipient = QuoteRecipient.objects.get()
    assert set(recipient.offers.all()) == {first, second}


def test_buyer_can_ask_one_supplier_directly(client):
    offer = OfferFactory()

    response = client.post(
        f"{REQUEST_URL}?dostawca={offer.organisation.slug}&oferta={offer.slug}", request_form()
    )

    assert response.status_code == 302
    assert QuoteRecipient.objects.get().organisation == offer.organisation


@pytest.mark.parametrize(
    ("overrides", "field_error"),
    [
        ({"consent": ""}, "consent"),
        ({"buyer_email": "not-an-email"}, "buyer_email"),
        ({"deadline": "2001-01-01"}, "deadline"),
        ({"buyer_type": "alien"}, "buyer_type"),
        ({"website": "http://spam.example"}, "website"),
    ],
)
def test_invalid_request_is_not_sent_and_shows_the_error_summary(client, overrides, field_error):
    offer = OfferFactory()
    add(client, "offer", offer.slug)

    response = client.post(REQUEST_URL, request_form(**overrides))

    assert response.status_code == 200
    assert field_error in response.context["form"].errors
    assert 'class="error-summary"' in response.content.decode()
    assert not QuoteRequest.objects.exists()
    assert mail.outbox == []


def test_rate_limit_per_email_refuses_further_requests_in_the_hour(client):
    offer = OfferFactory()
    url = f"{REQUEST_URL}?dostawca={offer.organisation.slug}"
    for n in range(QUOTE_REQUESTS_PER_EMAIL_PER_HOUR):
        client.post(url, request_form(), REMOTE_ADDR=f"10.0.0.{n + 1}")

    response = client.post(url, request_form(), REMOTE_ADDR="10.0.0.99")

    assert response.status_code == 200
    assert (
        "last hour" in " ".join(response.context["form"].non_field_errors())
        or response.context["form"].non_field_errors()
    )
    assert QuoteRequest.objects.count() == QUOTE_REQUESTS_PER_EMAIL_PER_HOUR


def test_rate_limit_per_ip_address_counts_different_emails(client):
    offer = OfferFactory()
    url = f"{REQUEST_URL}?dostawca={offer.organisation.slug}"
    for n in range(5):
        client.post(url, request_form(buyer_email=f"kupiec{n}@example.pl"), REMOTE_ADDR="10.1.1.1")

    response = client.post(url, request_form(buyer_email="kolejny@example.pl"), REMOTE_ADDR="10.1.1.1")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert QuoteRequest.objects.count() == 5


def make_request(client, offers):
    for offer in offers:
        add(client, "offer", offer.slug)
    client.post(REQUEST_URL, request_form())
    return QuoteRequest.objects.get()


def test_supplier_answers_with_a_price_and_buyer_gets_an_email_and_sees_it(
    client, three_offers_from_three_suppliers, django_capture_on_commit_callbacks
):
    quote_request = make_request(client, three_offers_from_three_suppliers)
    supplier = three_offers_from_three_suppliers[0].organisation
    member = UserFactory()
    supplier.members.add(member)
    recipient = quote_request.recipients.get(organisation=supplier)
    mail.outbox.clear()
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/katalog/panel/zapytania/{recipient.pk}/",
            {"status": "quoted", "price": "4 800,50", "vat_rate": "8", "message": "Cena obejmuje dowóz."},
        )

    assert response.status_code == 302
    recipient.refresh_from_db()
    assert (recipient.status, recipient.price, recipient.answered_by) == ("quoted", 480050, member)
    [answer_mail] = mail.outbox
    assert answer_mail.to == ["anna.nowak@gdansk.example.pl"]
    assert "4\u00a0800,50\u00a0zł" in answer_mail.body
    assert "Brutto 5\u00a0184,54\u00a0zł (VAT 8%)." in answer_mail.body
    assert quote_request.get_absolute_url() in answer_mail.body
    assert ModelLogEntry.objects.filter(action="catalog.quote_answered", user=member).exists()
    client.logout()
    page = client.get(quote_request.get_absolute_url())
    html = page.content.decode()
    assert "4\u00a0800,50\u00a0zł" in html
    assert html.count('class="card answer answer--') == 3
    assert page["X-Robots-Tag"] == "noindex, nofollow"


def test_supplier_can_decline_and_cannot_answer_twice(client):
    offer = OfferFactory()
    quote_request = make_request(client, [offer])
    member = UserFactory()
    offer.organisation.members.add(member)
    recipient = quote_request.recipients.get()

    answer_quote_request(
        recipient.pk, user=member, status=QuoteAnswerStatus.DECLINED, decline_reason="Brak mocy"
    )

    with translation.override("en"), pytest.raises(ValidationError, match="already been answered"):
        answer_quote_request(
            recipient.pk,
            user=member,
            status=QuoteAnswerStatus.QUOTED,
            terms=QuoteTerms(price=100, vat_rate=23),
        )
    recipient.refresh_from_db()
    assert recipient.status == "declined" and recipient.price is None


def test_quote_needs_a_price(client):
    offer = OfferFactory()
    quote_request = make_request(client, [offer])
    member = UserFactory()
    offer.organisation.members.add(member)
    client.force_login(member)

    response = client.post(
        f"/katalog/panel/zapytania/{quote_request.recipients.get().pk}/", {"status": "quoted", "price": ""}
    )

    assert response.status_code == 400
    assert "price" in response.context["form"].errors
    assert quote_request.recipients.get().status == "pending"


def test_unknown_private_link_is_not_found(client):
    assert client.get("/katalog/zapytania/nie-ma-takiego/").status_code == 404


def test_failed_email_is_recorded_and_delivered_later_by_the_retry_command(
    client, django_capture_on_commit_callbacks
):
    offer = OfferFactory()
    add(client, "offer", offer.slug)
    with (
        override_settings(EMAIL_BACKEND="catalog.tests.test_quote_requests.FailingEmailBackend"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(REQUEST_URL, request_form())

    recipient = QuoteRecipient.objects.get()
    assert recipient.supplier_notified_at is None
    assert recipient.email_attempts == 1
    assert "SMTP server unavailable" in recipient.last_email_error
    assert mail.outbox == []

    QuoteRequest.objects.update(created_at=timezone.now() - timedelta(hours=1))
    call_command("retry_quote_emails")

    recipient.refresh_from_db()
    assert recipient.supplier_notified_at is not None
    assert {m.to[0] for m in mail.outbox} == {offer.organisation.email, "anna.nowak@gdansk.example.pl"}
    call_command("retry_quote_emails")
    assert len(mail.outbox) == 2


def test_public_body_export_lists_suppliers_with_status_cpv_contact_and_check_date(client):
    eligible = OfferFactory(
        cpv_codes=["55523100-3", "55520000-1"],
        organisation=OrganisationFactory(name="=Spółdzielnia", employees_total=10, employees_disadvantaged=3),
    )
    not_eligible = OfferFactory(
        organisation=OrganisationFactory(
            legal_form="fundacja", ps_status=False, employees_total=7, employees_disadvantaged=2
        )
    )
    add(client, "offer", eligible.slug)
    add(client, "organisation", not_eligible.organisation.slug)

    csv_response = client.get("/katalog/wybrane/eksport.csv")
    xlsx_response = client.get("/katalog/wybrane/eksport.xlsx")

    assert csv_response.status_code == 200
    assert "attachment" in csv_response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 7
    today = timezone.localdate().isoformat()
    # A document: the title, the date and the criteria come before the table.
    assert rows[0][0].startswith("Rozeznanie rynku") and rows[1] == [f"Data: {today}"]
    assert rows[2][0].startswith("Kryteria: ")
    header, first, second = rows[4:]
    assert first[0] == "'=Spółdzielnia"
    # Codes with their dictionary names in the page's language (Polish here), ";" between them.
    assert (
        first[5] == "55520000-1 Usługi dostarczania posiłków; 55523100-3 Usługi w zakresie posiłków szkolnych"
    )
    assert first[7] == eligible.organisation.nip
    assert first[-1] == today
    assert first[3] != second[3]
    workbook = load_workbook(io.BytesIO(xlsx_response.content))
    sheet = workbook.active
    assert sheet.max_row == 7
    assert sheet.cell(row=6, column=11).value == eligible.organisation.email
    assert sheet.cell(row=7, column=15).value == today


def test_export_of_an_empty_shortlist_redirects_with_a_message(client):
    assert client.get("/katalog/wybrane/eksport.xlsx").status_code == 302
