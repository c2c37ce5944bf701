"""Pages of the floor plan: the exhibitor's stand choice and listing (behind the application's token)
and the public exhibitor catalogue with its printable PDF. Views parse input, call one service and
render the result."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from config.core.links import absolute_url

from . import services
from .catalogue_pdf import render_catalogue_pdf
from .floor_forms import CatalogueFilterForm, ListingForm, StandChoiceForm
from .floor_svg import annotate_plan
from .models import ApplicationStatus, Fair, FloorPlan
from .services import listings, stands
from .views import _owner_view, _see_other


def _plan_markup(plan: FloorPlan, rows, **kwargs) -> str:
    # The stored SVG was sanitised on upload and annotate_plan adds only escaped attributes.
    return mark_safe(annotate_plan(plan.svg, rows, label=_("Floor plan"), **kwargs))  # noqa: S308


@_owner_view
def choose_stand(request, application):
    """The list of stands of the approved type (works without JavaScript) with the SVG plan as an
    enhancement. Choosing a stand holds it and opens the payment in one step (start_checkout)."""
    plan = FloorPlan.objects.filter(fair=application.fair).first()
    can_choose = application.status == ApplicationStatus.APPROVED or (
        application.status == ApplicationStatus.CONFIRMED and not application.stand_id
    )
    if plan is None or not can_choose:
        raise Http404
    rows = stands.stand_rows(plan, stand_type=application.stand_type)
    choosable = [r.stand.pk for r in rows if r.status == stands.AVAILABLE]
    form = StandChoiceForm(request.POST or None, stands=plan.stands.filter(stand_type=application.stand_type))
    status, nearest = 200, []
    if request.method == "POST" and form.is_valid():
        stand = form.cleaned_data["stand"]
        try:
            if application.status == ApplicationStatus.CONFIRMED:
                services.choose_stand(
                    application, stand, by=request.user if request.user.is_authenticated else None
                )
                messages.success(request, _("Stand %(number)s is yours.") % {"number": stand.number})
                return redirect(application)
            if request.POST.get("method") == "transfer":
                services.choose_bank_transfer(application, stand=stand)
                messages.success(
                    request,
                    _("Your stand is reserved. Please make the bank transfer with the reference below."),
                )
                return redirect(application)
            payment = services.start_checkout(
                application,
                stand=stand,
                success_url=absolute_url(
                    reverse("events:checkout_success", kwargs={"token": application.access_token}), request
                ),
                cancel_url=absolute_url(
                    reverse("events:checkout_cancel", kwargs={"token": application.access_token}), request
                ),
            )
        except services.StandTaken as error:
            # 409: the page again, saying so, with the nearest free stands offered first.
            status, nearest = 409, error.nearest
            form.add_error(None, error.message)
            rows = stands.stand_rows(plan, stand_type=application.stand_type)
            choosable = [r.stand.pk for r in rows if r.status == stands.AVAILABLE]
        except services.FairError as error:
            form.add_error(None, error.message)
        else:
            if payment.checkout_url:
                return _see_other(payment.checkout_url)
            messages.info(request, _("Your payment is being prepared. Please try again in a moment."))
            return redirect(application)
    context = {
        "application": application,
        "fair": application.fair,
        "plan": plan,
        "rows": rows,
        "choosable": set(choosable),
        "nearest": nearest,
        "form": form,
        "plan_svg": _plan_markup(plan, rows, choosable=choosable),
        "may_choose": stands.may_choose_now(plan, application.organisation),
    }
    return render(request, "events/choose_stand.html", context, status=status)


@_owner_view
def edit_listing(request, application):
    """The confirmed exhibitor's listing and checklist, editable until the listing deadline."""
    if application.status != ApplicationStatus.CONFIRMED:
        raise Http404
    listing = listings.listing_for(application)
    editable = listings.listing_editable(application)
    form = ListingForm(
        request.POST or None,
        instance=listing,
        organisation=application.organisation,
        initial={"products": listing.products.all()},
    )
    if request.method == "POST" and editable and form.is_valid():
        try:
            listings.save_listing(
                application,
                {name: form.cleaned_data[name] for name in listings.LISTING_FIELDS},
                form.cleaned_data.get("products") or (),
                submit="submit" in request.POST,
                by=request.user if request.user.is_authenticated else None,
            )
        except services.FairError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your listing has been saved."))
            return redirect("events:listing", token=application.access_token)
    context = {
        "application": application,
        "fair": application.fair,
        "listing": listing,
        "form": form,
        "editable": editable,
        "checklist": listings.exhibitor_checklist(application),
    }
    return render(request, "events/listing_form.html", context)


def _catalogue(request, fair):
    plan = FloorPlan.objects.filter(fair=fair).first()
    zones = sorted({z for z in plan.stands.values_list("zone", flat=True) if z}) if plan else []
    form = CatalogueFilterForm(request.GET or None, zones=zones)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = listings.exhibitor_catalogue(
        fair,
        category=filters.get("category"),
        subregion=filters.get("subregion", ""),
        legal_form=filters.get("legal_form", ""),
        zone=filters.get("zone", ""),
    )
    return plan, form, entries


def exhibitor_catalogue(request, slug):
    """The public exhibitor catalogue: filterable, with the plan and each exhibitor's stand on it."""
    fair = get_object_or_404(Fair, slug=slug)
    plan, form, entries = _catalogue(request, fair)
    highlight = request.GET.get("stoisko", "")
    rows = stands.stand_rows(plan) if plan else []
    context = {
        "fair": fair,
        "form": form,
        "entries": entries,
        "plan": plan,
        "highlight": highlight,
        "plan_svg": _plan_markup(plan, rows, highlight=highlight) if plan else "",
    }
    return render(request, "events/exhibitor_catalogue.html", context)


def catalogue_pdf(request, slug):
    """The printable catalogue for the day (cover, plan, exhibitors by category), from the same data."""
    fair = get_object_or_404(Fair, slug=slug)
    plan, _form, entries = _catalogue(request, fair)
    response = HttpResponse(render_catalogue_pdf(fair, plan, entries), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="katalog-wystawcow-{fair.slug}.pdf"'
    return response
