"""Fixtures of the search tests: a small catalogue, a fresh index per test, both backends."""

import logging

import pytest

from search.breaker import elasticsearch_breaker
from search.indexing import delete_indices, rebuild_index
from search.models import PendingIndexUpdate

from .catalogue import load_test_catalogue


@pytest.fixture(autouse=True)
def closed_breaker():
    elasticsearch_breaker.reset()
    yield
    elasticsearch_breaker.reset()


@pytest.fixture
def catalogue(db):
    load_test_catalogue()


@pytest.fixture
def search_index(elasticsearch_url, catalogue, request, caplog):
    """The test catalogue indexed in Elasticsearch under this run's SEARCH_INDEX_PREFIX.

    A test that built the index expects Elasticsearch to answer: when a search fell back to the
    database during it, the test fails (it would otherwise pass on the fallback with ES broken), unless
    it is marked `allows_fallback` because the fallback is what it proves.
    """
    delete_indices()
    rebuild_index("offer")
    rebuild_index("organisation")
    # The import's outbox rows were applied by the rebuild (their drains never run inside a test transaction).
    PendingIndexUpdate.objects.all().delete()
    caplog.set_level(logging.WARNING, logger="search.query")
    yield
    delete_indices()
    # caplog.records holds only the current (teardown) phase: read the test's own records.
    records = caplog.get_records("setup") + caplog.get_records("call")
    fallbacks = [r for r in records if r.name == "search.query" and "fell back" in r.getMessage()]
    if fallbacks and request.node.get_closest_marker("allows_fallback") is None:
        pytest.fail(
            f"Elasticsearch was set up but the search fell back to the database: {fallbacks[0].getMessage()}"
        )


@pytest.fixture(params=["es", "db"])
def backend(request):
    """Runs a contract test once against Elasticsearch and once against the database fallback."""
    if request.param == "es":
        request.getfixturevalue("search_index")
    else:
        request.getfixturevalue("catalogue")
    return request.param
