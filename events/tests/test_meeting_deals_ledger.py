"""Deals reported after meetings at the fair feed the social-spend ledger: one line per meeting with the
supplier's organisation and subregion, the buyer's type, the fair's date and the reported value; the
impact page and the open data show it, and it follows later answers and survives the buyer's erasure."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from catalog.procurement.ledger import compute_social_spend
from catalog.procurement.models import ProcurementOutcome
from config.core.privacy import erase_personal_data
from events import services
from events.models import Fair, FollowUp, MeetingSlot, VisitorTicket
from events.services import meetings
from events.services.meeting_follow_ups import ask_meeting_follow_ups, record_follow_up

from .meeting_fixtures import buyer

pytestmark = pytest.mark.django_db

BUYER_EMAIL = "zamowienia@gdynia.example.org"


def held_today(fair: Fair, page) -> None:
    """The fair took place today, so its deals fall into this year's ledger and its follow-ups are due."""
    now = timezone.now()
    dates = {"starts_at": now - timedelta(minutes=2), "ends_at": now - timedelta(minutes=1)}
    Fair.objects.filter(pk=fair.pk).update(**dates)
    type(page).objects.filter(pk=page.pk).update(**dates)
    ask_meeting_follow_ups(now=now + timedelta(days=1, minutes=1))


@pytest.fixture
def meeting(fair, fair_page, make_application, member_organisation) -> MeetingSlot:
    """A public body's buyer met an exhibitor whose application is linked to a catalogue organisation."""
    exhibitor = services.approve_application(make_application(organisation=member_organisation))
    slot = meetings.publish_slots(exhibitor, fair.starts_at, fair.starts_at + timedelta(minutes=15))[0]
    ticket = buyer(fair_page, BUYER_EMAIL)
    VisitorTicket.objects.filter(pk=ticket.pk).update(organisation="Urząd Miasta Gdyni")
    booked = meetings.book_meeting(ticket, slot.pk)
    held_today(fair, fair_page)
    booked.refresh_from_db()
    return booked


def answer(client, token, choice: str, value: str = "") -> None:
    response = client.post(f"/targi/spotkanie/{token}/wynik/", {"answer": choice, "value_net": value})
    assert response.status_code == 200, response.content.decode()


def test_a_buyers_contract_becomes_one_ledger_line_shown_on_the_impact_page(
    client, meeting, member_organisation
):
    before = client.get("/katalog/wplyw-spoleczny/").content.decode()

    answer(client, meeting.buyer_follow_up_token, "contract", "12000,50")

    line = ProcurementOutcome.objects.get()
    meeting.refresh_from_db()
    assert meeting.procurement_outcome == line and line.source == "fair" and line.quote_request is None
    assert (line.awarded_to, line.subregion) == (member_organisation, "metropolitalny_poludniowy")
    assert (line.buyer_type, line.buyer_institution) == ("public_body", "Urząd Miasta Gdyni")
    assert (line.value_net, line.awarded_on, line.contract_type) == (
        1200050,
        timezone.localdate(),
        "ordinary",
    )
    assert line.supplier_confirmed_at is None  # only the buyer said so
    assert ModelLogEntry.objects.filter(action="procurement.fair_deal_recorded").count() == 1
    after = client.get("/katalog/wplyw-spoleczny/").content.decode()
    assert 'data-figure="social-spend-total">0,00\u00a0zł<' in before
    assert 'data-figure="social-spend-fair">0,00\u00a0zł<' in before
    assert 'data-figure="social-spend-total">12\u00a0000,50\u00a0zł<' in after
    assert 'data-figure="social-spend-contracts">1<' in after
    assert 'data-figure="social-spend-fair">12\u00a0000,50\u00a0zł<' in after
    assert "z tego z targów: 1 zamówienie po spotkaniu kupującego z dostawcą" in after
    by_buyer_type = after.split('data-figure="social-spend-by-buyer-type">', 1)[1].split("</dl>", 1)[0]
    assert "<dt>Instytucja publiczna</dt><dd>12\u00a0000,50\u00a0zł</dd>" in by_buyer_type


def test_the_exhibitor_confirms_one_withdrawing_keeps_the_others_word_and_both_remove_the_line(
    client, meeting
):
    before = compute_social_spend()
    answer(client, meeting.buyer_follow_up_token, "contract", "9000")
    answer(client, meeting.exhibitor_follow_up_token, "contract", "10000")
    line = ProcurementOutcome.objects.get()
    assert line.value_net == 900000 and line.supplier_confirmed_at is not None  # the buyer's value
    assert compute_social_spend().confirmed_contracts == before.confirmed_contracts + 1

    answer(client, meeting.buyer_follow_up_token, "nothing")  # the exhibitor still says contract
    line.refresh_from_db()
    assert line.value_net == 1000000 and line.supplier_confirmed_at is not None

    answer(client, meeting.exhibitor_follow_up_token, "quote")
    meeting.refresh_from_db()
    assert not ProcurementOutcome.objects.exists() and meeting.procurement_outcome is None
    after = compute_social_spend()
    assert (after.total_net, after.contracts, after.fair_contracts, after.fair_total_net) == (
        before.total_net,
        before.contracts,
        0,
        0,
    )
    assert ModelLogEntry.objects.filter(action="procurement.fair_deal_withdrawn").count() == 1


def test_the_exhibitor_taking_its_contract_back_unconfirms_the_buyers_line(meeting):
    record_follow_up(meeting, "buyer", FollowUp.CONTRACT, Decimal("3000"))
    record_follow_up(meeting, "exhibitor", FollowUp.CONTRACT, Decimal("4000"))
    line = ProcurementOutcome.objects.get()
    assert line.value_net == 300000 and line.supplier_confirmed_at is not None

    record_follow_up(meeting, "exhibitor", FollowUp.NOTHING, None)

    line.refresh_from_db()
    assert line.value_net == 300000 and line.supplier_confirmed_at is None
    assert compute_social_spend().confirmed_contracts == 0


def test_a_contract_without_any_value_leaves_no_line(meeting):
    record_follow_up(meeting, "exhibitor", FollowUp.CONTRACT, Decimal("4000"))
    record_follow_up(meeting, "buyer", FollowUp.CONTRACT, None)
    assert ProcurementOutcome.objects.get().value_net == 400000  # the buyer gave none: the exhibitor's

    record_follow_up(meeting, "exhibitor", FollowUp.NOTHING, None)

    assert not ProcurementOutcome.objects.exists()  # the buyer's contract has no value to record


def test_answering_again_changes_the_one_line_of_the_meeting(meeting):
    for value in ("5000", "5000", "7000"):
        record_follow_up(meeting, "buyer", FollowUp.CONTRACT, Decimal(value))
        record_follow_up(meeting, "exhibitor", FollowUp.CONTRACT, Decimal(value))

    assert ProcurementOutcome.objects.count() == 1
    assert ProcurementOutcome.objects.get().value_net == 700000
    assert compute_social_spend().fair_contracts == 1
    # Recorded once; the repeated answers changed nothing.
    assert ModelLogEntry.objects.filter(action="procurement.fair_deal_recorded").count() == 1
    # Changed twice: confirmed by the exhibitor's first answer, then 5000 -> 7000.
    assert ModelLogEntry.objects.filter(action="procurement.fair_deal_changed").count() == 2


@pytest.mark.parametrize(
    ("participant_type", "buyer_type", "institution"),
    [
        ("company", "company", ""),  # a company is not named, as in the open data
        ("academia", "public_body", "Urząd Miasta Gdyni"),
        ("resident", "person", ""),
    ],
)
def test_the_buyer_type_follows_the_tickets_participant_type(
    meeting, participant_type, buyer_type, institution
):
    VisitorTicket.objects.filter(pk=meeting.ticket_id).update(participant_type=participant_type)
    meeting.refresh_from_db()

    record_follow_up(meeting, "buyer", FollowUp.CONTRACT, Decimal("100"))

    line = ProcurementOutcome.objects.get()
    assert (line.buyer_type, line.buyer_institution) == (buyer_type, institution)


def test_no_line_without_a_catalogue_organisation_but_the_grant_report_counts_it(meeting):
    from events.services.meeting_follow_ups import fair_matchmaking

    type(meeting.application).objects.filter(pk=meeting.application_id).update(organisation=None)
    meeting.refresh_from_db()

    record_follow_up(meeting, "buyer", FollowUp.CONTRACT, Decimal("800"))

    assert not ProcurementOutcome.objects.exists()
    figures = fair_matchmaking(meeting.application.fair_id)
    assert (figures.deals, figures.value_net) == (1, Decimal("800"))


def test_the_open_data_says_where_the_line_came_from(client, meeting, member_organisation):
    record_follow_up(meeting, "buyer", FollowUp.CONTRACT, Decimal("2500"))

    response = client.get(f"/zakupy/kupuj-spolecznie-{timezone.localdate().year}.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-1] == "Źródło" and len(rows) == 2
    assert (rows[1][1], rows[1][5], rows[1][7], rows[1][-1]) == (
        member_organisation.name,
        "Urząd Miasta Gdyni",
        "2500.00",
        "Targi",
    )


def test_erasing_the_buyers_data_keeps_the_ledger_line(meeting):
    record_follow_up(meeting, "buyer", FollowUp.CONTRACT, Decimal("2500"))
    record_follow_up(meeting, "exhibitor", FollowUp.CONTRACT, None)

    erase_personal_data(BUYER_EMAIL)

    line = ProcurementOutcome.objects.get()
    meeting.refresh_from_db()
    assert meeting.ticket.email != BUYER_EMAIL and meeting.procurement_outcome == line
    assert (line.value_net, line.buyer_type, line.supplier_confirmed_at is not None) == (
        250000,
        "public_body",
        True,
    )
    assert compute_social_spend().fair_total_net == 250000


def test_a_value_beyond_what_the_ledger_takes_is_refused_in_polish(client, meeting):
    response = client.post(
        f"/targi/spotkanie/{meeting.buyer_follow_up_token}/wynik/",
        {"answer": "contract", "value_net": "30000000"},
    )

    assert response.status_code == 400
    assert "Wartość umowy może wynosić najwyżej 21\u00a0474\u00a0836,47\u00a0zł" in response.content.decode()
    assert not ProcurementOutcome.objects.exists()


@pytest.mark.parametrize("typed", ["12 000,50", "12\u00a0000,50", "12\u202f000,50", "12000.50"])
def test_a_contract_value_is_read_as_polish_people_type_it(client, meeting, typed):
    answer(client, meeting.buyer_follow_up_token, "contract", typed)

    assert ProcurementOutcome.objects.get().value_net == 1200050
