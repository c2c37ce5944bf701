"""Read-only queries behind the home page. Each runs a fixed number of SQL queries whatever the data size."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.models import Locale

from catalog.models import Offer
from events.models import Fair
from events.pages import EventPage

from .pages.news import NewsPage

HOME_LIST_SIZE = 3


def featured_offers(limit: int = 6) -> list[Offer]:
    return list(
        Offer.objects.public()
        .select_related("organisation", "category")
        .order_by("-updated_at", "pk")[:limit]
    )


@dataclass(frozen=True)
class UpcomingEvent:
    title: str
    url: str
    starts_at: object
    place: str


def upcoming_events(limit: int = HOME_LIST_SIZE, locale_id: int | None = None) -> list[UpcomingEvent]:
    """Event pages and fairs that have not ended yet; a fair with an event page is listed once, as the page.

    With `locale_id`, each event is linked in that locale when it has a live translation there, else in
    the default locale, and never twice.
    """
    now = timezone.now()
    events = []
    fairs_with_pages = set()
    for event in _event_pages_in_locale(locale_id, now)[:limit]:
        events.append(UpcomingEvent(event.title, event.url, event.starts_at, event.venue_name))
        fairs_with_pages.add(event.fair_id)
    for fair in (
        Fair.objects.filter(ends_at__gte=now).exclude(pk__in=fairs_with_pages).order_by("starts_at")[:limit]
    ):
        try:
            url = reverse("events:fair", kwargs={"slug": fair.slug})
        except NoReverseMatch:
            url = ""
        events.append(UpcomingEvent(fair.name, url, fair.starts_at, fair.venue_name))
    return sorted(events, key=lambda event: event.starts_at)[:limit]


def _event_pages_in_locale(locale_id: int | None, now) -> list:
    """Upcoming live event pages, one per translation group: the one in `locale_id`, else the default's."""
    pages = EventPage.objects.live().public().filter(ends_at__gte=now).order_by("starts_at", "pk")
    if locale_id is None:
        return pages
    default_id = Locale.get_default().pk
    chosen = {}
    for page in pages.filter(locale_id__in={locale_id, default_id}):
        current = chosen.get(page.translation_key)
        if current is None or (page.locale_id == locale_id and current.locale_id != locale_id):
            chosen[page.translation_key] = page
    return sorted(chosen.values(), key=lambda page: (page.starts_at, page.pk))


def latest_news(locale_id: int, limit: int = HOME_LIST_SIZE) -> list[NewsPage]:
    return list(
        NewsPage.objects.live()
        .public()
        .filter(locale_id=locale_id)
        .select_related("lead_image")
        .order_by("-date", "-pk")[:limit]
    )
