import pytest
from django.core.management import call_command

from events.models import PricingRule, StandAddon
from events.pages import EventPage

pytestmark = pytest.mark.django_db


def test_demo_fair_has_addons_a_member_rule_and_an_event_page_and_loads_twice_unchanged():
    call_command("load_demo", stdout=None)
    call_command("load_demo", stdout=None)
    assert StandAddon.objects.count() == 3
    assert PricingRule.objects.count() == 1
    page = EventPage.objects.get()
    assert page.fair is not None
    assert page.sessions.count() == 2
