"""The Elasticsearch request of a catalogue search: relevance, filters, facets, sort (elasticsearch.dsl).

Built here, sent and read in search.backends.elasticsearch. Never query_string syntax: every word the
buyer typed is passed as a plain value to match/term/prefix queries.
"""

from collections.abc import Collection
from dataclasses import dataclass

from django.conf import settings
from elasticsearch.dsl import Q, Search

from ..analysis import compound_key, fold, stem
from ..documents import alias_name
from ..filters import SearchParams, powiat_coverage
from ..query_text import QueryText, parse_query
from ..vocabulary import compound_keys, english_stem

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
class Spec:
    document: str
    fields: dict[str, float]
    stem_fields: dict[str, float]
    title_field: str
    english_fields: dict[str, float]


OFFERS = Spec("offer", OFFER_FIELDS, OFFER_STEM_FIELDS, "title", OFFER_ENGLISH_FIELDS)
ORGANISATIONS = Spec(
    "organisation", ORGANISATION_FIELDS, ORGANISATION_STEM_FIELDS, "name", ORGANISATION_ENGLISH_FIELDS
)


def _weighted(fields: dict[str, float], suffix: str = "") -> list[str]:
    return [f"{name}{suffix}^{weight}" for name, weight in fields.items()]


def _variant_query(variant: str, spec: Spec):
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


def typo_probe(word: str, spec: Spec) -> dict:
    """A search that finds a document containing `word` (by its stem, Polish or English), if any: the
    backend sends one per typo candidate and matches only the words nobody wrote by similarity."""
    return {
        "size": 0,
        "terminate_after": 1,
        "track_total_hits": 1,
        "query": Q(
            "bool",
            should=[
                Q("multi_match", query=stem(word), fields=list(spec.stem_fields)),
                Q("multi_match", query=english_stem(word), fields=list(spec.english_fields)),
            ],
            minimum_should_match=1,
        ).to_dict(),
    }


def _term_query(raw: str, folded_word: str, spec: Spec, query: QueryText, typo: bool = False):
    """One query word, however it was typed: its lemma, its folded form with typos, its stem, its synonyms.

    The alternatives are combined with dis_max, so a word counts about once whether or not the buyer
    typed its diacritics; summing them would let a word typed correctly outweigh one typed without.
    """
    alternatives = [
        Q("multi_match", query=raw, fields=_weighted(spec.fields, "_lemmas"), tie_breaker=TIE_BREAKER),
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
            # Fuzzy matching was most of a search's time in Elasticsearch (its `took` halved without it),
            # so only a word no document contains is matched by similarity (see typo_probe).
            **({"fuzziness": "AUTO", "prefix_length": 1, "max_expansions": 20} if typo else {}),
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
    key = compound_keys([folded_word], query.variants).get(folded_word)
    if key:  # the compound's one token in the stems fields, scored by how rare it is
        alternatives.append(
            Q("multi_match", query=key, fields=_weighted(spec.stem_fields), tie_breaker=TIE_BREAKER)
        )
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
        parts = phrase.split()
        phrase_key = compound_key(parts[0] if len(parts) == 2 else None, parts[-1]) if len(parts) <= 2 else ""
        if phrase_key:  # a compound synonym ("gluten" → "bezglutenowy") in any inflection and spelling
            alternatives.append(
                Q(
                    "multi_match",
                    query=phrase_key,
                    fields=_weighted(spec.stem_fields),
                    tie_breaker=TIE_BREAKER,
                    boost=SYNONYM_BOOST,
                )
            )
    return Q("dis_max", queries=alternatives, tie_breaker=TIE_BREAKER)


def text_query(query: QueryText, spec: Spec, typos: Collection[str] = ()):
    """The relevance part of a search: one clause per word, a phrase bonus, and CPV codes.

    `typos` are the query's words no document contains (typo_probe): only they are matched fuzzily."""
    terms = [
        _term_query(raw, word, spec, query, typo=word in typos)
        for raw, word in zip(query.words, query.folded, strict=True)
    ]
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


def other_filters(params: SearchParams, spec: Spec) -> list:
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


def build_search(
    params: SearchParams,
    spec: Spec,
    client=None,
    query: QueryText | None = None,
    typos: Collection[str] = (),
) -> Search:
    """The whole request for one page of results with facets; exposed for tests and the benchmark.

    `query` is parse_query(params.q) when the caller has it already; `typos` as in text_query."""
    query = parse_query(params.q) if query is None else query
    relevance = text_query(query, spec, typos)
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


def build_map_search(
    params: SearchParams,
    spec: Spec,
    limit: int,
    client=None,
    query: QueryText | None = None,
    typos: Collection[str] = (),
) -> Search:
    """Every document that build_search matches, counted per organisation instead of paged.

    The same text and filters, but the facet filters narrow the query itself (there are no facet counts
    to protect) and everything runs in filter context: the map needs membership, not scores.
    """
    query = parse_query(params.q) if query is None else query
    relevance = text_query(query, spec, typos)
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
