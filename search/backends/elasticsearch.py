"""The Elasticsearch backend: queries built with elasticsearch.dsl, never with query_string syntax."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from elastic_transport import TransportError
from elasticsearch import ApiError
from elasticsearch.dsl import Q, Search

from ..analysis import fold, stem
from ..client import get_client
from ..documents import alias_name
from ..filters import SearchParams, powiat_coverage
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
from ..vocabulary import english_stem
from . import SearchUnavailable

# Field weights: tags are the supplier's own short keywords (the most precise signal), the title says
# what an offer is, the category is a broad hint, the description is long and noisy, and an
# organisation's name matters least (a "Warsztat Terapii Zajęciowej" does not offer workshops).
OFFER_FIELDS = {"title": 3.0, "tags": 4.0, "category_name": 1.5, "description": 1.0, "organisation_name": 0.3}
ORGANISATION_FIELDS = {"name": 3.0, "offer_titles": 2.0, "category_name": 1.5, "description": 1.0}
OFFER_STEM_FIELDS = {"title_stems": 3.0, "tags_stems": 4.0, "description_stems": 1.0}
ORGANISATION_STEM_FIELDS = {"name_stems": 3.0, "offer_titles_stems": 2.0, "description_stems": 1.0}
# The supplier's own English text (Snowball stems, see search.vocabulary.english_stems), weighted like
# its Polish counterpart.
OFFER_ENGLISH_FIELDS = {"title_en_stems": 3.0, "description_en_stems": 1.0}
ORGANISATION_ENGLISH_FIELDS = {"description_en_stems": 1.0}

PLACE_FACTOR = 3.0
TOWN_FACTOR = 1.2
CPV_EXACT_BOOST = 12.0
CPV_PREFIX_BOOST = 8.0
CPV_PARENT_BOOST = 2.0
SYNONYM_BOOST = 0.6
COMPOUND_BOOST = 0.9
# Hints from the English names of CPV codes and categories: they rank offers that the vocabulary
# found, but stay below a word the offer's own text contains.
CPV_HINT_BOOST = 1.5
CATEGORY_HINT_BOOST = 1.0
TIE_BREAKER = 0.3

FACET_FIELDS = {
    "category": "category",
    "kind": "kind",
    "subregion": "subregion",
    "legal_form": "legal_form",
    "ps": "ps_status",
    "reserved": "reserved",
    "certificates": "certificates",
}


@dataclass(frozen=True)
class _Spec:
    document: str
    fields: dict[str, float]
    stem_fields: dict[str, float]
    title_field: str
    english_fields: dict[str, float]


OFFERS = _Spec("offer", OFFER_FIELDS, OFFER_STEM_FIELDS, "title", OFFER_ENGLISH_FIELDS)
ORGANISATIONS = _Spec(
    "organisation", ORGANISATION_FIELDS, ORGANISATION_STEM_FIELDS, "name", ORGANISATION_ENGLISH_FIELDS
)


def _weighted(fields: dict[str, float], suffix: str = "") -> list[str]:
    return [f"{name}{suffix}^{weight}" for name, weight in fields.items()]


def _variant_query(variant: str, spec: _Spec):
    """A compound spelling: "bez glutenowy" as a phrase of stems, "bezglutenu" as a folded-word prefix."""
    if " " in variant:
        stems = " ".join(stem(part) for part in variant.split())
        return Q(
            "multi_match",
            query=stems,
            type="phrase",
            fields=_weighted(spec.stem_fields),
            boost=COMPOUND_BOOST,
        )
    prefix = variant[:10]  # "niskoslodz": long enough to mean the compound, short enough for inflection
    return Q(
        "dis_max",
        queries=[
            Q("prefix", **{f"{name}_folded": {"value": prefix, "boost": weight * COMPOUND_BOOST}})
            for name, weight in spec.fields.items()
        ],
    )


def _term_query(raw: str, folded_word: str, spec: _Spec, query: QueryText):
    """One query word, however it was typed: its lemma, its folded form with typos, its stem, its synonyms.

    The alternatives are combined with dis_max, so a word counts about once whether or not the buyer
    typed its diacritics; summing them would let a word typed correctly outweigh one typed without.
    """
    alternatives = [
        Q("multi_match", query=raw, fields=_weighted(spec.fields), tie_breaker=TIE_BREAKER),
        Q(
            "multi_match",
            query=english_stem(folded_word),
            fields=_weighted(spec.english_fields),
            tie_breaker=TIE_BREAKER,
        ),
        Q(
            "multi_match",
            query=folded_word,
            fields=_weighted(spec.fields, "_folded"),
            fuzziness="AUTO",
            prefix_length=1,
            max_expansions=20,
            tie_breaker=TIE_BREAKER,
        ),
        Q(
            "multi_match",
            query=stem(folded_word),
            fields=_weighted(spec.stem_fields),
            tie_breaker=TIE_BREAKER,
        ),
    ]
    for variant in query.variants.get(folded_word, []):
        alternatives.append(_variant_query(variant, spec))
    for phrase in query.phrases.get(folded_word, []):
        alternatives.append(
            Q(
                "multi_match",
                query=phrase,
                fields=_weighted(spec.fields, "_folded"),
                operator="and",
                tie_breaker=TIE_BREAKER,
                boost=SYNONYM_BOOST,
            )
        )
    return Q("dis_max", queries=alternatives, tie_breaker=TIE_BREAKER)


def text_query(query: QueryText, spec: _Spec):
    """The relevance part of a search: one clause per word, a phrase bonus, and CPV codes."""
    terms = [_term_query(raw, word, spec, query) for raw, word in zip(query.words, query.folded, strict=True)]
    should = list(terms)
    if len(terms) > 1:
        should.append(
            Q(
                "match_phrase",
                **{f"{spec.title_field}_folded": {"query": query.folded_text, "slop": 2, "boost": 2}},
            )
        )
    for code in query.cpv_codes:
        should.append(Q("constant_score", filter=Q("term", cpv_digits=code), boost=CPV_EXACT_BOOST))
    for prefix in query.cpv_prefixes:
        should.append(Q("constant_score", filter=Q("prefix", cpv_digits=prefix), boost=CPV_PREFIX_BOOST))
        if len(prefix) > 2:
            should.append(
                Q("constant_score", filter=Q("prefix", cpv_digits=prefix[:-1]), boost=CPV_PARENT_BOOST)
            )
    for prefix in query.cpv_hints:
        should.append(Q("constant_score", filter=Q("prefix", cpv_digits=prefix), boost=CPV_HINT_BOOST))
    if query.category_hints:
        should.append(
            Q("constant_score", filter=Q("terms", category=query.category_hints), boost=CATEGORY_HINT_BOOST)
        )
    if not should:
        return None
    return Q("bool", should=should, minimum_should_match=1)


def with_place(main, query: QueryText):
    """Multiply the score of offers whose service area (or supplier's town) covers the place named in the query.

    Multiplying rather than adding keeps the ranking among covering offers as relevance made it, while an
    offer that does not serve the place cannot outrank an equally relevant one that does.
    """
    if query.place is None:
        return main
    return Q(
        "function_score",
        query=main,
        functions=[
            {"filter": Q("terms", coverage=query.place.covering_areas).to_dict(), "weight": PLACE_FACTOR},
            {"filter": Q("term", city_folded=fold(query.place.name)).to_dict(), "weight": TOWN_FACTOR},
        ],
        score_mode="multiply",
        boost_mode="multiply",
    )


def facet_filters(params: SearchParams) -> dict[str, object]:
    """Filters that are also facets: applied as post_filter, so each facet's counts ignore its own filter."""
    filters = {}
    if params.category:
        filters["category"] = Q("terms", category=params.category)
    if params.kind:
        filters["kind"] = Q("term", kind=params.kind)
    if params.subregion:
        filters["subregion"] = Q("terms", subregion=params.subregion)
    if params.legal_form:
        filters["legal_form"] = Q("terms", legal_form=params.legal_form)
    if params.ps is not None:
        filters["ps"] = Q("term", ps_status=params.ps)
    if params.reserved is not None:
        filters["reserved"] = Q("term", reserved=params.reserved)
    if params.certificates:
        filters["certificates"] = Q("terms", certificates=params.certificates)
    return filters


def other_filters(params: SearchParams, spec: _Spec) -> list:
    """Filters that are not facets: they narrow the query itself, and so every facet count."""
    filters = []
    if params.powiat:
        filters.append(Q("terms", coverage=powiat_coverage(params.powiat)))
    if params.cpv_prefix:
        filters.append(Q("prefix", cpv_digits=params.cpv_prefix))
    if spec.document == "offer":
        if params.price_max is not None:
            filters.append(Q("range", price_from={"lte": params.price_max}))
        if params.price_min is not None:
            filters.append(
                Q(
                    "bool",
                    should=[
                        Q("range", price_to={"gte": params.price_min}),
                        Q("range", price_from={"gte": params.price_min}),
                    ],
                )
            )
    point = params.point
    if point is not None:
        filters.append(
            Q("geo_distance", distance=f"{params.radius}km", location={"lat": point[0], "lon": point[1]})
        )
    return filters


def _sort(params: SearchParams, query: QueryText):
    if params.sort == "newest":
        return [{"created_at": {"order": "desc"}}, "title_sort"]
    if params.sort == "price":
        return [
            {"price_from": {"order": "asc", "missing": "_last", "unmapped_type": "integer"}},
            "title_sort",
        ]
    if params.sort == "distance" and params.point:
        lat, lon = params.point
        return [{"_geo_distance": {"location": {"lat": lat, "lon": lon}, "order": "asc", "unit": "km"}}]
    if query.is_empty:
        return ["title_sort"]
    return ["_score", "title_sort"]


def build_search(params: SearchParams, spec: _Spec, client=None) -> Search:
    """The whole request for one page of results with facets; exposed for tests and the benchmark."""
    query = parse_query(params.q)
    relevance = text_query(query, spec)
    main = Q(
        "bool",
        must=[relevance] if relevance is not None else [Q("match_all")],
        filter=other_filters(params, spec),
    )
    main = with_place(main, query)
    search = Search(using=client, index=alias_name(spec.document)).query(main)
    facets = facet_filters(params)
    if facets:
        search = search.post_filter(Q("bool", filter=list(facets.values())))
    for facet, field in FACET_FIELDS.items():
        others = [condition for name, condition in facets.items() if name != facet]
        bucket = search.aggs.bucket(
            facet, "filter", filter=Q("bool", filter=others) if others else Q("match_all")
        )
        bucket.bucket("values", "terms", field=field, size=50)
    title = spec.title_field
    search = (
        search.sort(*_sort(params, query))
        .source(
            [
                "slug",
                title,
                "organisation_id",
                "organisation_name",
                "category",
                "kind",
                "city",
                "price_from",
                "price_to",
                "price_unit",
                "location",
                "description",
                "cpv",
                "title_en",
                "description_en",
            ]
        )
        .extra(
            track_total_hits=True,
            timeout=f"{int(settings.SEARCH_TIMEOUT_SECONDS * 1000)}ms",
            **{"from": params.offset, "size": params.per_page},
        )
    )
    return search


def build_map_search(params: SearchParams, spec: _Spec, limit: int, client=None) -> Search:
    """Every document that build_search matches, counted per organisation instead of paged.

    The same text and filters, but the facet filters narrow the query itself (there are no facet counts
    to protect) and everything runs in filter context: the map needs membership, not scores.
    """
    relevance = text_query(parse_query(params.q), spec)
    conditions = [relevance] if relevance is not None else []
    conditions += other_filters(params, spec) + list(facet_filters(params).values())
    search = Search(using=client, index=alias_name(spec.document)).query(Q("bool", filter=conditions))
    search.aggs.bucket(
        "organisations",
        "terms",
        field="organisation_id" if spec.document == "offer" else "slug",
        size=limit,
        order=[{"_count": "desc"}, {"_key": "asc"}],
    )
    return search.extra(
        size=0, track_total_hits=True, timeout=f"{int(settings.SEARCH_TIMEOUT_SECONDS * 1000)}ms"
    )


def _facet_counts(body: dict) -> dict[str, dict[str, int]]:
    aggregations = body.get("aggregations", {})
    facets = {}
    for facet in FACET_FIELDS:
        buckets = aggregations.get(facet, {}).get("values", {}).get("buckets", [])
        facets[facet] = {
            str(bucket.get("key_as_string", bucket["key"])): bucket["doc_count"] for bucket in buckets
        }
    return facets


def _hit(raw: dict, spec: _Spec, point, stems: list[str]) -> SearchHit:
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

    def _execute(self, index: str, search: Search):
        try:
            return self.client.search(index=index, body=search.to_dict())
        except (ApiError, TransportError) as error:
            raise SearchUnavailable(str(error)) from error

    def _search(self, params: SearchParams, spec: _Spec) -> SearchResult:
        search = build_search(params, spec)
        response = self._execute(alias_name(spec.document), search)
        body = response.body
        stems = query_stems(parse_query(params.q))
        hits = [_hit(raw, spec, params.point, stems) for raw in body["hits"]["hits"]]
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
        body = self._execute(alias_name(spec.document), build_map_search(params, spec, limit)).body
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
