"""Findings 6 and 7 for the Stripe webhook: a signed body of the wrong shape is a logged 400 (never a
500), a timestamp from the future is refused, and a paid amount other than the price confirms nothing."""

import json
import logging
import time

import pytest
from django.core import mail
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import services
from events.models import ApplicationStatus, PaymentStatus, StripeEvent

from .conftest import session_object, sign, stripe_event

pytestmark = [pytest.mark.django_db, pytest.mark.stripe]


def post_body(client, body: str, timestamp: int | None = None):
    return client.post(
        "/webhooks/stripe/",
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(body, timestamp=timestamp),
    )


def event(**overrides) -> dict:
    base = json.loads(stripe_event("checkout.session.completed", {"id": "cs_test_1", "metadata": {}}))
    base.update(overrides)
    return base


def with_object(**fields) -> dict:
    return event(data={"object": {"id": "ch_test_1", **fields}})


WRONG_SHAPES = {
    "a list": [1, 2, 3],
    "a string": "evt_1",
    "no id": {k: v for k, v in event().items() if k != "id"},
    "an id that is a number": event(id=12345),
    "an id of another shape": event(id="cs_not_an_event"),
    "an id too long": event(id="evt_" + "a" * 300),
    "no data": {k: v for k, v in event().items() if k != "data"},
    "no data.object": event(data={}),
    "data.object a list": event(data={"object": []}),
    "an object without an id": event(data={"object": {"metadata": {}}}),
    "metadata a list": with_object(metadata=["payment_id", "1"]),
    "amount_refunded a string": event(
        type="charge.refunded", data={"object": {"id": "ch_1", "amount_refunded": "x"}}
    ),
    "amount_refunded a bool": event(
        type="charge.refunded", data={"object": {"id": "ch_1", "amount_refunded": True}}
    ),
    "amount_total a float": with_object(amount_total=1e999),
    "refunds of ids that are lists": event(
        type="charge.refunded",
        data={"object": {"id": "ch_1", "payment_intent": "pi_1", "refunds": {"data": [{"id": ["x"]}]}}},
    ),
}


@pytest.mark.parametrize("name", sorted(WRONG_SHAPES))
def test_a_signed_event_of_the_wrong_shape_is_a_logged_400(name, client, caplog):
    with caplog.at_level(logging.WARNING, logger="events.stripe_webhooks"):
        response = post_body(client, json.dumps(WRONG_SHAPES[name]))
    assert response.status_code == 400
    assert "Refused a Stripe webhook" in caplog.text
    assert not StripeEvent.objects.exists()


def test_a_timestamp_beyond_the_tolerance_in_the_future_is_refused(client):
    body = stripe_event("checkout.session.completed", {"id": "cs_test_1"})
    assert post_body(client, body, timestamp=int(time.time()) + 3600).status_code == 400
    assert post_body(client, body, timestamp=int(time.time()) + 30).status_code == 200  # clock skew


def test_a_paid_amount_other_than_the_price_confirms_nothing_and_is_flagged(
    stripe_api_base, make_application, checkout_urls, post_event, django_capture_on_commit_callbacks, settings
):
    settings.STAFF_NOTIFICATION_EMAILS = ["klaster@example.pl"]
    payment = services.start_checkout(make_application(approved=True), **checkout_urls)
    underpaid = {**session_object(payment), "amount_total": 100}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert post_event("checkout.session.completed", underpaid).status_code == 200
        assert post_event("checkout.session.completed", session_object(payment)).status_code == 200
    payment.refresh_from_db()
    application = payment.application
    application.refresh_from_db()
    assert payment.status == PaymentStatus.AMOUNT_MISMATCH
    assert "100" in payment.failure_reason
    assert application.status != ApplicationStatus.CONFIRMED
    assert not application.invoices.exists()
    subjects = {tuple(message.to): message.subject for message in mail.outbox}
    assert "checked" in subjects[(application.contact_email,)]
    assert "różni się od ceny" in subjects[("klaster@example.pl",)]  # staff mail is Polish


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=8,
)
stripe_objects = st.fixed_dictionaries(
    {},
    optional={
        "id": st.sampled_from(["cs_test_1", "ch_1", ""]) | json_values,
        "metadata": st.fixed_dictionaries({}, optional={"payment_id": json_values}) | json_values,
        "amount_total": st.integers(min_value=-5, max_value=10**20) | json_values,
        "amount_refunded": st.integers(min_value=-5, max_value=10**20) | json_values,
        "payment_status": st.sampled_from(["paid", "unpaid"]) | json_values,
        "status": st.sampled_from(["complete", "expired"]) | json_values,
        "payment_intent": st.sampled_from(["pi_1", None]) | json_values,
        "refunds": st.fixed_dictionaries({"data": st.lists(json_values, max_size=2)}) | json_values,
    },
)
events_strategy = (
    st.fixed_dictionaries(
        {},
        optional={
            "id": st.from_regex(r"\Aevt_[A-Za-z0-9]{1,30}\Z") | json_values,
            "type": st.sampled_from(
                [
                    "checkout.session.completed",
                    "checkout.session.async_payment_succeeded",
                    "checkout.session.async_payment_failed",
                    "checkout.session.expired",
                    "charge.refunded",
                ]
            )
            | json_values,
            "data": st.fixed_dictionaries({"object": stripe_objects}) | json_values,
        },
    )
    | json_values
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=events_strategy)
def test_no_signed_payload_shape_gives_a_server_error(client, payload):
    response = post_body(client, json.dumps(payload))
    assert response.status_code in (200, 400), response.content
