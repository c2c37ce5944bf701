import pytest
from django.core.management import call_command

from catalog.models import Offer, Organisation
from cms.models import HomePage, StandardPage
from events.models import Fair, StandType


@pytest.mark.django_db
def test_load_demo_twice_creates_no_duplicates():
    call_command("load_demo")
    counts = (
        Organisation.objects.count(),
        Offer.objects.count(),
        HomePage.objects.count(),
        StandardPage.objects.count(),
        Fair.objects.count(),
        StandType.objects.count(),
    )
    call_command("load_demo")
    assert counts == (
        Organisation.objects.count(),
        Offer.objects.count(),
        HomePage.objects.count(),
        StandardPage.objects.count(),
        Fair.objects.count(),
        StandType.objects.count(),
    )
    assert counts[0] >= 24 and counts[1] >= 40
    assert counts[4] == 1 and counts[5] == 3


@pytest.mark.django_db
def test_demo_home_page_is_served_in_polish(client):
    call_command("load_demo")
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="pl">' in body
    assert "Pomorska Ekonomia Społeczna" in body
