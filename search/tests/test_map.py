"""The map of a search: one contract for both backends, and both backends draw the same map."""

import pytest

from catalog.models import Organisation
from search.backends.database import DatabaseBackend
from search.backends.elasticsearch import ElasticsearchBackend
from search.filters import parse_search_params
from search.query import map_points, search_offers, search_organisations

pytestmark = pytest.mark.django_db


def offer_map(backend, **params):
    return map_points(parse_search_params(params), "offer", backend=backend)


def counts(result):
    return {point.id: point.offer_count for point in result.points}


def test_offer_map_has_every_organisation_behind_the_matching_offers_once(backend):
    result = offer_map(backend)
    assert counts(result) == {
        "fund-czysty-dom": 1,
        "sps-slupskie-ogrody": 2,
        "sps-zielona-kuchnia": 2,
        "wtz-pracownia-tczew": 1,
    }
    assert result.matched == 6
    assert not result.truncated


def test_offer_map_counts_only_the_offers_matching_the_query_and_filters(backend):
    assert counts(offer_map(backend, category="sprzatanie")) == {
        "fund-czysty-dom": 1,
        "sps-slupskie-ogrody": 1,
    }
    assert counts(offer_map(backend, subregion="slupski", kind="service")) == {"sps-slupskie-ogrody": 2}
    assert counts(offer_map(backend, price_min="10", price_max="20")) == {"sps-zielona-kuchnia": 1}
    assert counts(offer_map(backend, town="Słupsk", radius_km="20")) == {"sps-slupskie-ogrody": 2}


def test_offer_map_agrees_with_every_page_of_the_listing(backend):
    for params in ({"q": "sprzątanie"}, {"q": "catering"}, {"cpv": "9091"}, {"q": "obiady", "ps": "true"}):
        parsed = parse_search_params({**params, "per_page": "50"})
        listing = search_offers(parsed, backend=backend)
        result = map_points(parsed, "offer", backend=backend)
        expected: dict[str, int] = {}
        for hit in listing.hits:
            expected[hit.organisation_id] = expected.get(hit.organisation_id, 0) + 1
        assert counts(result) == expected, params
        assert result.matched == listing.count


def test_map_ignores_the_page_and_the_sort(backend):
    assert counts(offer_map(backend, per_page="2", page="3", sort="newest")) == counts(offer_map(backend))


def test_points_carry_the_address_and_coordinates_from_the_database(backend):
    point = next(p for p in offer_map(backend, q="catering").points if p.id == "sps-zielona-kuchnia")
    assert point.name == "Spółdzielnia Socjalna „Zielona Kuchnia”"
    assert point.url == "/katalog/organizacje/sps-zielona-kuchnia/"
    assert (point.street, point.postal_code, point.city) == ("ul. Testowa 1", "80-001", "Gdańsk")
    assert (point.latitude, point.longitude) == (54.352, 18.646)


def test_organisation_without_coordinates_stays_listed_but_off_the_map(backend):
    Organisation.objects.filter(slug="wtz-pracownia-tczew").update(latitude=None, longitude=None)
    result = offer_map(backend)
    assert "wtz-pracownia-tczew" in counts(result)
    assert "wtz-pracownia-tczew" not in {point.id for point in result.located}
    assert len(result.located) == 3


def test_points_are_ordered_by_name_ignoring_diacritics(backend):
    names = [point.name for point in offer_map(backend).points]
    assert names == [
        "Fundacja „Czysty Dom”",
        "Spółdzielnia Socjalna „Słupskie Ogrody”",
        "Spółdzielnia Socjalna „Zielona Kuchnia”",
        "Warsztat Terapii Zajęciowej „Pracownia”",
    ]


def test_organisation_map_has_the_matching_organisations_with_their_filtered_offers(backend):
    everything = map_points(parse_search_params({}), "organisation", backend=backend)
    assert counts(everything) == {
        "fund-czysty-dom": 1,
        "sps-slupskie-ogrody": 2,
        "sps-zielona-kuchnia": 2,
        "wtz-pracownia-tczew": 1,
    }
    assert everything.matched == 4
    cleaning = map_points(parse_search_params({"category": "sprzatanie"}), "organisation", backend=backend)
    assert counts(cleaning) == {"fund-czysty-dom": 1, "sps-slupskie-ogrody": 1}
    for params in ({"q": "catering"}, {"subregion": "slupski"}, {"q": "Słupsk"}):
        parsed = parse_search_params({**params, "per_page": "50"})
        listing = search_organisations(parsed, backend=backend)
        assert {p.id for p in map_points(parsed, "organisation", backend=backend).points} == set(listing.ids)


@pytest.mark.parametrize("backend_class", [ElasticsearchBackend, DatabaseBackend], ids=["es", "db"])
def test_backend_keeps_the_organisations_with_most_matching_offers_when_capped(search_index, backend_class):
    answer = backend_class().organisation_counts(parse_search_params({}), "offer", 2)
    # Two organisations have two offers each; ties would be broken by slug.
    assert answer.counts == {"sps-slupskie-ogrody": 2, "sps-zielona-kuchnia": 2}
    assert list(answer.counts) == ["sps-slupskie-ogrody", "sps-zielona-kuchnia"]
    assert answer.truncated
    assert answer.matched == 6
    single = backend_class().organisation_counts(parse_search_params({}), "offer", 1)
    assert list(single.counts) == ["sps-slupskie-ogrody"] and single.truncated


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "sprzatanie biur gdansk"},
        {"q": "catering"},
        {"q": "9091"},
        {"legal_form": "spoldzielnia_socjalna", "ps": "true"},
        {"certificates": "haccp"},
        {"powiat": "powiat gdański"},
        {"near": "54.46,17.03", "radius_km": "50"},
        {"q": "zzzz-nothing-matches"},
    ],
)
@pytest.mark.parametrize("document", ["offer", "organisation"])
def test_both_backends_draw_the_same_map(search_index, params, document):
    parsed = parse_search_params(params)
    from_es = map_points(parsed, document, backend="es")
    from_db = map_points(parsed, document, backend="db")
    assert (from_es.backend, from_db.backend) == ("elasticsearch", "database")
    assert from_es.points == from_db.points
    assert from_es.matched == from_db.matched
    assert from_db.simplified and not from_es.simplified
