"""An exhibitor's application for a stand: submitted, approved or rejected by staff, cancelled by the
applicant, and given a stand number once confirmed."""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import locking
from ..models import (
    ApplicationStatus,
    ExhibitorApplication,
    Fair,
    Payment,
    PaymentMethod,
    PaymentStatus,
    Refund,
    StandType,
    WaitlistEntry,
)
from ..money import proportional
from ..pricing import application_quote, quote, snapshot_price
from .capacity import available_places, confirm_place, notify_waitlist, put_on_waitlist, release_holds
from .errors import FairError
from .refunds import refund_payment
from .transitions import audit, email_applicant, set_application_status

logger = logging.getLogger(__name__)

# Applications that still want a stand (and may be waitlisted or approved).
OPEN_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.APPROVED, ApplicationStatus.WAITLISTED)


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
        (stand_type,) = locking.lock_stand_types([stand_type.pk])
        sold_out = available_places(stand_type) == 0
        application.status = ApplicationStatus.WAITLISTED if sold_out else ApplicationStatus.SUBMITTED
        snapshot_price(application, quote(stand_type, addons, organisation))
        application.save()
        application.addons.set(addons)
        if sold_out:
            WaitlistEntry.objects.create(stand_type=stand_type, application=application)
        audit(application, "events.application.submitted", user, status=application.status)
        email_applicant(application, "waitlisted" if sold_out else "received")
    if not sold_out and not fair.requires_approval:
        application = approve_application(application)
    return application


def _describe(error: ValidationError) -> str:
    labels = {f.name: str(f.verbose_name) for f in ExhibitorApplication._meta.fields}
    return " ".join(
        f"{labels.get(name, '')}: {' '.join(messages)}".lstrip(": ")
        for name, messages in error.message_dict.items()
    )


def approve_application(application: ExhibitorApplication, *, by=None) -> ExhibitorApplication:
    """Approve a submitted (or waitlisted) application and fix its price.

    A free stand is confirmed at once if a place is left; with no place left the application is
    waitlisted (and goes back to "approved" when one frees up). Idempotent for an already
    approved or confirmed application. Locks: stand type, application. Emails: "approved" with the
    amount due and the pay link, or "confirmed" for a free stand.
    """
    with transaction.atomic():
        locks = locking.lock_application(application.pk)
        stand_type, application = locks.stand_type, locks.application
        if application.status in (ApplicationStatus.APPROVED, ApplicationStatus.CONFIRMED):
            return application
        if application.status not in (ApplicationStatus.SUBMITTED, ApplicationStatus.WAITLISTED):
            raise FairError(_("Only a submitted application can be approved."))
        snapshot_price(application, application_quote(application))
        application.approved_at = timezone.now()
        if available_places(stand_type) == 0:
            put_on_waitlist(application, stand_type, by)
            return application
        if application.is_free:
            application.payment_method = PaymentMethod.FREE
            confirm_place(application, by)
            return application
        WaitlistEntry.objects.filter(application=application).delete()
        set_application_status(
            application, ApplicationStatus.APPROVED, by, amount_gross=application.amount_gross
        )
        email_applicant(application, "approved")
    return application


def reject_application(application: ExhibitorApplication, reason: str, *, by=None) -> ExhibitorApplication:
    """Reject an application that is not paid, with a reason sent to the applicant.

    Releases its holds. Locks: stand type, application. Emails: "rejected".
    """
    if not (reason or "").strip():
        raise FairError(_("Give a reason for the rejection."))
    with transaction.atomic():
        application = locking.lock_application(application.pk).application
        if application.status not in OPEN_STATUSES:
            raise FairError(_("Only an application that is not confirmed can be rejected."))
        if Payment.objects.filter(application=application, status__in=Payment.MONEY_RECEIVED_STATES).exists():
            raise FairError(_("This application has been paid; refund it before rejecting."))
        release_holds(application)
        WaitlistEntry.objects.filter(application=application).delete()
        application.rejection_reason = reason.strip()
        set_application_status(application, ApplicationStatus.REJECTED, by, reason=reason)
        email_applicant(application, "rejected")
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


def cancel_application(application: ExhibitorApplication, *, by=None) -> ExhibitorApplication:
    """The applicant withdraws before the fair's cancellation deadline.

    Releases holds, leaves the waitlist, and refunds a received payment by the fair's refund percentage.
    The freed place goes to the waitlist. Locks: stand type, application, payments. Emails: "cancelled".
    """
    with transaction.atomic():
        locks = locking.lock_application(application.pk)
        stand_type, application = locks.stand_type, locks.application
        if application.status not in (*OPEN_STATUSES, ApplicationStatus.CONFIRMED):
            raise FairError(_("This application cannot be cancelled."))
        if not application.fair.allows_cancellation():
            raise FairError(_("The cancellation deadline for this fair has passed."))
        release_holds(application)
        WaitlistEntry.objects.filter(application=application).delete()
        paid = locking.lock_payments(
            Payment.objects.filter(
                application=application, status__in=(PaymentStatus.PAID, PaymentStatus.PARTIALLY_REFUNDED)
            )
        )
        set_application_status(application, ApplicationStatus.CANCELLED, by)
        refunds = []
        percent = application.fair.cancellation_refund_percent
        for payment in paid:
            amount = min(proportional(percent, 100, payment.amount), payment.refundable_amount)
            if amount > 0:
                refunds.append((payment, amount))
        email_applicant(application, "cancelled")
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
        locks = locking.lock_application(application.pk)
        stand_type, application = locks.stand_type, locks.application
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
        audit(application, "events.application.stand_assigned", by, stand=number)
        email_applicant(application, "stand_number")
    return application
