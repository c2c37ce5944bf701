"""Structured answers, the snapshot rule and the buyer's comparison table."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from catalog.choices import QuoteAnswerStatus
from catalog.procurement.comparison import compare_answers, middle_value
from catalog.services.quotes import QuoteTerms, answer_quote_request

pytestmark = pytest.mark.django_db

PLAIN_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def answer_url(recipient):
    return f"/katalog/panel/zapytania/{recipient.pk}/"


def quote(recipient, user, price, vat_rate=23, lead_time_days=None):
    return answer_quote_request(
        recipient.pk,
        user=user,
        status=QuoteAnswerStatus.QUOTED,
        terms=QuoteTerms(price=price, vat_rate=vat_rate, lead_time_days=lead_time_days),
    )


def test_supplier_answers_with_structured_terms_and_the_gross_is_computed(client, quote_request, suppliers):
    organisation, _, user = suppliers[0]
    recipient = quote_request.recipients.get(organisation=organisation)
    client.force_login(user)
    valid_until = timezone.localdate() + timedelta(days=30)

    response = client.post(
        answer_url(recipient),
        {
            "status": "quoted",
            "price": "1 000,01",
            "vat_rate": "8",
            "unit": "usługa",
            "lead_time_days": "14",
            "valid_until": valid_until.isoformat(),
            "conditions": "Płatność 14 dni.",
            "attachment": SimpleUploadedFile("oferta.pdf", PLAIN_PDF, content_type="application/pdf"),
        },
    )

    assert response.status_code == 302
    recipient.refresh_from_db()
    # 100001 gr + 8% = 8000.08 gr of VAT, rounded half-up to 8000 gr.
    assert (recipient.price, recipient.vat_rate, recipient.gross_price) == (100001, 8, 108001)
    assert (recipient.unit, recipient.lead_time_days, recipient.valid_until) == ("usługa", 14, valid_until)
    assert recipient.conditions == "Płatność 14 dni."
    assert bytes(recipient.attachment) == PLAIN_PDF and recipient.attachment_name == "oferta.pdf"
    download = client.get(f"/zakupy/zapytania/{quote_request.token}/zalacznik/{recipient.pk}/")
    assert download.content == PLAIN_PDF
    assert download["Cache-Control"] == "private, no-store"
    assert download["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (b"<html>not a pdf</html>", "Załącznik musi być plikiem PDF."),
        (PLAIN_PDF.replace(b"<<>>", b"<</OpenAction<</JS(app.alert(1))>>>>", 1), "skrypty"),
        (b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024) + b"\n%%EOF", "5 MB"),
    ],
)
def test_an_unsafe_or_oversized_attachment_is_refused_with_a_polish_400(
    client, quote_request, suppliers, upload, message
):
    organisation, _, user = suppliers[0]
    recipient = quote_request.recipients.get(organisation=organisation)
    client.force_login(user)

    response = client.post(
        answer_url(recipient),
        {
            "status": "quoted",
            "price": "100",
            "vat_rate": "23",
            "attachment": SimpleUploadedFile("a.pdf", upload),
        },
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    recipient.refresh_from_db()
    assert recipient.status == QuoteAnswerStatus.PENDING and recipient.attachment is None


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"price": "99999999999999", "vat_rate": "23"}, "price", "Cena może wynosić najwyżej"),
        ({"price": "1e400", "vat_rate": "23"}, "price", "Cena może wynosić najwyżej"),
        ({"price": "dużo", "vat_rate": "23"}, "price", "Podaj cenę w złotych"),
        ({"price": "100", "vat_rate": "7"}, "vat_rate", "Wybierz poprawną wartość"),
        ({"price": "100", "vat_rate": ""}, "vat_rate", "Wybierz stawkę VAT."),
        ({"price": "100", "vat_rate": "23", "lead_time_days": "99999999999999999999"}, "lead_time_days", ""),
        ({"price": "100", "vat_rate": "23", "valid_until": "2001-01-01"}, None, "Data nie może być"),
    ],
)
def test_bad_terms_are_a_translated_400_and_change_nothing(
    client, quote_request, suppliers, data, field, message
):
    organisation, _, user = suppliers[0]
    recipient = quote_request.recipients.get(organisation=organisation)
    client.force_login(user)

    response = client.post(answer_url(recipient), {"status": "quoted", **data})

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert (field in errors) if field else errors
    assert message in response.content.decode()
    recipient.refresh_from_db()
    assert recipient.status == QuoteAnswerStatus.PENDING and recipient.price is None


def test_declining_needs_a_reason_which_the_buyer_then_sees(client, quote_request, suppliers):
    organisation, _, user = suppliers[1]
    recipient = quote_request.recipients.get(organisation=organisation)
    client.force_login(user)

    refused = client.post(answer_url(recipient), {"status": "declined"})
    accepted = client.post(
        answer_url(recipient), {"status": "declined", "decline_reason": "Brak wolnych terminów."}
    )

    assert refused.status_code == 400 and "Napisz kupującemu" in refused.content.decode()
    assert accepted.status_code == 302
    recipient.refresh_from_db()
    assert (recipient.status, recipient.decline_reason, recipient.price) == (
        "declined",
        "Brak wolnych terminów.",
        None,
    )
    client.logout()
    assert (
        "Brak wolnych terminów."
        in client.get(f"/zakupy/zapytania/{quote_request.token}/porownanie/").content.decode()
    )


def test_snapshot_of_eligibility_and_ps_status_is_not_rewritten_by_later_changes(quote_request, suppliers):
    eligible, not_eligible = suppliers[0][0], suppliers[1][0]
    # The service sets the snapshot from the organisation when the request is sent...
    assert quote_request.recipients.get(organisation=eligible).reserved_eligible_at_request is True
    assert quote_request.recipients.get(organisation=not_eligible).reserved_eligible_at_request is False

    # ...and the facts change afterwards: the staff verify fewer disadvantaged employees, PS status lost.
    eligible.employees_disadvantaged = 0
    eligible.ps_status = False
    eligible.save()
    not_eligible.employees_disadvantaged = 9
    not_eligible.save()

    first = quote_request.recipients.get(organisation=eligible)
    second = quote_request.recipients.get(organisation=not_eligible)
    assert eligible.reserved_contract_eligible is False and not_eligible.reserved_contract_eligible is True
    assert (first.reserved_eligible_at_request, first.ps_status_at_request) == (True, True)
    assert (second.reserved_eligible_at_request, second.ps_status_at_request) == (False, False)


def test_service_refuses_a_quote_without_terms():
    with pytest.raises(ValidationError):
        answer_quote_request(0, user=None, status=QuoteAnswerStatus.QUOTED)


def test_median_is_the_middle_answer_or_the_rounded_mean_of_the_two_middle_ones():
    assert middle_value([300, 100, 200]) == 200
    assert middle_value([100, 200, 301, 400]) == 251  # (200 + 301) / 2 = 250.5, half-up


def test_comparison_sorts_by_gross_and_lead_time_and_marks_lowest_and_median(
    client, quote_request, suppliers
):
    (a, _, user_a), (b, _, user_b), (c, _, user_c) = suppliers
    quote(quote_request.recipients.get(organisation=a), user_a, 30000, lead_time_days=3)
    quote(quote_request.recipients.get(organisation=b), user_b, 10000, lead_time_days=9)
    quote(quote_request.recipients.get(organisation=c), user_c, 20000, lead_time_days=None)

    by_gross = compare_answers(quote_request, "gross")
    by_lead_time = compare_answers(quote_request, "lead_time")
    descending = compare_answers(quote_request, "-gross")

    assert [row.recipient.organisation for row in by_gross] == [b, c, a]
    assert [row.recipient.gross_price for row in by_gross] == [12300, 24600, 36900]
    assert [(row.is_lowest, row.is_median) for row in by_gross] == [
        (True, False),
        (False, True),
        (False, False),
    ]
    # No lead time given sorts last, whatever the direction.
    assert [row.recipient.organisation for row in by_lead_time] == [a, b, c]
    assert [row.recipient.organisation for row in descending] == [a, c, b]

    response = client.get(f"/zakupy/zapytania/{quote_request.token}/porownanie/?sort=lead_time")
    html = response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert html.index(a.name) < html.index(b.name) < html.index(c.name)
    assert html.count('class="badge">najniższa<') == 1 and html.count('class="badge">mediana<') == 1


def test_comparison_of_an_unknown_token_is_not_found(client):
    assert client.get("/zakupy/zapytania/nie-ma-takiego/porownanie/").status_code == 404
