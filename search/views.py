"""HTML catalogue listings: thin views over the same service functions as the API."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage

from catalog.choices import Certificate, LegalForm, OfferKind, Subregion
from catalog.models import Category, Organisation
from catalog.services.cpv import describe_cpv_codes

from .filters import SORTS, CatalogueFilterSet, InvalidSearchParams, SearchParams, parse_search_params
from .maps import MAP_POINT_LIMIT, MapResult
from .query import map_points, search_offers, search_organisations
from .rescue import rescue
from .results import SearchResult

FACET_TITLES = {
    "category": _("Category"),
    "kind": _("Kind"),
    "subregion": _("Subregion"),
    "legal_form": _("Legal form"),
    "ps": _("Social enterprise (PS) status"),
    "reserved": _("Reserved contracts (art. 94)"),
    "certificates": _("Certificates"),
}
YES_NO = {"true": _("yes"), "false": _("no")}
# Plain-text filters shown as chips and named in error messages (a person never sees "town: …").
TEXT_FILTERS = {
    "town": _("Near town"),
    "radius_km": _("Radius (km)"),
    "powiat": _("County served"),
    "cpv": _("CPV code"),
}
PARAM_LABELS = {
    **FACET_TITLES,
    **TEXT_FILTERS,
    "q": _("Search"),
    "page": _("Page"),
    "per_page": _("Results per page"),
    "sort": _("Sort by"),
    "near": _("Near a point"),
    "price_min": _("Lowest price"),
    "price_max": _("Highest price"),
    "view": _("View"),
}


@dataclass
class ActiveFilter:
    """One applied filter, shown as a chip whose link removes it."""

    label: str
    remove_url: str


@dataclass
class Facet:
    name: str
    title: str
    options: list[tuple[str, str, int, bool]]  # value, label, count, selected


@dataclass
class _Paginator:
    num_pages: int


@dataclass
class PageInfo:
    """What components/pagination.html needs, for a page of search results."""

    number: int
    paginator: _Paginator

    def has_previous(self):
        return self.number > 1

    def has_next(self):
        return self.number < self.paginator.num_pages

    def has_other_pages(self):
        return self.paginator.num_pages > 1

    def previous_page_number(self):
        return self.number - 1

    def next_page_number(self):
        return self.number + 1


def _labels(facet: str) -> dict[str, str]:
    if facet == "category":
        return {category.slug: category.name for category in Category.objects.all()}
    choices = {
        "kind": OfferKind,
        "subregion": Subregion,
        "legal_form": LegalForm,
        "certificates": Certificate,
    }
    if facet in choices:
        return {value: str(label) for value, label in choices[facet].choices}
    return {key: str(label) for key, label in YES_NO.items()}


def _facets(result: SearchResult, request, facet_names: list[str]) -> list[Facet]:
    facets = []
    for name in facet_names:
        counts = result.facets.get(name, {})
        selected = set(request.GET.getlist(name))
        labels = _labels(name)
        options = [
            (value, labels.get(value, value), count, value in selected) for value, count in counts.items()
        ]
        options += [(value, labels.get(value, value), 0, True) for value in selected if value not in counts]
        if options:
            facets.append(Facet(name, str(FACET_TITLES[name]), sorted(options, key=lambda o: (-o[2], o[1]))))
    return facets


def _without(request, name: str, value: str | None = None) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    if value is None:
        query.pop(name, None)
    else:
        query.setlist(name, [v for v in query.getlist(name) if v != value])
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else request.path


def _active_filters(request, facets: list[Facet]) -> list[ActiveFilter]:
    """Every applied facet value and text filter, each with the URL of the same search without it."""
    active = []
    for facet in facets:
        for value, label, _count, selected in facet.options:
            if selected:
                active.append(ActiveFilter(f"{facet.title}: {label}", _without(request, facet.name, value)))
    for name, title in TEXT_FILTERS.items():
        value = request.GET.get(name, "").strip()
        if value:
            active.append(ActiveFilter(f"{title}: {value}", _without(request, name)))
    return active


def _reserved_organisations(result: SearchResult) -> set[str]:
    """Slugs of the hits' organisations eligible for reserved contracts: the card's badge, in one query."""
    slugs = {hit.organisation_id for hit in result.hits}
    return set(
        Organisation.objects.filter(slug__in=slugs, reserved_contract_eligible=True).values_list(
            "slug", flat=True
        )
    )


def _organisation_logos(result: SearchResult) -> dict[str, AbstractImage]:
    """The logos of the hits' organisations by slug, with their renditions, in three queries per page.

    The index stores no image: the card asks the database for the logo when it renders, so a new or
    removed logo shows at once on both backends, and `{% picture %}` reads the prefetched renditions
    instead of querying once per card.
    """
    slugs = {hit.organisation_id for hit in result.hits}
    if not slugs:
        return {}
    organisations = Organisation.objects.filter(slug__in=slugs, logo__isnull=False).prefetch_related(
        Prefetch("logo", queryset=get_image_model().objects.prefetch_renditions())
    )
    return {organisation.slug: organisation.logo for organisation in organisations.only("slug", "logo")}


def _clear_filters_url(request) -> str:
    """The same search with no filter: only the words and the view stay."""
    kept = {name: request.GET[name] for name in ("q", "view") if request.GET.get(name)}
    query = request.GET.copy()
    query.clear()
    query.update(kept)
    return f"{request.path}?{query.urlencode()}" if kept else request.path


def _view_links(request) -> dict[str, str]:
    """The list and map views of the same search: every filter kept, the page dropped."""
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("view", None)
    as_list = query.urlencode()
    query["view"] = "map"
    return {"list_url": f"?{as_list}" if as_list else request.path, "map_url": f"?{query.urlencode()}"}


def _markers(result: MapResult) -> list[dict]:
    """What the map script needs per located organisation (embedded with json_script, never inline JS)."""
    return [
        {
            "id": point.id,
            "name": point.name,
            "url": point.url,
            "city": point.city,
            "lat": point.latitude,
            "lon": point.longitude,
            # The same message as the list's "{{ counter }} offer" in the templates: one translation.
            "offers": ngettext("%(counter)s offer", "%(counter)s offers", point.offer_count)
            % {"counter": point.offer_count},
        }
        for point in result.located
    ]


def _listing(request, search, template: str, facet_names: list[str], document: str):
    filterset = CatalogueFilterSet(data=request.GET or None)
    status = 200
    errors = {}
    try:
        params = parse_search_params(request.GET)
    except InvalidSearchParams as error:
        errors, status = error.errors, 400
        params = SearchParams()
    view = "map" if request.GET.get("view") == "map" else "list"
    result = search(params)
    query = request.GET.copy()
    query.pop("page", None)
    sort_query = request.GET.copy()
    sort_query.pop("sort", None)
    sort_query.pop("page", None)
    facets = _facets(result, request, facet_names)
    active_filters = _active_filters(request, facets)
    context = {
        "form": filterset.form,
        "params": params,
        "result": result,
        "errors": {str(PARAM_LABELS.get(name, name)): messages for name, messages in errors.items()},
        "facets": facets,
        "active_filters": active_filters,
        "reserved_organisations": _reserved_organisations(result),
        "organisation_logos": _organisation_logos(result) if document == "organisation" else {},
        "clear_filters_url": _clear_filters_url(request),
        "page": PageInfo(number=result.page, paginator=_Paginator(result.num_pages)),
        "query_string": query.urlencode(),
        "sort_query": sort_query.urlencode(),
        # Organisations have no price: their listing offers no price sort.
        "sorts": [
            (value, label)
            for value, label in SORTS
            if (value != "distance" or params.point) and (value != "price" or document == "offer")
        ],
        "view": view,
        "cpv_name": describe_cpv_codes([params.cpv])[0].name if params.cpv else "",
        **_view_links(request),
    }
    if not result.count and not errors:
        # Never a dead end: what each relaxed filter would find, and the catalogue's spelling.
        context["rescue"] = rescue(request.GET, params, search)
    if view == "map":
        found = map_points(params, document)
        context.update(
            {
                "map": found,
                "map_markers": _markers(found),
                "map_limit": MAP_POINT_LIMIT,
                "map_tile_url": settings.MAP_TILE_URL,
                "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            }
        )
    return render(request, template, context, status=status)


def offer_list(request):
    """The catalogue: every published offer, searchable and filterable, as a list or a map (URL: /katalog/)."""
    return _listing(request, search_offers, "search/offer_list.html", list(FACET_TITLES), "offer")


def organisation_list(request):
    """The organisations of the catalogue, with the same filters (URL: /szukaj/organizacje/)."""
    facet_names = ["subregion", "legal_form", "ps", "reserved", "certificates"]
    return _listing(
        request, search_organisations, "search/organisation_list.html", facet_names, "organisation"
    )


def search_redirect(request):
    """/szukaj/?q=… is the catalogue search; keep such links working."""
    target = "catalog:offers"
    query = request.GET.urlencode()
    response = redirect(target)
    if query:
        response["Location"] += f"?{query}"
    return response
