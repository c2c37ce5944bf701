"""Faults of the real services, survived: a frozen Elasticsearch and a frozen stripe-mock.

Each test freezes the real process with SIGSTOP (socket open, no answers) and always thaws it.
"""

import pytest
from django.core.management import call_command
from django.test import override_settings

from catalog.models import Offer
from events import services as fair_services
from events.models import PaymentStatus, StandHold
from search.breaker import elasticsearch_breaker
from search.indexing import delete_indices, rebuild_index
from search.models import PendingIndexUpdate
from search.tests.catalogue import load_test_catalogue

from .processes import frozen


@pytest.fixture
def indexed_catalogue(transactional_db, elasticsearch_url, fallback_guard):
    """Committed data: the index rebuild reads the database from its own worker threads."""
    elasticsearch_breaker.reset()
    load_test_catalogue()
    delete_indices()
    rebuild_index("offer")
    rebuild_index("organisation")
    PendingIndexUpdate.objects.all().delete()
    yield
    elasticsearch_breaker.reset()
    delete_indices()


def _verify_output() -> str:
    from io import StringIO

    out = StringIO()
    call_command("search_index", "verify", stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
# The drain runs in the worker in production; here it is queued and not run, so the saves do not wait on
# the frozen node. What matters is that the outbox keeps every edit until the node is back.
@override_settings(
    SEARCH_TIMEOUT_SECONDS=1, TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
)
@pytest.mark.allows_fallback
def test_frozen_elasticsearch_pages_answer_from_fallback_and_edits_reach_the_index_after(
    client, indexed_catalogue, elasticsearch_url
):
    offers = list(Offer.objects.published()[:5])
    with frozen(elasticsearch_url):
        page = client.get("/katalog/", {"q": "sprzątanie"})
        api = client.get("/api/v1/offers/", {"q": "sprzątanie"})
        organisations = client.get("/api/v1/organisations/", {"q": "fundacja"})
        for offer in offers:
            offer.title = f"{offer.title} – zmieniona podczas awarii"
            offer.save()

    assert page.status_code == 200 and page.context["result"].simplified
    assert api.status_code == 200 and organisations.status_code == 200
    assert PendingIndexUpdate.objects.filter(document="offer").count() == len(offers)

    elasticsearch_breaker.reset()
    call_command("search_index", "drain")
    assert not PendingIndexUpdate.objects.exists()
    assert "total drift: 0" in _verify_output()


@pytest.mark.django_db
@override_settings(STRIPE_TIMEOUT_SECONDS=2)
def test_frozen_stripe_gives_try_again_keeps_no_hold_and_the_retry_charges_once(stripe_api_base):
    from events.tests.conftest import application_data, make_fair

    fair, stand = make_fair(capacity=1)
    application = fair_services.apply_for_stand(
        fair=fair, stand_type=stand, addons=[], data=application_data(), organisation=None, user=None
    )
    urls = {"success_url": "http://testserver/ok", "cancel_url": "http://testserver/cancel"}

    with frozen(stripe_api_base), pytest.raises(fair_services.PaymentUnavailable) as refused:
        fair_services.start_checkout(application, **urls)

    assert (
        "try again" in str(refused.value.message).lower() or "spróbuj" in str(refused.value.message).lower()
    )
    assert not StandHold.objects.filter(stand_type=stand, released_at__isnull=True).exists()

    retried = fair_services.start_checkout(application, **urls)
    again = fair_services.start_checkout(application, **urls)  # a double-click on "Pay"

    assert retried.pk == again.pk and retried.stripe_session_id == again.stripe_session_id
    assert application.payments.filter(status=PaymentStatus.OPEN).count() == 1
    assert StandHold.objects.filter(stand_type=stand, released_at__isnull=True).count() == 1
