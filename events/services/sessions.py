"""Free sign-ups for the sessions of an event's programme, with a waiting list beyond capacity."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .. import locking, tasks
from ..models import EventSession, SessionRegistration
from .errors import FairError


def session_places_left(session: EventSession) -> int | None:
    """Places not yet taken, or None for a session without a capacity."""
    if session.capacity is None:
        return None
    taken = session.registrations.filter(waitlisted=False).count()
    return max(session.capacity - taken, 0)


def register_for_session(
    session: EventSession, *, name: str, email: str, language: str | None = None
) -> SessionRegistration:
    """Free sign-up for a programme session; beyond capacity the visitor joins the waiting list.

    Idempotent per email (the same person signing up twice gets the first registration back).
    Locks: the session row (independent of the stand locks). A session is one row for every language of
    its event page, so a place taken on a translated page counts once. Emails: "session_registration".
    """
    email = email.strip().lower()
    with transaction.atomic():
        session = locking.lock_session(session.pk)
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
