"""When a search finds nothing: what each relaxed filter would find, and the nearest spelling.

A buyer who lands on "no results" gets a way on instead of a dead end: one link per active filter
(with the number of results that search would give without it), a link without any filter, and,
when a word looks mistyped, the query spelled as the catalogue spells it. The spelling comes from
the catalogue's own titles (trigram word similarity in PostgreSQL), so both search backends offer
the same correction.
"""

import difflib
from collections.abc import Callable
from dataclasses import dataclass, replace

from django.db import connection
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .analysis import fold, folded_words
from .filters import CatalogueFilterSet, InvalidSearchParams, SearchParams, parse_search_params
from .results import SearchResult

# Groups of query parameters that make one filter; the label of a one-parameter group is its field's.
FILTER_GROUPS: list[tuple[tuple[str, ...], object]] = [
    (("category",), None),
    (("kind",), None),
    (("subregion",), None),
    (("powiat",), None),
    (("legal_form",), None),
    (("ps",), None),
    (("reserved",), None),
    (("certificates",), None),
    (("price_min", "price_max"), _("Price")),
    (("cpv",), None),
    (("near", "town", "radius_km"), _("Distance")),
]
# Parameters that never narrow a search: kept on every relaxed link.
KEPT = {"q", "sort", "view", "per_page"}
# Shorter words have too few trigrams for a trustworthy "did you mean".
MIN_SPELLING_LENGTH = 4
SPELLING_CANDIDATES = 30
MIN_SPELLING_RATIO = 0.75


@dataclass(frozen=True)
class Relaxation:
    label: str
    url: str  # the query string of the relaxed search, with its leading "?"
    count: int


@dataclass(frozen=True)
class Rescue:
    relaxations: list[Relaxation]
    spelling: str  # the query as the catalogue spells it; empty when there is nothing better
    spelling_url: str
    spelling_count: int

    def __bool__(self) -> bool:
        return bool(self.relaxations or self.spelling)


def _count(search: Callable[[SearchParams], SearchResult], params: SearchParams) -> int:
    return search(replace(params, page=1, per_page=1)).count


def _without(query: QueryDict, keys: tuple[str, ...]) -> QueryDict:
    relaxed = query.copy()
    relaxed.pop("page", None)
    for key in keys:
        relaxed.pop(key, None)
    return relaxed


def _label(keys: tuple[str, ...], label) -> str:
    return str(label or CatalogueFilterSet.base_filters[keys[0]].label)


def relaxations(query: QueryDict, search: Callable[[SearchParams], SearchResult]) -> list[Relaxation]:
    """One relaxed search per active filter, and one without any filter when several are active."""
    active = [(keys, label) for keys, label in FILTER_GROUPS if any(query.get(key) for key in keys)]
    found = []
    for keys, label in active:
        relaxed = _without(query, keys)
        try:
            params = parse_search_params(relaxed)
        except InvalidSearchParams:
            continue  # another parameter is invalid: the page shows that error instead
        found.append(Relaxation(_label(keys, label), f"?{relaxed.urlencode()}", _count(search, params)))
    if len(active) > 1:
        relaxed = _only_kept(query)
        params = parse_search_params(relaxed)
        found.append(Relaxation(str(_("every filter")), f"?{relaxed.urlencode()}", _count(search, params)))
    return sorted(found, key=lambda item: -item.count)


def _catalogue_words_like(word: str) -> list[str]:
    """Folded words of published offer titles that contain most of `word`'s trigrams (GIN-indexed)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pes_fold(title) FROM catalog_offer WHERE status = 'published' AND %s <%% pes_fold(title) "
            "LIMIT %s",
            [word, SPELLING_CANDIDATES],
        )
        titles = [row[0] for row in cursor.fetchall()]
    return sorted({candidate for title in titles for candidate in folded_words(title)})


def nearest_spelling(text: str) -> str:
    """The query with each unknown word replaced by the catalogue's closest word; "" when none changes."""
    if connection.vendor != "postgresql":
        return ""  # the trigram index lives in PostgreSQL only (SQLite in `make run` has no suggestion)
    changed = False
    corrected = []
    for word in folded_words(fold(text)):
        if len(word) < MIN_SPELLING_LENGTH or word.isdigit():
            corrected.append(word)
            continue
        candidates = _catalogue_words_like(word)
        if word in candidates:
            corrected.append(word)
            continue
        best = difflib.get_close_matches(word, candidates, n=1, cutoff=MIN_SPELLING_RATIO)
        if best:
            corrected.append(best[0])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else ""


def _only_kept(query: QueryDict) -> QueryDict:
    kept = QueryDict(mutable=True)
    for key in KEPT:
        if key in query:
            kept.setlist(key, query.getlist(key))
    return kept


def rescue(query: QueryDict, params: SearchParams, search: Callable[[SearchParams], SearchResult]) -> Rescue:
    """What to offer on an empty result page."""
    spelling = nearest_spelling(params.q) if params.q else ""
    spelling_url, spelling_count = "", 0
    if spelling:
        # The corrected words with the buyer's filters, or without them when those still find nothing.
        for base in (_without(query, ()), _only_kept(query)):
            base["q"] = spelling
            spelling_count = _count(search, parse_search_params(base))
            if spelling_count:
                spelling_url = f"?{base.urlencode()}"
                break
        else:
            spelling = ""
    return Rescue(relaxations(query, search), spelling, spelling_url, spelling_count)
