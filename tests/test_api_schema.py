"""schemathesis against the public API's own OpenAPI schema, every check on: no 5xx, documented status
codes, content types, headers and bodies that match the schema, schema-valid requests accepted and
schema-invalid ones refused.

The schema says exactly what the one FilterSet accepts (search/api_schema.py): choices and the live
categories as enums or patterns, a blank value as "no filter", numbers as the form reads them. Four rules
join two parameters (price order, near or town, distance sort needs a point, the paging window) and
cannot be said per parameter in OpenAPI 3: the operations' descriptions state them, and a schema-valid
request that breaks one may get its 400 when the answer names only such a rule, word for word.
"""

import re
from urllib.parse import unquote_plus

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import Client
from django.utils import translation
from hypothesis import HealthCheck, settings
from ninja import NinjaAPI
from schemathesis.checks import positive_data_acceptance

from catalog.models import Category
from catalog.tests.factories import OfferFactory
from config.api import api
from search.api_schema import describe_catalogue_parameters
from search.filters import InvalidSearchParams, parse_search_params
from search.indexing import delete_indices, rebuild_index

CATEGORIES = ("catering", "sprzatanie", "rekodzielo")
# The served schema lists the live categories, read from the database; tests are collected before the
# test database exists, so the fuzzed schema is the served one for the categories the fixture creates
# (test_the_served_schema_is_the_fuzzed_one proves they are the same).
schema = schemathesis.openapi.from_dict(
    describe_catalogue_parameters(NinjaAPI.get_openapi_schema(api), categories=CATEGORIES)
)
schema.app = get_wsgi_application()

EXAMPLES_PER_OPERATION = 150  # stated in the README
BREAKING_A_JOINT_RULE = (
    {"price_min": "2", "price_max": "1"},
    {"near": "54.35,18.65", "town": "Gdańsk"},
    {"sort": "distance"},
    {"page": "1000", "per_page": "2"},
)


def joint_rule_messages() -> dict[str, list[str]]:
    """The FilterSet's own answers to the four joint rules, in Polish as the API gives them."""
    messages = {}
    with translation.override("pl"):
        for params in BREAKING_A_JOINT_RULE:
            with pytest.raises(InvalidSearchParams) as refused:
                parse_search_params(params)
            messages.update(refused.value.errors)
    assert len(messages) == 4
    return messages


JOINT_RULES: dict[str, list[str]] = {}


def accepts_valid_data(ctx, response, case):
    """positive_data_acceptance, except for a 400 that names only joint rules, each with its own message."""
    if response.status_code == 400:
        errors = response.json().get("errors", {})
        if errors and all(JOINT_RULES.get(name) == messages for name, messages in errors.items()):
            return None
    return positive_data_acceptance(ctx, response, case)


@pytest.fixture
def catalogue(transactional_db, elasticsearch_url, fallback_guard):
    """A few published offers in a built Elasticsearch index, so the generated queries fuzz Elasticsearch
    (not only the database fallback) and exercise non-empty results and facets. A fallback during the
    run fails the test (`fallback_guard`): it would mean Elasticsearch went untested."""
    offers = [
        OfferFactory(category=Category.objects.create(slug=slug, name_pl=slug, name_en=slug))
        for slug in CATEGORIES
    ]
    JOINT_RULES.update(joint_rule_messages())
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
    case.call_and_validate(excluded_checks=[positive_data_acceptance], additional_checks=[accepts_valid_data])


def test_the_served_schema_is_the_fuzzed_one_and_documents_the_joint_rules(db):
    for slug in CATEGORIES:
        Category.objects.create(slug=slug, name_pl=slug, name_en=slug)
    served = Client().get("/api/v1/openapi.json").json()
    assert served == schema.raw_schema
    offers = served["paths"]["/api/v1/offers/"]["get"]
    parameters = {p["name"]: p["schema"] for p in offers["parameters"]}
    assert parameters["category"]["items"]["pattern"] == r"^(?:\s*|catering|rekodzielo|sprzatanie)$"
    assert "sort=distance needs near or town" in offers["description"]


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("price_min=+&radius_km=%0A", 200),  # blank numbers are no filter, as blank choices always were
        ("kind=+", 200),
        ("page=1.5", 400),  # a page is a whole number (it used to be read as page 1)
        ("page=2.0", 200),
        ("kind=+product", 400),  # a choice is exact: only a blank one is no filter
    ],
)
def test_the_api_answers_as_its_schema_says(client, db, query, status):
    response = client.get(f"/api/v1/offers/?{query}")
    assert response.status_code == status, response.content
    pattern = re.compile(
        next(
            p["schema"]["pattern"]
            for p in schema.raw_schema["paths"]["/api/v1/offers/"]["get"]["parameters"]
            if p["name"] == query.split("=")[0]
        )
    )
    value = unquote_plus(query.split("=")[1].split("&")[0])
    assert bool(pattern.match(value)) == (status == 200)
