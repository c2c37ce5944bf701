"""The last ticket and a meeting slot are never given twice: threads on their own PostgreSQL
connections go through the real views at the same moment.

Checked by hand on 2026-11-30: with `locking.lock_event_page` taken out of register_visitor the ticket
test fails (several registrations held the last place), and with `locking.lock_meeting_slot` replaced by
a plain read the slot test fails (two buyers booked one slot)."""

import threading

import pytest
from django.core.cache import cache
from django.db import connection, connections
from django.test import Client, override_settings
from wagtail.models import ModelLogEntry

from events.models import TicketStatus, VisitorTicket

from .visitor_fixtures import make_event_page

pytestmark = pytest.mark.django_db(transaction=True)


def run_at_once(count: int, work) -> list:
    barrier = threading.Barrier(count)
    outcomes, lock = [], threading.Lock()

    def runner(number):
        try:
            barrier.wait()
            outcome = work(number)
            with lock:
                outcomes.append(outcome)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes


@override_settings(PUBLIC_FORM_RATE_LIMITS={"visitor_registration": 1000})
def test_twenty_people_registering_at_once_for_the_last_ticket_get_it_once():
    assert connection.vendor == "postgresql"
    cache.clear()
    page = make_event_page(capacity=3, slug="ostatni-bilet")
    for number in range(2):
        VisitorTicket.objects.create(
            page=page,
            name=f"Wcześniej {number}",
            email=f"early{number}@example.org",
            participant_type="resident",
            sector="private",
            status=TicketStatus.CONFIRMED,
            consent_at=page.starts_at,
        )

    def register(number):
        response = Client().post(
            f"/targi/wydarzenie/{page.pk}/rejestracja/",
            {
                "name": f"Osoba {number}",
                "email": f"p{number}@example.org",
                "organisation": "",
                "participant_type": "resident",
                "sector": "private",
                "consent_privacy": "on",
            },
        )
        return response.status_code

    assert run_at_once(20, register) == [200] * 20
    tickets = VisitorTicket.objects.filter(email__startswith="p")
    assert tickets.count() == 20
    assert tickets.filter(status=TicketStatus.PENDING).count() == 1
    assert tickets.filter(status=TicketStatus.WAITLISTED).count() == 19


def test_ten_buyers_pressing_book_at_once_on_one_slot_get_it_once(fair, make_application):
    from events import services
    from events.models import MeetingSlot
    from events.services import meetings

    from .meeting_fixtures import buyer

    page = make_event_page(capacity=50, slug="targi-wyscig", fair=fair)
    exhibitor = services.approve_application(make_application())
    slot = meetings.publish_slots(exhibitor, fair.starts_at, fair.starts_at + meetings.timedelta(minutes=15))[
        0
    ]
    tokens = [buyer(page, f"b{number}@example.org").token for number in range(10)]

    def book(number):
        Client().post(f"/targi/bilet/{tokens[number]}/spotkania/rezerwuj/", {"slot": slot.pk})
        return number

    run_at_once(10, book)
    slot.refresh_from_db()
    assert slot.ticket is not None
    assert MeetingSlot.objects.filter(ticket__isnull=False).count() == 1
    # Without the slot lock the last writer wins silently: several buyers are told (and emailed) that
    # the slot is theirs. Exactly one booking may have happened.
    assert ModelLogEntry.objects.filter(action="events.meeting.booked").count() == 1
