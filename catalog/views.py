from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.procurement.ledger import compute_social_spend
from config.core.quotes import for_quoting

from .forms import QuoteRequestForm
from .impact import Figure, compute_impact_figures
from .models import Offer, Organisation, QuoteRequest
from .rules import VERIFIED_FACTS
from .services.cpv import describe_cpv_codes
from .services.procurement import export_document_response, shortlist_document
from .services.quotes import QuoteRequestRefused, SupplierChoice, submit_quote_request
from .services.verification import last_verifications
from .shortlist import KINDS, SHORTLIST_LIMIT, Shortlist, ShortlistFull
from .structured_data import offer_json_ld, organisation_json_ld

RELATED_OFFERS = 4


def _public_organisations():
    return Organisation.objects.public()


def _public_offers():
    return Offer.objects.public()


def _verified_facts(organisation: Organisation) -> list[dict]:
    """When staff last verified each fact, in the order of VERIFIED_FACTS; the role, never a name."""
    verifications = last_verifications(organisation)
    return [
        {"label": Organisation._meta.get_field(name).verbose_name, "at": verifications[name].verified_at}
        for name in VERIFIED_FACTS
        if name in verifications
    ]


def organisation_detail(request, slug):
    organisation = get_object_or_404(_public_organisations(), slug=slug)
    # The organisation is public already, so its published offers are public.
    offers = list(organisation.offers.published().select_related("category"))
    return render(
        request,
        "catalog/organisation_detail.html",
        {
            "organisation": organisation,
            "offers": offers,
            "gallery": organisation.gallery_images.select_related("image"),
            "verified_facts": _verified_facts(organisation),
            "json_ld_data": organisation_json_ld(organisation, offers),
            "map_tile_url": settings.MAP_TILE_URL,
            "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
    )


def offer_detail(request, slug):
    offer = get_object_or_404(_public_offers().select_related("organisation", "category"), slug=slug)
    related = list(
        _public_offers()
        .filter(category=offer.category)
        .exclude(organisation=offer.organisation)
        .select_related("organisation")
        .order_by("-updated_at")[:RELATED_OFFERS]
    )
    if len(related) < RELATED_OFFERS:
        related += list(
            _public_offers()
            .filter(organisation=offer.organisation)
            .exclude(pk=offer.pk)
            .select_related("organisation")[: RELATED_OFFERS - len(related)]
        )
    return render(
        request,
        "catalog/offer_detail.html",
        {
            "offer": offer,
            "organisation": offer.organisation,
            "images": offer.images.select_related("image"),
            "related": related,
            "cpv_codes": describe_cpv_codes(offer.cpv_codes),
            "json_ld_data": offer_json_ld(offer),
        },
    )


def impact(request):
    figures = compute_impact_figures()
    jobs_series = [
        Figure("jobs", _("All jobs"), figures.jobs),
        Figure(
            "jobs_at_risk", _("Jobs for people at risk of social exclusion"), figures.jobs_for_people_at_risk
        ),
    ]
    quote_series = [
        Figure("sent", _("Quote requests sent"), figures.quote_requests_sent),
        Figure("answered", _("Quote requests answered"), figures.quote_requests_answered),
    ]
    return render(
        request,
        "catalog/impact.html",
        {
            "figures": figures,
            "jobs_series": jobs_series,
            "quote_series": quote_series,
            "social_spend": compute_social_spend(),
        },
    )


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def shortlist(request):
    items = Shortlist(request.session)
    return render(
        request,
        "catalog/shortlist.html",
        {"suppliers": items.suppliers(), "count": len(items), "limit": SHORTLIST_LIMIT},
    )


@require_POST
def shortlist_add(request):
    kind, slug = request.POST.get("kind"), request.POST.get("slug", "")
    if kind not in KINDS:
        raise Http404
    source = _public_offers() if kind == "offer" else _public_organisations()
    item = get_object_or_404(source, slug=slug)
    shortlist = Shortlist(request.session)
    try:
        added = shortlist.add(kind, slug)
    except ShortlistFull as full:
        messages.error(request, str(full))
    else:
        label = item.title if kind == "offer" else item.name
        if added:
            messages.success(
                request, _("“%(name)s” was added to your shortlist.") % {"name": for_quoting(label)}
            )
        else:
            messages.info(
                request, _("“%(name)s” is already on your shortlist.") % {"name": for_quoting(label)}
            )
    target = _safe_next(request, "catalog:shortlist")
    if "?" in target:
        shortlist.remember_criteria(target.split("?", 1)[1])
    return redirect(target)


@require_POST
def shortlist_remove(request):
    Shortlist(request.session).remove(request.POST.get("kind", ""), request.POST.get("slug", ""))
    messages.success(request, _("Removed from your shortlist."))
    return redirect(_safe_next(request, "catalog:shortlist"))


def shortlist_export(request, file_format):
    shortlist = Shortlist(request.session)
    suppliers = shortlist.suppliers()
    if not suppliers:
        messages.error(request, _("Your shortlist is empty: add suppliers before exporting."))
        return redirect("catalog:shortlist")
    today = timezone.localdate()
    document = shortlist_document(suppliers, today, shortlist.criteria())
    return export_document_response(document, file_format, f"rozeznanie-rynku-{today.isoformat()}")


def _chosen_suppliers(request) -> tuple[list[SupplierChoice], bool]:
    """The suppliers of this request: one named in the URL, or the whole shortlist."""
    slug = request.GET.get("dostawca")
    if slug:
        organisation = get_object_or_404(_public_organisations(), slug=slug)
        offers = list(_public_offers().filter(organisation=organisation, slug=request.GET.get("oferta", "")))
        return [SupplierChoice(organisation, offers)], True
    return [SupplierChoice(s.organisation, s.offers) for s in Shortlist(request.session).suppliers()], False


def quote_request_create(request):
    suppliers, single = _chosen_suppliers(request)
    if not suppliers:
        messages.info(request, _("Add offers or suppliers to your shortlist first."))
        return redirect("catalog:shortlist")
    form = QuoteRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            criteria = "" if single else Shortlist(request.session).criteria()
            quote_request = submit_quote_request(
                details={**form.details, "search_criteria": criteria},
                suppliers=suppliers,
                ip_address=request.META.get("REMOTE_ADDR", ""),
            )
        except QuoteRequestRefused as refused:
            form.add_error(None, str(refused))
        else:
            if not single:
                Shortlist(request.session).clear()
            messages.success(
                request,
                _(
                    "Your request was sent to %(count)s suppliers. Keep this page's address: the answers appear here."
                )
                % {"count": len(suppliers)},
            )
            return redirect(quote_request)
    return render(request, "catalog/quote_request_form.html", {"form": form, "suppliers": suppliers})


def quote_request_detail(request, token):
    quote_request = get_object_or_404(QuoteRequest, token=token)
    recipients = quote_request.recipients.select_related("organisation").prefetch_related("offers")
    response = render(
        request,
        "catalog/quote_request_detail.html",
        {"quote_request": quote_request, "recipients": recipients},
    )
    # A private link: keep it out of search engines and of other sites' referrer logs.
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response
