"""Images are served as Wagtail renditions in AVIF and WebP, with a width-described `srcset`, `sizes`,
dimensions that reserve their space, alt text and lazy loading below the fold."""

import json
import re
from io import BytesIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import features
from wagtail.images import get_image_model

from cms.models import NewsPage, StandardPage

from .conftest import publish_child

pytestmark = pytest.mark.django_db

CONTENT_WIDTHS = [320, 640, 960, 1280]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def photo(db):
    """A real 1600×1000 PNG photo-like gradient, stored through Wagtail's image model."""
    picture = PILImage.linear_gradient("L").resize((1600, 1000)).convert("RGB")
    buffer = BytesIO()
    picture.save(buffer, "PNG")
    return get_image_model().objects.create(
        title="Warsztaty klastra", file=ImageFile(buffer, name="warsztaty.png")
    )


def the_picture(html: str, selector: str) -> tuple[BeautifulSoup, BeautifulSoup]:
    picture = BeautifulSoup(html, "html.parser").select_one(selector)
    assert picture is not None and picture.name == "picture", f"no <picture> at {selector}"
    return picture, picture.find("img")


def srcset_entries(srcset: str) -> list[tuple[str, int]]:
    entries = []
    for candidate in srcset.split(","):
        url, descriptor = candidate.split()
        assert descriptor.endswith("w")
        entries.append((url, int(descriptor[:-1])))
    return entries


def rendition_file(url: str) -> Path:
    assert url.startswith(django_settings.MEDIA_URL), url
    return Path(django_settings.MEDIA_ROOT) / url.removeprefix(django_settings.MEDIA_URL)


def assert_avif_and_webp(picture, img, widths: list[int]) -> None:
    """The <picture> offers AVIF first (when Pillow can write it) and WebP in the <img>, in every width,
    and the files on disk really are in those formats."""
    webp = srcset_entries(img["srcset"])
    assert sorted(width for _, width in webp) == sorted(widths)
    assert all(url.endswith(".webp") for url, _ in webp)
    assert img["src"].endswith(".webp") and img.get("sizes")
    assert int(img["width"]) > 0 and int(img["height"]) > 0
    for url, width in webp:
        with PILImage.open(rendition_file(url)) as rendition:
            assert rendition.format == "WEBP" and rendition.width == width
    sources = picture.find_all("source")
    if features.check("avif"):
        assert [source["type"] for source in sources] == ["image/avif"]
        avif = srcset_entries(sources[0]["srcset"])
        assert sorted(width for _, width in avif) == sorted(widths)
        assert sources[0]["sizes"] == img["sizes"]
        with PILImage.open(rendition_file(avif[-1][0])) as rendition:
            assert rendition.format == "AVIF"
    else:  # pragma: no cover - Pillow built without libavif serves WebP only
        assert sources == []


def test_image_block_is_a_lazy_responsive_picture_from_320_px(client, home, photo):
    body = json.dumps(
        [{"type": "image", "value": {"image": photo.pk, "alt_text": "Uczestnicy warsztatów", "caption": ""}}]
    )
    publish_child(home, StandardPage(title="Galeria", slug="galeria", body=body))

    response = client.get("/galeria/")

    picture, img = the_picture(response.content.decode(), ".block-image picture")
    assert_avif_and_webp(picture, img, CONTENT_WIDTHS)
    assert img["alt"] == "Uczestnicy warsztatów"
    assert img["loading"] == "lazy"
    # The largest rendition is the base, so its 1280×800 reserves the space at the image's aspect ratio.
    assert (img["width"], img["height"]) == ("1280", "800")
    assert "100vw" in img["sizes"]


def test_news_lead_image_loads_eagerly_with_high_priority_and_the_list_shows_a_thumbnail(
    client, news_index, photo
):
    article = publish_child(
        news_index,
        NewsPage(title="Warsztaty", slug="warsztaty", lead_image=photo, lead_image_alt="Sala warsztatowa"),
    )

    picture, img = the_picture(client.get(article.url).content.decode(), "article picture")
    assert_avif_and_webp(picture, img, CONTENT_WIDTHS)
    assert img["alt"] == "Sala warsztatowa"
    assert img.get("loading") != "lazy" and img["fetchpriority"] == "high"

    picture, img = the_picture(client.get(news_index.url).content.decode(), ".news-item picture")
    assert_avif_and_webp(picture, img, [320, 640])
    assert img["loading"] == "lazy"


def test_organisation_logo_and_gallery_are_pictures(client, make_member, photo):
    from catalog.models import OrganisationGalleryImage

    organisation = make_member(offers=0)
    organisation.logo = photo
    organisation.save()
    OrganisationGalleryImage.objects.create(organisation=organisation, image=photo, caption="Nasza pracownia")

    html = client.get(organisation.get_absolute_url()).content.decode()

    picture, img = the_picture(html, ".profile__header picture")
    assert_avif_and_webp(picture, img, [160, 320])
    assert img["sizes"] == "160px" and (img["width"], img["height"]) == ("160", "100")
    assert img["alt"].startswith(organisation.name) and img.get("loading") != "lazy"
    picture, img = the_picture(html, ".gallery picture")
    assert_avif_and_webp(picture, img, [320, 640])
    assert img["alt"] == "Nasza pracownia" and img["loading"] == "lazy"


def test_logos_offer_images_and_event_partners_are_pictures(client, home, make_member, photo):
    from datetime import timedelta

    from django.utils import timezone

    from catalog.models import OfferImage
    from cms.models import BrandSettings, PartnerIndexPage, PartnerPage
    from events.pages import EventIndexPage, EventPage, EventPartner

    brand = BrandSettings.load()
    brand.eu_emblem = photo
    brand.save()
    partners = publish_child(home, PartnerIndexPage(title="Partnerzy", slug="partnerzy"))
    partner = publish_child(partners, PartnerPage(title="ROPS", slug="rops", kind="coordinator", logo=photo))
    offer = make_member(offers=1).offers.get()
    OfferImage.objects.create(offer=offer, image=photo, alt_text="Obiad w pudełku")
    OfferImage.objects.create(offer=offer, image=photo, alt_text="Sala po cateringu")
    events = publish_child(home, EventIndexPage(title="Wydarzenia", slug="wydarzenia"))
    starts = timezone.now() + timedelta(days=30)
    event = publish_child(
        events,
        EventPage(
            title="Targi",
            slug="targi",
            starts_at=starts,
            ends_at=starts,
            venue_name="ECS",
            venue_address="Gdańsk",
        ),
    )
    EventPartner.objects.create(page=event, name="Fundacja", logo=photo)

    html = client.get(partner.url).content.decode()
    # Logos fit a box (max-WxH): the 16:10 photo is bounded by the box's height.
    picture, img = the_picture(html, "main picture")
    assert_avif_and_webp(picture, img, [160, 320])
    picture, img = the_picture(html, ".funding__logos picture")
    assert_avif_and_webp(picture, img, [96, 192])
    assert img["loading"] == "lazy" and img["alt"] == "Współfinansowane przez Unię Europejską"
    picture, img = the_picture(client.get(partners.url).content.decode(), ".card picture")
    assert_avif_and_webp(picture, img, [96, 192])

    html = client.get(offer.get_absolute_url()).content.decode()
    first, second = BeautifulSoup(html, "html.parser").select(".gallery picture")
    assert_avif_and_webp(first, first.find("img"), [360, 480, 960])
    assert first.find("img").get("loading") == "eager" and second.find("img")["loading"] == "lazy"

    picture, img = the_picture(client.get(event.url).content.decode(), ".partners picture")
    assert_avif_and_webp(picture, img, [128, 256])
    assert img["alt"] == "Fundacja"


def test_news_index_with_thumbnails_runs_the_same_number_of_queries_whatever_the_number_of_articles(
    client, news_index, make_news, photo, settings
):
    from django.db import connection

    # Without a cache every rendition lookup would reach the database: the prefetch must cover them.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        client.get(news_index.url)  # the first view of a new thumbnail creates its renditions
        with CaptureQueriesContext(connection) as captured:
            assert client.get(news_index.url).status_code == 200
        return len(captured)

    make_news(2, lead_image=photo, lead_image_alt="Zdjęcie")
    few = queries()
    make_news(6, lead_image=photo, lead_image_alt="Zdjęcie")
    assert queries() == few


def test_no_image_template_falls_back_to_a_single_rendition_tag():
    """Every template that shows an image uses {% picture %}: a plain {% image %} would serve one size."""
    roots = [Path(django_settings.BASE_DIR) / name for name in ("cms", "catalog", "events", "search", "site")]
    single = []
    for root in roots:
        for template in root.rglob("*.html"):
            for tag in re.findall(r"{%\s*image\s+[^%]*%}", template.read_text()):
                # Sharing images (OpenGraph) are one JPEG by design: crawlers want a single URL.
                if "og_image" not in tag:
                    single.append(f"{template.relative_to(django_settings.BASE_DIR)}: {tag}")
    assert single == []
