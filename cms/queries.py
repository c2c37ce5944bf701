"""Read-only queries behind the home page. Each runs a fixed number of SQL queries whatever the data size."""

from dataclasses import dataclass

from django.db.models import Count, Sum
from django.utils import timezone
from wagtail.models import Locale

from catalog.choices import LegalForm, MembershipStatus
from catalog.models import Offer, Organisation

HOME_LIST_SIZE = 3


@dataclass(frozen=True)
class ImpactFigures:
    members: int
    members_by_legal_form: list[tuple[str, int]]
    jobs: int
    jobs_for_disadvantaged: int
    published_offers: int


def catalogue_impact_figures() -> ImpactFigures:
    """Live figures of the catalogue: active members by legal form, the jobs they give, published offers.

    The catalogue owns the arithmetic (`catalog.impact.compute_impact_figures`); this adapts it to the
    home page and keeps a local computation for installations without it.
    """
    try:
        from catalog.impact import compute_impact_figures
    except ImportError:  # pragma: no cover - the catalogue ships it
        return _own_impact_figures()
    figures = compute_impact_figures()
    return ImpactFigures(
        members=figures.members,
        members_by_legal_form=[(str(f.label), f.value) for f in figures.members_by_legal_form if f.value],
        jobs=figures.jobs,
        jobs_for_disadvantaged=figures.jobs_for_people_at_risk,
        published_offers=figures.offers,
    )


def _own_impact_figures() -> ImpactFigures:
    members = Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE)
    labels = dict(LegalForm.choices)
    by_form = [
        (str(labels.get(row["legal_form"], row["legal_form"])), row["count"])
        for row in members.values("legal_form").annotate(count=Count("pk")).order_by("-count", "legal_form")
    ]
    totals = members.aggregate(jobs=Sum("employees_total"), disadvantaged=Sum("employees_disadvantaged"))
    return ImpactFigures(
        members=sum(count for _, count in by_form),
        members_by_legal_form=by_form,
        jobs=totals["jobs"] or 0,
        jobs_for_disadvantaged=totals["disadvantaged"] or 0,
        published_offers=Offer.objects.published()
        .filter(organisation__membership_status=MembershipStatus.ACTIVE)
        .count(),
    )


def featured_offers(limit: int = 6):
    return list(
        Offer.objects.published()
        .filter(organisation__membership_status=MembershipStatus.ACTIVE)
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
    """Fairs (and event pages, when the events app provides them) that have not ended yet.

    With `locale_id`, each event is linked in that locale when it has a live translation there, else in
    the default locale, and never twice.
    """
    from django.urls import NoReverseMatch, reverse

    from events.models import Fair

    now = timezone.now()
    events = []
    try:
        from events.pages import EventPage
    except ImportError:  # pragma: no cover - the events app ships it
        EventPage = None  # noqa: N806
    fairs_with_pages = set()
    if EventPage is not None:
        for event in _event_pages_in_locale(EventPage, locale_id, now)[:limit]:
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


def _event_pages_in_locale(event_page_model, locale_id: int | None, now) -> list:
    """Upcoming live event pages, one per translation group: the one in `locale_id`, else the default's."""
    pages = event_page_model.objects.live().public().filter(ends_at__gte=now).order_by("starts_at", "pk")
    if locale_id is None:
        return pages
    default_id = Locale.get_default().pk
    chosen = {}
    for page in pages.filter(locale_id__in={locale_id, default_id}):
        current = chosen.get(page.translation_key)
        if current is None or (page.locale_id == locale_id and current.locale_id != locale_id):
            chosen[page.translation_key] = page
    return sorted(chosen.values(), key=lambda page: (page.starts_at, page.pk))


def latest_news(locale_id: int, limit: int = HOME_LIST_SIZE):
    from .models import NewsPage

    return list(
        NewsPage.objects.live()
        .public()
        .filter(locale_id=locale_id)
        .select_related("lead_image")
        .order_by("-date", "-pk")[:limit]
    )
