"""Money given back: by staff, after a cancellation, automatically when money arrives for a stand
that is gone, and refunds made in the Stripe dashboard, reconciled from charge.refunded."""

import stripe
from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from .. import invoices, locking
from ..models import Payment, PaymentMethod, PaymentStatus, Refund
from ..stripe_client import stripe_client
from .errors import FairError, PaymentUnavailable
from .transitions import audit, email_applicant, set_payment_status


def refund_payment(
    payment: Payment, amount: int | None = None, *, by=None, note: str = "", reason: str = Refund.Reason.STAFF
) -> Refund:
    """Refund a received payment in full or in part, through Stripe, and record it locally.

    The Refund row is committed first; Stripe is then called with idempotency key refund-<id>, so a
    retry of the same refund can never pay out twice. Bank-transfer payments are recorded as refunded
    by hand. Locks: stand type, application, payment (then payment, refund). Emails: "refunded"; a
    correction invoice is issued when the payment was invoiced.
    """
    with transaction.atomic():
        locks = locking.lock_payment(payment.pk)
        application, payment = locks.application, locks.payment
        if payment.status not in Payment.MONEY_RECEIVED_STATES:
            raise FairError(_("Only a received payment can be refunded."))
        pending = sum(
            Refund.objects.filter(payment=payment, status=Refund.Status.PENDING).values_list(
                "amount", flat=True
            )
        )
        left = payment.refundable_amount - pending
        amount = left if amount is None else amount
        if amount <= 0 or amount > left:
            raise FairError(_("The refund must be more than zero and at most the amount still refundable."))
        refund = Refund.objects.create(
            payment=payment, amount=amount, reason=reason, note=note, created_by=by
        )
        audit(application, "events.refund.requested", by, payment=payment.pk, refund=refund.pk, amount=amount)
        if payment.method != PaymentMethod.STRIPE:
            mark_refund_succeeded(payment, refund, None, by)
            return refund
    return send_refund(refund.pk)


def refund_automatically(payment: Payment, reason: str) -> Refund | None:
    """Under the payment's locks: money we cannot keep goes back (a Stripe refund after commit).

    Bank transfers are returned by staff by hand; the application stays visible on the waitlist.
    """
    if payment.method != PaymentMethod.STRIPE:
        audit(payment.application, "events.payment.needs_manual_refund", payment=payment.pk, reason=reason)
        return None
    refund = Refund.objects.create(payment=payment, amount=payment.refundable_amount, reason=reason)
    audit(payment.application, "events.refund.requested", payment=payment.pk, refund=refund.pk, reason=reason)
    transaction.on_commit(lambda: send_refund_task.enqueue(refund.pk))
    return refund


def send_refund(refund_id: int) -> Refund:
    """Send a pending refund to Stripe (idempotency key refund-<id>) and record the answer.

    Connection errors leave it pending (safe to retry with the same key); a refusal marks it failed.
    Stripe is called with no lock held. Locks afterwards: stand type, application, payment, refund.
    """
    refund = Refund.objects.select_related("payment").get(pk=refund_id)
    if refund.status != Refund.Status.PENDING:
        return refund
    payment = refund.payment
    params = {
        "amount": refund.amount,
        "metadata": {"refund_id": str(refund.pk), "payment_id": str(payment.pk)},
    }
    if payment.stripe_payment_intent:
        params["payment_intent"] = payment.stripe_payment_intent
    else:
        raise FairError(_("This payment has no Stripe payment to refund."))
    try:
        stripe_refund = stripe_client().v1.refunds.create(params, {"idempotency_key": f"refund-{refund.pk}"})
    except stripe.APIConnectionError as error:
        raise PaymentUnavailable(
            _("The payment service did not respond. The refund is recorded and will be retried.")
        ) from error
    except stripe.StripeError as error:
        with transaction.atomic():
            locking.lock_payment(payment.pk)
            refund = locking.lock_refund(refund_id)
            refund.status = Refund.Status.FAILED
            refund.note = (refund.note + " " + str(error))[:255]
            refund.save()
            audit(payment.application, "events.refund.failed", refund=refund.pk)
        raise FairError(
            _("Stripe refused the refund: %(error)s") % {"error": error.user_message or error}
        ) from error
    with transaction.atomic():
        payment = locking.lock_payment(payment.pk).payment
        refund = locking.lock_refund(refund_id)
        if refund.status == Refund.Status.PENDING:
            mark_refund_succeeded(payment, refund, stripe_refund.id)
    return refund


@task()
def send_refund_task(refund_id: int) -> None:
    """The background run of send_refund, queued after the refund row is committed."""
    send_refund(refund_id)


def mark_refund_succeeded(payment: Payment, refund: Refund, stripe_refund_id, by=None) -> None:
    """Under the payment + refund locks. Emails: "refunded"; queues the correction invoice."""
    refund.status = Refund.Status.SUCCEEDED
    if stripe_refund_id:
        refund.stripe_refund_id = stripe_refund_id
    refund.save()
    payment.refunded_amount = min(payment.amount, payment.refunded_amount + refund.amount)
    status = (
        PaymentStatus.REFUNDED
        if payment.refunded_amount >= payment.amount
        else PaymentStatus.PARTIALLY_REFUNDED
    )
    set_payment_status(payment, status, by, refund=refund.pk, amount=refund.amount)
    email_applicant(payment.application, "refunded")
    if payment.invoices.filter(kind="invoice").exists():
        transaction.on_commit(lambda: invoices.issue_correction_task.enqueue(refund.pk))


def charge_refunded(charge: dict) -> Payment | None:
    """charge.refunded: reconcile refunds, including ones made in the Stripe dashboard.

    Marks our pending refunds succeeded and records any unknown difference as an external refund.
    Locks: stand type, application, payment, refunds.
    """
    intent = charge.get("payment_intent")
    payment = Payment.objects.filter(stripe_payment_intent=intent).first() if intent else None
    if payment is None:
        return None
    with transaction.atomic():
        payment = locking.lock_payment(payment.pk).payment
        known_ids = {r["id"] for r in ((charge.get("refunds") or {}).get("data") or []) if r.get("id")}
        pending = Refund.objects.filter(payment=payment, status=Refund.Status.PENDING)
        for refund in locking.lock_refunds(pending):
            if refund.stripe_refund_id and refund.stripe_refund_id in known_ids:
                mark_refund_succeeded(payment, refund, refund.stripe_refund_id)
        accounted = sum(
            Refund.objects.filter(payment=payment)
            .exclude(status=Refund.Status.FAILED)
            .values_list("amount", flat=True)
        )
        external = int(charge.get("amount_refunded") or 0) - accounted
        if external > 0:
            refund = Refund.objects.create(
                payment=payment,
                amount=min(external, payment.refundable_amount),
                reason=Refund.Reason.EXTERNAL,
            )
            mark_refund_succeeded(payment, refund, None)
    return payment
