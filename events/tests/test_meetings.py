"""Buyer–supplier meetings: exhibitors publish 15-minute slots, buyers book up to the limit, both get
the schedule by email with an .ics, and staff see the grid and export it formula-safe."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import MeetingSlot
from events.services import FairError, meetings

from .meeting_fixtures import buyer
from .visitor_fixtures import last_mail_to

pytestmark = pytest.mark.django_db


def test_an_exhibitor_publishes_quarter_hour_slots_within_the_fair_day_from_their_page(
    client, exhibitor, fair
):
    start = timezone.localtime(fair.starts_at)  # the form offers the fair day's quarter hours, local time
    response = client.post(
        f"/targi/zgloszenie/{exhibitor.access_token}/spotkania/",
        {"start": start.isoformat(), "end": (start + timedelta(minutes=45)).isoformat()},
    )
    assert response.status_code == 302
    assert [slot.starts_at - start for slot in exhibitor.meeting_slots.all()] == [
        timedelta(minutes=0),
        timedelta(minutes=15),
        timedelta(minutes=30),
    ]
    with pytest.raises(FairError):
        meetings.publish_slots(exhibitor, fair.ends_at, fair.ends_at + timedelta(hours=1))


def test_a_buyer_books_up_to_the_limit_and_both_sides_get_the_schedule_as_ics(
    client, fair_page, slots, exhibitor, django_capture_on_commit_callbacks
):
    ticket = buyer(fair_page, "zamowienia@gdansk.example.org", name="Ewa Zamawiająca")
    url = f"/targi/bilet/{ticket.token}/spotkania/rezerwuj/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"slot": slots[0].pk})
        client.post(url, {"slot": slots[2].pk})
    client.post(url, {"slot": slots[3].pk})  # over the limit of two
    assert list(ticket.meetings.order_by("starts_at")) == [slots[0], slots[2]]
    buyer_mail = last_mail_to("zamowienia@gdansk.example.org")
    name, calendar, kind = buyer_mail.attachments[0]
    assert kind == "text/calendar" and calendar.count("BEGIN:VEVENT") == 2
    assert exhibitor.organisation_name in calendar
    exhibitor_mail = last_mail_to(exhibitor.contact_email)
    assert "Ewa Zamawiająca" in exhibitor_mail.attachments[0][1]
    ics = client.get(f"/targi/bilet/{ticket.token}/spotkania.ics")
    assert ics["Content-Type"].startswith("text/calendar") and ics.content.decode().count("BEGIN:VEVENT") == 2


def test_a_slot_is_never_booked_twice_nor_a_buyer_in_two_places_at_once(
    fair_page, slots, exhibitor, make_application
):
    first = buyer(fair_page, "a@example.org")
    second = buyer(fair_page, "b@example.org")
    meetings.book_meeting(first, slots[0].pk)
    with pytest.raises(FairError):
        meetings.book_meeting(second, slots[0].pk)
    other = meetings.publish_slots(
        __import__("events").services.approve_application(make_application(contact_email="x@example.org")),
        slots[0].starts_at,
        slots[0].ends_at,
    )[0]
    with pytest.raises(FairError):
        meetings.book_meeting(first, other.pk)


def test_residents_and_unconfirmed_tickets_cannot_book(fair_page, slots):
    from .visitor_fixtures import register

    resident = buyer(fair_page, "r@example.org", participant_type="resident", sector="private")
    pending = register(fair_page, "p@example.org", participant_type="company")
    for ticket in (resident, pending):
        with pytest.raises(FairError):
            meetings.book_meeting(ticket, slots[0].pk)
    assert not MeetingSlot.objects.filter(ticket__isnull=False).exists()


def test_staff_grid_shows_bookings_and_its_csv_export_is_formula_safe(admin_client, fair_page, slots):
    ticket = buyer(fair_page, "a@example.org", name='=HYPERLINK("http://evil")')
    meetings.book_meeting(ticket, slots[1].pk)
    grid = admin_client.get(f"/admin/goscie/{fair_page.pk}/spotkania/")
    assert grid.status_code == 200 and "HYPERLINK" in grid.content.decode()
    csv = admin_client.get(f"/admin/goscie/{fair_page.pk}/spotkania/?export=csv").content.decode()
    assert "'=HYPERLINK" in csv and "\n=HYPERLINK" not in csv and ",=HYPERLINK" not in csv
