"""Paying online: a stand hold and a Stripe Checkout Session in PLN that expire together."""

import logging

import stripe
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import locking
from ..models import ApplicationStatus, ExhibitorApplication, Payment, PaymentMethod, PaymentStatus, Stand
from ..stripe_client import stripe_client, stripe_enabled
from .capacity import hold_expiry, hold_or_waitlist, release_hold
from .errors import FairError, PaymentUnavailable, SoldOut
from .stands import check_stand_choice
from .transitions import audit, set_payment_status

logger = logging.getLogger(__name__)


def start_checkout(
    application: ExhibitorApplication, *, success_url: str, cancel_url: str, stand: Stand | None = None
) -> Payment:
    """Hold a stand and open a Stripe Checkout Session in PLN for an approved application.

    With a floor plan the stand chosen (`stand`, or the one chosen before) is part of the hold: it is
    checked under its lock (StandType -> Stand -> application) and a taken stand raises StandTaken with
    the nearest free stands, so two exhibitors can never hold or buy the same one.

    Double-click safe: an open session whose hold is still active is returned as is. The hold and the
    session expire together (hold_expiry). Stripe is called outside the lock with the idempotency key
    checkout-<payment id>. If Stripe is unreachable the payment is marked failed and the hold released
    in the same step, so nothing stays stuck and a retry starts a new, separate attempt.
    Locks: stand type, application, their waiting payments (phase 1); the payment alone (phases 2-3).
    Emails: none, or "waitlisted" when the last stand went meanwhile (raises SoldOut).
    """
    if not stripe_enabled():
        raise PaymentUnavailable(_("Online payment is not available; please pay by bank transfer."))
    now = timezone.now()
    stand_id = stand.pk if stand else application.stand_id
    with transaction.atomic():
        locks = locking.lock_application(application.pk, stand_id)
        stand_type, application = locks.stand_type, locks.application
        if application.status == ApplicationStatus.CONFIRMED:
            raise FairError(_("This application is already paid and confirmed."))
        if application.status != ApplicationStatus.APPROVED:
            raise FairError(_("Only an approved application can be paid."))
        if application.is_free:
            raise FairError(_("This stand is free of charge; there is nothing to pay."))
        waiting = locking.lock_payments(
            Payment.objects.filter(
                application=application, status__in=Payment.WAITING_STATES, method=PaymentMethod.STRIPE
            ).select_related("hold")
        )
        for payment in waiting:
            if payment.status == PaymentStatus.PROCESSING:
                raise FairError(
                    _("Your payment is being processed by the bank. Please wait for the confirmation.")
                )
            if payment.hold and payment.hold.is_active(now) and payment.hold.stand_id == stand_id:
                return payment  # the same session again: a double-click never opens a second one
        if locks.stand is not None:
            check_stand_choice(locks, now)
        hold = hold_or_waitlist(stand_type, application, hold_expiry(now), stand=locks.stand)
        if hold is not None:
            if locks.stand is not None:
                application.stand = locks.stand
                application.save(update_fields=["stand", "updated_at"])
                audit(application, "events.stand.chosen", stand=locks.stand.number)
            for payment in waiting:
                set_payment_status(payment, PaymentStatus.EXPIRED, reason="superseded")
            payment = Payment.objects.create(
                application=application,
                hold=hold,
                method=PaymentMethod.STRIPE,
                amount=application.amount_gross,
            )
            audit(application, "events.payment.created", payment=payment.pk, amount=payment.amount)
    if hold is None:
        raise SoldOut(_("This stand type is sold out. You are on the waiting list; we will email you."))

    try:
        session = stripe_client().v1.checkout.sessions.create(
            _session_params(application, payment, hold.expires_at, success_url, cancel_url),
            {"idempotency_key": f"checkout-{payment.pk}"},
        )
    except stripe.StripeError as error:
        # Stripe's message can echo the parameters sent (the customer's email); it is kept on the payment.
        logger.warning("Checkout for payment %s failed: %s", payment.pk, type(error).__name__)
        with transaction.atomic():
            locked = locking.lock_payment_alone(payment.pk)
            locked.failure_reason = str(error)[:255]
            set_payment_status(locked, PaymentStatus.FAILED, reason="stripe unavailable")
            release_hold(hold.pk)
        raise PaymentUnavailable(
            _("The payment service did not respond. Nothing was charged; please try again in a moment.")
        ) from error

    with transaction.atomic():
        payment = locking.lock_payment_alone(payment.pk)
        payment.stripe_session_id = session.id
        payment.checkout_url = session.url or ""
        if payment.status == PaymentStatus.CREATED:
            set_payment_status(payment, PaymentStatus.OPEN, session=session.id)
        else:
            payment.save()
    return payment


def _session_params(application, payment: Payment, expires_at, success_url: str, cancel_url: str) -> dict:
    metadata = {"application_id": str(application.pk), "payment_id": str(payment.pk)}
    return {
        "mode": "payment",
        "currency": "pln",
        "payment_method_types": list(settings.STRIPE_PAYMENT_METHOD_TYPES),
        "line_items": [
            {
                "quantity": 1,
                "price_data": {
                    "currency": "pln",
                    "unit_amount": payment.amount,
                    "product_data": {"name": f"{application.fair.name}: {application.stand_type.name}"},
                },
            }
        ],
        "customer_email": application.contact_email,
        "client_reference_id": f"application-{application.pk}",
        "metadata": metadata,
        "payment_intent_data": {"metadata": metadata},
        "expires_at": int(expires_at.timestamp()),
        "success_url": success_url + "?session_id={CHECKOUT_SESSION_ID}",
        "cancel_url": cancel_url,
    }
