"""Demo logos and offer photos for `make run`, drawn locally with Pillow (no download, no licence to track).

A third of the demo organisations get a logo (initials on a coloured badge), the first offer of every
other organisation gets an illustration (a pictogram of its category on a coloured scene). The rest keep
the generated monogram, so the demo shows both. Images are Wagtail images found again by their title, so a
second `load_demo` draws nothing and creates no duplicates. Drawing is small PNGs: a few tens of
milliseconds for the whole catalogue.
"""

from collections.abc import Callable
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

from catalog.models import Offer, OfferImage, Organisation

# Muted, readable brand-like colours (background, accent); white initials stay above 4.5:1 on each.
PALETTE = [
    ("#1f5f8b", "#f2b134"),
    ("#2e7d4f", "#e9f5db"),
    ("#8a3b12", "#f6d5a8"),
    ("#5b3f8c", "#f3c6e8"),
    ("#0f6e6e", "#ffe08a"),
    ("#9b2335", "#ffd6cc"),
    ("#37474f", "#b2ebf2"),
    ("#6d5a00", "#fff3b0"),
]

LOGO_SIZE = (320, 320)
PHOTO_SIZE = (960, 640)


def initials(name: str) -> str:
    """Two letters of the organisation's own name: the quoted part of „Spółdzielnia Socjalna „Stolarnia"”
    when there is one, otherwise its first two words."""
    for mark in ("„", '"'):
        if mark in name:
            name = name.split(mark, 1)[1]
            break
    words = [word for word in name.replace("”", " ").replace('"', " ").split() if word[:1].isalpha()]
    if len(words) == 1:
        return words[0][:2].capitalize()  # "Stolarnia" → "St", not a lone "S"
    return "".join(word[0] for word in words[:2]).upper() or "PS"


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # Pillow's bundled scalable font: the same on every machine, no system font needed.
    return ImageFont.load_default(size=size)


def draw_logo(name: str, colour_index: int) -> bytes:
    background, accent = PALETTE[colour_index % len(PALETTE)]
    image = PillowImage.new("RGB", LOGO_SIZE, "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((16, 16, 304, 304), radius=64, fill=background)
    draw.arc((48, 48, 272, 272), start=200, end=340, fill=accent, width=14)
    draw.text((160, 176), initials(name), font=_font(120), fill="#ffffff", anchor="mm")
    return _png(image)


def _plate(draw: ImageDraw.ImageDraw, accent: str) -> None:
    draw.ellipse((330, 170, 630, 470), fill="#ffffff")
    draw.ellipse((380, 220, 580, 420), outline=accent, width=12)
    draw.rounded_rectangle((270, 190, 290, 450), radius=10, fill="#ffffff")
    draw.rounded_rectangle((670, 190, 690, 450), radius=10, fill="#ffffff")


def _leaf(draw: ImageDraw.ImageDraw, accent: str) -> None:
    draw.ellipse((330, 150, 630, 490), fill=accent)
    draw.line((480, 160, 480, 520), fill="#ffffff", width=12)
    for y in (250, 330, 410):
        draw.line((480, y, 400, y - 50), fill="#ffffff", width=8)
        draw.line((480, y, 560, y - 50), fill="#ffffff", width=8)


def _house(draw: ImageDraw.ImageDraw, accent: str) -> None:
    draw.polygon([(300, 320), (480, 160), (660, 320)], fill=accent)
    draw.rectangle((340, 320, 620, 500), fill="#ffffff")
    draw.rectangle((450, 390, 510, 500), fill=accent)


def _sparkle(draw: ImageDraw.ImageDraw, accent: str) -> None:
    for cx, cy, r in ((480, 320, 150), (680, 190, 60), (290, 470, 50)):
        draw.polygon([(cx, cy - r), (cx + r // 4, cy), (cx, cy + r), (cx - r // 4, cy)], fill=accent)
        draw.polygon([(cx - r, cy), (cx, cy - r // 4), (cx + r, cy), (cx, cy + r // 4)], fill="#ffffff")


def _box(draw: ImageDraw.ImageDraw, accent: str) -> None:
    draw.polygon([(480, 150), (660, 240), (480, 330), (300, 240)], fill="#ffffff")
    draw.polygon([(300, 240), (480, 330), (480, 520), (300, 430)], fill=accent)
    draw.polygon([(660, 240), (480, 330), (480, 520), (660, 430)], fill="#ffffff")


def _heart(draw: ImageDraw.ImageDraw, accent: str) -> None:
    draw.ellipse((330, 170, 490, 330), fill="#ffffff")
    draw.ellipse((470, 170, 630, 330), fill="#ffffff")
    draw.polygon([(340, 290), (620, 290), (480, 480)], fill="#ffffff")
    draw.ellipse((440, 260, 520, 340), fill=accent)


# The pictogram of each demo category (`catalogue.yaml`); a category not named here gets the parcel.
MOTIFS: dict[str, Callable[[ImageDraw.ImageDraw, str], None]] = {
    "gastronomia-catering": _plate,
    "sprzatanie": _sparkle,
    "pralnia": _sparkle,
    "zielen-ogrodnictwo": _leaf,
    "remonty-wykonczenia": _house,
    "turystyka-noclegi": _house,
    "uslugi-opiekuncze": _heart,
}


def draw_photo(category_slug: str, colour_index: int) -> bytes:
    """A calm illustration: a two-tone scene, a horizon band and the category's pictogram in the middle."""
    background, accent = PALETTE[colour_index % len(PALETTE)]
    image = PillowImage.new("RGB", PHOTO_SIZE, background)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 460, 960, 640), fill=accent)
    draw.ellipse((-120, 380, 420, 760), fill=background)
    MOTIFS.get(category_slug, _box)(draw, accent)
    return _png(image)


def _png(image: PillowImage.Image) -> bytes:
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def _wagtail_image(title: str, filename: str, draw: Callable[[], bytes]):
    """The Wagtail image titled `title`, drawn and stored only the first time."""
    model = get_image_model()
    existing = model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    # A flushed test database (live-server tests) has no root collection, which Wagtail's default needs.
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    return model.objects.create(
        title=title, file=ImageFile(BytesIO(draw()), name=filename), collection=collection
    )


def attach_demo_images(organisation: Organisation, index: int) -> None:
    """A logo for every third organisation, a photo on the first offer of every other one (by position,
    so the same records get them on every run); the others keep their monogram."""
    if index % 3 == 0 and organisation.logo_id is None:
        organisation.logo = _wagtail_image(
            f"Demo: logo {organisation.slug}",
            f"demo-logo-{organisation.slug[:60]}.png",
            lambda: draw_logo(organisation.name, index),
        )
        organisation.save(update_fields=["logo"])
    if index % 2 == 1:
        offer = (
            Offer.objects.filter(organisation=organisation).select_related("category").order_by("pk").first()
        )
        if offer is None or offer.images.exists():
            return
        image = _wagtail_image(
            f"Demo: zdjęcie {offer.slug}",
            f"demo-offer-{offer.slug[:60]}.png",
            lambda: draw_photo(offer.category.slug, index // 2),
        )
        OfferImage.objects.create(
            offer=offer,
            image=image,
            alt_text=f"Ilustracja oferty: {offer.category.name_pl.lower()}",
        )
