"""Public pages of visitors' tickets and session sign-ups. The token in the address is the capability;
every state change is a POST (a link scanner in a mail filter only GETs, so it can confirm or cancel
nothing), and every page is private (no-store, noindex)."""

import base64

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from config.core.ratelimit import TOO_MANY_SUBMISSIONS, allow_submission

from . import services
from .models import SessionRegistration, TicketStatus, VisitorTicket
from .pages import EventPage
from .services import visitors as visitor_services
from .services.meetings import buyer_meetings
from .tickets_pdf import qr_payload, qr_png, render_ticket
from .views import _private
from .visitor_forms import VisitorRegistrationForm


def register(request, page_id):
    page = get_object_or_404(EventPage.objects.live().public(), pk=page_id)
    owner = page.programme_page()
    if owner.visitor_capacity is None:
        raise Http404
    form = VisitorRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not allow_submission("visitor_registration", request):
        form.add_error(None, TOO_MANY_SUBMISSIONS)
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ticket = visitor_services.register_visitor(
                page,
                name=data["name"],
                email=data["email"],
                organisation=data["organisation"],
                participant_type=data["participant_type"],
                sector=data["sector"],
            )
        except services.FairError as error:
            form.add_error(None, error.message)
        else:
            # The ticket's address goes only to the email: whoever typed this address gets no token.
            return _private(
                TemplateResponse(request, "events/visitors/registered.html", {"page": page, "ticket": ticket})
            )
    context = {"page": page, "form": form, "places_left": visitor_services.ticket_places_left(page)}
    return TemplateResponse(request, "events/visitors/register.html", context)


def _ticket(token) -> VisitorTicket:
    return get_object_or_404(VisitorTicket.objects.select_related("page"), token=token)


def ticket(request, token):
    ticket = _ticket(token)
    page = ticket.page.localized  # the event page in the visitor's language, where there is one
    context = {
        "ticket": ticket,
        "page": page,
        "statuses": TicketStatus,
        "meetings": buyer_meetings(ticket),
    }
    if ticket.status == TicketStatus.CONFIRMED:
        context["qr_data_uri"] = "data:image/png;base64," + base64.b64encode(
            qr_png(qr_payload(ticket))
        ).decode("ascii")
    return _private(TemplateResponse(request, "events/visitors/ticket.html", context))


def _ticket_action(action, success: str):
    @require_POST
    def view(request, token):
        ticket = _ticket(token)
        try:
            action(ticket)
        except services.FairError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, success)
        return _private(redirect("events:ticket", token=token))

    return view


def ticket_pdf(request, token):
    ticket = _ticket(token)
    if ticket.status != TicketStatus.CONFIRMED:
        raise Http404
    response = HttpResponse(render_ticket(ticket), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bilet-{ticket.code}.pdf"'
    return _private(response)


def _registration(token) -> SessionRegistration:
    return get_object_or_404(SessionRegistration.objects.select_related("session__page"), token=token)


def session_registration(request, token, action):
    """The cancel and claim links of a session sign-up: GET shows a button, POST does it."""
    registration = _registration(token)
    if request.method == "POST":
        try:
            if action == "cancel":
                services.cancel_session_registration(registration)
                messages.success(request, CANCELLED_SESSION)
            else:
                services.claim_session_place(registration)
                messages.success(request, CLAIMED_SESSION)
        except services.FairError as error:
            messages.error(request, error.message)
        return _private(redirect(reverse(f"events:session_{action}", args=[token])))
    registration.refresh_from_db()
    context = {"registration": registration, "session": registration.session, "action": action}
    return _private(TemplateResponse(request, "events/visitors/session_registration.html", context))


def session_cancel(request, token):
    return session_registration(request, token, "cancel")


def session_claim(request, token):
    return session_registration(request, token, "claim")


# Messages are module constants: gettext_lazy resolves them in the request's language.
CANCELLED_SESSION = _("Your sign-up has been cancelled. Thank you for freeing the place.")
CLAIMED_SESSION = _("The place is yours. See you at the session!")

ticket_confirm = _ticket_action(visitor_services.confirm_ticket, _("Thank you, your email is confirmed."))
ticket_claim = _ticket_action(
    visitor_services.claim_offered_place, _("The place is yours. Your ticket is below.")
)
ticket_cancel = _ticket_action(visitor_services.cancel_ticket, _("Your ticket has been cancelled."))
