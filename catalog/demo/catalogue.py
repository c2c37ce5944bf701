"""Deterministic demo catalogue for `make run`: the project's own invented organisations and offers.

The words (categories, towns, legal forms, names, offer texts) are in `catalogue.yaml`; this module draws
organisations from them with a seeded generator, so two runs produce the same records and `load_catalogue`
upserts them by slug without creating duplicates. Every name, NIP and address is fictional.
"""

import random
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from anyascii import anyascii
from django.utils.text import slugify
from stdnum.pl import nip as nip_module

from catalog.choices import MembershipStatus, OfferStatus
from catalog.demo.images import attach_demo_images
from catalog.models import Category, Offer, Organisation


@dataclass(frozen=True)
class OfferTemplate:
    kind: str
    title: str
    description: str
    cpv_codes: list[str]
    price_from: int | None  # whole złoty in the data; offers store grosze
    price_to: int | None
    price_unit: str
    tags: list[str]


@dataclass(frozen=True)
class DemoCategory:
    slug: str
    name_pl: str
    name_en: str
    offers: list[OfferTemplate]


@dataclass(frozen=True)
class Town:
    name: str
    locative: str  # "w {locative}": Polish names of places decline
    powiat: str
    subregion: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class LegalForm:
    code: str
    name_pattern: str  # with {name} and {town_locative}
    ps_status_possible: bool
    has_krs: bool  # CIS, WTZ and ZAZ are run by another body and have no KRS number of their own


@dataclass(frozen=True)
class CatalogueData:
    """`catalogue.yaml`, typed: a key missing from the file or unknown to it fails here, not half-way."""

    categories: list[DemoCategory]
    towns: list[Town]
    legal_forms: list[LegalForm]
    names: list[str]
    streets: list[str]
    certificates: list[str]
    description: str  # with {town_locative} and {year}
    social_mission: str
    region: str

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> "CatalogueData":
        return cls(
            **{
                **data,
                "categories": [
                    DemoCategory(**{**row, "offers": [OfferTemplate(**offer) for offer in row["offers"]]})
                    for row in data["categories"]
                ],
                "towns": [Town(**row) for row in data["towns"]],
                "legal_forms": [LegalForm(**row) for row in data["legal_forms"]],
            }
        )


@dataclass
class DemoOffer:
    slug: str
    kind: str
    title: str
    description: str
    category: str
    cpv_codes: list[str]
    price_from: int | None
    price_to: int | None
    price_unit: str
    service_area: list[str]
    lead_time_days: int | None
    tags: list[str]


@dataclass
class DemoOrganisation:
    slug: str
    name: str
    legal_form: str
    ps_status: bool
    nip: str
    krs: str
    street: str
    postal_code: str
    city: str
    powiat: str
    subregion: str
    latitude: float
    longitude: float
    website: str
    email: str
    phone: str
    description: str
    social_mission: str
    employees_total: int
    employees_disadvantaged: int
    certificates: list[str]
    member_since: date
    offers: list[DemoOffer] = field(default_factory=list)


def _valid_nip(rng: random.Random) -> str:
    """A random NIP that python-stdnum accepts (about one random 10-digit number in eleven is valid)."""
    while True:
        candidate = f"{rng.randint(100, 999)}{rng.randint(0, 9999999):07d}"
        if nip_module.is_valid(candidate):
            return candidate


# One sentence per demo offer after the template's description, so two suppliers' offers differ in text.
DESCRIPTION_ENDINGS = [
    "Pracujemy w {town} i okolicy; termin ustalamy w ciągu dwóch dni roboczych.",
    "Zespół z {town} zatrudnia osoby, które wracają na rynek pracy.",
    "Wycenę przygotowujemy bezpłatnie, także dla zamówień publicznych.",
    "Wystawiamy fakturę VAT; dla stałych klientów przedłużony termin płatności.",
    "Chętnie pokażemy wcześniejsze realizacje z {town}.",
    "Realizujemy także pilne zamówienia, po wcześniejszym kontakcie telefonicznym.",
]


def generate_demo_catalogue(data: CatalogueData, count: int = 34, seed: int = 2024) -> list[DemoOrganisation]:
    """Deterministic organisations with 2–4 offers each, spread over the five OWES subregions.

    The order of the `rng` calls is part of the output: reordering them changes every record after.
    """
    rng = random.Random(seed)
    templates = {category.slug: category.offers for category in data.categories}
    organisations: list[DemoOrganisation] = []
    for index in range(count):
        name = data.names[index % len(data.names)]
        town = data.towns[index % len(data.towns)]
        form = data.legal_forms[index % len(data.legal_forms)]
        slug = slugify(anyascii(f"{name}-{town.name}"))[:100]
        employees_total = rng.randint(4, 40)
        ratio = rng.choice([0.2, 0.3, 0.45, 0.6, 0.8])
        disadvantaged = min(employees_total, round(employees_total * ratio))
        categories = rng.sample(list(templates), k=rng.randint(1, 2))
        domain = slugify(anyascii(name)).replace("-", "")
        organisation = DemoOrganisation(
            slug=slug,
            name=form.name_pattern.format(name=name, town_locative=town.locative),
            legal_form=form.code,
            ps_status=form.ps_status_possible and rng.random() < 0.6,
            nip=_valid_nip(rng),
            krs=f"{rng.randint(300000, 999999):010d}" if form.has_krs else "",
            street=f"ul. {rng.choice(data.streets)} {rng.randint(1, 120)}",
            postal_code=f"{rng.randint(76, 89)}-{rng.randint(100, 999)}",
            city=town.name,
            powiat=town.powiat,
            subregion=town.subregion,
            latitude=round(town.latitude + rng.uniform(-0.01, 0.01), 4),
            longitude=round(town.longitude + rng.uniform(-0.01, 0.01), 4),
            website=f"https://{domain}.example.pl",
            email=f"kontakt@{domain}.example.pl",
            phone=f"+48 58 {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            description=data.description.format(town_locative=town.locative, year=rng.randint(2008, 2021)),
            social_mission=data.social_mission,
            employees_total=employees_total,
            employees_disadvantaged=disadvantaged,
            certificates=sorted(rng.sample(data.certificates, k=rng.randint(0, 2))),
            member_since=date(2023 + index % 3, 1 + index % 12, 1 + index % 27),
        )
        for category in categories:
            for template in templates[category]:
                # Picked by position, not by `rng`: the seeded draws (and so every other field) stay as they were.
                ending = DESCRIPTION_ENDINGS[(index + len(organisation.offers)) % len(DESCRIPTION_ENDINGS)]
                area = rng.choice([[town.name], [town.name, town.powiat], [data.region]])
                organisation.offers.append(
                    DemoOffer(
                        slug=f"{slug[:60]}-{slugify(anyascii(template.title))[:50]}",
                        kind=template.kind,
                        # The town in the title: 58 demo offers from 14 templates never read as one title
                        # repeated down the results page. The slug keeps the template's title (stable key).
                        title=f"{template.title} w {town.locative}",
                        description=f"{template.description} {ending.format(town=town.locative)}",
                        category=category,
                        cpv_codes=template.cpv_codes,
                        price_from=None if template.price_from is None else template.price_from * 100,
                        price_to=None if template.price_to is None else template.price_to * 100,
                        price_unit=template.price_unit,
                        service_area=list(dict.fromkeys(area)),
                        lead_time_days=rng.choice([None, 2, 3, 7, 14]),
                        tags=template.tags,
                    )
                )
        organisations.append(organisation)
    return organisations


def load_catalogue(data: Mapping[str, Any]) -> tuple[int, int]:
    """Upsert the categories, then the generated organisations and offers, all by slug: (organisations,
    offers) loaded. Every demo organisation is an active member and every offer is published."""
    catalogue = CatalogueData.from_data(data)
    for order, category in enumerate(catalogue.categories):
        Category.objects.update_or_create(
            slug=category.slug,
            defaults={"name_pl": category.name_pl, "name_en": category.name_en, "sort_order": order},
        )
    categories = {category.slug: category for category in Category.objects.all()}
    organisations = generate_demo_catalogue(catalogue)
    offers = 0
    for index, item in enumerate(organisations):
        organisation, _ = Organisation.objects.update_or_create(
            slug=item.slug,
            defaults={
                **_values(item, exclude={"slug", "offers"}),
                "membership_status": MembershipStatus.ACTIVE,
            },
        )
        for offer in item.offers:
            Offer.objects.update_or_create(
                slug=offer.slug,
                defaults={
                    **_values(offer, exclude={"slug", "category"}),
                    "organisation": organisation,
                    "category": categories[offer.category],
                    "status": OfferStatus.PUBLISHED,
                },
            )
            offers += 1
        attach_demo_images(organisation, index)
    return len(organisations), offers


def _values(item: DemoOrganisation | DemoOffer, exclude: set[str]) -> dict[str, Any]:
    """The dataclass's fields as model field values: the dataclasses name their fields after the model's."""
    return {f.name: getattr(item, f.name) for f in fields(item) if f.name not in exclude}
