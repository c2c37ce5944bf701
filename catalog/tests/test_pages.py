import json
import re

import pytest

from catalog.choices import MembershipStatus, OfferStatus
from catalog.impact import compute_impact_figures
from catalog.models import QuoteRecipient, QuoteRequest
from catalog.tests.factories import CategoryFactory, OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def json_ld_blocks(html: str) -> list[dict]:
    """The page's own JSON-LD (the site template may add a site-wide block, which has an @graph or no url)."""
    blocks = [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    ]
    return [
        block
        for block in blocks
        if block.get("@type") in ("Organization", "Offer") and "/katalog/" in block.get("url", "")
    ]


def test_profile_shows_badges_contact_map_and_organization_json_ld(client):
    organisation = OrganisationFactory(ps_status=True, employees_total=10, employees_disadvantaged=3)
    OfferFactory(organisation=organisation, title="Obiady szkolne")

    response = client.get(organisation.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Obiady szkolne" in html
    assert 'class="badge badge--ps"' in html
    assert 'class="badge badge--reserved"' in html
    assert "HACCP" in html
    assert organisation.email in html
    assert "<address" in html and "ul. Długa 1" in html
    assert 'data-map data-lat="54.352000"' in html
    [data] = json_ld_blocks(html)
    assert data["@type"] == "Organization"
    assert data["taxID"] == organisation.nip
    assert data["makesOffer"][0]["itemOffered"]["name"] == "Obiady szkolne"


def test_profile_without_reserved_eligibility_shows_no_reserved_badge(client):
    organisation = OrganisationFactory(ps_status=False, employees_total=7, employees_disadvantaged=2)

    html = client.get(organisation.get_absolute_url()).content.decode()

    assert "badge--reserved" not in html
    assert "badge--ps" not in html


def test_profile_of_an_organisation_that_is_not_an_active_member_is_not_public(client):
    organisation = OrganisationFactory(membership_status=MembershipStatus.APPLIED)

    assert client.get(organisation.get_absolute_url()).status_code == 404


def test_offer_page_has_offer_json_ld_price_in_pln_and_related_offers(client):
    category = CategoryFactory(slug="sprzatanie")
    offer = OfferFactory(
        kind="product", category=category, price_from=1250, price_to=1600, title="Środki czystości"
    )
    related = OfferFactory(category=category, title="Sprzątanie biur")
    OfferFactory(category=category, title="Szkic", status=OfferStatus.DRAFT)

    response = client.get(offer.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "12,50\u00a0zł" in html and "16,00\u00a0zł" in html
    assert related.title in html
    assert "Szkic" not in html
    [data] = json_ld_blocks(html)
    assert data["@type"] == "Offer"
    assert data["itemOffered"]["@type"] == "Product"
    spec = data["priceSpecification"]
    assert (spec["priceCurrency"], spec["minPrice"], spec["maxPrice"]) == ("PLN", "12.50", "16.00")
    assert spec["valueAddedTaxIncluded"] is False
    assert spec["unitText"]
    assert data["offeredBy"]["name"] == offer.organisation.name


def test_service_offer_is_described_as_a_service_with_its_area(client):
    offer = OfferFactory(
        kind="service", service_area=["Gdańsk", "powiat kartuski"], price_from=None, price_to=None
    )

    [data] = json_ld_blocks(client.get(offer.get_absolute_url()).content.decode())

    assert data["itemOffered"]["@type"] == "Service"
    assert [place["name"] for place in data["itemOffered"]["areaServed"]] == ["Gdańsk", "powiat kartuski"]
    assert "priceSpecification" not in data


def test_json_ld_cannot_break_out_of_its_script_element(client):
    organisation = OrganisationFactory(description="</script><script>alert(1)</script>")

    html = client.get(organisation.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in html
    assert json_ld_blocks(html)[0]["description"] == "</script><script>alert(1)</script>"


def test_draft_offer_page_is_not_public(client):
    offer = OfferFactory(status=OfferStatus.PENDING_REVIEW)

    assert client.get(offer.get_absolute_url()).status_code == 404


def test_impact_figures_count_active_members_jobs_offers_and_answers():
    catering = CategoryFactory(slug="gastronomia-catering")
    cleaning = CategoryFactory(slug="sprzatanie")
    first = OrganisationFactory(
        legal_form="spoldzielnia_socjalna", subregion="slupski", employees_total=10, employees_disadvantaged=4
    )
    second = OrganisationFactory(
        legal_form="fundacja",
        ps_status=False,
        subregion="slupski",
        employees_total=5,
        employees_disadvantaged=1,
    )
    OrganisationFactory(
        membership_status=MembershipStatus.APPLIED, employees_total=100, employees_disadvantaged=50
    )
    OfferFactory(organisation=first, category=catering)
    OfferFactory(organisation=first, category=catering)
    OfferFactory(organisation=second, category=cleaning)
    OfferFactory(organisation=second, category=cleaning, status=OfferStatus.DRAFT)
    request = QuoteRequest.objects.create(
        buyer_type="company",
        buyer_name="Jan",
        buyer_email="jan@example.pl",
        description="x",
        quantity="1",
        deadline="2030-01-01",
        place="Gdańsk",
        consent_given_at="2026-01-01T10:00Z",
        ip_hash="x",
    )
    QuoteRecipient.objects.create(quote_request=request, organisation=first, status="declined")
    QuoteRecipient.objects.create(quote_request=request, organisation=second)

    figures = compute_impact_figures()

    assert figures.members == 2
    assert figures.jobs == 15
    assert figures.jobs_for_people_at_risk == 5
    assert {f.key: f.value for f in figures.members_by_legal_form} == {
        "spoldzielnia_socjalna": 1,
        "fundacja": 1,
    }
    assert {f.key: f.value for f in figures.members_by_subregion}["slupski"] == 2
    assert [(f.key, f.value) for f in figures.offers_by_category] == [
        ("gastronomia-catering", 2),
        ("sprzatanie", 1),
    ]
    assert figures.offers == 3
    assert (figures.quote_requests_sent, figures.quote_requests_answered, figures.supplier_answers) == (
        1,
        1,
        1,
    )


def test_impact_page_draws_accessible_svg_charts_with_data_tables(client):
    OfferFactory(organisation=OrganisationFactory(legal_form="fundacja", ps_status=False))

    response = client.get("/katalog/wplyw-spoleczny/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<svg class="chart__svg"') == 5
    assert 'role="img"' in html and "<title id=" in html and "<desc id=" in html
    assert html.count("<table") == 5
    assert "Fundacja" in html or "Foundation" in html


def test_english_pages_live_under_en_with_english_category_names(client):
    offer = OfferFactory(
        category=CategoryFactory(slug="pralnia", name_pl="Pralnia i magiel", name_en="Laundry")
    )

    response = client.get(f"/en/katalog/oferty/{offer.slug}/")

    assert response.status_code == 200
    assert "Laundry" in response.content.decode()
    assert client.get(f"/en/katalog/organizacje/{offer.organisation.slug}/").status_code == 200
    assert client.get("/en/katalog/wplyw-spoleczny/").status_code == 200


def test_english_page_shows_english_text_or_says_the_listing_is_in_polish(client):
    translated = OfferFactory(
        title="Sprzątanie biur", title_en="Office cleaning", description="Opis", description_en="Daily."
    )
    polish_only = OfferFactory(title="Koszenie trawy", description="Koszenie trawników")

    english = client.get(f"/en/katalog/oferty/{translated.slug}/").content.decode()
    assert "<h1>Office cleaning</h1>" in english and "data-language-notice" not in english
    untranslated = client.get(f"/en/katalog/oferty/{polish_only.slug}/").content.decode()
    assert '<h1 lang="pl">Koszenie trawy</h1>' in untranslated
    assert "This listing is in Polish" in untranslated
    profile = client.get(f"/en/katalog/organizacje/{polish_only.organisation.slug}/").content.decode()
    assert "This profile is in Polish" in profile
    polish = client.get(f"/katalog/oferty/{translated.slug}/").content.decode()
    assert "<h1>Sprzątanie biur</h1>" in polish and "data-language-notice" not in polish
