"""Stripe Checkout against stripe-mock, and signed webhooks built in the tests."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from wagtail.models import ModelLogEntry

from events import services
from events.models import (
    ApplicationStatus,
    Invoice,
    Payment,
    PaymentStatus,
    Refund,
    StandHold,
    StandType,
    StripeEvent,
    WaitlistEntry,
)

from .conftest import session_object, stripe_event

pytestmark = [pytest.mark.django_db, pytest.mark.stripe]


@pytest.fixture
def open_payment(stripe_api_base, make_application, checkout_urls):
    application = make_application(approved=True)
    return services.start_checkout(application, **checkout_urls)


def test_checkout_session_is_created_in_pln_with_a_hold_that_expires_with_it(open_payment):
    assert open_payment.status == PaymentStatus.OPEN
    assert open_payment.stripe_session_id.startswith("cs_")
    assert open_payment.checkout_url.startswith("https://")
    assert open_payment.amount == 24600
    hold = open_payment.hold
    assert hold.is_active()
    assert (
        timedelta(minutes=30) < hold.expires_at - timezone.now() <= timedelta(minutes=services.HOLD_MINUTES)
    )


def test_double_click_on_pay_returns_the_same_session(open_payment, checkout_urls):
    again = services.start_checkout(open_payment.application, **checkout_urls)
    assert again.pk == open_payment.pk
    assert Payment.objects.filter(application=open_payment.application).count() == 1
    assert (
        StandHold.objects.filter(application=open_payment.application, released_at__isnull=True).count() == 1
    )


def test_unapproved_application_cannot_start_checkout(stripe_api_base, make_application, checkout_urls):
    with pytest.raises(services.FairError, match="approved"):
        services.start_checkout(make_application(), **checkout_urls)


def test_stripe_unreachable_gives_try_again_and_keeps_no_hold(make_application, checkout_urls):
    application = make_application(approved=True)
    with (
        override_settings(STRIPE_API_BASE="http://127.0.0.1:9"),
        pytest.raises(services.PaymentUnavailable) as error,
    ):
        services.start_checkout(application, **checkout_urls)
    assert "try again" in error.value.message
    failed = Payment.objects.get(application=application)
    assert failed.status == PaymentStatus.FAILED
    assert not StandHold.objects.filter(application=application, released_at__isnull=True).exists()


def test_retry_after_stripe_outage_opens_one_new_session(stripe_api_base, make_application, checkout_urls):
    application = make_application(approved=True)
    with override_settings(STRIPE_API_BASE="http://127.0.0.1:9"), pytest.raises(services.PaymentUnavailable):
        services.start_checkout(application, **checkout_urls)
    payment = services.start_checkout(application, **checkout_urls)
    assert payment.status == PaymentStatus.OPEN
    assert Payment.objects.filter(application=application, stripe_session_id__isnull=False).count() == 1


def test_without_stripe_key_only_bank_transfer_is_offered(make_application, checkout_urls, client):
    application = make_application(approved=True)
    with override_settings(STRIPE_SECRET_KEY=""):
        with pytest.raises(services.PaymentUnavailable, match="bank transfer"):
            services.start_checkout(application, **checkout_urls)
        page = client.get(application.get_absolute_url()).content.decode()
    assert 'data-testid="pay-transfer"' in page
    assert 'data-testid="pay-online"' not in page


def test_last_stand_cannot_be_sold_twice(stripe_api_base, fair, make_application, checkout_urls):
    last = StandType.objects.create(fair=fair, name="Namiot", capacity=1, price_net=10000)
    first = make_application(approved=True, stand=last)
    second = make_application(approved=True, stand=last)
    services.start_checkout(first, **checkout_urls)
    with pytest.raises(services.SoldOut, match="waiting list"):
        services.start_checkout(second, **checkout_urls)
    second.refresh_from_db()
    assert second.status == ApplicationStatus.WAITLISTED
    assert not Payment.objects.filter(application=second).exists()


def test_expired_hold_frees_the_stand_for_the_waiting_list(
    stripe_api_base, fair, make_application, checkout_urls, django_capture_on_commit_callbacks
):
    last = StandType.objects.create(fair=fair, name="Namiot", capacity=1, price_net=10000)
    first = make_application(approved=True, stand=last)
    second = make_application(approved=True, stand=last)
    payment = services.start_checkout(first, **checkout_urls)
    with pytest.raises(services.SoldOut):
        services.start_checkout(second, **checkout_urls)
    StandHold.objects.filter(pk=payment.hold_id).update(expires_at=timezone.now() - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        services.expire_holds()
    second.refresh_from_db()
    assert second.status == ApplicationStatus.APPROVED
    assert "place is free" in mail.outbox[-1].subject
    assert services.start_checkout(second, **checkout_urls).status == PaymentStatus.OPEN


def test_completed_and_paid_session_confirms_the_application_once(
    open_payment, post_event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_event("checkout.session.completed", session_object(open_payment))
    assert response.status_code == 200
    open_payment.refresh_from_db()
    application = open_payment.application
    application.refresh_from_db()
    assert open_payment.status == PaymentStatus.PAID
    assert application.status == ApplicationStatus.CONFIRMED
    assert not StandHold.objects.filter(application=application, released_at__isnull=True).exists()
    assert Invoice.objects.filter(payment=open_payment).count() == 1
    assert any("confirmed" in m.subject for m in mail.outbox)
    assert ModelLogEntry.objects.filter(action="events.payment.paid", object_id=str(application.pk)).exists()


def test_duplicate_event_answers_200_and_does_nothing(
    open_payment, post_event, django_capture_on_commit_callbacks
):
    obj = session_object(open_payment)
    with django_capture_on_commit_callbacks(execute=True):
        assert post_event("checkout.session.completed", obj, event_id="evt_same").status_code == 200
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_event("checkout.session.completed", obj, event_id="evt_same")
    assert response.status_code == 200
    assert StripeEvent.objects.filter(event_id="evt_same").count() == 1
    assert len(mail.outbox) == sent
    assert Invoice.objects.filter(payment=open_payment).count() == 1


def test_the_same_payment_reported_by_two_events_is_fulfilled_once(
    open_payment, post_event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_event("checkout.session.completed", session_object(open_payment))
        post_event("checkout.session.async_payment_succeeded", session_object(open_payment))
    assert Invoice.objects.filter(payment=open_payment).count() == 1
    assert not Refund.objects.exists()


def test_forged_signature_is_refused(open_payment, post_event):
    response = post_event("checkout.session.completed", session_object(open_payment), secret="whsec_forged")
    assert response.status_code == 400
    open_payment.refresh_from_db()
    assert open_payment.status == PaymentStatus.OPEN
    assert not StripeEvent.objects.exists()


def test_stale_signature_is_refused(open_payment, post_event):
    stale = int((timezone.now() - timedelta(minutes=10)).timestamp())
    response = post_event("checkout.session.completed", session_object(open_payment), timestamp=stale)
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_garbage_body_with_a_valid_signature_is_refused(post_event):
    assert post_event("x", {}, body="not json").status_code == 400


def test_completed_but_unpaid_session_waits_for_the_bank(
    open_payment, post_event, django_capture_on_commit_callbacks
):
    post_event("checkout.session.completed", session_object(open_payment, payment_status="unpaid"))
    open_payment.refresh_from_db()
    assert open_payment.status == PaymentStatus.PROCESSING
    assert open_payment.application.status == ApplicationStatus.APPROVED
    with django_capture_on_commit_callbacks(execute=True):
        post_event("checkout.session.async_payment_succeeded", session_object(open_payment))
    open_payment.refresh_from_db()
    open_payment.application.refresh_from_db()
    assert open_payment.status == PaymentStatus.PAID
    assert open_payment.application.status == ApplicationStatus.CONFIRMED


def test_async_failure_releases_the_hold(open_payment, post_event, django_capture_on_commit_callbacks):
    post_event("checkout.session.completed", session_object(open_payment, payment_status="unpaid"))
    with django_capture_on_commit_callbacks(execute=True):
        post_event(
            "checkout.session.async_payment_failed", session_object(open_payment, payment_status="unpaid")
        )
    open_payment.refresh_from_db()
    assert open_payment.status == PaymentStatus.FAILED
    assert not open_payment.hold.is_active()
    assert "did not go through" in mail.outbox[-1].subject


def test_expired_session_releases_the_hold(open_payment, post_event):
    post_event(
        "checkout.session.expired", session_object(open_payment, payment_status="unpaid", status="expired")
    )
    open_payment.refresh_from_db()
    assert open_payment.status == PaymentStatus.EXPIRED
    assert services.available_places(open_payment.application.stand_type) == 5


def test_late_expired_event_after_payment_changes_nothing(open_payment, post_event):
    post_event("checkout.session.completed", session_object(open_payment))
    post_event(
        "checkout.session.expired", session_object(open_payment, payment_status="unpaid", status="expired")
    )
    open_payment.refresh_from_db()
    assert open_payment.status == PaymentStatus.PAID
    assert open_payment.application.status == ApplicationStatus.CONFIRMED


def test_late_unpaid_completed_event_does_not_downgrade_a_paid_payment(open_payment, post_event):
    post_event("checkout.session.async_payment_succeeded", session_object(open_payment))
    post_event("checkout.session.completed", session_object(open_payment, payment_status="unpaid"))
    open_payment.refresh_from_db()
    assert open_payment.status == PaymentStatus.PAID


def test_payment_after_expiry_is_confirmed_when_a_place_is_left(open_payment, post_event):
    post_event(
        "checkout.session.expired", session_object(open_payment, payment_status="unpaid", status="expired")
    )
    post_event("checkout.session.completed", session_object(open_payment))
    open_payment.refresh_from_db()
    assert open_payment.status == PaymentStatus.PAID
    assert open_payment.application.status == ApplicationStatus.CONFIRMED


def test_payment_after_the_stand_is_gone_is_refunded_and_waitlisted_never_lost(
    stripe_api_base, fair, make_application, checkout_urls, post_event, django_capture_on_commit_callbacks
):
    last = StandType.objects.create(fair=fair, name="Namiot", capacity=1, price_net=10000)
    late = make_application(approved=True, stand=last)
    late_payment = services.start_checkout(late, **checkout_urls)
    StandHold.objects.filter(pk=late_payment.hold_id).update(expires_at=timezone.now() - timedelta(seconds=1))
    punctual = make_application(approved=True, stand=last)
    on_time = services.start_checkout(punctual, **checkout_urls)
    post_event("checkout.session.completed", session_object(on_time, intent="pi_on_time"))

    with django_capture_on_commit_callbacks(execute=True):
        response = post_event("checkout.session.completed", session_object(late_payment, intent="pi_late"))
    assert response.status_code == 200
    late.refresh_from_db()
    late_payment.refresh_from_db()
    assert late.status == ApplicationStatus.WAITLISTED
    assert WaitlistEntry.objects.filter(application=late).exists()
    refund = Refund.objects.get(payment=late_payment)
    assert refund.reason == Refund.Reason.SOLD_OUT
    assert refund.status == Refund.Status.SUCCEEDED  # sent to stripe-mock after commit
    assert refund.amount == late_payment.amount
    assert late_payment.status == PaymentStatus.REFUNDED
    assert ExhibitorApplicationConfirmedCount(last) == 1


def ExhibitorApplicationConfirmedCount(stand):  # noqa: N802 - reads as a sentence in the assertion
    return stand.applications.filter(status=ApplicationStatus.CONFIRMED).count()


def test_paying_twice_through_two_sessions_refunds_the_second(
    open_payment, checkout_urls, post_event, django_capture_on_commit_callbacks
):
    second = Payment.objects.create(
        application=open_payment.application,
        method="stripe",
        amount=open_payment.amount,
        stripe_session_id="cs_test_second",
    )
    post_event("checkout.session.completed", session_object(open_payment, intent="pi_one"))
    with django_capture_on_commit_callbacks(execute=True):
        post_event("checkout.session.completed", session_object(second, intent="pi_two"))
    second.refresh_from_db()
    assert second.status == PaymentStatus.REFUNDED
    assert Refund.objects.get(payment=second).reason == Refund.Reason.DUPLICATE


def test_unknown_session_is_acknowledged(post_event):
    obj = {"id": "cs_test_unknown", "payment_status": "paid", "status": "complete", "metadata": {}}
    assert post_event("checkout.session.completed", obj).status_code == 200


def test_replayed_success_url_confirms_nothing_twice(
    open_payment, client, post_event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_event("checkout.session.completed", session_object(open_payment))
    url = f"/en/targi/zgloszenie/{open_payment.application.access_token}/platnosc/sukces/?session_id={open_payment.stripe_session_id}"
    for _ in range(2):
        response = client.get(url, follow=True)
        assert response.status_code == 200
        assert 'data-testid="payment-status">paid<' in response.content.decode()
    assert Invoice.objects.filter(payment=open_payment).count() == 1


def test_success_url_with_a_foreign_session_is_refused(open_payment, client):
    url = f"/targi/zgloszenie/{open_payment.application.access_token}/platnosc/sukces/?session_id=cs_test_someone_else"
    response = client.get(url)
    assert response.status_code == 302
    open_payment.refresh_from_db()
    assert open_payment.status == PaymentStatus.OPEN


def test_success_page_before_the_webhook_asks_stripe_and_waits_for_the_bank(open_payment, client):
    # stripe-mock answers every session as unpaid: the page must not confirm on the URL alone.
    url = f"/targi/zgloszenie/{open_payment.application.access_token}/platnosc/sukces/?session_id={open_payment.stripe_session_id}"
    client.get(url)
    open_payment.refresh_from_db()
    assert open_payment.status == PaymentStatus.OPEN


def test_staff_partial_refund_goes_through_stripe_and_issues_a_correction(
    open_payment, post_event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_event("checkout.session.completed", session_object(open_payment, intent="pi_refund_me"))
    open_payment.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        refund = services.refund_payment(open_payment, 10000, note="stoisko mniejsze")
    refund.refresh_from_db()
    open_payment.refresh_from_db()
    assert refund.status == Refund.Status.SUCCEEDED
    assert refund.stripe_refund_id.startswith("re_")
    assert open_payment.status == PaymentStatus.PARTIALLY_REFUNDED
    assert open_payment.refunded_amount == 10000
    correction = Invoice.objects.get(refund=refund)
    assert correction.kind == Invoice.Kind.CORRECTION
    assert correction.total_gross == -10000
    assert correction.total_net + correction.total_vat == -10000
    with pytest.raises(services.FairError):
        services.refund_payment(open_payment, open_payment.amount)  # more than what is left


def test_charge_refunded_in_the_dashboard_is_recorded(open_payment, post_event):
    post_event("checkout.session.completed", session_object(open_payment, intent="pi_dashboard"))
    charge = {
        "id": "ch_1",
        "object": "charge",
        "payment_intent": "pi_dashboard",
        "amount_refunded": 24600,
        "refunds": {"data": [{"id": "re_dashboard"}]},
    }
    assert post_event("charge.refunded", charge).status_code == 200
    post_event("charge.refunded", charge)  # a second notice of the same refund adds nothing
    open_payment.refresh_from_db()
    assert open_payment.status == PaymentStatus.REFUNDED
    assert Refund.objects.filter(payment=open_payment, reason=Refund.Reason.EXTERNAL).count() == 1


def test_expire_holds_releases_overdue_holds_and_expires_their_payments(open_payment):
    StandHold.objects.filter(pk=open_payment.hold_id).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert services.expire_holds() == 1
    open_payment.refresh_from_db()
    assert open_payment.status == PaymentStatus.EXPIRED


def test_event_json_is_built_like_stripes():
    body = stripe_event("checkout.session.completed", {"id": "cs_1"})
    assert '"type": "checkout.session.completed"' in body


def test_double_click_on_the_pay_button_redirects_both_clicks_to_one_checkout(
    stripe_api_base, client, make_application
):
    application = make_application(approved=True)
    url = f"/targi/zgloszenie/{application.access_token}/zaplac/"
    first, second = client.post(url), client.post(url)
    assert first.status_code == second.status_code == 303
    assert first["Location"] == second["Location"]
    assert first["Location"].startswith("https://checkout.stripe.com/")
    assert Payment.objects.filter(application=application).count() == 1


def test_pay_button_when_stripe_is_down_shows_try_again(client, make_application):
    application = make_application(approved=True)
    with override_settings(STRIPE_API_BASE="http://127.0.0.1:9"):
        response = client.post(f"/targi/zgloszenie/{application.access_token}/zaplac/", follow=True)
    assert response.status_code == 200
    assert not StandHold.objects.filter(application=application, released_at__isnull=True).exists()
