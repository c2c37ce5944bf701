"""No overselling under concurrency, proven on real PostgreSQL with threads on their own connections."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from events import services
from events.models import ApplicationStatus, ExhibitorApplication, StandHold, StandType

pytestmark = pytest.mark.django_db(transaction=True)


def _approved_applications(make_application, stand, count):
    return [make_application(approved=True, stand=stand).pk for _ in range(count)]


@pytest.mark.stripe
def test_fifty_applicants_pressing_pay_at_once_for_the_last_five_stands_get_exactly_five_checkouts(
    stripe_api_base, fair, make_application
):
    """Fifty approved applicants press "Pay" (the real view, start_checkout and stripe-mock) at once."""
    from django.test import Client

    from events.models import Payment, PaymentStatus

    assert connection.vendor == "postgresql"
    stand = StandType.objects.create(fair=fair, name="Stoisko 3×3 m", capacity=8, price_net=45000)
    # Three places are already taken for good: five remain.
    for pk in _approved_applications(make_application, stand, 3):
        ExhibitorApplication.objects.filter(pk=pk).update(status=ApplicationStatus.CONFIRMED)
    # An expired hold does not count against capacity.
    StandHold.objects.create(
        stand_type=stand,
        application_id=ExhibitorApplication.objects.first().pk,
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    contenders = list(
        ExhibitorApplication.objects.filter(
            pk__in=_approved_applications(make_application, stand, 50)
        ).values_list("access_token", flat=True)
    )
    assert services.available_places(stand) == 5

    barrier = threading.Barrier(len(contenders))
    outcomes: list[str] = []
    lock = threading.Lock()

    def press_pay(token):
        try:
            barrier.wait()
            response = Client().post(f"/targi/zgloszenie/{token}/zaplac/")
            location = response.headers.get("Location", "")
            if response.status_code == 303 and location.startswith("http"):
                result = "checkout"
            elif response.status_code == 302 and location.endswith(f"/zgloszenie/{token}/"):
                result = "back to the application"
            else:
                result = f"{response.status_code} {location}"
        except Exception as error:  # noqa: BLE001 - any other outcome fails the test below
            result = repr(error)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=press_pay, args=(token,)) for token in contenders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sorted(set(outcomes)) == ["back to the application", "checkout"], outcomes
    assert outcomes.count("checkout") == 5
    active_holds = StandHold.objects.filter(
        stand_type=stand, released_at__isnull=True, expires_at__gt=timezone.now()
    )
    assert active_holds.count() == 5
    assert Payment.objects.filter(hold__in=active_holds, status=PaymentStatus.OPEN).count() == 5
    assert (
        ExhibitorApplication.objects.filter(stand_type=stand, status=ApplicationStatus.WAITLISTED).count()
        == 45
    )
    assert services.available_places(stand) == 0


@pytest.mark.stripe
def test_webhook_answers_503_when_its_row_is_locked_so_stripe_retries(
    stripe_api_base, make_application, checkout_urls, client, monkeypatch
):
    from django.db import transaction

    from events import stripe_webhooks
    from events.models import Payment, PaymentStatus, StripeEvent

    from .conftest import session_object, sign, stripe_event

    monkeypatch.setattr(stripe_webhooks, "LOCK_TIMEOUT", "200ms")
    payment = services.start_checkout(make_application(approved=True), **checkout_urls)
    locked, release = threading.Event(), threading.Event()

    def hold_the_stand_type_lock():
        with transaction.atomic():
            StandType.objects.select_for_update().get(pk=payment.application.stand_type_id)
            locked.set()
            release.wait(timeout=30)
        connections.close_all()

    holder = threading.Thread(target=hold_the_stand_type_lock)
    holder.start()
    locked.wait(timeout=10)
    body = stripe_event("checkout.session.completed", session_object(payment), "evt_retry_me")
    try:
        busy = client.post(
            "/webhooks/stripe/", body, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(body)
        )
    finally:
        release.set()
        holder.join()
    assert busy.status_code == 503
    assert not StripeEvent.objects.filter(event_id="evt_retry_me").exists()

    retried = client.post(
        "/webhooks/stripe/", body, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(body)
    )
    assert retried.status_code == 200
    assert Payment.objects.get(pk=payment.pk).status == PaymentStatus.PAID


def _run_concurrently(target, args_list):
    barrier = threading.Barrier(len(args_list))
    results, lock = [], threading.Lock()

    def run(*args):
        try:
            barrier.wait()
            outcome = target(*args)
        except Exception as error:  # noqa: BLE001 - collected and asserted by the caller
            outcome = error
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=run, args=args) for args in args_list]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.mark.stripe
def test_the_same_webhook_delivered_ten_times_at_once_confirms_and_invoices_once(
    stripe_api_base, make_application, checkout_urls
):
    from django.test import Client

    from events.models import Invoice, Payment, PaymentStatus, Refund, StripeEvent

    from .conftest import session_object, sign, stripe_event

    payment = services.start_checkout(make_application(approved=True), **checkout_urls)
    completed = stripe_event("checkout.session.completed", session_object(payment), "evt_storm")
    succeeded = stripe_event("checkout.session.async_payment_succeeded", session_object(payment))

    def deliver(body):
        return (
            Client()
            .post(
                "/webhooks/stripe/", body, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(body)
            )
            .status_code
        )

    statuses = _run_concurrently(deliver, [(completed,)] * 9 + [(succeeded,)])
    assert statuses == [200] * 10
    assert StripeEvent.objects.filter(event_id="evt_storm").count() == 1
    assert Payment.objects.get(pk=payment.pk).status == PaymentStatus.PAID
    assert Invoice.objects.filter(payment=payment).count() == 1
    assert not Refund.objects.exists()


def test_invoices_issued_concurrently_are_numbered_without_gaps_or_duplicates(fair, make_application):
    """Ten payments for ten different stand types: nothing but the invoice-number lock orders the issuers."""
    from events.invoices import issue_invoice
    from events.models import Invoice, InvoiceSequence

    payments = []
    for number in range(10):
        hall = StandType.objects.create(fair=fair, name=f"Hala {number}", capacity=2, price_net=10000)
        application = make_application(approved=True, stand=hall)
        services.choose_bank_transfer(application)
        payments.append(services.mark_transfer_paid(application).pk)
    # Issued after each commit already; start numbering again to race ten issuers at once.
    Invoice.objects.all().delete()
    InvoiceSequence.objects.all().delete()
    InvoiceSequence.objects.create(
        series=Invoice.SERIES[Invoice.Kind.INVOICE], year=timezone.localtime().year
    )
    results = _run_concurrently(issue_invoice, [(pk,) for pk in payments])
    assert all(isinstance(r, Invoice) for r in results), results
    assert sorted(Invoice.objects.values_list("sequence", flat=True)) == list(range(1, 11))


def test_concurrent_sign_ups_in_polish_and_english_share_the_places_of_one_session():
    """Visitors race through both language versions of the demo fair page for the last three places."""
    from django.core.management import call_command
    from django.test import Client

    from events.models import SessionRegistration
    from events.pages import EventPage

    call_command("load_demo", stdout=None)
    polish = EventPage.objects.get(locale__language_code="pl")
    english = EventPage.objects.get(locale__language_code="en")
    workshop = polish.sessions.get(requires_signup=True)
    workshop.capacity = 3
    workshop.save(update_fields=["capacity"])
    urls = [f"{page.url}zapisy/{workshop.pk}/" for page in (polish, english)]

    contenders = 12
    barrier = threading.Barrier(contenders)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(number):
        try:
            barrier.wait()
            response = Client().post(
                urls[number % 2],
                {
                    "name": f"Visitor {number}",
                    "email": f"visitor{number}@example.pl",
                    "consent_privacy": "on",
                },
            )
            result = str(response.status_code)
        except Exception as error:  # noqa: BLE001 - any other outcome fails the test below
            result = repr(error)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(number,)) for number in range(contenders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert outcomes == ["200"] * contenders
    registrations = SessionRegistration.objects.all()
    assert {registration.session_id for registration in registrations} == {workshop.pk}
    assert registrations.count() == contenders
    assert registrations.filter(waitlisted=False).count() == 3
    assert services.session_places_left(workshop) == 0


class SlowKsef:
    """Stands in for the KSeF transport (no network here); slow enough for two workers to overlap."""

    sent: list[bytes] = []

    def send(self, xml: bytes, *, seller_nip: str):
        import time

        from events import ksef

        time.sleep(0.5)
        SlowKsef.sent.append(xml)
        return ksef.KsefReceipt(
            ksef_number=f"{seller_nip}-20261130-0100A0B1C2D3-E4", reference="r-1", upo="<UPO/>"
        )


def test_two_workers_sending_one_invoice_at_once_send_it_to_ksef_once(fair, make_application, settings):
    """The resend button and the queued retry can run together; only one of them may send."""
    from events import ksef
    from events.invoices import issue_invoice
    from events.models import KsefStatus

    application = make_application(approved=True)
    services.choose_bank_transfer(application)
    invoice = issue_invoice(services.mark_transfer_paid(application).pk)
    settings.KSEF_TOKEN = "token"
    settings.KSEF_TRANSPORT = f"{__name__}.SlowKsef"
    SlowKsef.sent = []

    results = _run_concurrently(ksef.send_invoice, [(invoice.pk,), (invoice.pk,)])

    assert all(not isinstance(result, Exception) for result in results), results
    assert len(SlowKsef.sent) == 1
    invoice.refresh_from_db()
    assert invoice.ksef_status == KsefStatus.ACCEPTED and invoice.ksef_attempts == 1
