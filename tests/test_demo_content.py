import pytest
from django.core.management import call_command

from catalog.demo.catalogue import CatalogueData
from catalog.models import Offer, Organisation
from cms.demo.loader import read_demo_data
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


def _slugs(pages: list[dict]) -> list[str]:
    return [slug for page in pages for slug in (page["slug"], *_slugs(page.get("children", [])))]


def test_demo_data_is_read_beside_its_packages_and_every_page_has_its_translation(tmp_path, monkeypatch):
    # Found relative to the packages, not the working directory (gunicorn, cron and tests start elsewhere).
    monkeypatch.chdir(tmp_path)
    polish = read_demo_data("cms.demo", "pages")
    english = read_demo_data("cms.demo", "pages_en")
    fair = read_demo_data("events.demo", "fair")
    catalogue = CatalogueData.from_data(read_demo_data("catalog.demo", "catalogue"))

    translated = ["home", *_slugs(polish["pages"]), fair["event_index"]["slug"], fair["fair"]["slug"]]
    assert sorted(english["pages"]) == sorted(translated)
    assert set(english["former_demo_text"]) <= set(translated)
    assert len(catalogue.categories) == 12 and all(category.offers for category in catalogue.categories)


@pytest.mark.django_db
def test_demo_gives_some_organisations_a_logo_and_some_offers_a_photo_and_the_rest_a_monogram(client):
    from catalog.models import OfferImage

    call_command("load_demo")
    call_command("load_demo")  # a second run draws nothing new
    with_logo = Organisation.objects.filter(logo__isnull=False)
    without_logo = Organisation.objects.filter(logo__isnull=True)
    assert 5 <= with_logo.count() < Organisation.objects.count()
    photos = OfferImage.objects.select_related("offer", "image")
    assert 5 <= photos.count() < Offer.objects.count()
    assert photos.count() == photos.values("offer").distinct().count()
    # Drawn locally: real PNG files Pillow can open, not placeholders.
    assert photos[0].image.width == 960 and photos[0].image.height == 640

    logo_page = client.get(with_logo.first().get_absolute_url()).content.decode()
    assert f'alt="{with_logo.first().name} – logo"' in logo_page.replace("&quot;", '"')
    assert "data-monogram" not in logo_page
    monogram_page = client.get(without_logo.first().get_absolute_url()).content.decode()
    assert "data-monogram" in monogram_page and "– logo" not in monogram_page

    photo = photos.first()
    offer_page = client.get(photo.offer.get_absolute_url()).content.decode()
    assert f'alt="{photo.alt_text}"' in offer_page and "<img" in offer_page
    assert photo.alt_text.startswith("Ilustracja oferty: ")
