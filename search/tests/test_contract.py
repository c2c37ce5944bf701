"""One contract, two implementations: every test here runs against Elasticsearch and the database fallback."""

import pytest

from catalog.choices import MembershipStatus
from catalog.models import Organisation
from catalog.services.portal import change_membership
from search.filters import parse_search_params
from search.query import map_points, search_offers, search_organisations, suggest

pytestmark = pytest.mark.django_db


def offers(backend, **params):
    return search_offers(parse_search_params(params), backend=backend)


def test_query_without_diacritics_finds_offer_written_with_them(backend):
    result = offers(backend, q="sprzatanie biur gdansk")
    assert result.ids[0] == "cd-sprzatanie-biur"


def test_inflected_query_finds_other_forms_of_the_word(backend):
    assert "so-koszenie-trawy" in offers(backend, q="koszenia trawników").ids
    assert "zk-obiady-szkolne" in offers(backend, q="obiad dla szkoły").ids


def test_curated_synonym_finds_the_suppliers_vocabulary(backend):
    assert offers(backend, q="ogrodnik").ids[0] == "so-koszenie-trawy"


def test_cpv_code_finds_exact_code_and_its_descendants_by_prefix(backend):
    assert set(offers(backend, q="90911200-8").ids[:1]) == {"cd-sprzatanie-biur"}
    assert {"cd-sprzatanie-biur", "so-sprzatanie-slupsk"} <= set(offers(backend, q="9091").ids)
    assert set(offers(backend, cpv="9091").ids) == {"cd-sprzatanie-biur", "so-sprzatanie-slupsk"}


def test_place_in_query_ranks_offers_serving_that_place_first(backend):
    assert offers(backend, q="sprzątanie Słupsk").ids[0] == "so-sprzatanie-slupsk"
    assert offers(backend, q="sprzątanie w Gdańsku").ids[0] == "cd-sprzatanie-biur"


@pytest.mark.parametrize(
    "odd",
    [
        '"',
        "AND(",
        "sprzątanie AND( OR biur)",
        "x" * 5000,
        "😀🍲",
        "title:catering^5 *",
        "\\",
        "<script>",
        "   ",
    ],
)
def test_odd_text_returns_results_or_empty_never_an_error(backend, odd):
    result = offers(backend, q=odd)
    assert result.count >= 0
    assert all(hit.id for hit in result.hits)


def test_result_carries_stable_ids_organisation_and_highlight(backend):
    hit = offers(backend, q="catering wegański").hits[0]
    assert hit.id == "zk-catering-weganski"
    assert hit.title == "Catering wegański na spotkania firmowe"
    assert hit.organisation_id == "sps-zielona-kuchnia"
    assert hit.organisation_name == "Spółdzielnia Socjalna „Zielona Kuchnia”"
    assert hit.url == "/katalog/oferty/zk-catering-weganski/"
    assert hit.highlight


def test_facet_counts_reflect_the_other_filters_but_not_their_own(backend):
    result = offers(backend, category="sprzatanie")
    assert result.count == 2
    # The category facet ignores the category filter, so other categories stay selectable …
    assert result.facets["category"] == {"sprzatanie": 2, "gastronomia-catering": 2, "zielen-ogrodnictwo": 1,
                                         "rekodzielo-upominki": 1}  # fmt: skip
    # … while every other facet counts only cleaning offers.
    assert result.facets["subregion"] == {"metropolitalny_poludniowy": 1, "slupski": 1}
    assert result.facets["ps"] == {"true": 1, "false": 1}


def test_filters_narrow_results(backend):
    assert set(offers(backend, ps="true").ids) == {
        "zk-catering-weganski",
        "zk-obiady-szkolne",
        "cd-sprzatanie-biur",
    }
    assert set(offers(backend, certificates="haccp").ids) == {"zk-catering-weganski", "zk-obiady-szkolne"}
    assert set(offers(backend, legal_form="wtz").ids) == {"wtz-kosze-prezentowe"}
    assert set(offers(backend, kind="product").ids) == {"wtz-kosze-prezentowe"}
    assert set(offers(backend, reserved="false").ids) == {"wtz-kosze-prezentowe"}
    assert set(offers(backend, subregion="slupski").ids) == {"so-koszenie-trawy", "so-sprzatanie-slupsk"}
    # Served counties: listed explicitly or through the whole region.
    assert set(offers(backend, powiat="powiat gdański").ids) == {"cd-sprzatanie-biur", "wtz-kosze-prezentowe"}
    # Price ranges overlap the asked range (PLN in the query, grosze inside).
    assert set(offers(backend, price_min="10", price_max="20").ids) == {"zk-obiady-szkolne"}


def test_geo_distance_filter_and_distance_sort(backend):
    near_gdansk = offers(backend, town="Gdańsk", radius_km="30")
    assert "so-koszenie-trawy" not in near_gdansk.ids
    assert "cd-sprzatanie-biur" in near_gdansk.ids
    by_distance = offers(backend, near="54.46,17.03", radius_km="400", sort="distance")
    assert by_distance.ids[:2] == sorted(by_distance.ids[:2]) or by_distance.hits[0].city == "Słupsk"
    assert by_distance.hits[0].distance_km < by_distance.hits[-1].distance_km


def test_sorting_by_price_and_newest(backend):
    by_price = offers(backend, sort="price")
    prices = [hit.price_from for hit in by_price.hits if hit.price_from is not None]
    assert prices == sorted(prices)
    assert len(offers(backend, sort="newest").ids) == 6


def test_pagination_returns_the_requested_page(backend):
    first = offers(backend, per_page="4")
    second = offers(backend, per_page="4", page="2")
    assert first.count == second.count == 6
    assert len(first.hits) == 4 and len(second.hits) == 2
    assert not set(first.ids) & set(second.ids)


def test_organisation_search_uses_the_same_filters(backend):
    result = search_organisations(parse_search_params({"q": "catering"}), backend=backend)
    assert result.ids[0] == "sps-zielona-kuchnia"
    filtered = search_organisations(parse_search_params({"subregion": "slupski"}), backend=backend)
    assert filtered.ids == ["sps-slupskie-ogrody"]
    assert filtered.facets["legal_form"]


def test_suggestions_complete_offer_titles(backend):
    suggestions = suggest("catering weg", backend=backend)
    assert suggestions[0].text == "Catering wegański na spotkania firmowe"
    assert suggestions[0].url == "/katalog/oferty/zk-catering-weganski/"
    assert suggest("", backend=backend) == []


def test_organisations_can_be_sorted_by_any_offered_sort(backend):
    for sort in ("relevance", "newest", "price"):
        result = search_organisations(parse_search_params({"sort": sort}), backend=backend)
        assert result.count == 4
        assert result.backend == ("elasticsearch" if backend == "es" else "database")


def test_organisations_are_found_by_the_cpv_codes_of_their_offers(backend):
    result = search_organisations(parse_search_params({"q": "9091"}), backend=backend)
    assert set(result.ids) == {"fund-czysty-dom", "sps-slupskie-ogrody"}
    assert search_organisations(parse_search_params({"q": "90911200-8"}), backend=backend).ids[0] == (
        "fund-czysty-dom"
    )


def test_offer_hits_carry_their_own_cpv_codes(backend):
    hit = offers(backend, q="sprzatanie biur gdansk").hits[0]
    assert hit.cpv == ("90910000-9", "90911200-8")
    organisation = search_organisations(parse_search_params({"q": "Czysty Dom"}), backend=backend).hits[0]
    assert organisation.cpv == ()


def test_suspended_members_leave_search_suggestions_and_the_map_until_reactivated(
    backend, admin_user, django_capture_on_commit_callbacks
):
    organisation = Organisation.objects.get(slug="sps-zielona-kuchnia")
    everything = parse_search_params({})

    def visible() -> dict[str, bool]:
        return {
            "offers": any(h.organisation_id == organisation.slug for h in offers(backend, q="catering").hits),
            "organisations": organisation.slug in search_organisations(everything, backend=backend).ids,
            "suggestions": any(
                s.id == "zk-catering-weganski" for s in suggest("catering weg", backend=backend)
            ),
            "map": organisation.slug in [p.id for p in map_points(everything, backend=backend).points],
        }

    assert set(visible().values()) == {True}
    with django_capture_on_commit_callbacks(execute=True):
        change_membership([organisation], status=MembershipStatus.SUSPENDED, user=admin_user)
    assert set(visible().values()) == {False}  # a profile that answers 404 is never offered
    with django_capture_on_commit_callbacks(execute=True):
        change_membership([organisation], status=MembershipStatus.ACTIVE, user=admin_user)
    assert set(visible().values()) == {True}


def test_the_suppliers_english_text_finds_the_offer_and_shows_on_english_pages(backend):
    from django.utils import translation

    from catalog.models import Offer
    from search.indexing import rebuild_index

    # A word that only the English title holds: neither the thesaurus nor the CPV or category names know it.
    Offer.objects.filter(slug="cd-sprzatanie-biur").update(
        title_en="Office cleaning with plant-based detergents", description_en="Every weekday evening."
    )
    if backend == "es":
        rebuild_index("offer")
    result = offers(backend, q="detergents")
    assert result.ids[:1] == ["cd-sprzatanie-biur"] and result.simplified is (backend == "db")
    hit = result.hits[0]
    with translation.override("en"):
        assert hit.local_title == "Office cleaning with plant-based detergents" and not hit.shown_in_polish
    with translation.override("pl"):
        assert hit.local_title == "Sprzątanie biur" or hit.local_title == hit.title
