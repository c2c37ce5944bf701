import pytest
from django.core.management import call_command
from wagtail.models import Revision

from events.models import PricingRule, StandAddon
from events.pages import EventIndexPage, EventPage, EventSession

pytestmark = pytest.mark.django_db


def test_demo_fair_has_addons_a_member_rule_and_an_event_page_and_loads_twice_unchanged():
    call_command("load_demo", stdout=None)
    call_command("load_demo", stdout=None)
    assert StandAddon.objects.count() == 3
    assert PricingRule.objects.count() == 1
    page = EventPage.objects.get(locale__language_code="pl")
    assert page.fair is not None
    assert page.sessions.count() == 2


def test_demo_event_pages_have_english_translations_sharing_one_programme(client):
    call_command("load_demo", stdout=None)
    polish = EventPage.objects.get(locale__language_code="pl")
    english = EventPage.objects.get(locale__language_code="en")
    assert english.translation_key == polish.translation_key and english.live
    assert EventIndexPage.objects.filter(locale__language_code="en", live=True).count() == 1
    # One set of sessions, owned by the Polish page, each with its English text.
    assert EventSession.objects.count() == 2
    assert not english.sessions.exists()
    assert all(session.title_en and session.room_en for session in polish.sessions.all())

    html = client.get(english.url).content.decode()
    assert english.url.startswith("/en/")
    assert "<h1>Pomeranian Social Economy Fair</h1>" in html
    assert "Workshop: reserved public contracts" in html and "Room B" in html
    assert "Warsztaty: zamówienia zastrzeżone" not in html

    revisions = Revision.objects.count()
    call_command("load_demo", stdout=None)
    assert Revision.objects.count() == revisions
    assert EventSession.objects.count() == 2


def test_load_demo_gives_english_text_to_sessions_of_an_older_demo_but_keeps_an_editors():
    call_command("load_demo", stdout=None)
    opening, workshop = EventSession.objects.order_by("sort_order")
    EventSession.objects.filter(pk=opening.pk).update(title_en="", room_en="", description_en="")
    EventSession.objects.filter(pk=workshop.pk).update(title_en="Reserved contracts, hands on")

    call_command("load_demo", stdout=None)

    opening.refresh_from_db()
    workshop.refresh_from_db()
    assert (opening.title_en, opening.room_en) == ("Opening of the fair", "Main hall")
    assert workshop.title_en == "Reserved contracts, hands on"


def test_english_home_links_to_the_english_event_page_and_the_polish_home_to_the_polish_one(client):
    call_command("load_demo", stdout=None)
    polish = EventPage.objects.get(locale__language_code="pl")
    english = EventPage.objects.get(locale__language_code="en")

    english_home = client.get("/en/").content.decode()
    polish_home = client.get("/").content.decode()

    assert f'href="{english.url}"' in english_home and f'href="{polish.url}"' not in english_home
    assert f'href="{polish.url}"' in polish_home and f'href="{english.url}"' not in polish_home


def test_publishing_the_demo_fair_page_from_the_admin_keeps_its_programme():
    call_command("load_demo", stdout=None)
    page = EventPage.objects.get(locale__language_code="pl")
    sessions = set(page.sessions.values_list("pk", flat=True))
    assert len(page.latest_revision.content["sessions"]) == len(sessions) == 2

    page.latest_revision.publish()  # what an editor's "Publish" does with the latest revision

    assert set(EventSession.objects.filter(page=page).values_list("pk", flat=True)) == sessions
