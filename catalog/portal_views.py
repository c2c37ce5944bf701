"""The supplier portal: thin views over catalog.services.portal and catalog.services.quotes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .choices import QuoteAnswerStatus
from .forms import OfferForm, OrganisationForm, QuoteAnswerForm
from .models import FactChange, Offer, Organisation, QuoteRecipient
from .rules import VERIFIED_FACTS
from .services.portal import check_can_edit_organisation, save_offer_by_member, update_organisation
from .services.quotes import answer_quote_request, check_can_answer


def _own_organisations(user):
    if user.has_perm("catalog.change_organisation"):
        return Organisation.objects.none()
    return user.organisations.all()


@login_required
def dashboard(request):
    organisations = list(_own_organisations(request.user).prefetch_related("offers"))
    requests = (
        QuoteRecipient.objects.filter(organisation__in=organisations)
        .select_related("quote_request", "organisation")
        .order_by("status", "-quote_request__created_at")
    )
    return render(
        request,
        "catalog/portal/dashboard.html",
        {"organisations": organisations, "quote_recipients": requests, "pending": QuoteAnswerStatus.PENDING},
    )


@login_required
def organisation_edit(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    check_can_edit_organisation(request.user, organisation)
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        changed = update_organisation(
            organisation,
            user=request.user,
            values=form.values,
            logo=form.cleaned_data.get("logo_upload"),
            **form.gallery_changes,
        )
        messages.success(request, _("Profile saved.") if changed else _("Nothing changed."))
        if any(name in VERIFIED_FACTS for name in changed):
            messages.info(
                request,
                _("Changes of verified facts are shown to buyers after the cluster staff verify them."),
            )
        return redirect("catalog:portal")
    pending = organisation.fact_changes.filter(status=FactChange.Status.PENDING).order_by("field")
    return render(
        request,
        "catalog/portal/organisation_form.html",
        {"form": form, "organisation": organisation, "pending_changes": pending},
    )


def _offer_form_view(request, offer, organisation):
    form = OfferForm(request.POST or None, request.FILES or None, instance=offer)
    if request.method == "POST" and form.is_valid():
        publish = "publish" in request.POST
        try:
            saved = save_offer_by_member(
                offer,
                user=request.user,
                values=form.values,
                publish=publish,
                image=form.cleaned_data.get("image_upload"),
                image_alt_text=form.cleaned_data.get("image_alt_text", ""),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Offer saved: %(status)s.") % {"status": saved.get_status_display()})
            return redirect("catalog:portal")
    return render(
        request,
        "catalog/portal/offer_form.html",
        {"form": form, "organisation": organisation, "offer": offer},
    )


@login_required
def offer_create(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    check_can_edit_organisation(request.user, organisation)
    return _offer_form_view(request, Offer(organisation=organisation), organisation)


@login_required
def offer_edit(request, slug):
    offer = get_object_or_404(Offer.objects.select_related("organisation"), slug=slug)
    check_can_edit_organisation(request.user, offer.organisation)
    return _offer_form_view(request, offer, offer.organisation)


@login_required
def quote_answer(request, pk):
    recipient = get_object_or_404(
        QuoteRecipient.objects.select_related("quote_request", "organisation").prefetch_related("offers"),
        pk=pk,
    )
    check_can_answer(request.user, recipient)
    form = QuoteAnswerForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and not recipient.is_answered and form.is_valid():
        try:
            answer_quote_request(recipient.pk, user=request.user, **form.answer())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your answer was sent to the buyer."))
            return redirect("catalog:portal")
    # Refused input is a client error (400), shown with its translated messages.
    status = 400 if request.method == "POST" and form.errors else 200
    return render(
        request, "catalog/portal/quote_answer.html", {"form": form, "recipient": recipient}, status=status
    )
