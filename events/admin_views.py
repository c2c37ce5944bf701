"""Staff pages of the fair in the Wagtail admin: one page per application with its actions, and the
dashboard of capacity and revenue with bulk approval. Each action is validated by its form and then
calls one service; the services decide what is allowed."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import services
from .forms import ConfirmActionForm, RefundForm, RejectForm, StandNumberForm
from .models import ApplicationStatus, ExhibitorApplication, Fair, Payment

STAFF_PERMISSION = "events.change_exhibitorapplication"

Action = Callable[[ExhibitorApplication, ConfirmActionForm, object], object]

# The staff actions on an application: the form that validates the request, and the service it calls.
ACTIONS: dict[str, tuple[type[ConfirmActionForm], Action]] = {
    "approve": (ConfirmActionForm, lambda app, form, user: services.approve_application(app, by=user)),
    "reject": (
        RejectForm,
        lambda app, form, user: services.reject_application(app, form.cleaned_data["reason"], by=user),
    ),
    "mark_transfer_paid": (
        ConfirmActionForm,
        lambda app, form, user: services.mark_transfer_paid(app, by=user),
    ),
    "assign_stand": (
        StandNumberForm,
        lambda app, form, user: services.assign_stand_number(app, form.cleaned_data["stand_number"], by=user),
    ),
    "refund": (
        RefundForm,
        lambda app, form, user: services.refund_payment(
            form.cleaned_data["payment"], form.amount_grosze(), by=user, note=form.cleaned_data["note"]
        ),
    ),
    "cancel": (ConfirmActionForm, lambda app, form, user: services.cancel_application(app, by=user)),
}


@permission_required(STAFF_PERMISSION)
def manage_application(request, pk):
    """One page per application with every staff action: approve, reject, transfer, stand, refund."""
    application = get_object_or_404(ExhibitorApplication.objects.select_related("fair", "stand_type"), pk=pk)
    if request.method == "POST":
        return _perform_action(request, application)
    return TemplateResponse(
        request,
        "events/admin/manage_application.html",
        {
            "application": application,
            "overview": services.application_overview(application),
            "free_numbers": services.free_stand_numbers(application),
            "reject_form": RejectForm(),
            "stand_form": StandNumberForm(),
            "refund_form": RefundForm(),
            "statuses": ApplicationStatus,
            "MONEY_RECEIVED": Payment.MONEY_RECEIVED_STATES,
        },
    )


def _perform_action(request, application: ExhibitorApplication):
    back = redirect("events_admin:application", pk=application.pk)
    action = ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Unknown action."))
        return back
    form_class, perform = action
    form = form_class(request.POST, application=application)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return back
    try:
        perform(application, form, request.user)
    except services.FairError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Done."))
    return back


@permission_required(STAFF_PERMISSION)
def fair_dashboard(request):
    """Capacity and revenue per fair, and the submitted applications to approve in bulk (POST)."""
    if request.method == "POST":
        return _approve_selected(request)
    return TemplateResponse(
        request,
        "events/admin/dashboard.html",
        {
            "figures": [services.fair_figures(fair) for fair in Fair.objects.prefetch_related("stand_types")],
            "submitted": ExhibitorApplication.objects.filter(
                status=ApplicationStatus.SUBMITTED
            ).select_related("fair", "stand_type"),
        },
    )


def _approve_selected(request):
    ids = [int(pk) for pk in request.POST.getlist("application") if pk.isdigit()]
    approved, errors = services.bulk_approve(ExhibitorApplication.objects.filter(pk__in=ids), by=request.user)
    messages.success(request, _("%(count)d applications approved.") % {"count": approved})
    for error in errors:
        messages.error(request, error)
    return redirect("events_admin:dashboard")
