"""A webhook storm: 1,000 correctly signed Stripe events, duplicated and shuffled, end in the right states.

Stripe delivers at least once and in no particular order. Every payment here has a known fate; the
storm replays its events many times in random order, and each payment must end exactly where its
fate says, with one fulfilment (one invoice) per paid payment and every event recorded once.
"""

import random

import pytest

from events import services
from events.models import ApplicationStatus, Invoice, PaymentStatus, StripeEvent
from events.tests.conftest import application_data, make_fair, session_object, sign, stripe_event

STORM_SIZE = 1000


@pytest.fixture
def payments(stripe_api_base, django_capture_on_commit_callbacks):
    fair, stand = make_fair(capacity=200)
    created = []
    for _ in range(60):
        application = services.apply_for_stand(
            fair=fair, stand_type=stand, addons=[], data=application_data(), organisation=None, user=None
        )
        created.append(
            services.start_checkout(
                application, success_url="http://testserver/ok", cancel_url="http://testserver/cancel"
            )
        )
    return created


def _events_for(fate: str, payment) -> list[str]:
    paid = session_object(payment)
    pending = session_object(payment, payment_status="unpaid")
    expired = session_object(payment, payment_status="unpaid", status="expired")
    return {
        "card": [stripe_event("checkout.session.completed", paid)],
        "blik_ok": [
            stripe_event("checkout.session.completed", pending),
            stripe_event("checkout.session.async_payment_succeeded", paid),
        ],
        "p24_failed": [
            stripe_event("checkout.session.completed", pending),
            stripe_event("checkout.session.async_payment_failed", pending),
        ],
        "abandoned": [stripe_event("checkout.session.expired", expired)],
    }[fate]


@pytest.mark.django_db
def test_a_storm_of_duplicated_shuffled_events_ends_in_the_right_states_without_double_fulfilment(
    client, payments, django_capture_on_commit_callbacks
):
    rng = random.Random(20261127)
    fates = {
        payment.pk: ["card", "blik_ok", "p24_failed", "abandoned"][i % 4]
        for i, payment in enumerate(payments)
    }
    unique_events = [body for payment in payments for body in _events_for(fates[payment.pk], payment)]
    storm = unique_events + [rng.choice(unique_events) for _ in range(STORM_SIZE - len(unique_events))]
    rng.shuffle(storm)
    assert len(storm) == STORM_SIZE

    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            client.post(
                "/webhooks/stripe/",
                data=body,
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=sign(body),
            ).status_code
            for body in storm
        ]

    assert set(statuses) == {200}
    assert StripeEvent.objects.count() == len(unique_events)
    expected = {
        "card": (PaymentStatus.PAID, ApplicationStatus.CONFIRMED),
        "blik_ok": (PaymentStatus.PAID, ApplicationStatus.CONFIRMED),
        "p24_failed": (PaymentStatus.FAILED, ApplicationStatus.APPROVED),
        "abandoned": (PaymentStatus.EXPIRED, ApplicationStatus.APPROVED),
    }
    for payment in payments:
        payment.refresh_from_db()
        payment.application.refresh_from_db()
        fate = fates[payment.pk]
        assert (payment.status, payment.application.status) == expected[fate], (fate, payment.pk)
        invoices = Invoice.objects.filter(payment=payment, kind=Invoice.Kind.INVOICE).count()
        assert invoices == (1 if expected[fate][0] == PaymentStatus.PAID else 0), (fate, payment.pk)
        if expected[fate][0] != PaymentStatus.PAID:
            assert not payment.hold.is_active()
