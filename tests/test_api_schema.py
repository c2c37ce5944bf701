"""schemathesis against the public API's own OpenAPI schema: no 5xx, and every response matches the schema.

Filter values are checked against the live taxonomy (categories, towns) by the one FilterSet, which a
static schema cannot enumerate; such a value gets a documented 400 with a message per field. Empty values
(`?subregion=`, as an HTML form sends them) are deliberately read as "no filter". So the two checks about
which inputs must be accepted or refused are left out; every check about the answers themselves runs:
no server error, documented status codes, content types, headers and response bodies that match the schema.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection, positive_data_acceptance

from catalog.tests.factories import OfferFactory
from search.indexing import delete_indices, rebuild_index

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


EXAMPLES_PER_OPERATION = 150  # stated in the README


@pytest.fixture
def catalogue(transactional_db, elasticsearch_url, fallback_guard):
    """A few published offers in a built Elasticsearch index, so the generated queries fuzz Elasticsearch
    (not only the database fallback) and exercise non-empty results and facets. A fallback during the
    run fails the test (`fallback_guard`): it would mean Elasticsearch went untested."""
    offers = OfferFactory.create_batch(3)
    delete_indices()
    rebuild_index("offer")
    rebuild_index("organisation")
    yield offers
    delete_indices()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
# Transactional: the real WSGI handler closes the connection after each request, as in production.
@pytest.mark.django_db(transaction=True)
def test_public_api_never_errors_and_always_matches_its_schema(case, catalogue):
    case.call_and_validate(excluded_checks=[positive_data_acceptance, negative_data_rejection])
