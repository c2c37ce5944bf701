"""The one result type of a catalogue search, whichever backend produced it."""

import math
import re
from dataclasses import dataclass, field

from django.utils.html import escape

from config.core.languages import localised, shown_in_polish

from .analysis import fold, stem

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
    cpv: tuple[str, ...] = ()  # the offer's CPV codes (empty for organisations)
    title_en: str = ""  # the supplier's English title, if any
    highlight_en: str = ""  # the English description, marked like `highlight`, if there is one

    @property
    def local_title(self) -> str:
        return localised(self.title, self.title_en)

    @property
    def local_highlight(self) -> str:
        return localised(self.highlight, self.highlight_en)

    @property
    def shown_in_polish(self) -> bool:
        """An English results page shows this hit's Polish text and says so."""
        return shown_in_polish(self.title_en)


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


@dataclass(frozen=True)
class OrganisationCounts:
    """A backend's answer for the map: the organisations behind the matching documents.

    `counts` maps an organisation's slug to its matching offers (to 1 for an organisation search),
    largest first and then by slug, at most `limit` entries; `matched` counts every matching document,
    and `truncated` says that more organisations matched than the limit.
    """

    counts: dict[str, int]
    matched: int
    truncated: bool
    backend: str


def order_counts(counts: dict[str, int], limit: int) -> tuple[dict[str, int], bool]:
    """Largest count first, then by slug (byte order, as Elasticsearch orders keys); cut at `limit`."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return dict(ordered[:limit]), len(ordered) > limit


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine) in kilometres between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


_WORD = re.compile(r"\w+", re.UNICODE)


def query_stems(query) -> list[str]:
    """Stems of a parsed query's words and of their synonyms: what a snippet marks as matched."""
    words = list(query.folded)
    for phrase in query.synonyms:
        words += [word for word in _WORD.findall(phrase) if len(word) > 2]
    return list(dict.fromkeys(stem(word) for word in words if word))


def mark_words(text: str, stems: list[str], length: int = 180) -> str:
    """Escaped snippet of `text` starting near the first match, with matching words in <mark>."""
    text = text or ""

    prefixes = tuple(stems)

    def matches(word: str) -> bool:
        return bool(prefixes) and fold(word).startswith(prefixes)

    first = next((m for m in _WORD.finditer(text) if matches(m.group())), None)
    start = max(0, first.start() - 40) if first else 0
    if start:
        start = text.rfind(" ", 0, start) + 1
    snippet = text[start : start + length]
    out, position = [], 0
    for match in _WORD.finditer(snippet):
        if matches(match.group()):
            out += [escape(snippet[position : match.start()]), "<mark>", escape(match.group()), "</mark>"]
            position = match.end()
    out.append(escape(snippet[position:]))
    return ("…" if start else "") + "".join(out) + ("…" if start + length < len(text) else "")
