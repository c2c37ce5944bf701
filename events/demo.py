"""Demo content of the fair for `make run`: add-ons, a member pricing rule, stand numbers and an event page.

Idempotent: every object is upserted by a stable key (add-on code, page slug, session title). The English
translations of the pages are made by `load_demo` (`cms.demo_pages_en`); the sessions serve both
languages and carry their English text here.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from .models import Fair, PricingRule, StandAddon
from .pages import EventIndexPage, EventPage, EventSession

DEMO_ADDONS = [
    ("prad", "Prąd 230 V", 5000),
    ("stol", "Dodatkowy stół", 3000),
    ("identyfikator", "Dodatkowy identyfikator", 1000),
]


@dataclass(frozen=True)
class DemoSession:
    title: str
    title_en: str
    kind: str
    minutes_from_start: int
    minutes: int
    room: str
    room_en: str
    speakers: str
    description: str
    description_en: str
    capacity: int | None = None


DEMO_SESSIONS = [
    DemoSession(
        title="Otwarcie targów",
        title_en="Opening of the fair",
        kind=EventSession.Kind.TALK,
        minutes_from_start=0,
        minutes=30,
        room="Sala główna",
        room_en="Main hall",
        speakers="Regionalny Ośrodek Polityki Społecznej w Gdańsku",
        description="Powitanie wystawców i gości oraz sektor ekonomii społecznej województwa pomorskiego w liczbach.",
        description_en=(
            "A welcome to exhibitors and visitors, and the social economy sector of the Pomorskie region in "
            "figures."
        ),
    ),
    DemoSession(
        title="Warsztaty: zamówienia zastrzeżone (art. 94 Pzp)",
        title_en="Workshop: reserved public contracts (Article 94 of the Public Procurement Law)",
        kind=EventSession.Kind.WORKSHOP,
        minutes_from_start=60,
        minutes=90,
        room="Sala B",
        room_en="Room B",
        speakers="Zespół Pomorskiej Ekonomii Społecznej",
        description=(
            "Jak zamawiający publiczni mogą zastrzec zamówienie dla spółdzielni socjalnych, CIS, KIS, WTZ i "
            "ZAZ, i jak przedsiębiorstwa społeczne mogą się o nie ubiegać."
        ),
        description_en=(
            "How public buyers can reserve a contract for social cooperatives, social integration centres "
            "and clubs (CIS, KIS), occupational therapy workshops (WTZ) and vocational activity "
            "establishments (ZAZ), and how social enterprises can bid for one."
        ),
        capacity=30,
    ),
]
ENGLISH_SESSION_FIELDS = ("title_en", "room_en", "description_en")


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
                    sort_order=order,
                    title=spec.title,
                    title_en=spec.title_en,
                    kind=spec.kind,
                    starts_at=start + timedelta(minutes=spec.minutes_from_start),
                    ends_at=start + timedelta(minutes=spec.minutes_from_start + spec.minutes),
                    room=spec.room,
                    room_en=spec.room_en,
                    speakers=spec.speakers,
                    description=spec.description,
                    description_en=spec.description_en,
                    requires_signup=spec.capacity is not None,
                    capacity=spec.capacity,
                )
                for order, spec in enumerate(DEMO_SESSIONS, start=1)
            ]
        )
    else:
        _add_english_session_text(page)
    _publish_programme(page)
    return page


def _publish_programme(page: EventPage) -> None:
    """Put the programme into the page's latest revision. Publishing a revision restores the page's child
    rows from it, so a programme added beside the revision would vanish at the editor's next publish."""
    page = EventPage.objects.get(pk=page.pk)
    revision = page.latest_revision
    if revision is None or revision.content.get("sessions") or page.has_unpublished_changes:
        return
    if EventSession.objects.filter(page=page).exists():
        page.save_revision().publish()


def _add_english_session_text(page: EventPage) -> None:
    """Sessions loaded by an older demo get their English text; an English field already filled is kept."""
    specs = {spec.title: spec for spec in DEMO_SESSIONS}
    for session in EventSession.objects.filter(page=page, title__in=specs):
        spec = specs[session.title]
        missing = [name for name in ENGLISH_SESSION_FIELDS if not getattr(session, name)]
        for name in missing:
            setattr(session, name, getattr(spec, name))
        if missing:
            session.save(update_fields=missing)
