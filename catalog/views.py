from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .choices import OfferStatus
from .models import Offer, Organisation


def offer_list(request):
    offers = Offer.objects.published().select_related("organisation", "category").order_by("title")
    page = Paginator(offers, 20).get_page(request.GET.get("page"))
    return render(request, "catalog/offer_list.html", {"page": page})


def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    offers = organisation.offers.filter(status=OfferStatus.PUBLISHED).select_related("category")
    return render(
        request, "catalog/organisation_detail.html", {"organisation": organisation, "offers": offers}
    )


def offer_detail(request, slug):
    offer = get_object_or_404(Offer.objects.published().select_related("organisation", "category"), slug=slug)
    return render(request, "catalog/offer_detail.html", {"offer": offer})
