"""Saved catalogue searches: double opt-in, a weekly email of new or changed matching offers, one-click
unsubscribe. No email goes out when nothing is new.

Matches come from the catalogue's own search service (`search.query.search_offers`) on the database
backend: the alert compares against what the database holds now, which the index may trail by an
outbox replay; the FilterSet and the ranking rules are the same.
"""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Offer
from config.core.links import absolute_url
from search.filters import MAX_PER_PAGE, InvalidSearchParams, parse_search_params
from search.query import search_offers

from .models import SavedSearch
from .tasks import send_saved_search_alert, send_saved_search_confirmation

ALERT_EVERY = timedelta(days=7)
MAX_PAGES = 4  # at most 200 matches are watched per saved search
IGNORED_PARAMETERS = {"page", "per_page", "view", "sort"}


@dataclass(frozen=True)
class MatchingOffer:
    slug: str
    title: str
    organisation: str
    url: str
    updated_at: str


def clean_query(query: dict[str, list[str]]) -> dict[str, list[str]]:
    """Keep the filters that change the matches; refuse what the catalogue's FilterSet refuses."""
    kept = {
        name: [v for v in values if v] for name, values in query.items() if name not in IGNORED_PARAMETERS
    }
    kept = {name: values[:10] for name, values in kept.items() if values}
    if not kept:
        raise ValidationError(_("Search or filter the catalogue first, then save the search."))
    try:
        parse_search_params(kept)
    except InvalidSearchParams as error:
        raise ValidationError(_("This search cannot be saved: %(errors)s") % {"errors": error}) from error
    return kept


def save_search(*, email: str, query: dict[str, list[str]], language: str) -> SavedSearch:
    """Store an unconfirmed saved search and, after commit, email the confirmation link (double opt-in)."""
    with transaction.atomic():
        saved = SavedSearch.objects.create(
            email=email.strip(),
            query=clean_query(query),
            language=language,
            label=describe_query(query)[:200],
        )
        transaction.on_commit(lambda: send_saved_search_confirmation.enqueue(saved.pk))
    return saved


def describe_query(query: dict[str, list[str]]) -> str:
    return ", ".join(f"{name}: {' / '.join(values)}" for name, values in query.items() if values)


def matching_offers(saved: SavedSearch) -> list[MatchingOffer]:
    params = parse_search_params({**saved.query, "per_page": str(MAX_PER_PAGE)})
    hits = []
    for page in range(1, MAX_PAGES + 1):
        result = search_offers(replace(params, page=page), backend="db")
        hits += result.hits
        if page >= result.num_pages:
            break
    updated = dict(
        Offer.objects.public().filter(slug__in=[hit.id for hit in hits]).values_list("slug", "updated_at")
    )
    return [
        MatchingOffer(
            hit.id, hit.title, hit.organisation_name, absolute_url(hit.url), updated[hit.id].isoformat()
        )
        for hit in hits
        if hit.id in updated
    ]


def confirm_saved_search(token: str) -> SavedSearch | None:
    """Confirm the address (idempotent). What matches now is the baseline: alerts list what is new after."""
    with transaction.atomic():
        saved = (
            SavedSearch.objects.select_for_update().filter(token=token, unsubscribed_at__isnull=True).first()
        )
        if saved is None:
            return None
        if saved.confirmed_at is None:
            saved.confirmed_at = timezone.now()
            saved.last_alert_at = saved.confirmed_at
            saved.seen = {offer.slug: offer.updated_at for offer in matching_offers(saved)}
            saved.save(update_fields=["confirmed_at", "last_alert_at", "seen"])
    return saved


def unsubscribe(token: str) -> SavedSearch | None:
    """Stop the alerts of one saved search (idempotent); retention deletes the row afterwards."""
    saved = SavedSearch.objects.filter(token=token).first()
    if saved is not None and saved.unsubscribed_at is None:
        saved.unsubscribed_at = timezone.now()
        saved.save(update_fields=["unsubscribed_at"])
    return saved


def send_weekly_alerts(now: datetime | None = None) -> dict[str, int]:
    """The periodic job: each confirmed search due this week gets one email listing its new or changed
    offers, or nothing at all when there are none. Each search is checked under its row lock, so two
    runs never send the same week twice."""
    now = now or timezone.now()
    due = SavedSearch.objects.filter(
        confirmed_at__isnull=False, unsubscribed_at__isnull=True, last_alert_at__lte=now - ALERT_EVERY
    ).values_list("pk", flat=True)
    report = {"alerts sent": 0, "searches with nothing new": 0}
    for pk in list(due):
        with transaction.atomic():
            saved = SavedSearch.objects.select_for_update().get(pk=pk)
            if saved.last_alert_at > now - ALERT_EVERY:
                continue
            current = matching_offers(saved)
            fresh = [offer for offer in current if saved.seen.get(offer.slug) != offer.updated_at]
            saved.seen = {offer.slug: offer.updated_at for offer in current}
            saved.last_alert_at = now
            saved.save(update_fields=["seen", "last_alert_at"])
            if fresh:
                offers = [offer.__dict__ for offer in fresh]
                transaction.on_commit(
                    lambda pk=pk, offers=offers: send_saved_search_alert.enqueue(pk, offers)
                )
                report["alerts sent"] += 1
            else:
                report["searches with nothing new"] += 1
    return report
