"""When Elasticsearch is unset, down or slow, search answers from the database and says so."""

import time

import pytest
from django.test import override_settings

from search.breaker import elasticsearch_breaker
from search.filters import SearchParams
from search.query import search_offers, suggest

pytestmark = pytest.mark.django_db
CLOSED_PORT = "http://127.0.0.1:9"


@override_settings(ELASTICSEARCH_URL="")
def test_unset_elasticsearch_url_uses_the_database_backend(catalogue):
    result = search_offers(SearchParams(q="sprzatanie biur"))
    assert result.backend == "database"
    assert result.simplified
    assert result.ids[0] == "cd-sprzatanie-biur"


@override_settings(ELASTICSEARCH_URL=CLOSED_PORT)
def test_unreachable_elasticsearch_falls_back_to_simplified_results(catalogue):
    result = search_offers(SearchParams(q="catering wegański"))
    assert result.simplified
    assert result.extra["fell_back"]
    assert result.ids[0] == "zk-catering-weganski"
    assert suggest("catering weg")[0].id == "zk-catering-weganski"


@override_settings(ELASTICSEARCH_URL=CLOSED_PORT)
def test_circuit_breaker_stops_asking_a_dead_elasticsearch(catalogue):
    for _ in range(elasticsearch_breaker.threshold):
        search_offers(SearchParams(q="obiady"))
    assert elasticsearch_breaker.is_open
    started = time.monotonic()
    result = search_offers(SearchParams(q="obiady"))
    assert result.simplified
    assert time.monotonic() - started < 1.0


def test_breaker_half_opens_after_cooldown_and_closes_on_success():
    breaker = type(elasticsearch_breaker)("test-half-open", threshold=2, cooldown=0.05)
    breaker.record_failure()
    assert breaker.allows_request()
    breaker.record_failure()
    assert not breaker.allows_request()
    time.sleep(0.06)
    assert breaker.allows_request()
    breaker.record_success()
    assert not breaker.is_open


@pytest.mark.allows_fallback
@override_settings(SEARCH_TIMEOUT_SECONDS=0.001)
def test_elasticsearch_over_its_time_budget_falls_back(search_index):
    result = search_offers(SearchParams(q="sprzątanie"))
    assert result.simplified
    assert "cd-sprzatanie-biur" in result.ids


@pytest.mark.allows_fallback
def test_the_fallback_guard_sees_a_fallback_behind_an_open_breaker(search_index, caplog):
    """The guard every index-building fixture uses (`fallback_guard`) reads the fallbacks the search
    logged: an error or timeout warns, and the quiet path of an open breaker is logged too."""
    from tests.conftest_services import search_fallbacks

    assert search_offers(SearchParams(q="sprzątanie")).backend == "elasticsearch"
    assert search_fallbacks(caplog) == []
    for _ in range(elasticsearch_breaker.threshold):
        elasticsearch_breaker.record_failure()
    assert search_offers(SearchParams(q="sprzątanie")).simplified
    assert search_fallbacks(caplog) == ["Catalogue search fell back to the database: circuit breaker open"]


def test_a_breaker_the_previous_test_left_open_is_closed_again():
    # The root conftest's autouse `fresh_process_state` resets it around every test of the suite.
    assert not elasticsearch_breaker.is_open


def test_healthy_elasticsearch_answers_without_notice(search_index):
    result = search_offers(SearchParams(q="sprzątanie"))
    assert result.backend == "elasticsearch"
    assert not result.simplified


def test_simple_ranking_without_postgresql_full_text_still_finds_folded_words(catalogue, monkeypatch):
    # The SQLite path of `make run` scores candidates in Python; force it on this PostgreSQL database.
    monkeypatch.setattr("search.backends.database._postgres", lambda: False)
    result = search_offers(SearchParams(q="sprzatanie biur gdansk"), backend="db")
    assert result.ids[0] == "cd-sprzatanie-biur"
    assert search_offers(SearchParams(q="9091"), backend="db").count == 2


def test_breaker_state_is_shared_through_the_cache():
    # Two breakers with one name stand for two web processes: both read the state from the shared cache.
    first = type(elasticsearch_breaker)("test-shared", threshold=2, cooldown=30)
    second = type(elasticsearch_breaker)("test-shared", threshold=2, cooldown=30)
    first.record_failure()
    second.record_failure()
    assert first.is_open and second.is_open
    second.record_success()
    assert first.allows_request()
