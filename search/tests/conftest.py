"""Fixtures of the search tests: a small catalogue, a fresh index per test, both backends."""

import pytest

from search.indexing import delete_indices, rebuild_index
from search.models import PendingIndexUpdate

from .catalogue import load_test_catalogue

# The circuit breaker is reset before and after every test of the whole suite (e2e included) by the
# root conftest's `fresh_process_state` (tests/conftest_services.py).


@pytest.fixture
def catalogue(db):
    load_test_catalogue()


@pytest.fixture
def search_index(elasticsearch_url, catalogue, fallback_guard):
    """The test catalogue indexed in Elasticsearch under this run's SEARCH_INDEX_PREFIX.

    A test that built the index expects Elasticsearch to answer: `fallback_guard` fails it when a search
    fell back to the database, unless it is marked `allows_fallback` because the fallback is what it proves.
    """
    delete_indices()
    rebuild_index("offer")
    rebuild_index("organisation")
    # The import's outbox rows were applied by the rebuild (their drains never run inside a test transaction).
    PendingIndexUpdate.objects.all().delete()
    yield
    delete_indices()


@pytest.fixture(params=["es", "db"])
def backend(request):
    """Runs a contract test once against Elasticsearch and once against the database fallback."""
    if request.param == "es":
        request.getfixturevalue("search_index")
    else:
        request.getfixturevalue("catalogue")
    return request.param
