"""The project's URLs plus /bench/naive-offers/: what a catalogue search would cost with plain icontains."""

from django.db.models import Count, Q
from django.http import JsonResponse
from django.urls import path

from catalog.choices import OfferStatus
from catalog.models import Offer
from config.urls import urlpatterns as project_urlpatterns


def naive_offers(request):
    """A naive listing: AND of icontains per word over title, description and tags, with three facets."""
    offers = Offer.objects.filter(status=OfferStatus.PUBLISHED)
    for word in request.GET.get("q", "").split()[:8]:
        offers = offers.filter(
            Q(title__icontains=word) | Q(description__icontains=word) | Q(tags__icontains=word)
        )
    if request.GET.get("category"):
        offers = offers.filter(category__slug=request.GET["category"])
    if request.GET.get("subregion"):
        offers = offers.filter(organisation__subregion=request.GET["subregion"])
    if request.GET.get("ps"):
        offers = offers.filter(organisation__ps_status=True)
    facets = {
        name: {str(row[path]): row["n"] for row in offers.values(path).annotate(n=Count("pk"))}
        for name, path in (
            ("category", "category__slug"),
            ("subregion", "organisation__subregion"),
            ("legal_form", "organisation__legal_form"),
        )
    }
    page = list(offers.select_related("organisation").order_by("title")[:20])
    return JsonResponse(
        {
            "count": offers.count(),
            "results": [{"id": o.slug, "title": o.title, "organisation": o.organisation.name} for o in page],
            "facets": facets,
        }
    )


urlpatterns = [path("bench/naive-offers/", naive_offers), *project_urlpatterns]
