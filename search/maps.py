"""The map of a catalogue search: every matching organisation once, with its matching offers.

A backend only says which organisations match and how many of their offers do (see
`organisation_counts`); names, addresses and coordinates always come from the database, so both
backends draw the same map from the same counts.
"""

from dataclasses import dataclass

from django.db.models import Count

from catalog.models import Offer, Organisation

from .analysis import fold
from .filters import SearchParams, filter_queryset
from .results import OrganisationCounts

# Every organisation of the region fits; the cap only guards the page size if the catalogue grows.
MAP_POINT_LIMIT = 1000


@dataclass(frozen=True)
class MapPoint:
    """One organisation on the map. `id` is its stable slug; coordinates are None when unknown."""

    id: str
    name: str
    url: str
    street: str
    postal_code: str
    city: str
    latitude: float | None
    longitude: float | None
    offer_count: int

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass
class MapResult:
    points: list[MapPoint]  # by name
    matched: int  # matching offers (offer map) or organisations (organisation map)
    truncated: bool  # more organisations matched than MAP_POINT_LIMIT; the largest counts are kept
    backend: str
    simplified: bool = False

    @property
    def located(self) -> list[MapPoint]:
        return [point for point in self.points if point.located]


def _matching_offer_counts(params: SearchParams, slugs: list[str]) -> dict[str, int]:
    """Published offers of these organisations that pass the search's offer filters, per organisation."""
    offers = filter_queryset(Offer.objects.public().filter(organisation__slug__in=slugs), params)
    rows = offers.order_by().values("organisation__slug").annotate(n=Count("pk"))
    return {row["organisation__slug"]: row["n"] for row in rows}


def locate(counts: OrganisationCounts, params: SearchParams, document: str) -> MapResult:
    """Turn a backend's counts into map points, reading the organisations from the database.

    On the offer map a point carries the organisation's matching offers. On the organisation map it
    carries the organisation's published offers that pass the filters (the text query chose the
    organisations, not their offers).
    """
    slugs = list(counts.counts)
    offer_counts = counts.counts if document == "offer" else _matching_offer_counts(params, slugs)
    organisations = Organisation.objects.filter(slug__in=slugs).only(
        "slug", "name", "street", "postal_code", "city", "latitude", "longitude"
    )
    points = [
        MapPoint(
            id=organisation.slug,
            name=organisation.name,
            url=organisation.get_absolute_url(),
            street=organisation.street,
            postal_code=organisation.postal_code,
            city=organisation.city,
            latitude=organisation.latitude,
            longitude=organisation.longitude,
            offer_count=offer_counts.get(organisation.slug, 0),
        )
        for organisation in organisations
    ]
    points.sort(key=lambda point: (fold(point.name).lower(), point.id))
    return MapResult(
        points=points, matched=counts.matched, truncated=counts.truncated, backend=counts.backend
    )
