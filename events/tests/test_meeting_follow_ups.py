"""After the fair both sides of each booked meeting are asked once whether a quote or a deal followed;
the answers are recorded by token links, shown to staff and summed in the grant report."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import translation
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from config.core.management.commands.run_scheduler import JOBS
from events.attendance_reports import attendance_xlsx, event_attendance
from events.models import FollowUp, MeetingSlot
from events.services import meetings
from events.services.meeting_follow_ups import ask_meeting_follow_ups, record_follow_up

from .meeting_fixtures import buyer
from .visitor_fixtures import link_in

pytestmark = pytest.mark.django_db


def _questions_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to and "/wynik/" in message.body]


@pytest.fixture
def booked(fair_page, slots):
    ticket = buyer(fair_page, "zamowienia@gdansk.example.org", name="Ewa Zamawiająca")
    ticket.language = "pl"  # each side is asked in their own language
    ticket.save(update_fields=["language"])
    return meetings.book_meeting(ticket, slots[0].pk)


def test_both_sides_are_asked_once_a_day_after_the_fair_and_not_before(
    booked, fair, exhibitor, django_capture_on_commit_callbacks
):
    assert (3600, ["ask_meeting_follow_ups"]) in JOBS
    with django_capture_on_commit_callbacks(execute=True):
        assert ask_meeting_follow_ups(now=fair.ends_at + timedelta(hours=20)) == 0
    assert not _questions_to("zamowienia@gdansk.example.org") and not _questions_to(exhibitor.contact_email)
    after = fair.ends_at + timedelta(days=1, minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert ask_meeting_follow_ups(now=after) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert ask_meeting_follow_ups(now=after + timedelta(hours=1)) == 0  # the next run asks nobody again
    to_buyer, to_exhibitor = (
        _questions_to("zamowienia@gdansk.example.org"),
        _questions_to(exhibitor.contact_email),
    )
    assert len(to_buyer) == 1 and len(to_exhibitor) == 1
    booked.refresh_from_db()
    assert str(booked.buyer_follow_up_token) in link_in(to_buyer[0])
    assert str(booked.exhibitor_follow_up_token) in link_in(to_exhibitor[0])
    assert booked.buyer_follow_up_token != booked.exhibitor_follow_up_token
    assert to_buyer[0].subject.endswith("czy coś z niego wynikło?")
    assert to_exhibitor[0].subject.endswith("did anything follow?")  # this exhibitor applied in English
    assert (
        exhibitor.organisation_name in to_buyer[0].body and booked.ticket.organisation in to_exhibitor[0].body
    )


def test_each_side_answers_by_its_link_audited_and_staff_see_it_in_the_grid_and_export(
    client, admin_client, booked, fair, fair_page
):
    ask_meeting_follow_ups(now=fair.ends_at + timedelta(days=2))
    booked.refresh_from_db()
    buyer_url = f"/targi/spotkanie/{booked.buyer_follow_up_token}/wynik/"
    form = client.get(buyer_url)
    assert (
        form.status_code == 200 and "Czy po spotkaniu pojawiło się zapytanie ofertowe lub umowa?" in form.text
    )
    assert "no-store" in form["Cache-Control"]
    saved = client.post(buyer_url, {"answer": "quote", "value_net": "999"})
    assert saved.status_code == 200 and "odpowiedź została zapisana" in saved.text
    client.post(
        f"/targi/spotkanie/{booked.exhibitor_follow_up_token}/wynik/",
        {"answer": "contract", "value_net": "12000,50"},
    )
    booked.refresh_from_db()
    assert (
        booked.buyer_follow_up == FollowUp.QUOTE and booked.buyer_value_net is None
    )  # no contract, no value
    assert booked.exhibitor_follow_up == FollowUp.CONTRACT and booked.exhibitor_value_net == Decimal(
        "12000.50"
    )
    assert booked.outcome == FollowUp.CONTRACT and booked.deal_value == Decimal("12000.50")
    answers = ModelLogEntry.objects.filter(action="events.meeting.follow_up_answered")
    assert sorted(entry.data["side"] for entry in answers) == ["buyer", "exhibitor"]
    grid = admin_client.get(f"/admin/goscie/{fair_page.pk}/spotkania/").content.decode()
    assert "Poproszono o ofertę" in grid and "Podpisano umowę" in grid
    csv = admin_client.get(f"/admin/goscie/{fair_page.pk}/spotkania/?export=csv").content.decode()
    assert "Poproszono o ofertę,Podpisano umowę,12000.50" in csv


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"answer": "maybe"}, "Wybierz poprawną wartość"),
        ({"answer": "contract", "value_net": "-5"}, "większa lub równa 0"),
        ({"answer": "contract", "value_net": "dużo"}, "Wpisz liczbę"),
        ({}, "To pole jest wymagane"),
    ],
)
def test_a_bad_answer_is_refused_with_a_polish_400_and_records_nothing(client, booked, fair, data, error):
    ask_meeting_follow_ups(now=fair.ends_at + timedelta(days=2))
    booked.refresh_from_db()
    response = client.post(f"/targi/spotkanie/{booked.buyer_follow_up_token}/wynik/", data)
    assert response.status_code == 400 and error in response.text
    booked.refresh_from_db()
    assert booked.buyer_follow_up == "" and booked.buyer_answered_at is None


def test_an_unknown_link_is_404(client, booked):
    assert client.get("/targi/spotkanie/00000000-0000-0000-0000-000000000000/wynik/").status_code == 404


def test_the_attendance_report_sums_the_fairs_meetings_follow_ups_and_deals_once(
    fair_page, slots, fair, make_application
):
    first, second, third = (buyer(fair_page, f"kupujacy{n}@example.org") for n in range(3))
    deal = meetings.book_meeting(first, slots[0].pk)
    quote = meetings.book_meeting(second, slots[1].pk)
    meetings.book_meeting(third, slots[2].pk)  # no answer
    record_follow_up(deal, "buyer", FollowUp.CONTRACT, Decimal("9000"))
    record_follow_up(deal, "exhibitor", FollowUp.CONTRACT, Decimal("10000"))  # counted once, the buyer's
    record_follow_up(quote, "exhibitor", FollowUp.QUOTE, Decimal("5000"))  # a quote carries no value
    other_fair_slot = MeetingSlot.objects.exclude(application__fair=fair).count()
    assert other_fair_slot == 0
    figures = event_attendance(fair_page).matchmaking
    assert (figures.held, figures.answered, figures.follow_ups, figures.deals) == (3, 2, 2, 1)
    assert figures.value_net == Decimal("9000")
    with translation.override("pl"):
        sheet = load_workbook(io.BytesIO(attendance_xlsx(event_attendance(fair_page)))).active
    rows = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert rows["Spotkania zarezerwowane na targach"] == "3"
    assert rows["Podpisane umowy"] == "1" and rows["Wartość umów netto (zł)"] == "9000.00"


def test_the_buyers_answer_is_in_their_export_and_survives_erasure_without_its_link(booked, fair):
    from events import visitor_retention

    ask_meeting_follow_ups(now=fair.ends_at + timedelta(days=2))
    booked.refresh_from_db()
    record_follow_up(booked, "buyer", FollowUp.CONTRACT, Decimal("2500"))
    exported = visitor_retention.export_for("zamowienia@gdansk.example.org")["meetings"]
    assert exported[0]["follow_up"] == "contract" and exported[0]["follow_up_value_net"] == "2500.00"
    visitor_retention.erase_for("zamowienia@gdansk.example.org")
    booked.refresh_from_db()
    assert booked.buyer_follow_up_token is None and booked.exhibitor_follow_up_token is not None
    assert booked.buyer_follow_up == FollowUp.CONTRACT and booked.buyer_value_net == Decimal("2500")
