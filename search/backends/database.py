"""The database fallback: same interface and result shape as Elasticsearch, simpler ranking.

On PostgreSQL it uses full-text search over `unaccent`-folded text with prefix-matched stems, plus
trigram word similarity for typos (both extensions are installed by this app's migration). Elsewhere
(SQLite in `make run`) it scores a bounded set of candidates in Python with the same folding and stems.
Filters come from the FilterSet (search.filters.filter_queryset), so both backends filter alike.
"""

from collections import Counter

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, Count, F, FloatField, Q, TextField, Value, When
from django.db.models.functions import Cast, Coalesce

from catalog.models import Offer, Organisation

from ..filters import SearchParams, cpv_condition, filter_queryset, json_list_contains
from ..query_text import QueryText, parse_query
from ..results import (
    OrganisationCounts,
    SearchHit,
    SearchResult,
    Suggestion,
    distance_km,
    mark_words,
    order_counts,
    query_stems,
)
from . import fulltext
from .database_suggest import Unaccent, database_suggestions
from .fulltext import distance_expression as _distance_expression
from .fulltext import price_filter as _price_filter
from .python_scoring import PLACE_WEIGHT, python_ranked_ids
from .python_scoring import SPECIAL as _SPECIAL

TRIGRAM_THRESHOLD = 0.5

OFFER_FACETS = {
    "category": "category__slug",
    "kind": "kind",
    "subregion": "organisation__subregion",
    "legal_form": "organisation__legal_form",
    "ps": "organisation__ps_status",
    "reserved": "organisation__reserved_contract_eligible",
}
ORGANISATION_FACETS = {
    "subregion": "subregion",
    "legal_form": "legal_form",
    "ps": "ps_status",
    "reserved": "reserved_contract_eligible",
}
# Weighted text of each search (A strongest), plus the paths the ranking needs (see _SPECIAL).
OFFER_TEXT_FIELDS = {
    "title": "A",
    "title_en": "A",
    "tags": "B",
    "category__name_pl": "B",
    "description": "C",
    "description_en": "C",
    "organisation__name": "D",
    "cpv": "cpv_codes",
    "title_path": "title",
    "area": "service_area",
}
ORGANISATION_TEXT_FIELDS = {
    "name": "A",
    "description": "C",
    "description_en": "C",
    "social_mission": "D",
    "title_path": "name",
}
# What an organisation is also found by: the text of its published offers.
OWNED_OFFER_TEXT_FIELDS = {
    "title": "A",
    "title_en": "A",
    "tags": "B",
    "description": "C",
    "cpv": "cpv_codes",
    "title_path": "title",
    "area": "service_area",
}


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _tsquery(stems: list[str]) -> SearchQuery:
    # Stems are [0-9a-z]+ only (see parse_query), so this raw tsquery cannot carry syntax from the user.
    return SearchQuery(" | ".join(f"{s}:*" for s in stems), search_type="raw", config="simple")


class DatabaseBackend:
    name = "database"

    # --- shared steps ------------------------------------------------------------------------------

    def _ranked_ids(self, queryset, query: QueryText, text_fields: dict[str, str], org_prefix: str):
        """(pk, score) of rows matching the query, best first.

        None when the query has nothing to rank by (every row matches); an empty list when nothing in
        these fields can match it (e.g. a bare CPV code against organisations).
        """
        stems = query_stems(query)
        condition = Q()
        score_parts = []
        # Organisations have no codes of their own: they match CPV codes through their offers.
        cpv_path = text_fields.get("cpv")
        cpv_prefixes = query.cpv_prefixes if cpv_path else []
        for prefix in cpv_prefixes:
            condition |= cpv_condition(prefix, path=cpv_path)
        if not stems and not query.cpv_prefixes and query.place is None:
            return None
        if not stems and not cpv_prefixes and (query.place is None or "area" not in text_fields):
            return []
        if _postgres():
            annotations = {}
            if stems:
                vector = None
                for field, weight in text_fields.items():
                    if field in _SPECIAL:
                        continue
                    part = SearchVector(Unaccent(Cast(field, TextField())), weight=weight, config="simple")
                    vector = part if vector is None else vector + part
                tsquery = _tsquery(stems)
                annotations["rank"] = SearchRank(vector, tsquery, weights=[0.1, 0.2, 0.5, 1.0])
                annotations["similar"] = TrigramWordSimilarity(
                    Value(" ".join(query.folded)), Unaccent(F(text_fields.get("title_path", "title")))
                )
                condition |= Q(rank__gt=0) | Q(similar__gte=TRIGRAM_THRESHOLD)
                score_parts += [F("rank"), F("similar") * Value(0.3)]
            for prefix in cpv_prefixes:
                annotations[f"cpv_{prefix}"] = Case(
                    When(cpv_condition(prefix, path=cpv_path), then=Value(1.0)),
                    default=Value(0.0),
                    output_field=FloatField(),
                )
                score_parts.append(F(f"cpv_{prefix}"))
            if query.place is not None and "area" in text_fields:
                covers = Q()
                for area in [query.place.name, query.place.powiat, "województwo pomorskie"]:
                    covers |= json_list_contains(text_fields.get("area", "service_area"), area)
                covers |= Q(**{f"{org_prefix}city": query.place.name})
                annotations["covers"] = Case(
                    When(covers, then=Value(1.0)), default=Value(0.0), output_field=FloatField()
                )
                score_parts.append(F("covers") * Value(PLACE_WEIGHT))
                if not stems and not cpv_prefixes:
                    condition = covers
            score = score_parts[0]
            for part in score_parts[1:]:
                score = score + part
            rows = (
                queryset.annotate(**annotations)
                .filter(condition)
                .annotate(score=Coalesce(score, Value(0.0), output_field=FloatField()))
                .order_by("-score", "pk")
                .values_list("pk", "score")
            )
            return list(rows)
        return python_ranked_ids(queryset, query, stems, text_fields)

    def _facets(self, base, params: SearchParams, facet_paths: dict[str, str], certificates_path: str, ids):
        facets: dict[str, dict[str, int]] = {}
        exclusions = dict.fromkeys([*facet_paths, "certificates"])
        for facet in exclusions:
            queryset = filter_queryset(base, params, exclude=facet)
            if ids is not None:
                queryset = queryset.filter(pk__in=ids)
            if facet == "certificates":
                counter = Counter()
                for certificates in queryset.values_list(certificates_path, flat=True):
                    counter.update(certificates or [])
                facets[facet] = dict(counter.most_common())
                continue
            path = facet_paths[facet]
            counts = queryset.order_by().values(path).annotate(n=Count("pk", distinct=True)).order_by("-n")
            facets[facet] = {
                (str(row[path]).lower() if isinstance(row[path], bool) else str(row[path])): row["n"]
                for row in counts
            }
        facets.setdefault("category", {})
        facets.setdefault("kind", {})
        return facets

    def _matching(self, queryset, params: SearchParams, ranked):
        """The rows that match: within the radius when a point is given, and among the ranked rows."""
        if params.point is not None:
            queryset = queryset.annotate(distance=_distance_expression(params.point)).filter(
                distance__lte=params.radius
            )
        if ranked is not None:
            queryset = queryset.filter(pk__in=[pk for pk, _ in ranked])
        return queryset

    def _page(self, queryset, params: SearchParams, query: QueryText, ranked, sortable_relevance: bool):
        point = params.point
        queryset = self._matching(queryset, params, ranked)
        ids = None if ranked is None else [pk for pk, _ in ranked]
        count = queryset.count()
        if params.sort == "distance" and point is not None:
            ordered = queryset.order_by("distance", "pk")
        elif params.sort == "newest":
            ordered = queryset.order_by("-created_at", "pk")
        elif params.sort == "price" and sortable_relevance:
            ordered = queryset.order_by(F("price_from").asc(nulls_last=True), "pk")
        elif ranked is not None:
            position = {pk: index for index, (pk, _) in enumerate(ranked)}
            page_ids = [pk for pk in queryset.values_list("pk", flat=True) if pk in position]
            page_ids.sort(key=position.__getitem__)
            page_ids = page_ids[params.offset : params.offset + params.per_page]
            rows = {row.pk: row for row in queryset.filter(pk__in=page_ids)}
            return count, [rows[pk] for pk in page_ids if pk in rows], ids
        else:
            ordered = queryset.order_by(*self.default_order)
        return count, list(ordered[params.offset : params.offset + params.per_page]), ids

    # --- offers ------------------------------------------------------------------------------------

    default_order = ("title", "pk")

    def _offer_candidates(self, params: SearchParams, query: QueryText):
        """Published offers passing every filter, located when a point is given, and their ranking."""
        filtered = _price_filter(filter_queryset(_public_offers(), params), params)
        ranked = self._ranked_ids(filtered, query, OFFER_TEXT_FIELDS, org_prefix="organisation__")
        if params.point is not None:
            filtered = filtered.annotate(
                latitude=F("organisation__latitude"), longitude=F("organisation__longitude")
            )
        return filtered, ranked

    def _sql_search_offers(self, params: SearchParams, query: QueryText) -> SearchResult:
        matching_for = fulltext.matching_offers(params, query)
        count, facets, page_ids = fulltext.facets_and_page(matching_for, params)
        facets.setdefault("category", {})
        facets.setdefault("kind", {})
        rows = _public_offers().filter(pk__in=page_ids).select_related("organisation", "category")
        by_pk = {offer.pk: offer for offer in rows}
        stems = query_stems(query)
        return SearchResult(
            count=count,
            hits=[self._offer_hit(by_pk[pk], stems, params.point) for pk in page_ids if pk in by_pk],
            facets=facets,
            page=params.page,
            per_page=params.per_page,
            backend=self.name,
        )

    def search_offers(self, params: SearchParams) -> SearchResult:
        query = parse_query(params.q)
        if _postgres():
            return self._sql_search_offers(params, query)
        candidates, ranked = self._offer_candidates(params, query)
        point = params.point
        located = candidates.select_related("organisation", "category")
        self.default_order = ("title", "pk")
        count, rows, ids = self._page(located, params, query, ranked, sortable_relevance=True)
        facet_base = _price_filter(_public_offers(), params)
        if point is not None:
            facet_base = (
                facet_base.annotate(
                    latitude=F("organisation__latitude"), longitude=F("organisation__longitude")
                )
                .annotate(distance=_distance_expression(point))
                .filter(distance__lte=params.radius)
            )
        facets = self._facets(facet_base, params, OFFER_FACETS, "organisation__certificates", ids)
        stems = query_stems(query)
        hits = [self._offer_hit(offer, stems, point) for offer in rows]
        return SearchResult(
            count=count,
            hits=hits,
            facets=facets,
            page=params.page,
            per_page=params.per_page,
            backend=self.name,
        )

    def _offer_hit(self, offer: Offer, stems, point) -> SearchHit:
        organisation = offer.organisation
        lat, lon = organisation.latitude, organisation.longitude
        return SearchHit(
            id=offer.slug,
            title=offer.title,
            url=offer.get_absolute_url(),
            organisation_id=organisation.slug,
            organisation_name=organisation.name,
            highlight=mark_words(offer.description, stems),
            category=offer.category.slug,
            kind=offer.kind,
            city=organisation.city,
            price_from=offer.price_from,
            price_to=offer.price_to,
            price_unit=offer.price_unit,
            latitude=lat,
            longitude=lon,
            distance_km=round(distance_km(point, (lat, lon)), 1) if point and lat is not None else None,
            cpv=tuple(offer.cpv_codes or []),
            title_en=offer.title_en,
            highlight_en=mark_words(offer.description_en, stems) if offer.description_en else "",
        )

    # --- organisations -----------------------------------------------------------------------------

    def _organisation_candidates(self, params: SearchParams, query: QueryText):
        """Organisations passing every filter, and their ranking by their own text and their offers'."""
        filtered = filter_queryset(Organisation.objects.public(), params)
        ranked = self._ranked_ids(filtered, query, ORGANISATION_TEXT_FIELDS, org_prefix="")
        if ranked is not None and (query.words or query.cpv_prefixes):
            # Organisations also match through their published offers, CPV codes included.
            offer_ranked = (
                self._ranked_ids(
                    _public_offers(), query, OWNED_OFFER_TEXT_FIELDS, org_prefix="organisation__"
                )
                or []
            )
            scores = dict(ranked)
            owners = dict(
                Offer.objects.filter(pk__in=[pk for pk, _ in offer_ranked]).values_list(
                    "pk", "organisation_id"
                )
            )
            allowed = set(filtered.values_list("pk", flat=True))
            for pk, score in offer_ranked:
                owner = owners.get(pk)
                if owner in allowed:
                    scores[owner] = max(scores.get(owner, 0.0), score * 0.8)
            ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        return filtered, ranked

    def search_organisations(self, params: SearchParams) -> SearchResult:
        query = parse_query(params.q)
        filtered, ranked = self._organisation_candidates(params, query)
        self.default_order = ("name", "pk")
        count, rows, ids = self._page(filtered, params, query, ranked, sortable_relevance=False)
        facet_base = Organisation.objects.public()
        if params.point is not None:
            facet_base = facet_base.annotate(distance=_distance_expression(params.point)).filter(
                distance__lte=params.radius
            )
        facets = self._facets(facet_base, params, ORGANISATION_FACETS, "certificates", ids)
        stems = query_stems(query)
        hits = [
            SearchHit(
                id=organisation.slug,
                title=organisation.name,
                url=organisation.get_absolute_url(),
                organisation_id=organisation.slug,
                organisation_name=organisation.name,
                highlight=mark_words(organisation.description, stems),
                highlight_en=mark_words(organisation.description_en, stems)
                if organisation.description_en
                else "",
                city=organisation.city,
                latitude=organisation.latitude,
                longitude=organisation.longitude,
                distance_km=(
                    round(distance_km(params.point, (organisation.latitude, organisation.longitude)), 1)
                    if params.point and organisation.latitude is not None
                    else None
                ),
            )
            for organisation in rows
        ]
        return SearchResult(
            count=count,
            hits=hits,
            facets=facets,
            page=params.page,
            per_page=params.per_page,
            backend=self.name,
        )

    # --- the map -----------------------------------------------------------------------------------

    def organisation_counts(self, params: SearchParams, document: str, limit: int) -> OrganisationCounts:
        query = parse_query(params.q)
        if document == "offer" and _postgres():
            rows = fulltext.matching_offers(params, query)().order_by().values("organisation__slug")
            counts = {row["organisation__slug"]: row["n"] for row in rows.annotate(n=Count("pk"))}
            ordered, truncated = order_counts(counts, limit)
            return OrganisationCounts(
                counts=ordered, matched=sum(counts.values()), truncated=truncated, backend=self.name
            )
        if document == "offer":
            candidates, ranked = self._offer_candidates(params, query)
            path = "organisation__slug"
        else:
            candidates, ranked = self._organisation_candidates(params, query)
            path = "slug"
        rows = self._matching(candidates, params, ranked).order_by().values(path).annotate(n=Count("pk"))
        counts = {row[path]: row["n"] for row in rows}
        ordered, truncated = order_counts(counts, limit)
        return OrganisationCounts(
            counts=ordered, matched=sum(counts.values()), truncated=truncated, backend=self.name
        )

    # --- suggestions -------------------------------------------------------------------------------

    def suggest(self, text: str, limit: int = 8) -> list[Suggestion]:
        return database_suggestions(text, limit)


def _public_offers():
    return Offer.objects.public()
