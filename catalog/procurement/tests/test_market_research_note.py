"""The market-research note: every field, in Polish and English, as PDF (read back with pypdf) and DOCX
(read back with python-docx); the verification page; the legal-basis templates."""

import hashlib
import io
import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from catalog.choices import QuoteAnswerStatus
from catalog.procurement.legal_basis_defaults import seed_legal_bases
from catalog.procurement.models import LegalBasisTemplate, MarketResearchNote
from catalog.procurement.notes import NoteChoices, issue_market_research_note
from catalog.services.quotes import QuoteTerms, answer_quote_request

pytestmark = pytest.mark.django_db


def normalise(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def pdf_text(content: bytes) -> str:
    return normalise(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return normalise(" ".join(parts))


@pytest.fixture
def answered_request(quote_request, suppliers):
    """A (reserved-eligible) quotes 1 000 zł net at 23%, B declines, C (eligible) quotes 800 zł at 8%."""
    (a, _, user_a), (b, _, user_b), (c, _, user_c) = suppliers
    valid_until = timezone.localdate() + timedelta(days=40)
    answer_quote_request(
        quote_request.recipients.get(organisation=a).pk,
        user=user_a,
        status=QuoteAnswerStatus.QUOTED,
        terms=QuoteTerms(
            price=100000,
            vat_rate=23,
            unit="usługa",
            lead_time_days=7,
            valid_until=valid_until,
            conditions="Dowóz",
        ),
    )
    answer_quote_request(
        quote_request.recipients.get(organisation=b).pk,
        user=user_b,
        status=QuoteAnswerStatus.DECLINED,
        decline_reason="Brak terminów",
    )
    answer_quote_request(
        quote_request.recipients.get(organisation=c).pk,
        user=user_c,
        status=QuoteAnswerStatus.QUOTED,
        terms=QuoteTerms(price=80000, vat_rate=8, lead_time_days=12),
    )
    return quote_request


@pytest.fixture
def note(client, answered_request, suppliers):
    chosen = answered_request.recipients.get(organisation=suppliers[2][0])
    basis = LegalBasisTemplate.objects.get(kind="reserved")
    response = client.post(
        f"/zakupy/zapytania/{answered_request.token}/notatka/",
        {
            "institution": "Urząd Miejski w Gdańsku",
            "subject": "Catering na konferencję",
            "cpv_codes": "55520000-1",
            "estimate_basis": "median",
            "eur_rate": "4,2500",
            "criteria": "kategoria: catering; subregion: słupski",
            "chosen": chosen.pk,
            "justification": "Najniższa cena i zatrudnienie osób z niepełnosprawnościami",
            "legal_basis": basis.pk,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    return MarketResearchNote.objects.get(quote_request=answered_request)


def download(client, note, language, file_format):
    response = client.get(f"/zakupy/zapytania/{note.quote_request.token}/notatka.{language}.{file_format}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    return response.content


def expected_fields(note, suppliers, language) -> list[str]:
    """Every field of the issue, as the reader of `language` sees it (labels and values)."""
    (a, _, _), (b, _, _), (c, _, _) = suppliers
    valid_until = (timezone.localdate() + timedelta(days=40)).strftime("%d.%m.%Y")
    invited_on = timezone.localtime(note.quote_request.created_at).strftime("%d.%m.%Y")
    shared = [
        note.reference,
        note.content_hash,
        f"/zakupy/weryfikacja/{note.verification_token}/",
        "Urząd Miejski w Gdańsku",
        "Catering na konferencję",
        "55520000-1",
        "kategoria: catering; subregion: słupski",
        "Najniższa cena i zatrudnienie osób z niepełnosprawnościami",
        f"{a.name} (NIP {a.nip})",
        f"{b.name} (NIP {b.nip})",
        f"{c.name} (NIP {c.nip})",
        invited_on,
        # Median of 1 000,00 and 800,00 net = 900,00; at 4.25 PLN/EUR = 211,76 EUR.
        "900,00 zł",
        "211,76 EUR",
        "4,2500",
        "1 000,00 zł",
        "1 230,00 zł",
        "864,00 zł",
        "23%",
        "8%",
        valid_until,
        "Dowóz",
        "Brak terminów",
    ]
    if language == "pl":
        return shared + [
            "Notatka z rozeznania rynku",
            "Numer referencyjny:",
            "Zweryfikuj:",
            "Instytucja zamawiającego",
            "Przedmiot zamówienia",
            "Kody CPV",
            "Szacunkowa wartość (netto): 900,00 zł",
            "mediana ofert (netto)",
            "Zastosowane kryteria wyszukiwania",
            "Zaproszeni dostawcy",
            f"Oferty: {c.name}, {a.name}",  # suppliers by name
            f"Odmówili: {b.name}",
            f"Wybrany dostawca: {c.name}",
            "Uzasadnienie:",
            "Zamówienie zastrzeżone (art. 94 Pzp)",
            "na podstawie art. 94 ust. 1 ustawy Pzp",
            "tak",
            "nie",
        ]
    return shared + [
        "Market-research note",
        "Reference number:",
        "Verify at:",
        "Buyer's institution",
        "Subject of the contract",
        "CPV codes",
        "Estimated value (net): 900,00 zł",
        "median of the quotes (net)",
        "Search criteria used",
        "Invited suppliers",
        f"Quotes: {c.name}, {a.name}",
        f"Declined: {b.name}",
        f"Chosen supplier: {c.name}",
        "Justification:",
        "Reserved contract (art. 94 of the Public Procurement Law)",
        "Under art. 94(1) of the Public Procurement Law",
        "yes",
        "no",
    ]


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize("file_format", ["pdf", "docx"])
def test_the_note_holds_every_field_in_both_languages_and_formats(
    client, note, suppliers, language, file_format
):
    content = download(client, note, language, file_format)
    text = pdf_text(content) if file_format == "pdf" else docx_text(content)

    missing = [field for field in expected_fields(note, suppliers, language) if normalise(field) not in text]

    assert missing == []


def test_the_english_note_names_cpv_codes_in_english_and_the_polish_one_in_polish(client, note):
    polish = docx_text(download(client, note, "pl", "docx"))
    english = docx_text(download(client, note, "en", "docx"))
    names = note.content["cpv_codes"][0]
    assert names["pl"] and names["en"] and names["pl"] != names["en"]
    assert normalise(names["pl"]) in polish and normalise(names["en"]) in english


def test_the_hash_is_of_the_frozen_content_and_the_verification_page_confirms_it(client, note):
    expected = hashlib.sha256(
        json.dumps(note.content, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    assert note.content_hash == expected
    assert note.reference == f"PES/RR/{note.issued_at.year}/{note.pk:05d}"

    page = client.get(note.get_verification_url())

    html = page.content.decode()
    assert page.status_code == 200
    assert note.reference in html and note.content_hash in html and "Urząd Miejski w Gdańsku" in html
    assert client.get("/zakupy/weryfikacja/nieprawdziwy/").status_code == 404


def test_editing_a_template_later_does_not_rewrite_an_issued_note(client, note):
    basis = LegalBasisTemplate.objects.get(kind="reserved")
    basis.text_pl = "Nowe brzmienie"
    basis.save()

    text = docx_text(download(client, note, "pl", "docx"))

    assert "Nowe brzmienie" not in text and "na podstawie art. 94 ust. 1 ustawy Pzp" in text


def test_a_second_note_and_a_note_without_quotes_are_refused(quote_request, note):
    choices = NoteChoices(
        institution="X",
        subject="Y",
        cpv_codes=[],
        estimate_basis="lowest",
        eur_rate=Decimal("4.3"),
        criteria="",
        chosen=None,
        justification="Z",
        legal_basis=LegalBasisTemplate.objects.first(),
    )
    with pytest.raises(ValidationError):
        issue_market_research_note(note.quote_request, choices)
    with pytest.raises(ValidationError):
        issue_market_research_note(quote_request, choices)  # the other fixture: no quote at all


@pytest.mark.parametrize("rate", ["0", "-1", "1e9", "abc", "100000"])
def test_an_absurd_euro_rate_is_a_translated_400(client, answered_request, rate):
    response = client.post(
        f"/zakupy/zapytania/{answered_request.token}/notatka/",
        {
            "institution": "Urząd",
            "subject": "Catering",
            "estimate_basis": "lowest",
            "eur_rate": rate,
            "justification": "Cena",
            "legal_basis": LegalBasisTemplate.objects.first().pk,
        },
    )
    assert response.status_code == 400
    assert "eur_rate" in response.context["form"].errors
    assert not MarketResearchNote.objects.exists()


def test_default_legal_bases_are_seeded_for_each_kind_and_kept_when_edited():
    assert set(LegalBasisTemplate.objects.values_list("kind", flat=True)) == {
        "below_threshold",
        "reserved",
        "social_clause",
    }
    edited = LegalBasisTemplate.objects.get(kind="social_clause")
    edited.text_pl = "Tekst zmieniony przez zespół"
    edited.save()

    seed_legal_bases(sender=None, app_config=apps.get_app_config("procurement"), using="default")

    assert LegalBasisTemplate.objects.count() == 3
    assert LegalBasisTemplate.objects.get(kind="social_clause").text_pl == "Tekst zmieniony przez zespół"
