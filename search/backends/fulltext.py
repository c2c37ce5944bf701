"""PostgreSQL full-text search over offers' stored tsvector: matching, ranking and facets in SQL.

The vector (catalog migrations 0004, 0005) holds folded words weighted A (title, tags), B (category),
C (description) and D (organisation); a GIN index serves the prefix tsquery of the query's stems, its
thesaurus phrases and compound spellings, and a trigram index on the folded title catches typos. Only
the page of results and one grouped row per facet combination leave the database, so the cost grows
with the number of matches, not with the size of a Python list of ids.
"""

import math
from collections import Counter

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, Count, F, FloatField, Func, Q, TextField, Value, When
from django.db.models.functions import Coalesce, Power, Sqrt

from catalog.models import Offer

from ..analysis import stem
from ..filters import SearchParams, cpv_condition, filter_queryset, json_list_contains
from ..query_text import QueryText
from ..results import query_stems
from ..vocabulary import cpv_hints

RANK_WEIGHTS = [0.1, 0.2, 0.5, 1.0]  # D, C, B, A
TYPO_WEIGHT = 0.3
CPV_WEIGHT = 1.0
HINT_WEIGHT = 0.2
EXPANSION_WEIGHT = 0.6
PLACE_WEIGHT = 0.5
# As the Elasticsearch query's title phrase bonus: every word of a query of several words in the title.
TITLE_ALL_WEIGHT = 0.5
COMPOUND_PREFIX_LENGTH = 10
# pg_trgm's word_similarity_threshold behind `%>`, set per search (see use_typo_threshold). The default
# 0.6 misses one wrong letter inside a word ("cayering" scores 0.5 against "catering"); 0.5 still asks
# for half of the word's trigrams, which a word of five letters or more keeps with one typo.
TYPO_SIMILARITY = 0.5
DEFAULT_SIMILARITY = 0.6
TYPO_MIN_LENGTH = 5

# facet name → path of its value, grouped in one query (certificates are a JSON list, expanded here)
GROUPED_FACETS = {
    "category": "category__slug",
    "kind": "kind",
    "subregion": "organisation__subregion",
    "legal_form": "organisation__legal_form",
    "ps": "organisation__ps_status",
    "reserved": "organisation__reserved_contract_eligible",
    "certificates": "organisation__certificates",
}


class FoldedText(TextField):
    """The type of folded text, with pg_trgm's `%>` lookup (django.contrib.postgres is not installed)."""


FoldedText.register_lookup(TrigramWordSimilar)


class Fold(Func):
    """pes_fold(): lower(unaccent(text)), IMMUTABLE so that the trigram index on it can be used."""

    function = "pes_fold"
    output_field = FoldedText()


def tsquery_texts(query: QueryText) -> tuple[str, str]:
    """Raw tsqueries of prefix terms ORed together: the words as typed (with their compound spellings),
    and what the vocabulary adds. Every term is [0-9a-z]+ (see parse_query and search.analysis), so
    nothing the user typed can carry tsquery syntax."""
    typed = [f"{stem(word)}:*" for word in query.folded]
    for variants in query.variants.values():
        for variant in variants:
            parts = variant.split()
            if len(parts) == 2:
                typed.append(f"({parts[0]} <-> {stem(parts[1])}:*)")
            else:
                typed.append(f"{variant[:COMPOUND_PREFIX_LENGTH]}:*")
    expanded = [f"{s}:*" for s in query_stems(query)]
    expanded = [term for term in expanded if term not in typed]
    return " | ".join(dict.fromkeys(typed)), " | ".join(dict.fromkeys(expanded))


def _hint_condition(query: QueryText) -> Q:
    condition = Q()
    for prefix in query.cpv_hints:
        condition |= cpv_condition(prefix)
    if query.category_hints:
        condition |= Q(category__slug__in=query.category_hints)
    return condition


def _unknown_words(query: QueryText) -> list[str]:
    """Query words of five letters or more that no offer contains (by stem): probably mistyped.

    One GIN-indexed probe per word. Only these are matched by trigram similarity with the looser
    threshold; a word the catalogue knows needs no typo matching, and matching it loosely would only
    add noise."""
    unknown = []
    for word in query.folded:
        if len(word) < TYPO_MIN_LENGTH or word.isdigit() or query.phrases.get(word) or cpv_hints([word]):
            continue  # the vocabulary knows the word (an English term, a synonym): no typo
        probe = SearchQuery(f"{stem(word)}:*", search_type="raw", config="simple")
        if not Offer.objects.filter(search_vector=probe).exists():
            unknown.append(word)
    return unknown


def _typo_condition(query: QueryText) -> Q:
    """Titles like the query: like each mistyped word, or (nothing mistyped) like the whole query.

    Sets this connection's threshold of `%>` (pg_trgm.word_similarity_threshold, a session setting)."""
    unknown = _unknown_words(query)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
            [str(TYPO_SIMILARITY if unknown else DEFAULT_SIMILARITY)],
        )
    condition = Q()
    for word in unknown or [" ".join(query.folded)]:
        condition |= Q(folded_title__trigram_word_similar=word)
    return condition


def _flag(condition: Q) -> Case:
    return Case(When(condition, then=Value(1.0)), default=Value(0.0), output_field=FloatField())


def ranked(queryset, query: QueryText):
    """The offers of `queryset` that match the query, annotated with `score`; None when the query has
    nothing to rank by (every offer matches)."""
    text, expanded = tsquery_texts(query) if query.folded else ("", "")
    if not text and not query.cpv_prefixes and query.place is None:
        return None
    condition = Q()
    score = Value(0.0, output_field=FloatField())
    annotations = {}
    if text:
        tsquery = SearchQuery(text, search_type="raw", config="simple")
        annotations["folded_title"] = Fold(F("title"))
        typos = _typo_condition(query)
        condition |= Q(search_vector=tsquery) | typos
        score = score + SearchRank(F("search_vector"), tsquery, weights=RANK_WEIGHTS)
        if expanded:
            # Thesaurus phrases count less than the words typed, as in the Elasticsearch query.
            wider = SearchQuery(expanded, search_type="raw", config="simple")
            condition |= Q(search_vector=wider)
            score = score + SearchRank(F("search_vector"), wider, weights=RANK_WEIGHTS) * Value(
                EXPANSION_WEIGHT
            )
        if typos:
            score = score + _flag(typos) * Value(TYPO_WEIGHT)
        if len(query.folded) > 1:
            in_title = " & ".join(f"{stem(word)}:*A" for word in query.folded)
            title_query = SearchQuery(in_title, search_type="raw", config="simple")
            score = score + _flag(Q(search_vector=title_query)) * Value(TITLE_ALL_WEIGHT)
        hints = _hint_condition(query)
        if hints:
            condition |= hints
            score = score + _flag(hints) * Value(HINT_WEIGHT)
    for prefix in query.cpv_prefixes:
        condition |= cpv_condition(prefix)
        score = score + _flag(cpv_condition(prefix)) * Value(CPV_WEIGHT)
    if query.place is not None:
        covers = Q(organisation__city=query.place.name)
        for area in [query.place.name, query.place.powiat, "województwo pomorskie"]:
            covers |= json_list_contains("service_area", area)
        score = score + _flag(covers) * Value(PLACE_WEIGHT)
        if not text and not query.cpv_prefixes:
            condition = covers
    return (
        queryset.alias(**annotations)
        .filter(condition)
        .annotate(score=Coalesce(score, Value(0.0), output_field=FloatField()))
    )


def facet_counts(matching_for, params: SearchParams) -> tuple[int, dict[str, dict[str, int]]]:
    """(count, facets) from grouped queries: one over every filter, plus one per active facet filter
    (a facet's counts ignore its own filter). `matching_for(exclude)` is the matching queryset."""
    active = [name for name in GROUPED_FACETS if _is_active(params, name)]
    facets: dict[str, dict[str, int]] = {}
    count = 0
    for exclude in [None, *active]:
        rows = matching_for(exclude).order_by().values(*GROUPED_FACETS.values()).annotate(n=Count("pk"))
        counters = {name: Counter() for name in GROUPED_FACETS}
        total = 0
        for row in rows:
            total += row["n"]
            for name, path in GROUPED_FACETS.items():
                value = row[path]
                if name == "certificates":
                    for certificate in value or []:
                        counters[name][certificate] += row["n"]
                else:
                    counters[name][str(value).lower() if isinstance(value, bool) else str(value)] += row["n"]
        if exclude is None:
            count = total
            facets.update(
                {name: dict(counters[name].most_common()) for name in GROUPED_FACETS if name not in active}
            )
        else:
            facets[exclude] = dict(counters[exclude].most_common())
    return count, facets


def _is_active(params: SearchParams, name: str) -> bool:
    value = getattr(params, name, None)
    return value not in (None, "", [], ())


def distance_expression(point):
    lat, lon = point
    kx = 111.32 * math.cos(math.radians(lat))
    return Sqrt(
        Power((F("latitude") - Value(lat)) * Value(110.57), 2)
        + Power((F("longitude") - Value(lon)) * Value(kx), 2),
        output_field=FloatField(),
    )


def price_filter(queryset, params: SearchParams):
    """Offers whose price range overlaps [price_min, price_max]; quote-on-request offers drop out."""
    if params.price_max is not None:
        queryset = queryset.filter(price_from__lte=params.price_max)
    if params.price_min is not None:
        queryset = queryset.filter(Q(price_to__gte=params.price_min) | Q(price_from__gte=params.price_min))
    return queryset


def matching_offers(params: SearchParams, query: QueryText):
    """`matching_for(exclude)`: the published offers that match the query and the filters (leaving out
    the facet filter `exclude`), ranked in SQL when the query has text, CPV codes or a place."""

    def matching_for(exclude: str | None = None):
        queryset = price_filter(filter_queryset(Offer.objects.public(), params, exclude=exclude), params)
        if params.point is not None:
            queryset = (
                queryset.annotate(
                    latitude=F("organisation__latitude"), longitude=F("organisation__longitude")
                )
                .annotate(distance=distance_expression(params.point))
                .filter(distance__lte=params.radius)
            )
        found = ranked(queryset, query)
        return queryset if found is None else found

    return matching_for
