"""Organisation cards in the search results show the uploaded logo, else the monogram (issue 15).

The index stores no image: the listing reads the page's logos and their renditions from the database in a
fixed number of queries, so both backends show the same cards and a page of logos costs no query per card.
"""

from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images import get_image_model

from catalog.models import Organisation
from catalog.templatetags.catalog_tags import monogram

pytestmark = pytest.mark.django_db

ALL = ["sps-zielona-kuchnia", "fund-czysty-dom", "sps-slupskie-ogrody", "wtz-pracownia-tczew"]


@pytest.fixture
def listing(backend, settings, client):
    """The organisations listing answered by the backend under test: a built index, or the database."""
    if backend == "db":
        settings.ELASTICSEARCH_URL = ""

    def get() -> BeautifulSoup:
        response = client.get("/szukaj/organizacje/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "data-simplified" not in html
        return BeautifulSoup(html, "html.parser")

    return get


def give_logo(slug: str) -> None:
    """A real PNG stored as a Wagtail image, set as the organisation's logo (no reindex needed)."""
    buffer = BytesIO()
    PILImage.new("RGB", (400, 200), "#006b5f").save(buffer, "PNG")
    logo = get_image_model().objects.create(
        title=f"Logo {slug}", file=ImageFile(buffer, name=f"logo-{slug}.png")
    )
    Organisation.objects.filter(slug=slug).update(logo=logo)


def cards(page: BeautifulSoup) -> dict[str, BeautifulSoup]:
    return {card["data-organisation"]: card for card in page.select("li[data-organisation]")}


def test_a_card_shows_the_uploaded_logo_and_a_card_without_one_its_monogram(listing):
    give_logo("fund-czysty-dom")

    found = cards(listing())

    assert set(found) == set(ALL)
    with_logo = found["fund-czysty-dom"]
    img = with_logo.select_one("picture > img.card__logo")
    assert img is not None and "logo-fund-czysty-dom" in img["src"] and img["src"].endswith(".webp")
    assert with_logo.select_one("picture source[type='image/avif']") is not None
    assert with_logo.select_one("[data-monogram]") is None
    for slug in set(ALL) - {"fund-czysty-dom"}:
        card = found[slug]
        assert card.select_one("img") is None
        name = Organisation.objects.get(slug=slug).name
        assert card.select_one("[data-monogram]").get_text() == monogram(name)
    assert "Organizacje ekonomii społecznej" in listing().get_text()  # the Polish page


def test_a_page_of_logos_costs_no_query_per_card(listing):
    give_logo("fund-czysty-dom")
    listing()  # the first view makes the renditions; the worker does so after a real upload
    with CaptureQueriesContext(connection) as one_logo:
        listing()

    for slug in set(ALL) - {"fund-czysty-dom"}:
        give_logo(slug)
    assert len(listing().select("img.card__logo")) == 4
    with CaptureQueriesContext(connection) as four_logos:
        page = listing()

    assert len(page.select("img.card__logo")) == 4
    assert len(four_logos) == len(one_logo), [q["sql"] for q in four_logos.captured_queries]
