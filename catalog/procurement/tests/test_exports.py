"""The shortlist export and the request's answers as titled documents: title, date, criteria, one row
per supplier, answers; no cell runs as a formula."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from catalog.choices import QuoteAnswerStatus
from catalog.models import QuoteRequest
from catalog.services.quotes import QuoteTerms, answer_quote_request

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_shortlist_export_prints_the_catalogue_filters_the_buyer_added_from(client, suppliers):
    (_, offer_a, _), (_, offer_b, _), _ = suppliers
    client.post(
        "/katalog/wybrane/dodaj/",
        {"kind": "offer", "slug": offer_a.slug, "next": "/katalog/?q=catering&subregion=slupski&page=2"},
    )
    client.post(
        "/katalog/wybrane/dodaj/",
        {"kind": "offer", "slug": offer_b.slug, "next": "/katalog/?q=catering&subregion=slupski"},
    )

    rows = read_csv(client.get("/katalog/wybrane/eksport.csv"))
    sheet = load_workbook(io.BytesIO(client.get("/katalog/wybrane/eksport.xlsx").content)).active

    assert rows[2] == ["Kryteria: Szukaj: catering, Subregion: Subregion słupski"]  # once, no page number
    assert [row[0] for row in rows[5:]] == [offer_a.organisation.name, offer_b.organisation.name]
    assert sheet["A1"].value.startswith("Rozeznanie rynku") and sheet["A1"].font.bold
    assert sheet["A3"].value == "Kryteria: Szukaj: catering, Subregion: Subregion słupski"
    assert sheet.freeze_panes == "A6"


def test_answers_export_has_one_row_per_supplier_with_answers_and_is_formula_safe(
    client, quote_request, suppliers
):
    (a, _, user_a), (b, _, user_b), (c, _, _) = suppliers
    answer_quote_request(
        quote_request.recipients.get(organisation=a).pk,
        user=user_a,
        status=QuoteAnswerStatus.QUOTED,
        terms=QuoteTerms(price=123456, vat_rate=23, lead_time_days=4, conditions="=cmd|' /C calc'!A0"),
    )
    answer_quote_request(
        quote_request.recipients.get(organisation=b).pk,
        user=user_b,
        status=QuoteAnswerStatus.DECLINED,
        decline_reason="+brak mocy",
    )

    response = client.get(f"/zakupy/zapytania/{quote_request.token}/eksport.csv")
    rows = read_csv(response)
    sheet = load_workbook(
        io.BytesIO(client.get(f"/zakupy/zapytania/{quote_request.token}/eksport.xlsx").content)
    ).active

    assert response["Cache-Control"] == "private, no-store"
    assert (
        rows[0][0]
        == f"Rozeznanie rynku: odpowiedzi na zapytanie z dnia {quote_request.created_at.date().isoformat()}"
    )
    assert rows[1] == [f"Data: {timezone.localdate().isoformat()}"]
    assert rows[2] == [f"Kryteria: {quote_request.description}"]
    header, *table = rows[4:]
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in table}
    assert set(by_name) == {a.name, b.name, c.name}
    assert by_name[a.name]["Brutto"] == "1\u00a0518,51\u00a0zł"
    assert by_name[a.name]["Warunki lub powód"] == "'=cmd|' /C calc'!A0"
    assert by_name[b.name]["Warunki lub powód"] == "'+brak mocy"
    assert by_name[c.name]["Odpowiedź dostawcy"] == "Czeka na odpowiedź"
    assert by_name[a.name]["Uprawniony do zamówień zastrzeżonych w chwili zapytania"] == "tak"
    assert all(
        not str(cell.value).startswith(("=", "+")) for row in sheet.iter_rows() for cell in row if cell.value
    )


def test_the_catalogue_filters_travel_from_the_shortlist_to_the_request_and_the_note(client, suppliers):
    (_, offer_a, _), (_, offer_b, _), _ = suppliers
    for offer in (offer_a, offer_b):
        client.post(
            "/katalog/wybrane/dodaj/",
            {"kind": "offer", "slug": offer.slug, "next": "/katalog/?q=catering&reserved=true"},
        )
    client.post(
        "/katalog/zapytanie-ofertowe/",
        {
            "description": "Catering",
            "quantity": "50 osób",
            "deadline": (timezone.localdate() + timedelta(days=10)).isoformat(),
            "place": "Gdańsk",
            "buyer_type": "public_body",
            "buyer_name": "Anna Nowak",
            "buyer_email": "anna@example.pl",
            "consent": "on",
        },
    )
    quote_request = QuoteRequest.objects.get()

    form = client.get(f"/zakupy/zapytania/{quote_request.token}/notatka/").context["form"]

    assert quote_request.search_criteria == "Szukaj: catering, Zamówienia zastrzeżone: tak"
    assert form.initial["criteria"] == quote_request.search_criteria
