"""What Stripe tells us about a Checkout Session: paid, processing, failed or expired; and the
money received (online or by transfer) finding its stand."""

import logging

import stripe
from django.db import transaction
from django.utils import timezone

from .. import invoices, locking
from ..models import (
    ApplicationStatus,
    ExhibitorApplication,
    Payment,
    PaymentMethod,
    PaymentStatus,
    Refund,
    StandType,
)
from ..stripe_client import stripe_client
from .capacity import available_places, confirm_place, notify_waitlist, put_on_waitlist, release_hold
from .refunds import refund_automatically
from .transitions import email_applicant, set_payment_status

logger = logging.getLogger(__name__)


def _payment_for_session(session: dict) -> Payment | None:
    payment = Payment.objects.filter(stripe_session_id=session["id"]).first()
    if payment is None:
        payment_id = (session.get("metadata") or {}).get("payment_id")
        if payment_id and str(payment_id).isdigit():
            payment = Payment.objects.filter(pk=int(payment_id), method=PaymentMethod.STRIPE).first()
    return payment


def fulfil_payment(session: dict) -> Payment | None:
    """Record a Checkout Session's payment: the one function the webhook and the success page call.

    Idempotent: a payment that already received money is returned unchanged. Fulfils only when
    payment_status == "paid"; a completed but unpaid session (BLIK/P24 pending) marks it processing.
    Money that arrives after the hold expired re-checks capacity: the stand is confirmed if a place is
    left, else the payment is refunded in full and the application waitlisted; never dropped. Money for
    an application already paid or cancelled is refunded. Locks: stand type, application, payment.
    Emails: "confirmed" (and the invoice), or "sold_out_refunded". Returns None for unknown sessions.
    """
    payment = _payment_for_session(session)
    if payment is None:
        logger.warning("Checkout session %s matches no payment", session.get("id"))
        return None
    with transaction.atomic():
        locks = locking.lock_payment(payment.pk)
        payment = locks.payment
        if payment.status in Payment.MONEY_RECEIVED_STATES:
            return payment
        if payment.stripe_session_id is None:
            payment.stripe_session_id = session["id"]
        if session.get("payment_intent"):
            payment.stripe_payment_intent = session["payment_intent"]
        if session.get("payment_status") != "paid":
            if session.get("status") == "complete" and payment.status in (
                PaymentStatus.CREATED,
                PaymentStatus.OPEN,
            ):
                set_payment_status(payment, PaymentStatus.PROCESSING, session=session["id"])
            else:
                payment.save()
            return payment
        now = timezone.now()
        hold_was_active = bool(payment.hold and payment.hold.is_active(now))
        payment.paid_at = now
        if session.get("amount_total") is not None and session["amount_total"] != payment.amount:
            logger.error(
                "Session %s paid %s, expected %s", session["id"], session["amount_total"], payment.amount
            )
        set_payment_status(payment, PaymentStatus.PAID, session=session["id"])
        settle_money_received(locks.stand_type, locks.application, payment, hold_was_active)
    return payment


def confirm_checkout_return(application: ExhibitorApplication, session_id: str) -> Payment | None:
    """The applicant is back from Checkout: ask Stripe about the session (never trust the URL) and
    fulfil it like the webhook would, so replaying the return URL is harmless. None when the session
    is not one of this application's. If Stripe cannot be asked, the webhook will confirm later."""
    payment = application.payments.filter(stripe_session_id=session_id).first() if session_id else None
    if payment is None:
        return None
    if payment.status not in Payment.MONEY_RECEIVED_STATES:
        try:
            session = stripe_client().v1.checkout.sessions.retrieve(session_id)
            fulfil_payment(session.to_dict())
        except stripe.StripeError:
            logger.warning("Could not confirm session %s on return; the webhook will", session_id)
        payment.refresh_from_db()
    return payment


def settle_money_received(
    stand_type: StandType, application: ExhibitorApplication, payment: Payment, hold_was_active: bool, by=None
) -> None:
    """Under the stand type + application + payment locks: the money is in; find the stand for it.

    Emails: "confirmed" and the invoice; or "sold_out_refunded" with an automatic refund.
    """
    if application.status == ApplicationStatus.CONFIRMED:
        refund_automatically(payment, Refund.Reason.DUPLICATE)
        return
    if application.status in (ApplicationStatus.CANCELLED, ApplicationStatus.REJECTED):
        refund_automatically(payment, Refund.Reason.CANCELLED)
        return
    release_hold(payment.hold_id)
    if hold_was_active or available_places(stand_type) > 0:
        application.payment_method = payment.method
        confirm_place(application, by)
        transaction.on_commit(lambda: invoices.issue_invoice_task.enqueue(payment.pk))
        return
    # Paid after the hold expired and the last stand went to someone else.
    put_on_waitlist(application, stand_type, by)
    refund_automatically(payment, Refund.Reason.SOLD_OUT)
    email_applicant(application, "sold_out_refunded")


def payment_failed(session: dict) -> Payment | None:
    """checkout.session.async_payment_failed: the bank refused; the hold is released.

    Ignored for a payment that already received money (out-of-order delivery). Locks: stand type,
    application, payment. Emails: "payment_failed".
    """
    return _end_waiting_payment(
        session, Payment.WAITING_STATES, PaymentStatus.FAILED, "async payment failed", email="payment_failed"
    )


def checkout_expired(session: dict) -> Payment | None:
    """checkout.session.expired: the applicant did not pay in time; the hold is released.

    Ignored unless the payment is still waiting (a late "expired" after "completed" changes nothing).
    Locks: stand type, application, payment.
    """
    return _end_waiting_payment(
        session, (PaymentStatus.CREATED, PaymentStatus.OPEN), PaymentStatus.EXPIRED, "session expired"
    )


def _end_waiting_payment(
    session: dict, ends_from: tuple, status: str, reason: str, email: str | None = None
) -> Payment | None:
    """A session ended without money: a payment still in one of `ends_from` takes `status`, its hold is
    released and the waiting list hears of the free place; any other payment is left as it is."""
    payment = _payment_for_session(session)
    if payment is None:
        return None
    with transaction.atomic():
        locks = locking.lock_payment(payment.pk)
        payment = locks.payment
        if payment.status not in ends_from:
            return payment
        set_payment_status(payment, status, reason=reason)
        release_hold(payment.hold_id)
        if email:
            email_applicant(locks.application, email)
        notify_waitlist(locks.stand_type)
    return payment
