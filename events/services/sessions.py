"""Free sign-ups for the sessions of an event's programme, with a waiting list beyond capacity.

A sign-up can be cancelled by the link in its email; the freed place is offered to the first person
waiting, held for them for CLAIM_HOURS, and claimed by the link in their email. An unclaimed offer lapses
(expire_session_offers) and the place goes on to the next person.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .. import locking, tasks
from ..models import EventSession, SessionRegistration
from .errors import FairError
from .transitions import audit

CLAIM_HOURS = 24


def _holding(now: datetime | None = None) -> Q:
    """Sign-ups that hold a place: not waiting, not cancelled, and an offer only until it lapses."""
    now = now or timezone.now()
    return Q(waitlisted=False, cancelled_at__isnull=True) & (
        Q(offer_expires_at__isnull=True) | Q(offer_expires_at__gt=now)
    )


def session_places_left(session: EventSession) -> int | None:
    """Places not yet taken, or None for a session without a capacity."""
    if session.capacity is None:
        return None
    taken = session.registrations.filter(_holding()).count()
    return max(session.capacity - taken, 0)


def register_for_session(
    session: EventSession, *, name: str, email: str, language: str | None = None
) -> SessionRegistration:
    """Free sign-up for a programme session; beyond capacity the visitor joins the waiting list.

    Idempotent per email (the same person signing up twice gets the first registration back; one who
    cancelled signs up afresh, at the end of the queue). Locks: the session row (independent of the stand
    locks). A session is one row for every language of its event page, so a place taken on a translated
    page counts once. Emails: "session_registration".
    """
    email = email.strip().lower()
    with transaction.atomic():
        session = locking.lock_session(session.pk)
        if not session.requires_signup:
            raise FairError(_("This session does not need a sign-up."))
        if session.page.ends_at < timezone.now():
            raise FairError(_("This event has already taken place."))
        existing = SessionRegistration.objects.filter(session=session, email=email).first()
        if existing and existing.cancelled_at is None:
            return existing
        if existing:
            existing.delete()
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


def cancel_session_registration(registration: SessionRegistration) -> SessionRegistration:
    """Cancel a sign-up (by the link in its email); its place is offered to the first person waiting.

    Idempotent. Locks: the session row. Emails: "session_place_offered" to the next person.
    """
    with transaction.atomic():
        session = locking.lock_session(registration.session_id)
        registration = SessionRegistration.objects.get(pk=registration.pk)
        if registration.cancelled_at is None:
            registration.cancelled_at = timezone.now()
            registration.offer_expires_at = None
            registration.save(update_fields=["cancelled_at", "offer_expires_at"])
            audit(session.page, "events.session.cancelled", registration=registration.pk, session=session.pk)
            _offer_free_places(session)
    return registration


def claim_session_place(registration: SessionRegistration) -> SessionRegistration:
    """The person offered a freed place takes it before the offer lapses. Locks: the session row."""
    with transaction.atomic():
        session = locking.lock_session(registration.session_id)
        registration = SessionRegistration.objects.get(pk=registration.pk)
        if registration.cancelled_at is not None:
            raise FairError(_("This offer has expired. The place went to the next person waiting."))
        if registration.offer_expires_at is None:
            return registration  # already claimed, or a place from the start
        if registration.offer_expires_at <= timezone.now():
            raise FairError(_("This offer has expired. The place went to the next person waiting."))
        registration.offer_expires_at = None
        registration.save(update_fields=["offer_expires_at"])
        audit(session.page, "events.session.claimed", registration=registration.pk)
        transaction.on_commit(lambda: tasks.send_session_email.enqueue(registration.pk))
    return registration


def _offer_free_places(session: EventSession) -> None:
    """Offer each free place to the next person waiting; the caller holds the session's lock."""
    free = session_places_left(session)
    if not free or session.page.ends_at < timezone.now():
        return
    waiting = session.registrations.filter(waitlisted=True, cancelled_at__isnull=True).order_by(
        "created_at", "pk"
    )[:free]
    for registration in waiting:
        registration.waitlisted = False
        registration.offer_expires_at = timezone.now() + timedelta(hours=CLAIM_HOURS)
        registration.save(update_fields=["waitlisted", "offer_expires_at"])
        audit(session.page, "events.session.offered", registration=registration.pk, session=session.pk)
        transaction.on_commit(
            lambda pk=registration.pk: tasks.send_session_email.enqueue(pk, "session_place_offered")
        )


def expire_session_offers(now: datetime | None = None) -> int:
    """Lapse unclaimed offers and offer their places on. Run by the scheduler; idempotent."""
    now = now or timezone.now()
    lapsed = SessionRegistration.objects.filter(offer_expires_at__lte=now, cancelled_at__isnull=True)
    count = 0
    for session_id in sorted(set(lapsed.values_list("session_id", flat=True))):
        with transaction.atomic():
            session = locking.lock_session(session_id)
            count += lapsed.filter(session_id=session_id).update(cancelled_at=now)
            _offer_free_places(session)
    return count
