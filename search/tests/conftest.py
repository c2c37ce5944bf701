"""Fixtures of the search tests: a small catalogue, a fresh index per test, both backends."""

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
def search_index(elasticsearch_url, catalogue):
    """The test catalogue indexed in Elasticsearch under this run's SEARCH_INDEX_PREFIX."""
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
