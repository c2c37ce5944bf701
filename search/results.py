"""The one result type of a catalogue search, whichever backend produced it."""

import math
from dataclasses import dataclass, field

FACETS = ["category", "kind", "subregion", "legal_form", "ps", "reserved", "certificates"]


@dataclass(frozen=True)
class SearchHit:
    """One offer or organisation. `id` is the stable slug used by the import."""

    id: str
    title: str
    url: str
    organisation_id: str
    organisation_name: str
    highlight: str  # safe HTML: escaped text with <mark> around matches
    category: str = ""
    kind: str = ""
    city: str = ""
    price_from: int | None = None  # grosze
    price_to: int | None = None
    price_unit: str = ""
    latitude: float | None = None
    longitude: float | None = None
    distance_km: float | None = None


@dataclass(frozen=True)
class Suggestion:
    text: str
    kind: str  # "offer" or "organisation"
    id: str
    url: str


@dataclass
class SearchResult:
    count: int
    hits: list[SearchHit]
    facets: dict[str, dict[str, int]]
    page: int = 1
    per_page: int = 20
    backend: str = "elasticsearch"
    simplified: bool = False  # True when the database fallback answered instead of Elasticsearch
    took_ms: int | None = None
    extra: dict = field(default_factory=dict)

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.count / self.per_page))

    @property
    def ids(self) -> list[str]:
        return [hit.id for hit in self.hits]


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine) in kilometres between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))
