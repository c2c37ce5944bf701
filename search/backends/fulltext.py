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
from django.db import connection, transaction
from django.db.models import Case, F, FloatField, Func, Q, TextField, Value, When
from django.db.models.functions import Coalesce, Power, Sqrt

from catalog.models import Category, Offer

from ..analysis import stem
from ..filters import SearchParams, filter_queryset, json_list_contains
from ..query_text import QueryText
from ..results import query_stems

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

# Facets counted over the matching set in one statement: offers' own columns directly, the
# organisation's once per organisation (weighted by its number of matching offers), certificates (a
# JSON list) expanded. Grouping by ids and joining afterwards keeps the sort keys small and in memory.
FACET_SQL = """
WITH matching AS MATERIALIZED ({matching}),
per_organisation AS (
    SELECT o.subregion, o.legal_form, o.ps_status, o.reserved_contract_eligible, o.certificates, m.n
    FROM (SELECT organisation_id, count(*) AS n FROM matching GROUP BY organisation_id) AS m
    JOIN catalog_organisation AS o ON o.id = m.organisation_id
)
SELECT 'category', c.slug, m.n FROM (SELECT category_id, count(*) AS n FROM matching GROUP BY category_id) AS m
    JOIN catalog_category AS c ON c.id = m.category_id
UNION ALL SELECT 'kind', kind, count(*) FROM matching GROUP BY kind
UNION ALL SELECT 'subregion', subregion, sum(n) FROM per_organisation GROUP BY subregion
UNION ALL SELECT 'legal_form', legal_form, sum(n) FROM per_organisation GROUP BY legal_form
UNION ALL SELECT 'ps', ps_status::text, sum(n) FROM per_organisation GROUP BY ps_status
UNION ALL SELECT 'reserved', reserved_contract_eligible::text, sum(n) FROM per_organisation
    GROUP BY reserved_contract_eligible
UNION ALL SELECT 'certificates', certificate, sum(n) FROM per_organisation,
    jsonb_array_elements_text(CASE WHEN jsonb_typeof(certificates) = 'array' THEN certificates
                                   ELSE '[]'::jsonb END) AS certificate
    GROUP BY certificate
"""
FACETS = ("category", "kind", "subregion", "legal_form", "ps", "reserved", "certificates")


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


class LexemeQuery(SearchQuery):
    """A tsquery of the stored vector's own lexemes, taken verbatim ('#cpv798':* | '#cat12').

    to_tsquery would run the text parser, which drops the '#'; the cast keeps it (catalog migration 0007).
    """

    template = "%(expressions)s::tsquery"

    def __init__(self, lexemes: list[str]):
        super().__init__(" | ".join(lexemes))


def cpv_lexeme(prefix: str) -> str:
    """The prefix term of the CPV codes starting with `prefix` (digits only, see parse_query)."""
    return f"'#cpv{prefix}':*"


def hint_query(query: QueryText) -> LexemeQuery | None:
    """The query's CPV and category hints as one tsquery: one more GIN-indexed branch of the match."""
    lexemes = [cpv_lexeme(prefix) for prefix in query.cpv_hints if prefix.isdigit()]
    if query.category_hints:
        ids = Category.objects.filter(slug__in=query.category_hints).values_list("pk", flat=True)
        lexemes += [f"'#cat{pk}'" for pk in ids]
    return LexemeQuery(lexemes) if lexemes else None


def _unknown_words(query: QueryText) -> list[str]:
    """Query words of five letters or more that no offer contains (by stem): probably mistyped.

    One GIN-indexed probe per word, in one transaction that forbids sequential scans: for `EXISTS … LIMIT
    1` the planner expects an early hit and reads the table, which for a word no offer contains means
    every row (a quarter of a second at 100,000 offers). Only these words are matched by trigram
    similarity; a word the catalogue knows needs no typo matching."""
    candidates = query.typo_candidates
    if not candidates:
        return []
    unknown = []
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for word in candidates:
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM catalog_offer WHERE search_vector @@ to_tsquery('simple', %s))",
                [f"{stem(word)}:*"],
            )
            if not cursor.fetchone()[0]:
                unknown.append(word)
    return unknown


def typo_condition(query: QueryText) -> tuple[Q, bool]:
    """(titles like the query, whether that is a rescue): titles like each mistyped word, or (nothing
    mistyped) titles like the whole query.

    Only a rescue widens the match: a trigram condition ORed with the tsquery cannot use the vector's
    GIN index, so PostgreSQL read every offer for every query. Titles like a query of known words only
    rank higher among the offers the tsquery found. Sets this connection's threshold of `%>`
    (pg_trgm.word_similarity_threshold, a session setting)."""
    unknown = _unknown_words(query)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
            [str(TYPO_SIMILARITY if unknown else DEFAULT_SIMILARITY)],
        )
    condition = Q()
    for word in unknown or [" ".join(query.folded)]:
        condition |= Q(folded_title__trigram_word_similar=word)
    return condition, bool(unknown)


def _flag(condition: Q) -> Case:
    return Case(When(condition, then=Value(1.0)), default=Value(0.0), output_field=FloatField())


_UNSET = object()


def ranked(queryset, query: QueryText, typos: tuple[Q, bool] | None = None, hints=_UNSET):
    """The offers of `queryset` that match the query, annotated with `score`; None when the query has
    nothing to rank by (every offer matches).

    Every way an offer can match (the typed words, the thesaurus' phrases, CPV and category hints, CPV
    codes typed) is one branch of a single tsquery over the stored vector, so one GIN index scan finds
    the matching set, whatever its size, and the scores are computed on that set only. `typos` and
    `hints` are typo_condition(query) and hint_query(query), computed once per search by the caller
    (left out: computed here)."""
    text, expanded = tsquery_texts(query) if query.folded else ("", "")
    if not text and not query.cpv_prefixes and query.place is None:
        return None
    condition = Q()
    branches = []
    score = Value(0.0, output_field=FloatField())
    if text:
        tsquery = SearchQuery(text, search_type="raw", config="simple")
        branches.append(tsquery)
        score = score + SearchRank(F("search_vector"), tsquery, weights=RANK_WEIGHTS)
        if expanded:
            # Thesaurus phrases count less than the words typed, as in the Elasticsearch query.
            wider = SearchQuery(expanded, search_type="raw", config="simple")
            branches.append(wider)
            score = score + SearchRank(F("search_vector"), wider, weights=RANK_WEIGHTS) * Value(
                EXPANSION_WEIGHT
            )
        similar, rescue = typo_condition(query) if typos is None else typos
        if rescue:
            # Written out, so that PostgreSQL ORs the trigram and the full-text indexes (a BitmapOr).
            queryset = queryset.alias(folded_title=Fold(F("title")))
            condition |= similar
        # The score's bonus reads the titles like the query once, through the trigram index: evaluated
        # row by row, the similarity was most of a broad query's time (0.5 s for 50,000 matching offers).
        like_titles = Offer.objects.alias(folded_title=Fold(F("title"))).filter(similar).values("pk")
        score = score + _flag(Q(pk__in=like_titles)) * Value(TYPO_WEIGHT)
        if len(query.folded) > 1:
            in_title = " & ".join(f"{stem(word)}:*A" for word in query.folded)
            title_query = SearchQuery(in_title, search_type="raw", config="simple")
            score = score + _flag(Q(search_vector=title_query)) * Value(TITLE_ALL_WEIGHT)
        hints = hint_query(query) if hints is _UNSET else hints
        if hints is not None:
            branches.append(hints)
            score = score + _flag(Q(search_vector=hints)) * Value(HINT_WEIGHT)
    for prefix in query.cpv_prefixes:
        code = LexemeQuery([cpv_lexeme(prefix)])
        branches.append(code)
        score = score + _flag(Q(search_vector=code)) * Value(CPV_WEIGHT)
    if branches:
        match = branches[0]
        for branch in branches[1:]:
            match = match | branch
        condition |= Q(search_vector=match)
    if query.place is not None:
        covers = Q(organisation__city=query.place.name)
        for area in [query.place.name, query.place.powiat, "województwo pomorskie"]:
            covers |= json_list_contains("service_area", area)
        score = score + _flag(covers) * Value(PLACE_WEIGHT)
        if not text and not query.cpv_prefixes:
            condition = covers
    return queryset.filter(condition).annotate(score=Coalesce(score, Value(0.0), output_field=FloatField()))


# The order of a result page over the matching set's columns: fixed SQL, never text from the request.
PAGE_ORDERS = {
    "distance": (("distance",), "distance, id"),
    "newest": (("created_at",), "created_at DESC, id"),
    "price": (("price_from",), "price_from ASC NULLS LAST, id"),
    "score": (("score",), "score DESC, id"),
    "title": (("title",), "title, id"),
}
PAGE_SQL = """
UNION ALL SELECT 'page', page.id::text, row_number() OVER (ORDER BY {order}) FROM (
    SELECT * FROM matching ORDER BY {order} LIMIT %s OFFSET %s
) AS page
"""


def page_order(params: SearchParams, ranked_by_score: bool) -> str:
    """The PAGE_ORDERS key of a search: the sort asked for, else relevance when there is a score."""
    if params.sort == "distance" and params.point is not None:
        return "distance"
    if params.sort in ("newest", "price"):
        return params.sort
    return "score" if ranked_by_score else "title"


def facets_and_page(matching_for, params: SearchParams) -> tuple[int, dict[str, dict[str, int]], list[int]]:
    """(count, facets, ids of the page's offers in order).

    The matching set is computed once (scores included) into a materialized CTE, and the facets and
    the page are read from it in the same statement; one more statement per active facet filter
    counts that facet without its own filter (no scores there). The matching set is never the whole
    table unless everything matches."""
    active = [name for name in FACETS if _is_active(params, name)]
    facets: dict[str, dict[str, int]] = {}
    count = 0
    page: list[tuple[int, int]] = []
    for exclude in [None, *active]:
        matching = matching_for(exclude).order_by()
        columns = ["id", "category_id", "kind", "organisation_id"]
        statement = FACET_SQL
        extra: list = []
        if exclude is None:
            order = page_order(params, "score" in matching.query.annotations)
            order_columns, order_sql = PAGE_ORDERS[order]
            columns += list(order_columns)
            statement += PAGE_SQL.format(order=order_sql)
            extra = [params.per_page, params.offset]
        sql, sql_params = matching.values(*columns).query.sql_with_params()
        counters: dict[str, Counter] = {name: Counter() for name in FACETS}
        with transaction.atomic(), connection.cursor() as cursor:
            # The planner multiplies the estimates of an OR of prefix terms as if they were independent
            # ("printing": 21,000 offers expected, 5,600 found, all of one trade) and, pricing random
            # reads for spinning disks, reads the whole table instead of the GIN index: five times
            # slower at 100,000 offers. The catalogue's pages are in memory or on SSD.
            cursor.execute("SET LOCAL random_page_cost = 1.1")
            if getattr(matching_for, "full_text_only", False):
                # Even then a broad query (half the catalogue expected, a third found) was read by
                # evaluating its tsquery on every row: three times slower than the GIN bitmap it can
                # use (the setting only makes a sequential scan the last resort).
                cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(statement.format(matching=sql), [*sql_params, *extra])
            for facet, value, n in cursor.fetchall():
                if facet == "page":
                    page.append((int(n), int(value)))
                else:
                    counters[facet][str(value)] += int(n)
        if exclude is None:
            count = sum(counters["category"].values())
            facets.update({name: dict(counters[name].most_common()) for name in FACETS if name not in active})
        else:
            facets[exclude] = dict(counters[exclude].most_common())
    return count, facets, [pk for _, pk in sorted(page)]


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

    typos = typo_condition(query) if query.folded else (Q(), False)
    hints = hint_query(query)

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
        found = ranked(queryset, query, typos, hints)
        return queryset if found is None else found

    # Words matched by the full-text index alone: the statements should read that index (see
    # facets_and_page). A typo rescue ORs in a trigram match, which the planner combines better itself.
    matching_for.full_text_only = bool(query.folded) and not typos[1]
    return matching_for
