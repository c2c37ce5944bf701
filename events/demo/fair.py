"""The demo fair of `make run`, built from `fair.yaml`: the fair and its stand types, add-ons, a member
pricing rule, stand numbers, and the events index and event page with the programme.

Idempotent: every object is found by a stable key (fair and page slug, add-on code) and created when
missing; the fair and the programme are never rewritten once they exist. The English translations of the
pages are made by `load_demo` (`cms/demo/pages_en.yaml`); the sessions serve both languages and carry
their English text here.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone
from wagtail.models import Page

from events.models import EventSession, Fair, PricingRule, StandAddon, StandType
from events.pages import EventIndexPage, EventPage


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


ENGLISH_SESSION_FIELDS = ("title_en", "room_en", "description_en")


def load_fair_demo(data: Mapping[str, Any], home: Page) -> EventPage:
    """The demo fair with its add-ons, pricing rule and stand numbers, and its event page under `home`."""
    fair = _load_fair(data["fair"], data["stand_types"])
    for order, addon in enumerate(data["addons"]):
        StandAddon.objects.update_or_create(
            fair=fair,
            code=addon["code"],
            defaults={
                "name": addon["name"],
                "price_net": addon["price_net"],
                "vat_rate": addon["vat_rate"],
                "sort_order": order,
            },
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
            defaults={"discount_percent": data["member_discount_percent"]},
        )

    index = EventIndexPage.objects.filter(slug=data["event_index"]["slug"]).first()
    if index is None:
        index = EventIndexPage(**data["event_index"])
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
            intro=data["event_page_intro"],
        )
        index.add_child(instance=page)
        page.save_revision().publish()
    sessions = [DemoSession(**row) for row in data["sessions"]]
    if not EventSession.objects.filter(page=page).exists():
        _create_sessions(page, fair, sessions)
    else:
        _add_english_session_text(page, sessions)
    _publish_programme(page)
    return page


def _load_fair(spec: Mapping[str, Any], stand_types: list[Mapping[str, Any]]) -> Fair:
    """The fair by its slug; created with its stand types when missing, dated from today (see the YAML)."""
    starts = (timezone.now() + timedelta(days=spec["starts_in_days"])).replace(
        hour=spec["starts_at_hour"], minute=0, second=0, microsecond=0
    )
    fair, created = Fair.objects.get_or_create(
        slug=spec["slug"],
        defaults={
            "name": spec["name"],
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=spec["hours"]),
            "venue_name": spec["venue_name"],
            "venue_address": spec["venue_address"],
            "latitude": spec["latitude"],
            "longitude": spec["longitude"],
            "application_deadline": starts - timedelta(days=spec["application_deadline_days_before"]),
            "cancellation_deadline": starts - timedelta(days=spec["cancellation_deadline_days_before"]),
        },
    )
    if created:
        StandType.objects.bulk_create([StandType(fair=fair, **row) for row in stand_types])
    return fair


def _create_sessions(page: EventPage, fair: Fair, sessions: list[DemoSession]) -> None:
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
            for order, spec in enumerate(sessions, start=1)
        ]
    )


def _publish_programme(page: EventPage) -> None:
    """Put the programme into the page's latest revision. Publishing a revision restores the page's child
    rows from it, so a programme added beside the revision would vanish at the editor's next publish."""
    page = EventPage.objects.get(pk=page.pk)
    revision = page.latest_revision
    if revision is None or revision.content.get("sessions") or page.has_unpublished_changes:
        return
    if EventSession.objects.filter(page=page).exists():
        page.save_revision().publish()


def _add_english_session_text(page: EventPage, sessions: list[DemoSession]) -> None:
    """Sessions loaded by an older demo get their English text; an English field already filled is kept."""
    specs = {spec.title: spec for spec in sessions}
    for session in EventSession.objects.filter(page=page, title__in=specs):
        spec = specs[session.title]
        missing = [name for name in ENGLISH_SESSION_FIELDS if not getattr(session, name)]
        for name in missing:
            setattr(session, name, getattr(spec, name))
        if missing:
            session.save(update_fields=missing)
