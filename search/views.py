"""HTML catalogue listings: thin views over the same service functions as the API."""

from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalog.choices import Certificate, LegalForm, OfferKind, Subregion
from catalog.models import Category
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
    context = {
        "form": filterset.form,
        "params": params,
        "result": result,
        "errors": errors,
        "facets": _facets(result, request, facet_names),
        "page": PageInfo(number=result.page, paginator=_Paginator(result.num_pages)),
        "query_string": query.urlencode(),
        "sort_query": sort_query.urlencode(),
        "sorts": [(value, label) for value, label in SORTS if value != "distance" or params.point],
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
