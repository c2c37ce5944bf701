"""The foundation runs on real services: PostgreSQL, Elasticsearch with Polish analysis, stripe-mock."""

import uuid

import pytest
from django.db import connection
from elasticsearch.dsl import Document, Text

from events.stripe_client import stripe_client
from search.analysis import polish
from search.client import get_client, index_name


@pytest.mark.django_db
def test_tests_run_on_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        assert cursor.fetchone()[0]


@pytest.mark.elasticsearch
def test_elasticsearch_round_trip_finds_polish_word_by_its_lemma(elasticsearch_url):
    client = get_client()
    name = index_name(f"roundtrip_{uuid.uuid4().hex[:8]}")

    class Note(Document):
        body = Text(analyzer=polish)

        class Index:
            pass

    Note._index._name = name
    Note.init(using=client)
    try:
        Note(meta={"id": "1"}, body="Oferujemy sprzątania biur i smaczne posiłki").save(
            using=client, refresh=True
        )
        Note(meta={"id": "2"}, body="Druk ulotek i plakatów").save(using=client, refresh=True)

        # "sprzątanie" (nominative) must find "sprzątania" (genitive) through the lemma.
        hits = Note.search(using=client).query("match", body="sprzątanie").execute()
        assert [hit.meta.id for hit in hits] == ["1"]
        hits = Note.search(using=client).query("match", body="posiłek").execute()
        assert [hit.meta.id for hit in hits] == ["1"]

        Note.get(id="1", using=client).delete(using=client, refresh=True)
        assert Note.search(using=client).query("match", body="sprzątanie").count() == 0
    finally:
        client.indices.delete(index=name, ignore_unavailable=True)


@pytest.mark.stripe
def test_checkout_session_is_created_through_stripe_library(stripe_api_base):
    client = stripe_client()
    session = client.v1.checkout.sessions.create(
        {
            "mode": "payment",
            "success_url": "https://example.org/ok",
            "cancel_url": "https://example.org/cancel",
            "client_reference_id": "application-1",
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": "pln",
                        "unit_amount": 24600,
                        "product_data": {"name": "Stoisko PES 2×2 m"},
                    },
                }
            ],
        },
        {"idempotency_key": f"checkout-test-{uuid.uuid4()}"},
    )
    assert session.id.startswith("cs_")
    assert session.object == "checkout.session"
