"""Staff pages of the fair in the Wagtail admin: one page per application with its actions, and the
dashboard of capacity and revenue with bulk approval. Each action is validated by its form and then
calls one service; the services decide what is allowed."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import ksef, services
from .bank_statements import StatementError
from .forms import (
    ConfirmActionForm,
    InvoiceFilterForm,
    RefundForm,
    RejectForm,
    StandNumberForm,
    StatementUploadForm,
)
from .invoice_pdf import render_pdf
from .models import ApplicationStatus, ExhibitorApplication, Fair, Invoice, Payment, StatementLine

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


@permission_required(STAFF_PERMISSION, raise_exception=True)
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


@permission_required(STAFF_PERMISSION, raise_exception=True)
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


@permission_required(STAFF_PERMISSION, raise_exception=True)
def invoice_register(request):
    """Invoices and corrections with their KSeF state, filters, and the register as CSV or XLSX."""
    form = InvoiceFilterForm(request.GET or None)
    invoices = services.invoice_register(**form.filters())
    export = request.GET.get("export", "")
    if export in ("csv", "xlsx"):
        stamp = f"{timezone.localdate():%Y-%m-%d}"
        if export == "csv":
            response = HttpResponse(services.export_register_csv(invoices), content_type="text/csv")
        else:
            response = HttpResponse(
                services.export_register_xlsx(invoices),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="rejestr-faktur-{stamp}.{export}"'
        return response
    return TemplateResponse(
        request,
        "events/admin/invoices.html",
        {"form": form, "invoices": invoices[:500], "ksef_configured": ksef.is_configured()},
    )


@require_POST
@permission_required(STAFF_PERMISSION, raise_exception=True)
def resend_invoice(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk)
    try:
        services.resend_to_ksef(invoice, by=request.user)
    except services.FairError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Invoice %(number)s is queued for KSeF.") % {"number": invoice.number})
    return redirect("events_admin:invoices")


@permission_required(STAFF_PERMISSION, raise_exception=True)
def invoice_document(request, pk, fmt):
    """The PDF or the FA(3) XML of any invoice, for staff."""
    invoice = get_object_or_404(Invoice, pk=pk)
    filename = invoice.number.replace("/", "-")
    if fmt == "xml":
        response = HttpResponse(invoice.fa3_xml, content_type="application/xml")
    else:
        response = HttpResponse(render_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@permission_required(STAFF_PERMISSION, raise_exception=True)
def bank_statements(request):
    """Upload an MT940 or camt.053 statement; matched transfers are marked paid, the rest listed."""
    status = 200
    form = StatementUploadForm()
    if request.method == "POST":
        form = StatementUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = services.import_statement(form.cleaned_data["statement"].read(), by=request.user)
            except StatementError as error:
                form.add_error("statement", str(error))
            else:
                messages.success(
                    request,
                    _(
                        "Statement imported: %(new)d new lines, %(matched)d marked paid, %(duplicates)d already imported."
                    )
                    % {
                        "new": len(result.lines),
                        "matched": result.count(StatementLine.Outcome.MATCHED),
                        "duplicates": result.duplicates,
                    },
                )
                return redirect("events_admin:statements")
        status = 400
    return TemplateResponse(
        request,
        "events/admin/statements.html",
        {
            "form": form,
            "needs_staff": services.lines_for_staff()[:200],
            "recent": StatementLine.objects.select_related("application")[:50],
        },
        status=status,
    )
