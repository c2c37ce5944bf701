"""Demo content of the fair for `make run`: add-ons, a member pricing rule, stand numbers and an event page.

Idempotent: every object is upserted by a stable key (add-on code, page slug).
"""

from datetime import timedelta

from django.utils import timezone

from .models import Fair, PricingRule, StandAddon
from .pages import EventIndexPage, EventPage, EventSession

DEMO_ADDONS = [
    ("prad", "Prąd 230 V", 5000),
    ("stol", "Dodatkowy stół", 3000),
    ("identyfikator", "Dodatkowy identyfikator", 1000),
]


def load_fair_demo(fair: Fair, home) -> EventPage:
    for order, (code, name, net) in enumerate(DEMO_ADDONS):
        StandAddon.objects.update_or_create(
            fair=fair,
            code=code,
            defaults={"name": name, "price_net": net, "vat_rate": 23, "sort_order": order},
        )
    for index, stand in enumerate(fair.stand_types.all()):
        if not stand.stand_numbers:
            letter = "ABCDEFGH"[index % 8]
            stand.stand_numbers = ", ".join(f"{letter}{n}" for n in range(1, stand.capacity + 1))
            stand.save(update_fields=["stand_numbers"])
    first = fair.stand_types.order_by("sort_order").first()
    if first:
        PricingRule.objects.get_or_create(
            stand_type=first,
            eligibility=PricingRule.Eligibility.ACTIVE_MEMBER,
            defaults={"discount_percent": 100},
        )

    index = EventIndexPage.objects.filter(slug="wydarzenia").first()
    if index is None:
        index = EventIndexPage(title="Wydarzenia", slug="wydarzenia")
        home.add_child(instance=index)
        index.save_revision().publish()
    page = EventPage.objects.filter(slug=fair.slug).first()
    if page is None:
        page = EventPage(
            title=fair.name,
            slug=fair.slug,
            starts_at=fair.starts_at,
            ends_at=fair.ends_at,
            venue_name=fair.venue_name,
            venue_address=fair.venue_address,
            latitude=fair.latitude,
            longitude=fair.longitude,
            fair=fair,
            intro="<p>Targi przedsiębiorczości społecznej: spółdzielnie socjalne, fundacje, CIS, WTZ i ZAZ "
            "z całego Pomorza prezentują swoje produkty i usługi.</p>",
        )
        index.add_child(instance=page)
        page.save_revision().publish()
    if not EventSession.objects.filter(page=page).exists():
        start = timezone.localtime(fair.starts_at)
        EventSession.objects.bulk_create(
            [
                EventSession(
                    page=page,
                    sort_order=1,
                    title="Otwarcie targów",
                    kind=EventSession.Kind.TALK,
                    starts_at=start,
                    ends_at=start + timedelta(minutes=30),
                    room="Sala główna",
                    speakers="Regionalny Ośrodek Polityki Społecznej w Gdańsku",
                ),
                EventSession(
                    page=page,
                    sort_order=2,
                    title="Warsztaty: zamówienia zastrzeżone (art. 94 Pzp)",
                    kind=EventSession.Kind.WORKSHOP,
                    starts_at=start + timedelta(hours=1),
                    ends_at=start + timedelta(hours=2, minutes=30),
                    room="Sala B",
                    speakers="Zespół Pomorskiej Ekonomii Społecznej",
                    requires_signup=True,
                    capacity=30,
                ),
            ]
        )
    return page
