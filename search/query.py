"""The catalogue search service: one entry point per question, one result type.

`search_offers` and `search_organisations` run Elasticsearch and fall back to the database backend
when Elasticsearch is not configured, errors, exceeds its time budget or its circuit breaker is open.
A fallback result says so (`simplified=True`), and the page shows a discreet notice.
"""

import logging

from .backends import SearchUnavailable
from .backends.database import DatabaseBackend
from .backends.elasticsearch import ElasticsearchBackend
from .breaker import elasticsearch_breaker
from .client import get_client
from .filters import SearchParams
from .maps import MAP_POINT_LIMIT, MapResult, locate
from .results import SearchResult, Suggestion

logger = logging.getLogger(__name__)

BACKENDS = ("es", "db")


def _run(method: str, *args, backend: str | None = None):
    """Call `method` on Elasticsearch when possible, else on the database; never raises SearchUnavailable."""
    database = DatabaseBackend()
    client = get_client()
    if backend == "db" or client is None:
        return getattr(database, method)(*args), backend != "db" and client is not None
    if backend != "es" and not elasticsearch_breaker.allows_request():
        # INFO, not WARNING: while the breaker is open every search takes this path (the opening warned).
        logger.info("Catalogue search fell back to the database: circuit breaker open")
        return getattr(database, method)(*args), True
    try:
        result = getattr(ElasticsearchBackend(client), method)(*args)
    except SearchUnavailable as error:
        if backend == "es":
            raise
        elasticsearch_breaker.record_failure()
        # The cause's class only: Elasticsearch's message can quote the query, i.e. what a person typed.
        logger.warning(
            "Catalogue search fell back to the database: %s", type(error.__cause__ or error).__name__
        )
        return getattr(database, method)(*args), True
    elasticsearch_breaker.record_success()
    return result, False


def _mark(result: SearchResult, fell_back: bool) -> SearchResult:
    result.simplified = result.backend == "database"
    result.extra["fell_back"] = fell_back
    return result


def search_offers(params: SearchParams, backend: str | None = None) -> SearchResult:
    """Published offers matching the query and filters, one page, with facet counts. Never raises for odd text.

    `backend` forces "es" or "db" (evaluation and benchmarks); by default Elasticsearch with fallback.
    """
    result, fell_back = _run("search_offers", params, backend=backend)
    return _mark(result, fell_back)


def search_organisations(params: SearchParams, backend: str | None = None) -> SearchResult:
    """Organisations matching the query and filters, one page, with facet counts."""
    result, fell_back = _run("search_organisations", params, backend=backend)
    return _mark(result, fell_back)


def map_points(params: SearchParams, document: str = "offer", backend: str | None = None) -> MapResult:
    """Every organisation matching the query and filters (not one page), with its matching offers.

    `document` is "offer" (the catalogue's map: organisations behind the matching offers) or
    "organisation" (the organisation listing's map). At most MAP_POINT_LIMIT organisations, those with
    the most matching offers first; `truncated` says when more matched. Pagination and sort are ignored.
    """
    counts, _ = _run("organisation_counts", params, document, MAP_POINT_LIMIT, backend=backend)
    result = locate(counts, params, document)
    result.simplified = counts.backend == "database"
    return result


def suggest(text: str, limit: int = 8, backend: str | None = None) -> list[Suggestion]:
    """Autocomplete for offer titles and organisation names; falls back to top search hits when empty."""
    text = (text or "").replace("\x00", "")[:100]
    suggestions, _ = _run("suggest", text, limit, backend=backend)
    if len(suggestions) < limit and text.strip():
        result = search_offers(SearchParams(q=text, per_page=limit), backend=backend)
        known = {(s.kind, s.id) for s in suggestions}
        for hit in result.hits:
            if ("offer", hit.id) not in known and len(suggestions) < limit:
                suggestions.append(Suggestion(text=hit.title, kind="offer", id=hit.id, url=hit.url))
    return suggestions
