"""Workflows of the fair: applications, stand holds, payments, refunds and stand numbers.

Locking: every workflow that changes capacity, an application or a payment takes row locks with
select_for_update in ONE fixed order, inside a short transaction:

    StandType -> ExhibitorApplication -> Payment -> Refund -> InvoiceSequence

so two workflows can never deadlock each other. Stripe is never called while a lock is held.
Side effects (emails, invoices, refunds sent to Stripe) are queued with django-tasks after commit.
Every state change of an application or payment is written to Wagtail's audit log.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

import stripe
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from catalog.choices import MembershipStatus

from . import tasks
from .models import (
    ApplicationStatus,
    ExhibitorApplication,
    Fair,
    Payment,
    PaymentMethod,
    PaymentStatus,
    PricingRule,
    Refund,
    StandAddon,
    StandHold,
    StandType,
    WaitlistEntry,
)
from .money import discounted, price_line, proportional
from .stripe_client import stripe_client, stripe_enabled

logger = logging.getLogger(__name__)

# Stripe requires a Checkout Session to live at least 30 minutes; the hold lives exactly as long as the
# session, plus a minute so the session's expires_at is still >= 30 min when Stripe receives it.
HOLD_MINUTES = 31

# Applications that still want a stand (and may be waitlisted or approved).
OPEN_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.APPROVED, ApplicationStatus.WAITLISTED)


class FairError(Exception):
    """A workflow refused: the message is translated and safe to show to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class SoldOut(FairError):
    pass


class PaymentUnavailable(FairError):
    """Stripe could not be reached or refused the call; nothing was charged and no hold is kept."""


def hold_expiry(now=None):
    """The one rule for how long a stand is held while its applicant pays online."""
    return (now or timezone.now()) + timedelta(minutes=HOLD_MINUTES)


# --- prices -----------------------------------------------------------------------------------------


@dataclass
class Quote:
    lines: list[dict] = field(default_factory=list)
    discount_percent: int = 0

    @property
    def net(self) -> int:
        return sum(item["net"] for item in self.lines)

    @property
    def vat(self) -> int:
        return sum(item["vat"] for item in self.lines)

    @property
    def gross(self) -> int:
        return sum(item["gross"] for item in self.lines)


def discount_for(stand_type: StandType, organisation) -> int:
    """The best active staff-configured discount the catalogue profile is eligible for (0-100)."""
    if organisation is None:
        return 0
    eligible = []
    if organisation.membership_status == MembershipStatus.ACTIVE:
        eligible.append(PricingRule.Eligibility.ACTIVE_MEMBER)
    if organisation.ps_status:
        eligible.append(PricingRule.Eligibility.PS_STATUS)
    rules = PricingRule.objects.filter(stand_type=stand_type, active=True, eligibility__in=eligible)
    return max((rule.discount_percent for rule in rules), default=0)


def quote(stand_type: StandType, addons, organisation=None) -> Quote:
    """Net, VAT and gross of a stand with its add-ons; the discount applies to the stand only."""
    percent = discount_for(stand_type, organisation)
    stand_label = stand_type.name if not percent else f"{stand_type.name} (−{percent}%)"
    lines = [price_line(stand_label, discounted(stand_type.price_net, percent), stand_type.vat_rate)]
    lines += [price_line(addon.name, addon.price_net, addon.vat_rate) for addon in addons]
    return Quote(lines=lines, discount_percent=percent)


def application_quote(application: ExhibitorApplication) -> Quote:
    return quote(application.stand_type, application.addons.all(), application.organisation)


# --- capacity -----------------------------------------------------------------------------------------


def available_places(stand_type: StandType, now=None) -> int:
    """capacity - (confirmed applications + active holds). Exact only under the stand type's lock."""
    now = now or timezone.now()
    confirmed = ExhibitorApplication.objects.filter(
        stand_type=stand_type, status=ApplicationStatus.CONFIRMED
    ).count()
    held = StandHold.objects.filter(
        stand_type=stand_type, released_at__isnull=True, expires_at__gt=now
    ).count()
    return max(stand_type.capacity - confirmed - held, 0)


def _lock_stand_type(stand_type_id: int) -> StandType:
    return StandType.objects.select_for_update().get(pk=stand_type_id)


def _lock_application(application_id: int) -> ExhibitorApplication:
    return (
        ExhibitorApplication.objects.select_for_update(of=("self",))
        .select_related("fair")
        .get(pk=application_id)
    )


def _lock_for_application(application_id: int) -> tuple[StandType, ExhibitorApplication]:
    """Lock the stand type, then the application (the fixed order). Re-reads the stand type id under lock."""
    stand_type_id = ExhibitorApplication.objects.values_list("stand_type_id", flat=True).get(
        pk=application_id
    )
    stand_type = _lock_stand_type(stand_type_id)
    application = _lock_application(application_id)
    return stand_type, application


def _release_holds(application: ExhibitorApplication, now=None) -> int:
    now = now or timezone.now()
    return StandHold.objects.filter(application=application, released_at__isnull=True).update(released_at=now)


def _audit(instance, action: str, user=None, **data) -> None:
    log(instance=instance, action=action, user=user, data={k: str(v) for k, v in data.items()})


def _set_status(application: ExhibitorApplication, status: str, user=None, **data) -> None:
    previous = application.status
    application.status = status
    application.save()
    _audit(application, f"events.application.{status}", user, previous=previous, **data)


def _set_payment_status(payment: Payment, status: str, user=None, **data) -> None:
    previous = payment.status
    payment.status = status
    payment.save()
    _audit(
        payment.application, f"events.payment.{status}", user, payment=payment.pk, previous=previous, **data
    )


def _email(application: ExhibitorApplication, kind: str) -> None:
    transaction.on_commit(lambda: tasks.send_application_email.enqueue(application.pk, kind))


# --- application ----------------------------------------------------------------------------------------


def apply_for_stand(
    *, fair: Fair, stand_type: StandType, addons=(), data: dict, user=None, organisation=None
) -> ExhibitorApplication:
    """Submit an application for a stand.

    Validates the fair's deadline, the stand type and add-ons (of this fair), the food-sales sanitary
    confirmation, the consents and the NIPs. A sold-out stand type puts the application on the waiting
    list. When the fair needs no approval the application is approved at once. Emails: "received" to
    the applicant. Locks: the stand type (only to decide waitlisting consistently).
    """
    addons = list(addons)
    if not fair.accepts_applications():
        raise FairError(_("Applications for this fair are closed."))
    if stand_type is None:
        raise FairError(_("Choose a stand type; add-ons can only be ordered with a stand."))
    if stand_type.fair_id != fair.pk or any(addon.fair_id != fair.pk for addon in addons):
        raise FairError(_("The chosen stand or add-on does not belong to this fair."))
    if data.get("sells_food") and not data.get("sanitary_requirements_confirmed"):
        raise FairError(_("Confirm that you meet the sanitary requirements for selling food."))
    if not (data.get("consent_terms") and data.get("consent_privacy")):
        raise FairError(_("Accept the fair's terms and the privacy notice to apply."))

    application = ExhibitorApplication(
        fair=fair, stand_type=stand_type, user=user, organisation=organisation, **data
    )
    try:
        application.full_clean(exclude=["access_token"])
    except ValidationError as error:
        raise FairError(_describe(error)) from error

    with transaction.atomic():
        stand_type = _lock_stand_type(stand_type.pk)
        sold_out = available_places(stand_type) == 0
        application.status = ApplicationStatus.WAITLISTED if sold_out else ApplicationStatus.SUBMITTED
        _snapshot_price(application, quote(stand_type, addons, organisation))
        application.save()
        application.addons.set(addons)
        if sold_out:
            WaitlistEntry.objects.create(stand_type=stand_type, application=application)
        _audit(application, "events.application.submitted", user, status=application.status)
        _email(application, "waitlisted" if sold_out else "received")
    if not sold_out and not fair.requires_approval:
        application = approve_application(application)
    return application


def _describe(error: ValidationError) -> str:
    labels = {f.name: str(f.verbose_name) for f in ExhibitorApplication._meta.fields}
    return " ".join(
        f"{labels.get(name, '')}: {' '.join(messages)}".lstrip(": ")
        for name, messages in error.message_dict.items()
    )


def _snapshot_price(application: ExhibitorApplication, priced: Quote) -> None:
    application.discount_percent = priced.discount_percent
    application.amount_net = priced.net
    application.amount_vat = priced.vat
    application.amount_gross = priced.gross


def approve_application(application: ExhibitorApplication, *, by=None) -> ExhibitorApplication:
    """Approve a submitted (or waitlisted) application and fix its price.

    A free stand is confirmed at once if a place is left; with no place left the application is
    waitlisted (and goes back to "approved" when one frees up). Idempotent for an already
    approved or confirmed application. Locks: stand type, application. Emails: "approved" with the
    amount due and the pay link, or "confirmed" for a free stand.
    """
    with transaction.atomic():
        stand_type, application = _lock_for_application(application.pk)
        if application.status in (ApplicationStatus.APPROVED, ApplicationStatus.CONFIRMED):
            return application
        if application.status not in (ApplicationStatus.SUBMITTED, ApplicationStatus.WAITLISTED):
            raise FairError(_("Only a submitted application can be approved."))
        _snapshot_price(application, application_quote(application))
        application.approved_at = timezone.now()
        if application.is_free:
            if available_places(stand_type) == 0:
                _waitlist(application, stand_type, by)
                return application
            application.payment_method = PaymentMethod.FREE
            _confirm(application, by)
            return application
        if available_places(stand_type) == 0:
            _waitlist(application, stand_type, by)
            return application
        WaitlistEntry.objects.filter(application=application).delete()
        _set_status(application, ApplicationStatus.APPROVED, by, amount_gross=application.amount_gross)
        _email(application, "approved")
    return application


def reject_application(application: ExhibitorApplication, reason: str, *, by=None) -> ExhibitorApplication:
    """Reject an application that is not paid, with a reason sent to the applicant.

    Releases its holds. Locks: stand type, application. Emails: "rejected".
    """
    if not (reason or "").strip():
        raise FairError(_("Give a reason for the rejection."))
    with transaction.atomic():
        stand_type, application = _lock_for_application(application.pk)
        if application.status not in OPEN_STATUSES:
            raise FairError(_("Only an application that is not confirmed can be rejected."))
        if Payment.objects.filter(application=application, status__in=Payment.MONEY_RECEIVED_STATES).exists():
            raise FairError(_("This application has been paid; refund it before rejecting."))
        _release_holds(application)
        WaitlistEntry.objects.filter(application=application).delete()
        application.rejection_reason = reason.strip()
        _set_status(application, ApplicationStatus.REJECTED, by, reason=reason)
        _email(application, "rejected")
    return application


def bulk_approve(applications, *, by=None) -> tuple[int, list[str]]:
    """Approve many applications one by one (each in its own short transaction)."""
    approved, errors = 0, []
    for application in sorted(applications, key=lambda a: a.pk):
        try:
            approve_application(application, by=by)
            approved += 1
        except FairError as error:
            errors.append(f"{application.organisation_name}: {error.message}")
    return approved, errors


def _confirm(application: ExhibitorApplication, by=None) -> None:
    """Under the stand type + application locks: the application takes its stand for good."""
    _release_holds(application)
    WaitlistEntry.objects.filter(application=application).delete()
    application.confirmed_at = timezone.now()
    _set_status(application, ApplicationStatus.CONFIRMED, by)
    _email(application, "confirmed")


def _waitlist(application: ExhibitorApplication, stand_type: StandType, by=None) -> None:
    WaitlistEntry.objects.get_or_create(application=application, defaults={"stand_type": stand_type})
    _set_status(application, ApplicationStatus.WAITLISTED, by)
    _email(application, "waitlisted")


# --- holds ---------------------------------------------------------------------------------------------


def take_hold(stand_type: StandType, application: ExhibitorApplication, expires_at) -> StandHold:
    """Hold one stand. The caller MUST hold the stand type's lock. Raises SoldOut."""
    _release_holds(application)
    if available_places(stand_type) <= 0:
        raise SoldOut(_("This stand type is sold out. You can join the waiting list."))
    return StandHold.objects.create(stand_type=stand_type, application=application, expires_at=expires_at)


def _hold_or_waitlist(
    stand_type: StandType, application: ExhibitorApplication, expires_at
) -> StandHold | None:
    """Under the stand type + application locks: a hold, or the waiting list when none is left."""
    try:
        return take_hold(stand_type, application, expires_at)
    except SoldOut:
        _waitlist(application, stand_type)
        return None


def hold_stand(application_id: int, minutes: int = HOLD_MINUTES) -> StandHold:
    """Hold a stand for an application in its own short transaction (used by the concurrency test and
    by start_checkout). Locks: stand type, application."""
    with transaction.atomic():
        stand_type, application = _lock_for_application(application_id)
        return take_hold(stand_type, application, timezone.now() + timedelta(minutes=minutes))


def expire_holds(now=None) -> int:
    """Release holds whose time is up and expire the payments waiting on them; notify the waitlist.

    Safe to run at any time (capacity already ignores expired holds). Locks: each stand type, in pk
    order, then waitlisted applications, then the expired payments. Emails: "place_free" to waitlisted applicants.
    """
    now = now or timezone.now()
    released = 0
    stand_type_ids = sorted(
        set(
            StandHold.objects.filter(released_at__isnull=True, expires_at__lte=now).values_list(
                "stand_type_id", flat=True
            )
        )
    )
    for stand_type_id in stand_type_ids:
        with transaction.atomic():
            stand_type = _lock_stand_type(stand_type_id)
            holds = list(
                StandHold.objects.filter(stand_type=stand_type, released_at__isnull=True, expires_at__lte=now)
            )
            released += StandHold.objects.filter(pk__in=[h.pk for h in holds]).update(released_at=now)
            # Fixed order: applications (in notify_waitlist) before payments.
            notify_waitlist(stand_type)
            waiting = (
                Payment.objects.select_for_update()
                .filter(hold__in=holds, status__in=(PaymentStatus.CREATED, PaymentStatus.OPEN))
                .order_by("pk")
            )
            for payment in waiting:
                _set_payment_status(payment, PaymentStatus.EXPIRED, reason="hold expired")
    return released


def notify_waitlist(stand_type: StandType) -> int:
    """Tell waiting applicants that places are free (first come, first served).

    The caller MUST hold the stand type's lock. An application that was approved before (or whose fair
    needs no approval) goes back to "approved" so it can pay at once. Emails: "place_free".
    """
    free = available_places(stand_type)
    if free <= 0:
        return 0
    entries = list(
        WaitlistEntry.objects.filter(stand_type=stand_type, notified_at__isnull=True)
        .select_related("application__fair")
        .order_by("created_at")[:free]
    )
    for entry in entries:
        entry.notified_at = timezone.now()
        entry.save(update_fields=["notified_at"])
        application = ExhibitorApplication.objects.select_for_update().get(pk=entry.application_id)
        if application.status == ApplicationStatus.WAITLISTED and (
            application.approved_at or not application.fair.requires_approval
        ):
            _snapshot_price(application, application_quote(application))
            _set_status(application, ApplicationStatus.APPROVED, reason="place freed")
        _email(application, "place_free")
    return len(entries)


# --- payment: Stripe Checkout ---------------------------------------------------------------------------


def start_checkout(application: ExhibitorApplication, *, success_url: str, cancel_url: str) -> Payment:
    """Hold a stand and open a Stripe Checkout Session in PLN for an approved application.

    Double-click safe: an open session whose hold is still active is returned as is. The hold and the
    session expire together (hold_expiry). Stripe is called outside the lock with the idempotency key
    checkout-<payment id>. If Stripe is unreachable the payment is marked failed and the hold released
    in the same step, so nothing stays stuck and a retry starts a new, separate attempt.
    Locks: stand type, application (phase 1); payment (phases 2-3). Emails: none.
    """
    if not stripe_enabled():
        raise PaymentUnavailable(_("Online payment is not available; please pay by bank transfer."))
    now = timezone.now()
    with transaction.atomic():
        stand_type, application = _lock_for_application(application.pk)
        if application.status == ApplicationStatus.CONFIRMED:
            raise FairError(_("This application is already paid and confirmed."))
        if application.status != ApplicationStatus.APPROVED:
            raise FairError(_("Only an approved application can be paid."))
        if application.is_free:
            raise FairError(_("This stand is free of charge; there is nothing to pay."))
        waiting = list(
            Payment.objects.select_for_update(of=("self",))
            .filter(application=application, status__in=Payment.WAITING_STATES, method=PaymentMethod.STRIPE)
            .select_related("hold")
            .order_by("pk")
        )
        for payment in waiting:
            if payment.status == PaymentStatus.PROCESSING:
                raise FairError(
                    _("Your payment is being processed by the bank. Please wait for the confirmation.")
                )
            if payment.hold and payment.hold.is_active(now):
                return payment  # the same session again: a double-click never opens a second one
        hold = _hold_or_waitlist(stand_type, application, hold_expiry(now))
        if hold is not None:
            for payment in waiting:
                _set_payment_status(payment, PaymentStatus.EXPIRED, reason="superseded")
            payment = Payment.objects.create(
                application=application,
                hold=hold,
                method=PaymentMethod.STRIPE,
                amount=application.amount_gross,
            )
            _audit(application, "events.payment.created", payment=payment.pk, amount=payment.amount)
    if hold is None:
        raise SoldOut(_("This stand type is sold out. You are on the waiting list; we will email you."))

    params = {
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
        "metadata": {"application_id": str(application.pk), "payment_id": str(payment.pk)},
        "payment_intent_data": {
            "metadata": {"application_id": str(application.pk), "payment_id": str(payment.pk)}
        },
        "expires_at": int(hold.expires_at.timestamp()),
        "success_url": success_url + "?session_id={CHECKOUT_SESSION_ID}",
        "cancel_url": cancel_url,
    }
    try:
        session = stripe_client().v1.checkout.sessions.create(
            params, {"idempotency_key": f"checkout-{payment.pk}"}
        )
    except stripe.StripeError as error:
        # Stripe's message can echo the parameters sent (the customer's email); it is kept on the payment.
        logger.warning("Checkout for payment %s failed: %s", payment.pk, type(error).__name__)
        with transaction.atomic():
            locked = Payment.objects.select_for_update().get(pk=payment.pk)
            locked.failure_reason = str(error)[:255]
            _set_payment_status(locked, PaymentStatus.FAILED, reason="stripe unavailable")
            StandHold.objects.filter(pk=hold.pk).update(released_at=timezone.now())
        raise PaymentUnavailable(
            _("The payment service did not respond. Nothing was charged; please try again in a moment.")
        ) from error

    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        payment.stripe_session_id = session.id
        payment.checkout_url = session.url or ""
        if payment.status == PaymentStatus.CREATED:
            _set_payment_status(payment, PaymentStatus.OPEN, session=session.id)
        else:
            payment.save()
    return payment


def _payment_for_session(session: dict) -> Payment | None:
    payment = Payment.objects.filter(stripe_session_id=session["id"]).first()
    if payment is None:
        payment_id = (session.get("metadata") or {}).get("payment_id")
        if payment_id and str(payment_id).isdigit():
            payment = Payment.objects.filter(pk=int(payment_id), method=PaymentMethod.STRIPE).first()
    return payment


def _lock_payment_chain(payment: Payment) -> tuple[StandType, ExhibitorApplication, Payment]:
    stand_type, application = _lock_for_application(payment.application_id)
    payment = Payment.objects.select_for_update(of=("self",)).select_related("hold").get(pk=payment.pk)
    return stand_type, application, payment


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
        stand_type, application, payment = _lock_payment_chain(payment)
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
                _set_payment_status(payment, PaymentStatus.PROCESSING, session=session["id"])
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
        _set_payment_status(payment, PaymentStatus.PAID, session=session["id"])
        _settle_money_received(stand_type, application, payment, hold_was_active)
    return payment


def _settle_money_received(stand_type, application, payment, hold_was_active: bool, by=None) -> None:
    """Under the stand type + application + payment locks: the money is in; find the stand for it."""
    if application.status == ApplicationStatus.CONFIRMED:
        _auto_refund(payment, Refund.Reason.DUPLICATE)
        return
    if application.status in (ApplicationStatus.CANCELLED, ApplicationStatus.REJECTED):
        _auto_refund(payment, Refund.Reason.CANCELLED)
        return
    if payment.hold_id:
        StandHold.objects.filter(pk=payment.hold_id).update(released_at=timezone.now())
    if hold_was_active or available_places(stand_type) > 0:
        application.payment_method = payment.method
        _confirm(application, by)
        transaction.on_commit(lambda: tasks.issue_invoice.enqueue(payment.pk))
        return
    # Paid after the hold expired and the last stand went to someone else.
    _waitlist(application, stand_type, by)
    _auto_refund(payment, Refund.Reason.SOLD_OUT)
    _email(application, "sold_out_refunded")


def _auto_refund(payment: Payment, reason: str) -> Refund | None:
    if payment.method != PaymentMethod.STRIPE:
        # Bank transfers are returned by staff by hand; the application stays visible on the waitlist.
        _audit(payment.application, "events.payment.needs_manual_refund", payment=payment.pk, reason=reason)
        return None
    refund = Refund.objects.create(payment=payment, amount=payment.refundable_amount, reason=reason)
    _audit(
        payment.application, "events.refund.requested", payment=payment.pk, refund=refund.pk, reason=reason
    )
    transaction.on_commit(lambda: tasks.send_refund.enqueue(refund.pk))
    return refund


def payment_failed(session: dict) -> Payment | None:
    """checkout.session.async_payment_failed: the bank refused; the hold is released.

    Ignored for a payment that already received money (out-of-order delivery). Locks: stand type,
    application, payment. Emails: "payment_failed".
    """
    payment = _payment_for_session(session)
    if payment is None:
        return None
    with transaction.atomic():
        stand_type, application, payment = _lock_payment_chain(payment)
        if payment.status not in Payment.WAITING_STATES:
            return payment
        _set_payment_status(payment, PaymentStatus.FAILED, reason="async payment failed")
        if payment.hold_id:
            StandHold.objects.filter(pk=payment.hold_id).update(released_at=timezone.now())
        _email(application, "payment_failed")
        notify_waitlist(stand_type)
    return payment


def checkout_expired(session: dict) -> Payment | None:
    """checkout.session.expired: the applicant did not pay in time; the hold is released.

    Ignored unless the payment is still waiting (a late "expired" after "completed" changes nothing).
    Locks: stand type, application, payment.
    """
    payment = _payment_for_session(session)
    if payment is None:
        return None
    with transaction.atomic():
        stand_type, application, payment = _lock_payment_chain(payment)
        if payment.status not in (PaymentStatus.CREATED, PaymentStatus.OPEN):
            return payment
        _set_payment_status(payment, PaymentStatus.EXPIRED, reason="session expired")
        if payment.hold_id:
            StandHold.objects.filter(pk=payment.hold_id).update(released_at=timezone.now())
        notify_waitlist(stand_type)
    return payment


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
        stand_type, application, payment = _lock_payment_chain(payment)
        known_ids = {r["id"] for r in ((charge.get("refunds") or {}).get("data") or []) if r.get("id")}
        for refund in (
            Refund.objects.select_for_update()
            .filter(payment=payment, status=Refund.Status.PENDING)
            .order_by("pk")
        ):
            if refund.stripe_refund_id and refund.stripe_refund_id in known_ids:
                _mark_refund_succeeded(payment, refund, refund.stripe_refund_id)
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
            _mark_refund_succeeded(payment, refund, None)
    return payment


# --- refunds ---------------------------------------------------------------------------------------


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
        stand_type, application, payment = _lock_payment_chain(payment)
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
        _audit(
            application, "events.refund.requested", by, payment=payment.pk, refund=refund.pk, amount=amount
        )
        if payment.method != PaymentMethod.STRIPE:
            _mark_refund_succeeded(payment, refund, None, by)
            return refund
    return send_refund(refund.pk)


def send_refund(refund_id: int) -> Refund:
    """Send a pending refund to Stripe (idempotency key refund-<id>) and record the answer.

    Connection errors leave it pending (safe to retry with the same key); a refusal marks it failed.
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
            refund = Refund.objects.select_for_update().get(pk=refund_id)
            refund.status = Refund.Status.FAILED
            refund.note = (refund.note + " " + str(error))[:255]
            refund.save()
            _audit(payment.application, "events.refund.failed", refund=refund.pk)
        raise FairError(
            _("Stripe refused the refund: %(error)s") % {"error": error.user_message or error}
        ) from error
    with transaction.atomic():
        stand_type, application, payment = _lock_payment_chain(payment)
        refund = Refund.objects.select_for_update().get(pk=refund_id)
        if refund.status == Refund.Status.PENDING:
            _mark_refund_succeeded(payment, refund, stripe_refund.id)
    return refund


def _mark_refund_succeeded(payment: Payment, refund: Refund, stripe_refund_id, by=None) -> None:
    """Under the payment + refund locks."""
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
    _set_payment_status(payment, status, by, refund=refund.pk, amount=refund.amount)
    _email(payment.application, "refunded")
    if payment.invoices.filter(kind="invoice").exists():
        transaction.on_commit(lambda: tasks.issue_correction.enqueue(refund.pk))


# --- payment: bank transfer and free -------------------------------------------------------------------


def transfer_reference(application: ExhibitorApplication) -> str:
    return f"PES-{application.fair_id}-{application.pk:05d}"


def choose_bank_transfer(application: ExhibitorApplication) -> Payment:
    """Pay an approved application by bank transfer: the stand is held for the fair's transfer days.

    Idempotent: an open transfer payment with an active hold is returned. Locks: stand type,
    application. Emails: "transfer_details" with the account and reference number.
    """
    now = timezone.now()
    with transaction.atomic():
        stand_type, application = _lock_for_application(application.pk)
        if application.status != ApplicationStatus.APPROVED or application.is_free:
            raise FairError(_("Only an approved, paid stand can be paid by bank transfer."))
        existing = (
            Payment.objects.select_for_update(of=("self",))
            .filter(application=application, method=PaymentMethod.TRANSFER, status=PaymentStatus.OPEN)
            .select_related("hold")
            .first()
        )
        if existing and existing.hold and existing.hold.is_active(now):
            return existing
        if Payment.objects.filter(
            application=application, method=PaymentMethod.STRIPE, status=PaymentStatus.PROCESSING
        ).exists():
            raise FairError(
                _("Your payment is being processed by the bank. Please wait for the confirmation.")
            )
        hold = _hold_or_waitlist(
            stand_type, application, now + timedelta(days=application.fair.transfer_days)
        )
        if hold is not None:
            Payment.objects.filter(
                application=application, status__in=(PaymentStatus.CREATED, PaymentStatus.OPEN)
            ).update(status=PaymentStatus.EXPIRED)
            application.transfer_reference = transfer_reference(application)
            application.payment_method = PaymentMethod.TRANSFER
            application.save()
            payment = Payment.objects.create(
                application=application,
                hold=hold,
                method=PaymentMethod.TRANSFER,
                amount=application.amount_gross,
                status=PaymentStatus.OPEN,
            )
            _audit(
                application,
                "events.payment.transfer_chosen",
                payment=payment.pk,
                reference=application.transfer_reference,
            )
            _email(application, "transfer_details")
    if hold is None:
        raise SoldOut(_("This stand type is sold out. You are on the waiting list; we will email you."))
    return payment


def mark_transfer_paid(application: ExhibitorApplication, *, by=None) -> Payment:
    """Staff record that the bank transfer arrived. Idempotent for an already paid transfer.

    A transfer that arrives after its hold expired re-checks capacity (waitlisted if the stand is gone,
    flagged for a manual refund). Locks: stand type, application, payment. Emails: "confirmed" and the
    invoice.
    """
    with transaction.atomic():
        stand_type, application = _lock_for_application(application.pk)
        payment = (
            Payment.objects.select_for_update(of=("self",))
            .filter(application=application, method=PaymentMethod.TRANSFER)
            .select_related("hold")
            .order_by("-pk")
            .first()
        )
        if payment is None:
            raise FairError(_("This application has no bank transfer to mark as paid."))
        if payment.status in Payment.MONEY_RECEIVED_STATES:
            return payment
        hold_was_active = bool(payment.hold and payment.hold.is_active())
        payment.paid_at = timezone.now()
        _set_payment_status(payment, PaymentStatus.PAID, by, reference=application.transfer_reference)
        _settle_money_received(stand_type, application, payment, hold_was_active, by)
    return payment


# --- after confirmation --------------------------------------------------------------------------


def cancel_application(application: ExhibitorApplication, *, by=None) -> ExhibitorApplication:
    """The applicant withdraws before the fair's cancellation deadline.

    Releases holds, leaves the waitlist, and refunds a received payment by the fair's refund percentage.
    The freed place goes to the waitlist. Locks: stand type, application, payments. Emails: "cancelled".
    """
    with transaction.atomic():
        stand_type, application = _lock_for_application(application.pk)
        if application.status not in (*OPEN_STATUSES, ApplicationStatus.CONFIRMED):
            raise FairError(_("This application cannot be cancelled."))
        if not application.fair.allows_cancellation():
            raise FairError(_("The cancellation deadline for this fair has passed."))
        _release_holds(application)
        WaitlistEntry.objects.filter(application=application).delete()
        paid = list(
            Payment.objects.select_for_update(of=("self",))
            .filter(
                application=application, status__in=(PaymentStatus.PAID, PaymentStatus.PARTIALLY_REFUNDED)
            )
            .order_by("pk")
        )
        _set_status(application, ApplicationStatus.CANCELLED, by)
        refunds = []
        percent = application.fair.cancellation_refund_percent
        for payment in paid:
            amount = min(proportional(percent, 100, payment.amount), payment.refundable_amount)
            if amount > 0:
                refunds.append((payment, amount))
        _email(application, "cancelled")
        notify_waitlist(stand_type)
    for payment, amount in refunds:
        try:
            refund_payment(payment, amount, by=by, reason=Refund.Reason.CANCELLED)
        except FairError:
            logger.exception(
                "Refund after cancellation of application %s needs staff attention", application.pk
            )
    return application


def assign_stand_number(application: ExhibitorApplication, number: str, *, by=None) -> ExhibitorApplication:
    """Give a confirmed application its stand number, from the stand type's list when it has one.

    Unique per fair. Locks: stand type, application. Emails: "stand_number".
    """
    number = (number or "").strip()
    with transaction.atomic():
        stand_type, application = _lock_for_application(application.pk)
        if application.status != ApplicationStatus.CONFIRMED:
            raise FairError(_("Stand numbers are assigned to confirmed applications only."))
        allowed = stand_type.stand_number_list
        if not number or (allowed and number not in allowed):
            raise FairError(_("Choose a stand number from the list for this stand type."))
        application.stand_number = number
        try:
            with transaction.atomic():
                application.save()
        except IntegrityError as error:
            raise FairError(_("Stand %(number)s is already taken.") % {"number": number}) from error
        _audit(application, "events.application.stand_assigned", by, stand=number)
        _email(application, "stand_number")
    return application


def addons_of(fair: Fair, ids) -> list[StandAddon]:
    return list(StandAddon.objects.filter(fair=fair, pk__in=ids))


# --- public lists and session sign-up ----------------------------------------------------------


def public_exhibitors(fair: Fair):
    """Confirmed exhibitors of a fair, by stand number; each links to its catalogue profile if a member."""
    return (
        fair.applications.filter(status=ApplicationStatus.CONFIRMED)
        .select_related("organisation", "stand_type")
        .order_by("stand_number", "organisation_name")
    )


def session_places_left(session) -> int | None:
    if session.capacity is None:
        return None
    taken = session.registrations.filter(waitlisted=False).count()
    return max(session.capacity - taken, 0)


def register_for_session(session, *, name: str, email: str, language: str | None = None):
    """Free sign-up for a programme session; beyond capacity the visitor joins the waiting list.

    Idempotent per email (the same person signing up twice gets the first registration back).
    Locks: the session row (independent of the stand locks). A session is one row for every language of
    its event page, so a place taken on a translated page counts once. Emails: "session_registration".
    """
    from .pages import EventSession, SessionRegistration

    email = email.strip().lower()
    with transaction.atomic():
        session = EventSession.objects.select_for_update().get(pk=session.pk)
        if not session.requires_signup:
            raise FairError(_("This session does not need a sign-up."))
        if session.page.ends_at < timezone.now():
            raise FairError(_("This event has already taken place."))
        existing = SessionRegistration.objects.filter(session=session, email=email).first()
        if existing:
            return existing
        places = session_places_left(session)
        registration = SessionRegistration.objects.create(
            session=session,
            name=name.strip(),
            email=email,
            waitlisted=places is not None and places <= 0,
            language=language or translation.get_language() or settings.LANGUAGE_CODE,
        )
        transaction.on_commit(lambda: tasks.send_session_email.enqueue(registration.pk))
    return registration
