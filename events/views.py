"""Public pages of the fair. Views parse input, call one service and render the result."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.core.links import absolute_url
from config.core.ratelimit import TOO_MANY_SUBMISSIONS, allow_submission

from . import services
from .forms import ExhibitorApplicationForm, initial_from_organisation
from .invoice_pdf import render_pdf, render_proforma
from .models import ApplicationStatus, ExhibitorApplication, Fair, Invoice, Payment


def fair_detail(request, slug):
    fair = get_object_or_404(Fair.objects.prefetch_related("stand_types", "addons"), slug=slug)
    stand_types = [(stand, services.available_places(stand)) for stand in fair.stand_types.all()]
    exhibitors = services.public_exhibitors(fair)
    return render(
        request,
        "events/fair_detail.html",
        {"fair": fair, "stand_types": stand_types, "exhibitors": exhibitors},
    )


def _member_organisation(request):
    if not request.user.is_authenticated:
        return None
    return request.user.organisations.order_by("name").first()


def apply(request, slug):
    fair = get_object_or_404(Fair, slug=slug)
    if not fair.accepts_applications():
        messages.error(request, _("Applications for this fair are closed."))
        return redirect(fair)
    organisation = _member_organisation(request)
    initial = initial_from_organisation(organisation, request.user) if organisation else {}
    form = ExhibitorApplicationForm(request.POST or None, fair=fair, initial=initial)
    if request.method == "POST" and form.is_valid() and not allow_submission("fair_application", request):
        form.add_error(None, TOO_MANY_SUBMISSIONS)
    elif request.method == "POST" and form.is_valid():
        data = form.application_data()
        data["language"] = (get_language() or "pl")[:8]
        try:
            application = services.apply_for_stand(
                fair=fair,
                stand_type=form.cleaned_data["stand_type"],
                addons=form.cleaned_data["addons"],
                data=data,
                user=request.user if request.user.is_authenticated else None,
                organisation=organisation,
            )
        except services.FairError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you! Your application has been submitted."))
            if (
                services.application_overview(application).choose_on_plan
                and application.status == ApplicationStatus.APPROVED
            ):
                # A fair without approval: the stand is chosen on the plan right as part of applying.
                return redirect("events:choose_stand", token=application.access_token)
            return redirect(application)
    prices = [stand.price_gross for stand in fair.stand_types.all()]
    context = {
        "fair": fair,
        "form": form,
        "organisation": organisation,
        "stand_price_from": min(prices) if prices else None,
        "rejected_retention_days": settings.DATA_RETENTION_DAYS["rejected_applications"],
    }
    return render(request, "events/apply.html", context)


def _owned_application(request, token) -> ExhibitorApplication:
    """The link with the token is the capability; an application made from an account also needs it."""
    application = get_object_or_404(
        ExhibitorApplication.objects.select_related("fair", "stand_type", "organisation"), access_token=token
    )
    if (
        application.user_id
        and not request.user.has_perm("events.view_exhibitorapplication")
        and request.user.pk != application.user_id
    ):
        if not request.user.is_authenticated:
            raise _LoginRequired
        raise Http404
    return application


class _LoginRequired(Exception):
    pass


def _private(response):
    """The token in the address is the capability: keep the page out of caches, indexes and referrers."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    # same-origin, not no-referrer: the page posts forms, and with no-referrer Chrome sends
    # "Origin: null", which Django's CSRF check refuses. Other sites still never see the token.
    response["Referrer-Policy"] = "same-origin"
    return response


def _owner_view(view):
    def wrapper(request, token, *args, **kwargs):
        try:
            application = _owned_application(request, token)
        except _LoginRequired:
            return redirect_to_login(request.get_full_path())
        return _private(view(request, application, *args, **kwargs))

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@_owner_view
def application_detail(request, application):
    overview = services.application_overview(application)
    return render(
        request,
        "events/application_detail.html",
        {"application": application, "fair": application.fair, "overview": overview},
    )


@require_POST
@_owner_view
def pay_online(request, application):
    """The "Pay" button. A double-click returns the same Checkout Session (see start_checkout)."""
    try:
        payment = services.start_checkout(
            application,
            success_url=absolute_url(
                reverse("events:checkout_success", kwargs={"token": application.access_token}), request
            ),
            cancel_url=absolute_url(
                reverse("events:checkout_cancel", kwargs={"token": application.access_token}), request
            ),
        )
    except services.FairError as error:
        messages.error(request, error.message)
        return redirect(application)
    if not payment.checkout_url:
        messages.info(request, _("Your payment is being prepared. Please try again in a moment."))
        return redirect(application)
    return _see_other(payment.checkout_url)


def _see_other(url):
    response = HttpResponse(status=303)
    response["Location"] = url
    return response


@require_POST
@_owner_view
def pay_by_transfer(request, application):
    try:
        services.choose_bank_transfer(application)
    except services.FairError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Your stand is reserved. Please make the bank transfer with the reference below.")
        )
    return redirect(application)


@_owner_view
def checkout_success(request, application):
    """Return from Checkout. Confirms with Stripe (never trusts the URL) through the same idempotent
    fulfil function as the webhook, so replaying this URL is harmless."""
    payment = services.confirm_checkout_return(application, request.GET.get("session_id", ""))
    if payment is None:
        messages.error(
            request, _("We could not find this payment. If you paid, the confirmation will arrive by email.")
        )
        return redirect(application)
    if payment.status in Payment.MONEY_RECEIVED_STATES:
        messages.success(request, _("Thank you, your payment has been received."))
    else:
        messages.info(request, _("Thank you! We are waiting for the bank to confirm your payment."))
    return redirect(application)


@_owner_view
def checkout_cancel(request, application):
    messages.info(
        request,
        _(
            "The payment was not completed and nothing was charged. Your stand stays reserved for a while; you can try again."
        ),
    )
    return redirect(application)


@require_POST
@_owner_view
def cancel(request, application):
    try:
        services.cancel_application(application, by=request.user if request.user.is_authenticated else None)
    except services.FairError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your application has been cancelled."))
    return redirect(application)


@_owner_view
def invoice_pdf(request, application, invoice_id):
    invoice = get_object_or_404(Invoice, pk=invoice_id, application=application)
    response = HttpResponse(render_pdf(invoice), content_type="application/pdf")
    filename = invoice.number.replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


@_owner_view
def proforma_pdf(request, application):
    """The pro-forma of the open bank transfer (not an invoice); 404 when no transfer is open."""
    payment = Payment.objects.open_transfers().filter(application=application).select_related("hold").first()
    if payment is None or not application.transfer_reference:
        raise Http404(_("There is no bank transfer to pay for this application."))
    response = HttpResponse(render_proforma(application, payment), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="pro-forma-{application.transfer_reference}.pdf"'
    return response
