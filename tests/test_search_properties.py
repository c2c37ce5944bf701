"""Hypothesis: any unicode text and any filter combination give a valid answer from the search service."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.choices import Certificate, LegalForm, Subregion
from search.filters import InvalidSearchParams, parse_search_params
from search.indexing import delete_indices, rebuild_index
from search.query import search_offers, search_organisations
from search.tests.catalogue import load_test_catalogue

TEXT = st.text(max_size=300) | st.sampled_from(
    ['"', "AND(", "*:*", "\\", "sprzątanie", "🍲 obiady", "x" * 5000]
)
RAW_PARAMS = st.fixed_dictionaries(
    {"q": TEXT},
    optional={
        "category": st.lists(
            st.sampled_from(["gastronomia-catering", "sprzatanie", "nie-ma-takiej", ""]), max_size=3
        ),
        "subregion": st.lists(st.sampled_from([*Subregion.values, "xyz"]), max_size=3),
        "legal_form": st.lists(st.sampled_from([*LegalForm.values, "??"]), max_size=2),
        "certificates": st.lists(st.sampled_from([*Certificate.values, ""]), max_size=2),
        "ps": st.sampled_from(["true", "false", "", "maybe"]),
        "reserved": st.sampled_from(["true", "false", "1"]),
        "price_min": st.sampled_from(["0", "10", "-5", "abc", "1e9"]),
        "price_max": st.sampled_from(["100", "5", ""]),
        "cpv": st.sampled_from(["9091", "90910000-9", "55", "'; DROP", ""]),
        "near": st.sampled_from(["54.35,18.64", "91,200", "nonsense"]),
        "town": st.sampled_from(["Gdańsk", "gdansk", "Atlantyda"]),
        "radius_km": st.sampled_from(["30", "0", "10000"]),
        "sort": st.sampled_from(["relevance", "newest", "price", "distance", "bogus"]),
        "page": st.sampled_from(["1", "2", "999999", "0", "-1"]),
        "per_page": st.sampled_from(["1", "20", "1000"]),
    },
)


@pytest.fixture(params=["db", "es"])
def backend(request, db):
    load_test_catalogue()
    if request.param == "es":
        request.getfixturevalue("elasticsearch_url")
        request.getfixturevalue("fallback_guard")
        delete_indices()
        rebuild_index("offer")
        rebuild_index("organisation")
        request.addfinalizer(delete_indices)
    return request.param


@pytest.mark.parametrize("search", [search_offers, search_organisations])
@given(raw=RAW_PARAMS)
@settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_any_text_and_filters_give_a_valid_answer_or_a_clear_refusal(search, raw, backend):
    try:
        params = parse_search_params(raw)
    except InvalidSearchParams as refused:
        assert refused.errors and all(messages for messages in refused.errors.values())
        return
    result = search(params, backend=backend)
    assert result.count >= 0
    assert len(result.hits) <= params.per_page
    assert all(isinstance(count, int) for counts in result.facets.values() for count in counts.values())
