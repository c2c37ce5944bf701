"""Paying by bank transfer: the stand is held for the fair's transfer days, and staff record the money."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import locking
from ..models import ApplicationStatus, ExhibitorApplication, Payment, PaymentMethod, PaymentStatus, Stand
from .capacity import hold_or_waitlist
from .errors import FairError, SoldOut
from .payments import settle_money_received
from .stands import check_stand_choice
from .transitions import audit, email_applicant, set_payment_status


def transfer_reference(application: ExhibitorApplication) -> str:
    return f"PES-{application.fair_id}-{application.pk:05d}"


def choose_bank_transfer(application: ExhibitorApplication, stand: Stand | None = None) -> Payment:
    """Pay an approved application by bank transfer: the stand is held for the fair's transfer days.

    With a floor plan the chosen stand (`stand`, or the one chosen before) is part of the hold, checked
    under its lock like in start_checkout (StandTaken offers the nearest free stands).

    Idempotent: an open transfer payment with an active hold is returned. Locks: stand type,
    application, its open transfer. Emails: "transfer_details" with the account and reference number.
    """
    now = timezone.now()
    stand_id = stand.pk if stand else application.stand_id
    with transaction.atomic():
        locks = locking.lock_application(application.pk, stand_id)
        stand_type, application = locks.stand_type, locks.application
        if application.status != ApplicationStatus.APPROVED or application.is_free:
            raise FairError(_("Only an approved, paid stand can be paid by bank transfer."))
        existing = locking.lock_payments(
            Payment.objects.open_transfers().filter(application=application, status=PaymentStatus.OPEN)
        )
        active = [
            payment
            for payment in existing
            if payment.hold and payment.hold.is_active(now) and payment.hold.stand_id == stand_id
        ]
        if active:
            return active[-1]
        if Payment.objects.filter(
            application=application, method=PaymentMethod.STRIPE, status=PaymentStatus.PROCESSING
        ).exists():
            raise FairError(
                _("Your payment is being processed by the bank. Please wait for the confirmation.")
            )
        if locks.stand is not None:
            check_stand_choice(locks, now)
        hold = hold_or_waitlist(
            stand_type, application, now + timedelta(days=application.fair.transfer_days), stand=locks.stand
        )
        if hold is not None:
            application.stand = locks.stand
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
            audit(
                application,
                "events.payment.transfer_chosen",
                payment=payment.pk,
                reference=application.transfer_reference,
            )
            email_applicant(application, "transfer_details")
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
        locks = locking.lock_application(application.pk)
        stand_type, application = locks.stand_type, locks.application
        transfers = Payment.objects.filter(application=application, method=PaymentMethod.TRANSFER)
        latest = transfers.order_by("-pk").values_list("pk", flat=True).first()
        if latest is None:
            raise FairError(_("This application has no bank transfer to mark as paid."))
        (payment,) = locking.lock_payments(transfers.filter(pk=latest).select_related("hold"))
        if payment.status in Payment.MONEY_RECEIVED_STATES:
            return payment
        hold_was_active = bool(payment.hold and payment.hold.is_active())
        payment.paid_at = timezone.now()
        set_payment_status(payment, PaymentStatus.PAID, by, reference=application.transfer_reference)
        settle_money_received(stand_type, application, payment, hold_was_active, by)
    return payment
