"""How many stands are left, and the holds and waiting list that share them out.

Capacity = places of the stand type - confirmed applications - active holds. It is exact only while
the stand type's lock is held (events.locking), which every function here that changes it requires.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import locking
from ..models import (
    ApplicationStatus,
    ExhibitorApplication,
    Payment,
    PaymentStatus,
    StandHold,
    StandType,
    WaitlistEntry,
)
from ..pricing import application_quote, snapshot_price
from .errors import SoldOut
from .stands import settle_chosen_stand
from .transitions import email_applicant, set_application_status, set_payment_status

# Stripe requires a Checkout Session to live at least 30 minutes; the hold lives exactly as long as the
# session, plus a minute so the session's expires_at is still >= 30 min when Stripe receives it.
HOLD_MINUTES = 31


def hold_expiry(now=None):
    """The one rule for how long a stand is held while its applicant pays online."""
    return (now or timezone.now()) + timedelta(minutes=HOLD_MINUTES)


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


def release_holds(application: ExhibitorApplication, now=None) -> int:
    now = now or timezone.now()
    return StandHold.objects.filter(application=application, released_at__isnull=True).update(released_at=now)


def release_hold(hold_id: int | None) -> None:
    if hold_id:
        StandHold.objects.filter(pk=hold_id).update(released_at=timezone.now())


def take_hold(stand_type: StandType, application: ExhibitorApplication, expires_at, stand=None) -> StandHold:
    """Hold one stand (the one chosen on the plan, if given). The caller MUST hold the stand type's lock
    (and the stand's, checked with stands.check_stand_choice). Raises SoldOut."""
    release_holds(application)
    if available_places(stand_type) <= 0:
        raise SoldOut(_("This stand type is sold out. You can join the waiting list."))
    return StandHold.objects.create(
        stand_type=stand_type, application=application, expires_at=expires_at, stand=stand
    )


def hold_or_waitlist(
    stand_type: StandType, application: ExhibitorApplication, expires_at, stand=None
) -> StandHold | None:
    """Under the stand type + application locks: a hold, or the waiting list when none is left."""
    try:
        return take_hold(stand_type, application, expires_at, stand)
    except SoldOut:
        put_on_waitlist(application, stand_type)
        return None


def put_on_waitlist(application: ExhibitorApplication, stand_type: StandType, by=None) -> None:
    """Under the stand type + application locks. Emails: "waitlisted"."""
    WaitlistEntry.objects.get_or_create(application=application, defaults={"stand_type": stand_type})
    set_application_status(application, ApplicationStatus.WAITLISTED, by)
    email_applicant(application, "waitlisted")


def confirm_place(application: ExhibitorApplication, by=None) -> None:
    """Under the stand type + application locks: the application takes its stand for good.
    Emails: "confirmed"."""
    release_holds(application)
    WaitlistEntry.objects.filter(application=application).delete()
    settle_chosen_stand(application, by)
    application.confirmed_at = timezone.now()
    set_application_status(application, ApplicationStatus.CONFIRMED, by)
    email_applicant(application, "confirmed")


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
        application = locking.lock_waitlisted_application(entry.application_id)
        if application.status == ApplicationStatus.WAITLISTED and (
            application.approved_at or not application.fair.requires_approval
        ):
            snapshot_price(application, application_quote(application))
            set_application_status(application, ApplicationStatus.APPROVED, reason="place freed")
        email_applicant(application, "place_free")
    return len(entries)


def expire_holds(now=None) -> int:
    """Release holds whose time is up and expire the payments waiting on them; notify the waitlist.

    Safe to run at any time (capacity already ignores expired holds). Locks: each stand type, in pk
    order (one short transaction each), then waitlisted applications, then the expired payments.
    Emails: "place_free" to waitlisted applicants.
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
            (stand_type,) = locking.lock_stand_types([stand_type_id])
            holds = list(
                StandHold.objects.filter(stand_type=stand_type, released_at__isnull=True, expires_at__lte=now)
            )
            released += StandHold.objects.filter(pk__in=[h.pk for h in holds]).update(released_at=now)
            notify_waitlist(stand_type)
            waiting = Payment.objects.filter(
                hold__in=holds, status__in=(PaymentStatus.CREATED, PaymentStatus.OPEN)
            )
            for payment in locking.lock_payments(waiting):
                set_payment_status(payment, PaymentStatus.EXPIRED, reason="hold expired")
    return released
