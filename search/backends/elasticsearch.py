"""The Elasticsearch backend: sends the requests of search.backends.es_query and reads the answers."""

from django.urls import reverse
from elastic_transport import TransportError
from elasticsearch import ApiError
from elasticsearch.dsl import Search

from ..analysis import fold
from ..client import get_client
from ..documents import alias_name
from ..filters import SearchParams
from ..query_text import QueryText, parse_query
from ..results import (
    OrganisationCounts,
    SearchHit,
    SearchResult,
    Suggestion,
    distance_km,
    mark_words,
    query_stems,
)
from . import SearchUnavailable
from .es_query import (
    FACET_FIELDS,
    OFFERS,
    ORGANISATIONS,
    Spec,
    build_map_search,
    build_search,
    typo_probe,
)

PROBE_PATHS = ["responses.hits.total.value", "responses.error.type"]
# Only what a result page reads leaves Elasticsearch (no _shards, _index, _score or sort values).
RESULT_PATHS = ["took", "timed_out", "hits.total.value", "hits.hits._id", "hits.hits._source", "aggregations"]


def _facet_counts(body: dict) -> dict[str, dict[str, int]]:
    aggregations = body.get("aggregations", {})
    facets = {}
    for facet in FACET_FIELDS:
        buckets = aggregations.get(facet, {}).get("values", {}).get("buckets", [])
        facets[facet] = {
            str(bucket.get("key_as_string", bucket["key"])): bucket["doc_count"] for bucket in buckets
        }
    return facets


def _hit(raw: dict, spec: Spec, point, stems: list[str]) -> SearchHit:
    source = raw.get("_source", {})
    location = source.get("location") or {}
    latitude, longitude = location.get("lat"), location.get("lon")
    slug = source.get("slug", raw["_id"])
    if spec.document == "offer":
        url = reverse("catalog:offer", kwargs={"slug": slug})
        organisation_id, organisation_name = (
            source.get("organisation_id", ""),
            source.get("organisation_name", ""),
        )
    else:
        url = reverse("catalog:organisation", kwargs={"slug": slug})
        organisation_id, organisation_name = slug, source.get("name", "")
    # Highlighting in Python from the stored text: Elasticsearch's highlighter would re-analyse every
    # hit with hunspell for every query variant, which costs more than the search itself.
    snippet = mark_words(source.get("description", ""), stems)
    english = source.get("description_en") or ""
    return SearchHit(
        id=slug,
        title=source.get(spec.title_field, ""),
        url=url,
        organisation_id=organisation_id,
        organisation_name=organisation_name,
        highlight=snippet,
        category=source.get("category", "") if isinstance(source.get("category"), str) else "",
        kind=source.get("kind", "") if isinstance(source.get("kind"), str) else "",
        city=source.get("city", ""),
        price_from=source.get("price_from"),
        price_to=source.get("price_to"),
        price_unit=source.get("price_unit", "") or "",
        latitude=latitude,
        longitude=longitude,
        distance_km=round(distance_km(point, (latitude, longitude)), 1)
        if point and latitude is not None
        else None,
        # An organisation document lists its offers' codes too; only an offer's are its own.
        cpv=tuple(source.get("cpv") or []) if spec.document == "offer" else (),
        title_en=source.get("title_en") or "" if spec.document == "offer" else "",
        highlight_en=mark_words(english, stems) if english else "",
    )


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, client=None):
        self.client = client or get_client()

    def _execute(self, index: str, search: Search, filter_path: list[str] | None = None):
        try:
            return self.client.search(index=index, body=search.to_dict(), filter_path=filter_path)
        except (ApiError, TransportError) as error:
            raise SearchUnavailable(str(error)) from error

    def _unknown_words(self, spec: Spec, query: QueryText) -> list[str]:
        """The query's typo candidates that no document contains, in one multi-search of tiny probes."""
        candidates = query.typo_candidates
        if not candidates:
            return []
        searches = []
        for word in candidates:
            searches += [{"index": alias_name(spec.document)}, typo_probe(word, spec)]
        try:
            body = self.client.msearch(searches=searches, filter_path=PROBE_PATHS).body
        except (ApiError, TransportError) as error:
            raise SearchUnavailable(str(error)) from error
        responses = body.get("responses", [])
        if len(responses) != len(candidates) or any("hits" not in answer for answer in responses):
            raise SearchUnavailable("a typo probe failed")
        return [
            word
            for word, answer in zip(candidates, responses, strict=True)
            if not answer["hits"]["total"]["value"]
        ]

    def _search(self, params: SearchParams, spec: Spec) -> SearchResult:
        query = parse_query(params.q)
        search = build_search(params, spec, query=query, typos=self._unknown_words(spec, query))
        response = self._execute(alias_name(spec.document), search, filter_path=RESULT_PATHS)
        body = response.body
        stems = query_stems(query)
        # filter_path leaves out an empty list of hits
        hits = [_hit(raw, spec, params.point, stems) for raw in body["hits"].get("hits", [])]
        facets = _facet_counts(body)
        return SearchResult(
            count=body["hits"]["total"]["value"],
            hits=hits,
            facets=facets,
            page=params.page,
            per_page=params.per_page,
            backend=self.name,
            took_ms=body.get("took"),
            extra={"timed_out": body.get("timed_out", False)},
        )

    def search_offers(self, params: SearchParams) -> SearchResult:
        return self._search(params, OFFERS)

    def search_organisations(self, params: SearchParams) -> SearchResult:
        return self._search(params, ORGANISATIONS)

    def organisation_counts(self, params: SearchParams, document: str, limit: int) -> OrganisationCounts:
        spec = OFFERS if document == "offer" else ORGANISATIONS
        query = parse_query(params.q)
        search = build_map_search(params, spec, limit, query=query, typos=self._unknown_words(spec, query))
        body = self._execute(alias_name(spec.document), search).body
        terms = body.get("aggregations", {}).get("organisations", {})
        return OrganisationCounts(
            counts={bucket["key"]: bucket["doc_count"] for bucket in terms.get("buckets", [])},
            matched=body["hits"]["total"]["value"],
            truncated=terms.get("sum_other_doc_count", 0) > 0,
            backend=self.name,
        )

    def suggest(self, text: str, limit: int = 8) -> list[Suggestion]:
        prefix = " ".join(fold(text).split())[:100]
        if len(prefix) < 2:
            return []
        completion = {"field": "suggest", "size": limit, "skip_duplicates": True}
        if len(prefix) >= 4:
            completion["fuzzy"] = {"fuzziness": 1, "prefix_length": 2}
        body = {
            "size": 0,
            "_source": ["slug", "title", "name"],
            "suggest": {"items": {"prefix": prefix, "completion": completion}},
        }
        try:
            response = self.client.search(
                index=f"{alias_name('offer')},{alias_name('organisation')}", body=body
            )
        except (ApiError, TransportError) as error:
            raise SearchUnavailable(str(error)) from error
        suggestions: list[Suggestion] = []
        seen = set()
        for option in response.body.get("suggest", {}).get("items", [{}])[0].get("options", []):
            source = option.get("_source", {})
            if "title" in source:
                kind, label = "offer", source["title"]
                url = reverse("catalog:offer", kwargs={"slug": source["slug"]})
            else:
                kind, label = "organisation", source.get("name", "")
                url = reverse("catalog:organisation", kwargs={"slug": source["slug"]})
            if (kind, source.get("slug")) in seen:
                continue
            seen.add((kind, source.get("slug")))
            suggestions.append(Suggestion(text=label, kind=kind, id=source.get("slug", ""), url=url))
        return suggestions[:limit]
