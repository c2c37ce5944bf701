"""The social-spend ledger: outcomes, the supplier's confirmation, the live totals and the open data."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from catalog.choices import QuoteAnswerStatus
from catalog.procurement.ledger import compute_social_spend, confirm_outcome, record_outcome
from catalog.procurement.models import ProcurementOutcome
from catalog.services.quotes import QuoteTerms, SupplierChoice, answer_quote_request, submit_quote_request
from catalog.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def quoted(quote_request, organisation, user, price=50000):
    recipient = quote_request.recipients.get(organisation=organisation)
    return answer_quote_request(
        recipient.pk, user=user, status=QuoteAnswerStatus.QUOTED, terms=QuoteTerms(price=price, vat_rate=23)
    )


def another_request(buyer_details, suppliers, **overrides):
    return submit_quote_request(
        details={**buyer_details, **overrides},
        suppliers=[SupplierChoice(organisation, [offer]) for organisation, offer, _ in suppliers],
        ip_address="10.0.0.2",
    )


def test_buyer_records_the_outcome_and_the_impact_page_moves(client, quote_request, suppliers):
    organisation, _, user = suppliers[0]
    recipient = quoted(quote_request, organisation, user)
    before = client.get("/katalog/wplyw-spoleczny/").content.decode()

    response = client.post(
        f"/zakupy/zapytania/{quote_request.token}/wynik/",
        {
            "awarded_to": recipient.pk,
            "value_net": "12 345,67",
            "awarded_on": timezone.localdate().isoformat(),
            "contract_type": "reserved",
        },
    )

    assert response.status_code == 302
    outcome = ProcurementOutcome.objects.get()
    assert (outcome.awarded_to, outcome.value_net, outcome.buyer_type) == (
        organisation,
        1234567,
        "public_body",
    )
    assert outcome.subregion == "slupski"
    after = client.get("/katalog/wplyw-spoleczny/").content.decode()
    assert 'data-figure="social-spend-total">0,00\u00a0zł<' in before
    assert 'data-figure="social-spend-total">12\u00a0345,67\u00a0zł<' in after
    assert 'data-figure="social-spend-reserved">100%<' in after
    by_buyer_type = after.split('data-figure="social-spend-by-buyer-type">', 1)[1].split("</dl>", 1)[0]
    assert "<dt>Instytucja publiczna</dt><dd>12\u00a0345,67\u00a0zł</dd>" in by_buyer_type
    page = client.get(f"/zakupy/zapytania/{quote_request.token}/wynik/")
    assert page["Cache-Control"] == "private, no-store" and organisation.name in page.content.decode()


def test_totals_by_buyer_type_subregion_share_reserved_and_only_this_year(buyer_details, suppliers):
    (a, _, user_a), (b, _, user_b), _ = suppliers
    today = timezone.localdate()
    first = another_request(buyer_details, suppliers)
    second = another_request(buyer_details, suppliers, buyer_type="company")
    last_year = another_request(buyer_details, suppliers)
    for request, organisation, user, value, kind, awarded_on in [
        (first, a, user_a, 100000, "reserved", today),
        (second, b, user_b, 30000, "ordinary", today),
        (last_year, a, user_a, 999999, "reserved", date(today.year - 1, 6, 1)),
    ]:
        record_outcome(
            request,
            awarded_to=quoted(request, organisation, user),
            value_net=value,
            awarded_on=awarded_on,
            contract_type=kind,
        )

    spend = compute_social_spend()

    assert (spend.total_net, spend.contracts, spend.reserved_contracts, spend.reserved_share_percent) == (
        130000,
        2,
        1,
        50,
    )
    by_buyer = {figure.key: figure.value for figure in spend.by_buyer_type}
    by_subregion = {figure.key: figure.value for figure in spend.by_subregion}
    assert by_buyer == {"company": 30000, "ngo": 0, "public_body": 100000, "person": 0}
    assert by_subregion["slupski"] == 100000 and by_subregion["metropolitalny_poludniowy"] == 30000
    assert compute_social_spend(today.year - 1).total_net == 999999


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"value_net": "0"}, "Podaj wartość zamówienia netto."),
        ({"value_net": "999999999999"}, "Cena może wynosić najwyżej"),
        ({"awarded_on": (date.today() + timedelta(days=5)).isoformat()}, "nie może być w przyszłości"),
        ({"contract_type": "whatever"}, "Wybierz poprawną wartość"),
    ],
)
def test_bad_outcomes_are_a_translated_400(client, quote_request, suppliers, overrides, message):
    organisation, _, user = suppliers[0]
    recipient = quoted(quote_request, organisation, user)
    data = {
        "awarded_to": recipient.pk,
        "value_net": "100",
        "awarded_on": timezone.localdate().isoformat(),
        "contract_type": "ordinary",
        **overrides,
    }

    response = client.post(f"/zakupy/zapytania/{quote_request.token}/wynik/", data)

    assert response.status_code == 400 and message in response.content.decode()
    assert not ProcurementOutcome.objects.exists()


def test_outcome_is_recorded_once(quote_request, suppliers):
    organisation, _, user = suppliers[0]
    recipient = quoted(quote_request, organisation, user)
    values = {
        "awarded_to": recipient,
        "value_net": 100,
        "awarded_on": timezone.localdate(),
        "contract_type": "ordinary",
    }
    record_outcome(quote_request, **values)
    with pytest.raises(ValidationError):
        record_outcome(quote_request, **values)


def test_only_the_awarded_supplier_confirms(client, quote_request, suppliers):
    (a, _, user_a), (_, _, user_b), _ = suppliers
    outcome = record_outcome(
        quote_request,
        awarded_to=quoted(quote_request, a, user_a),
        value_net=100,
        awarded_on=timezone.localdate(),
        contract_type="social_clause",
    )
    with pytest.raises(PermissionDenied):
        confirm_outcome(outcome.pk, user=user_b)
    client.force_login(user_a)

    response = client.post(f"/zakupy/wyniki/{outcome.pk}/potwierdz/")

    outcome.refresh_from_db()
    assert response.status_code == 302 and outcome.confirmed_by == user_a and outcome.supplier_confirmed_at
    assert compute_social_spend().confirmed_contracts == 1
    client.force_login(UserFactory())
    assert client.post(f"/zakupy/wyniki/{outcome.pk}/potwierdz/").status_code == 403


def test_open_data_is_formula_safe_and_names_only_public_buyers(client, buyer_details, suppliers):
    (a, _, user_a), (b, _, user_b), _ = suppliers
    a.name = '=HYPERLINK("http://x")'
    a.save()
    public = another_request(buyer_details, suppliers)
    private = another_request(
        buyer_details, suppliers, buyer_type="person", buyer_organisation="Jan Kowalski"
    )
    for request, organisation, user in [(public, a, user_a), (private, b, user_b)]:
        record_outcome(
            request,
            awarded_to=quoted(request, organisation, user),
            value_net=12345,
            awarded_on=timezone.localdate(),
            contract_type="ordinary",
        )
    year = timezone.localdate().year

    rows = list(
        csv.reader(
            io.StringIO(client.get(f"/zakupy/kupuj-spolecznie-{year}.csv").content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    sheet = load_workbook(io.BytesIO(client.get(f"/zakupy/kupuj-spolecznie-{year}.xlsx").content)).active

    assert rows[0][0] == "Data udzielenia" and len(rows) == 3
    assert {row[1] for row in rows[1:]} == {'\'=HYPERLINK("http://x")', b.name}
    assert "Urząd Miejski w Gdańsku" in {row[5] for row in rows[1:]}
    assert "Jan Kowalski" not in {cell for row in rows for cell in row}
    assert {row[7] for row in rows[1:]} == {"123.45"}
    assert sheet.max_row == 3 and all(
        not str(cell.value).startswith("=") for row in sheet.iter_rows() for cell in row
    )


def test_the_supplier_sees_the_contract_in_the_portal_and_confirms_it(client, quote_request, suppliers):
    organisation, _, user = suppliers[0]
    outcome = record_outcome(
        quote_request,
        awarded_to=quoted(quote_request, organisation, user),
        value_net=250000,
        awarded_on=timezone.localdate(),
        contract_type="reserved",
    )
    client.force_login(user)

    dashboard = client.get("/katalog/panel/").content.decode()
    client.post(f"/zakupy/wyniki/{outcome.pk}/potwierdz/")

    assert "2\u00a0500,00\u00a0zł" in dashboard and "Potwierdź to zamówienie" in dashboard
    assert "potwierdzone" in client.get("/katalog/panel/").content.decode()


def test_the_buyers_annual_report_lists_its_contracts_of_the_year(
    client, buyer_details, quote_request, suppliers
):
    (a, _, user_a), (b, _, user_b), _ = suppliers
    other_buyer = another_request(buyer_details, suppliers, buyer_email="inny@example.pl")
    for request, organisation, user, value in [
        (quote_request, a, user_a, 100000),
        (other_buyer, b, user_b, 55500),
    ]:
        record_outcome(
            request,
            awarded_to=quoted(request, organisation, user),
            value_net=value,
            awarded_on=timezone.localdate(),
            contract_type="reserved",
        )
    year = timezone.localdate().year

    response = client.get(f"/zakupy/zapytania/{quote_request.token}/kupuj-spolecznie-{year}.pdf")

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).replace(
        "\u00a0", " "
    )
    assert response["Cache-Control"] == "private, no-store"
    assert f"Kupuj społecznie {year}" in text and "Urząd Miejski w Gdańsku" in text
    assert "1 000,00 zł" in text and a.name in text
    assert "555,00 zł" not in text and b.name not in text  # another buyer's contract
