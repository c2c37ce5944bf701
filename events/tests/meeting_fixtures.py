"""A fair day with an approved exhibitor who published meeting slots, and buyers with tickets."""

import pytest

from events import services
from events.services import meetings

from .visitor_fixtures import confirmed, make_event_page


@pytest.fixture
def fair_page(fair):
    page = make_event_page(capacity=50, slug="targi-spotkania", fair=fair, meetings_per_buyer=2)
    page.starts_at, page.ends_at = fair.starts_at, fair.ends_at
    page.save()
    return page


@pytest.fixture
def exhibitor(make_application):
    return services.approve_application(make_application())


@pytest.fixture
def slots(exhibitor, fair):
    return meetings.publish_slots(exhibitor, fair.starts_at, fair.starts_at + meetings.timedelta(hours=1))


def buyer(page, email, **kwargs):
    kwargs.setdefault("participant_type", "public_body")
    kwargs.setdefault("sector", "public")
    return confirmed(page, email, **kwargs)
