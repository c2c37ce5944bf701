"""Public JSON API of the catalogue search (django-ninja).

The query parameters are declared here for the OpenAPI schema, but validated once, by the catalogue
FilterSet (search.filters), exactly as for the HTML page. An invalid parameter gets a 400 with a
message per field; it never reaches the search backends.
"""

from dataclasses import asdict

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from catalog.services.cpv import describe_cpv_codes

from .filters import InvalidSearchParams, parse_search_params
from .maps import MapResult
from .query import map_points, search_offers, search_organisations, suggest
from .results import SearchResult

router = Router(tags=["catalogue"])


class CatalogueQuery(Schema):
    q: str | None = None
    category: list[str] | None = None
    kind: str | None = None
    subregion: list[str] | None = None
    powiat: str | None = None
    legal_form: list[str] | None = None
    ps: str | None = None
    reserved: str | None = None
    certificates: list[str] | None = None
    price_min: str | None = None
    price_max: str | None = None
    cpv: str | None = None
    near: str | None = None
    town: str | None = None
    radius_km: str | None = None
    sort: str | None = None
    page: str | None = None
    per_page: str | None = None


class OrganisationRef(Schema):
    id: str
    name: str


class CpvOut(Schema):
    code: str
    name: str  # in the active language (Polish here); a code outside the dictionary takes its parent's name


class OfferOut(Schema):
    id: str
    title: str
    title_en: str  # the supplier's English title; empty when the offer is written in Polish only
    url: str
    organisation: OrganisationRef
    highlight: str
    category: str
    kind: str
    city: str
    price_from_grosze: int | None
    price_to_grosze: int | None
    price_unit: str
    distance_km: float | None
    cpv: list[CpvOut]


class OrganisationOut(Schema):
    id: str
    name: str
    url: str
    organisation: OrganisationRef
    highlight: str
    city: str
    distance_km: float | None


class OfferPage(Schema):
    count: int
    page: int
    per_page: int
    num_pages: int
    simplified: bool
    results: list[OfferOut]
    facets: dict[str, dict[str, int]]


class OrganisationPage(Schema):
    count: int
    page: int
    per_page: int
    num_pages: int
    simplified: bool
    results: list[OrganisationOut]
    facets: dict[str, dict[str, int]]


class MapPointOut(Schema):
    id: str
    name: str
    url: str
    street: str
    postal_code: str
    city: str
    latitude: float | None
    longitude: float | None
    offer_count: int


class MapPage(Schema):
    count: int  # organisations in `results`
    matched: int  # matching offers (offer map) or organisations (organisation map)
    truncated: bool  # more organisations matched than fit; those with most matching offers are kept
    simplified: bool
    results: list[MapPointOut]


class SuggestionOut(Schema):
    text: str
    kind: str
    id: str
    url: str


class Suggestions(Schema):
    count: int
    results: list[SuggestionOut]


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]]


def _invalid(error: InvalidSearchParams):
    return Status(400, {"detail": _("Invalid search parameters."), "errors": error.errors})


def _page(result: SearchResult, results: list[dict]) -> dict:
    return {
        "count": result.count,
        "page": result.page,
        "per_page": result.per_page,
        "num_pages": result.num_pages,
        "simplified": result.simplified,
        "results": results,
        "facets": result.facets,
    }


@router.get("/offers/", response={200: OfferPage, 400: ErrorOut}, summary="Search offers")
def offers(request, filters: Query[CatalogueQuery]):
    """Published offers matching the query and filters, with facet counts (same service as /katalog/)."""
    try:
        params = parse_search_params(request.GET)
    except InvalidSearchParams as error:
        return _invalid(error)
    result = search_offers(params)
    cpv_names = {
        cpv.code: cpv.name for cpv in describe_cpv_codes([c for hit in result.hits for c in hit.cpv])
    }
    results = [
        {
            "id": hit.id,
            "title": hit.title,
            "title_en": hit.title_en,
            "url": hit.url,
            "organisation": {"id": hit.organisation_id, "name": hit.organisation_name},
            "highlight": hit.highlight,
            "category": hit.category,
            "kind": hit.kind,
            "city": hit.city,
            "price_from_grosze": hit.price_from,
            "price_to_grosze": hit.price_to,
            "price_unit": hit.price_unit,
            "distance_km": hit.distance_km,
            "cpv": [{"code": code, "name": cpv_names.get(code, "")} for code in hit.cpv],
        }
        for hit in result.hits
    ]
    return Status(200, _page(result, results))


@router.get(
    "/organisations/", response={200: OrganisationPage, 400: ErrorOut}, summary="Search organisations"
)
def organisations(request, filters: Query[CatalogueQuery]):
    """Organisations matching the query and the same filters as offers, with facet counts."""
    try:
        params = parse_search_params(request.GET)
    except InvalidSearchParams as error:
        return _invalid(error)
    result = search_organisations(params)
    results = [
        {
            "id": hit.id,
            "name": hit.title,
            "url": hit.url,
            "organisation": {"id": hit.organisation_id, "name": hit.organisation_name},
            "highlight": hit.highlight,
            "city": hit.city,
            "distance_km": hit.distance_km,
        }
        for hit in result.hits
    ]
    return Status(200, _page(result, results))


def _map(result: MapResult) -> dict:
    return {
        "count": len(result.points),
        "matched": result.matched,
        "truncated": result.truncated,
        "simplified": result.simplified,
        "results": [asdict(point) for point in result.points],
    }


@router.get(
    "/offers/map/", response={200: MapPage, 400: ErrorOut}, summary="Organisations behind the matching offers"
)
def offers_map(request, filters: Query[CatalogueQuery]):
    """Every organisation with offers matching the query and filters (not one page), with their number
    and the organisation's location: the catalogue's map view. `page`, `per_page` and `sort` are ignored."""
    try:
        params = parse_search_params(request.GET)
    except InvalidSearchParams as error:
        return _invalid(error)
    return Status(200, _map(map_points(params, "offer")))


@router.get(
    "/organisations/map/", response={200: MapPage, 400: ErrorOut}, summary="Matching organisations on a map"
)
def organisations_map(request, filters: Query[CatalogueQuery]):
    """Every organisation matching the query and filters, with its location and its published offers
    that pass the filters. `page`, `per_page` and `sort` are ignored."""
    try:
        params = parse_search_params(request.GET)
    except InvalidSearchParams as error:
        return _invalid(error)
    return Status(200, _map(map_points(params, "organisation")))


@router.get("/suggest/", response=Suggestions, summary="Autocomplete offer titles and organisation names")
def suggestions(request, q: str = ""):
    found = suggest(q)
    return {"count": len(found), "results": [asdict(s) for s in found]}
