"""Both sides of a meeting answering "contract" at the same moment leave one social-spend ledger line:
threads on their own PostgreSQL connections post through the real follow-up view.

Checked by hand on 2026-11-30: with `locking.lock_meeting_slot` in record_follow_up replaced by a plain
read, this test fails (each side saw no line yet and added its own: two lines for one meeting)."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings

from catalog.procurement.models import ProcurementOutcome
from events import services
from events.models import MeetingSlot
from events.services import meetings

from .meeting_fixtures import buyer
from .test_meeting_deals_ledger import held_today
from .test_visitor_concurrency import run_at_once
from .visitor_fixtures import make_event_page

pytestmark = pytest.mark.django_db(transaction=True)


@override_settings(PUBLIC_FORM_RATE_LIMITS={"meeting_follow_up": 1000})
@pytest.mark.parametrize("attempt", range(3))
def test_buyer_and_exhibitor_answering_contract_at_once_make_one_ledger_line(
    attempt, fair, make_application, member_organisation
):
    assert connection.vendor == "postgresql"
    cache.clear()
    page = make_event_page(capacity=50, slug=f"targi-umowa-{attempt}", fair=fair)
    page.starts_at, page.ends_at = fair.starts_at, fair.ends_at
    page.save()
    exhibitor = services.approve_application(make_application(organisation=member_organisation))
    slot = meetings.publish_slots(exhibitor, fair.starts_at, fair.starts_at + timedelta(minutes=15))[0]
    meetings.book_meeting(buyer(page, "zakupy@example.org"), slot.pk)
    held_today(fair, page)
    slot.refresh_from_db()
    tokens = [slot.buyer_follow_up_token, slot.exhibitor_follow_up_token]

    def answer(number):
        response = Client().post(
            f"/targi/spotkanie/{tokens[number]}/wynik/", {"answer": "contract", "value_net": "5000"}
        )
        return response.status_code

    assert run_at_once(2, answer) == [200, 200]
    slot.refresh_from_db()
    line = ProcurementOutcome.objects.get()  # exactly one
    assert slot.procurement_outcome == line and line.value_net == 500000
    assert line.supplier_confirmed_at is not None  # the exhibitor's answer counted, whichever came first
    assert MeetingSlot.objects.filter(procurement_outcome__isnull=False).count() == 1
