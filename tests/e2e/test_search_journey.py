"""A buyer searches the catalogue in Chromium: suggestions while typing, a facet, changed counts, a result."""

import json
import re

import pytest
from playwright.sync_api import expect

from catalog.services import import_catalog
from search.indexing import delete_indices, rebuild_index
from search.tests.catalogue import load_test_catalogue

pytestmark = [pytest.mark.e2e, pytest.mark.elasticsearch, pytest.mark.django_db(transaction=True)]

# A second vegan caterer of another legal form, so that a facet has something to narrow.
FOUNDATION = {
    "id": "fund-smaki-sopotu",
    "name": "Fundacja „Smaki Sopotu”",
    "legal_form": "fundacja",
    "ps_status": True,
    "nip": "5830000055",
    "krs": None,
    "street": "ul. Morska 2",
    "postal_code": "81-701",
    "city": "Sopot",
    "powiat": "Sopot",
    "subregion": "metropolitalny_poludniowy",
    "lat": 54.441,
    "lon": 18.56,
    "website": "https://example.org",
    "email": "smaki@example.org",
    "phone": "+48 58 000 00 01",
    "description": "Gotujemy roślinnie w Sopocie.",
    "social_mission": "Zatrudniamy osoby po kryzysie bezdomności.",
    "employees_total": 6,
    "employees_disadvantaged": 3,
    "certificates": [],
    "member_since": "2025-02-01",
    "offers": [
        {
            "id": "sms-catering-weganski",
            "kind": "service",
            "title": "Catering wegański na wesela i konferencje",
            "description": "Roślinne menu bufetowe z dowozem w Gdańsku, Sopocie i Gdyni.",
            "category": "gastronomia-catering",
            "cpv": ["55520000-1"],
            "price_from": 60,
            "price_to": 120,
            "price_unit": "osoba",
            "service_area": ["Gdańsk", "Sopot", "Gdynia"],
            "lead_time_days": 7,
            "tags": ["catering", "wegański", "wesela"],
        }
    ],
}


@pytest.fixture
def indexed_catalogue(elasticsearch_url, fallback_guard):
    load_test_catalogue()
    report = import_catalog([json.dumps(FOUNDATION, ensure_ascii=False)])
    assert not report.errors, [str(e) for e in report.errors]
    delete_indices()
    rebuild_index("offer")
    rebuild_index("organisation")
    yield
    delete_indices()


def result_count(page) -> int:
    return int(page.locator("[data-result-count]").get_attribute("data-result-count"))


def test_buyer_types_sees_suggestions_picks_a_facet_and_opens_a_result(live_server, page, indexed_catalogue):
    page.goto(live_server.url + "/katalog/")
    search_box = page.locator("input[name=q]")
    search_box.press_sequentially("catering weganski gdansk", delay=40)

    suggestions = page.locator("#search-suggestions [role=option]")
    expect(suggestions.first).to_be_visible()
    assert "Catering wegański" in suggestions.first.inner_text()

    search_box.press("Enter")
    page.wait_for_url(re.compile(r".*q=catering.*"))
    before = result_count(page)
    assert before >= 2
    foundation_facet = page.locator("input[name=legal_form][value=fundacja]")
    cooperative_count = page.locator(
        "[data-facet=kind] label:has(input[value=service]) [data-count]"
    ).inner_text()

    foundation_facet.check()  # facets apply at once
    page.wait_for_url(re.compile(r".*legal_form=fundacja.*"))
    expect(page.locator("input[name=legal_form][value=fundacja]")).to_be_checked()
    after = result_count(page)
    assert 0 < after < before
    assert page.locator("[data-facet=kind] label:has(input[value=service]) [data-count]").inner_text() != (
        cooperative_count
    )

    first = page.locator(".card-list .card h2 a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r".*/katalog/oferty/sms-catering-weganski/"))
    assert title in page.locator("h1").first.inner_text()
