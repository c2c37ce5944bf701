"""The procurement journey of issue 17: shortlist three offers → request → two suppliers answer (one
declines) → comparison table → the note as PDF and DOCX → outcome recorded → the impact page's social
spend moves. Real browser, real server, real database."""

import io
import json
import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from catalog.models import Organisation, QuoteRequest
from catalog.procurement.models import MarketResearchNote, ProcurementOutcome
from catalog.services import import_catalog
from tests.e2e.test_quote_request_journey import CATEGORIES, assert_accessible, organisation

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "haslo-dostawcy-2026"
SUPPLIERS = [
    (
        "sps-kuchnia",
        "Spółdzielnia Socjalna „Kuchnia”",
        "8399954166",
        "kuchnia-catering",
        "Catering konferencyjny",
    ),
    ("sps-smaki", "Spółdzielnia Socjalna „Smaki”", "1234563218", "smaki-bufet", "Bufet na piknik"),
    ("sps-obiady", "Spółdzielnia Socjalna „Obiady”", "5261040828", "obiady-lunch", "Lunch dla urzędu"),
]


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="pl-PL", bypass_csp=True, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def catalogue():
    records = [organisation(slug, name, nip, [(offer, title)]) for slug, name, nip, offer, title in SUPPLIERS]
    report = import_catalog([json.dumps(r, ensure_ascii=False) for r in records], categories=CATEGORIES)
    assert report.rejected == 0
    users = {}
    for slug, *_ in SUPPLIERS[:2]:
        user = get_user_model().objects.create_user(slug, f"dostawca@{slug}.example.pl", PASSWORD)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        Organisation.objects.get(slug=slug).members.add(user)
        users[slug] = user
    return users


def answer_as_supplier(page, live_server, recipient_path, email, fill):
    supplier = page.context.browser.new_context(locale="pl-PL").new_page()
    supplier.goto(f"{live_server.url}{recipient_path}")
    supplier.locator("input[name=login]").fill(email)
    supplier.locator("input[name=password]").fill(PASSWORD)
    supplier.locator("form button[type=submit]").last.click()
    supplier.wait_for_url(f"{live_server.url}{recipient_path}")
    fill(supplier)
    supplier.locator("form button[type=submit]").last.click()
    supplier.wait_for_url(f"{live_server.url}/katalog/panel/")
    supplier.context.close()


def downloaded(page, link_text) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_text).click()
    return open(info.value.path(), "rb").read()


def test_shortlist_to_note_to_outcome_moves_the_social_spend(live_server, page, catalogue):
    page.goto(live_server.url + "/katalog/wplyw-spoleczny/")
    assert page.locator('[data-figure="social-spend-total"]').inner_text() == "0,00\u00a0zł"

    # 1. Three offers of three suppliers on the shortlist, one request to all three.
    for _, _, _, offer, _ in SUPPLIERS:
        page.goto(f"{live_server.url}/katalog/oferty/{offer}/")
        page.locator(".actions button[type=submit]").first.click()
        page.wait_for_load_state()
    page.goto(live_server.url + "/katalog/zapytanie-ofertowe/")
    page.locator("#id_description").fill("Catering na konferencję dla 120 osób.")
    page.locator("#id_quantity").fill("120 osób")
    page.locator("#id_deadline").fill((timezone.localdate() + timedelta(days=21)).isoformat())
    page.locator("#id_answers_due").fill((timezone.localdate() + timedelta(days=7)).isoformat())
    page.locator("#id_place").fill("Gdańsk, ul. Długa 1")
    page.locator("input[name=buyer_type][value=public_body]").check()
    page.locator("#id_buyer_name").fill("Anna Nowak")
    page.locator("#id_buyer_organisation").fill("Urząd Miejski w Gdańsku")
    page.locator("#id_buyer_email").fill("anna.nowak@gdansk.example.pl")
    page.locator("#id_consent").check()
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r".*/katalog/zapytania/[\w-]+/$"))
    private_url = page.url
    quote_request = QuoteRequest.objects.get()
    assert quote_request.recipients.count() == 3

    # 2. Two suppliers answer: one quotes with structured terms, one declines with a reason.
    def path_for(slug):
        return f"/katalog/panel/zapytania/{quote_request.recipients.get(organisation__slug=slug).pk}/"

    def quote(supplier):
        supplier.locator("input[name=status][value=quoted]").check()
        supplier.locator("#id_price").fill("6 400,00")
        supplier.locator("#id_vat_rate").select_option("8")
        supplier.locator("#id_lead_time_days").fill("5")
        supplier.locator("#id_conditions").fill("Dowóz i zastawa w cenie.")

    def decline(supplier):
        supplier.locator("input[name=status][value=declined]").check()
        supplier.locator("#id_decline_reason").fill("Brak wolnych terminów.")

    answer_as_supplier(page, live_server, path_for("sps-kuchnia"), "dostawca@sps-kuchnia.example.pl", quote)
    answer_as_supplier(page, live_server, path_for("sps-smaki"), "dostawca@sps-smaki.example.pl", decline)
    assert any(m.to == ["anna.nowak@gdansk.example.pl"] and "6\u00a0400,00" in m.body for m in mail.outbox)

    # 3. The comparison table: the quote marked lowest and median, the decline with its reason.
    page.goto(private_url)
    page.get_by_role("link", name="Porównaj odpowiedzi w tabeli").click()
    table = page.locator("table.comparison")
    quoted_row = table.locator("tr.answer--quoted")
    assert "6\u00a0912,00\u00a0zł" in quoted_row.inner_text()  # 6 400,00 + 8% VAT
    assert "najniższa" in quoted_row.inner_text() and "mediana" in quoted_row.inner_text()
    assert "Brak wolnych terminów." in table.locator("tr.answer--declined").inner_text()
    assert table.locator("tr.answer--pending").count() == 1
    assert_accessible(page)

    # 4. The note: the buyer fills in the choice, then downloads it as PDF and DOCX.
    page.goto(private_url.replace("/katalog/zapytania/", "/zakupy/zapytania/") + "notatka/")
    assert page.locator("#id_institution").input_value() == "Urząd Miejski w Gdańsku"
    page.locator("input[name=estimate_basis][value=lowest]").check()
    page.locator("#id_eur_rate").fill("4,2500")
    page.locator("#id_chosen").select_option(label="Spółdzielnia Socjalna „Kuchnia”")
    page.locator("#id_justification").fill("Jedyna oferta, zatrudnia osoby zagrożone wykluczeniem.")
    page.get_by_label("Zamówienie zastrzeżone (art. 94 Pzp)").check()
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    note = MarketResearchNote.objects.get()
    pdf = downloaded(page, "PDF po polsku")
    docx = downloaded(page, "DOCX po angielsku (do edycji)")
    pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    docx_text = " ".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
    assert note.reference in pdf_text and "Notatka z rozeznania rynku" in pdf_text
    assert note.reference in docx_text and "Market-research note" in docx_text
    assert "Jedyna oferta" in pdf_text.replace("\n", " ")
    page.goto(live_server.url + note.get_verification_url())
    assert page.locator("#hash").inner_text() == note.content_hash

    # 5. The outcome, and the impact page's social spend moves.
    page.goto(private_url.replace("/katalog/zapytania/", "/zakupy/zapytania/") + "wynik/")
    page.locator("#id_awarded_to").select_option(label="Spółdzielnia Socjalna „Kuchnia”")
    page.locator("#id_value_net").fill("6 400,00")
    page.locator("input[name=contract_type][value=reserved]").check()
    page.locator("form button[type=submit]").last.click()
    page.wait_for_selector("#outcome")
    assert ProcurementOutcome.objects.get().value_net == 640000
    page.goto(live_server.url + "/katalog/wplyw-spoleczny/")
    assert page.locator('[data-figure="social-spend-total"]').inner_text() == "6\u00a0400,00\u00a0zł"
    assert page.locator('[data-figure="social-spend-contracts"]').inner_text() == "1"
    assert page.locator('[data-figure="social-spend-reserved"]').inner_text() == "100%"
    assert_accessible(page)
