"""Pages of buyer–supplier meetings: a buyer books from their ticket page, an exhibitor publishes slots
from their application page. Both are reached by their private token links; changes are POSTs."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.core.ratelimit import TOO_MANY_SUBMISSIONS, allow_submission

from . import services
from .ical import meetings_ical
from .meeting_forms import FollowUpForm, SlotRangeForm, StandStaffForm
from .models import MeetingSlot
from .services import meetings
from .services import stand_staff as stand_staff_services
from .services.meeting_follow_ups import BUYER, follow_up_by_token, record_follow_up
from .views import _owner_view, _private
from .visitor_views import _ticket


def buyer_meetings(request, token):
    ticket = _ticket(token)
    context = {
        "ticket": ticket,
        "page": ticket.page.localized,
        "booked": meetings.buyer_meetings(ticket),
        "open_slots": meetings.open_slots(ticket.page),
    }
    return _private(TemplateResponse(request, "events/meetings/buyer.html", context))


@require_POST
def book(request, token):
    ticket = _ticket(token)
    try:
        slot_id = int(request.POST.get("slot", ""))
    except ValueError:
        slot_id = 0
    try:
        if request.POST.get("cancel"):
            meetings.cancel_meeting(ticket, slot_id)
            messages.success(request, _("The meeting has been cancelled."))
        else:
            meetings.book_meeting(ticket, slot_id)
            messages.success(request, _("The meeting is booked. The schedule is on its way by email."))
    except services.FairError as error:
        messages.error(request, error.message)
    except meetings.MeetingSlot.DoesNotExist:
        messages.error(request, _("This meeting slot is not available."))
    return _private(redirect("events:buyer_meetings", token=token))


def buyer_ics(request, token):
    ticket = _ticket(token)
    response = HttpResponse(
        meetings_ical(meetings.buyer_meetings(ticket), for_buyer=True, host=request.get_host()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="spotkania.ics"'
    return _private(response)


@_owner_view
def exhibitor_meetings(request, application):
    fair = application.fair
    form = SlotRangeForm(request.POST or None, fair=fair)
    if request.method == "POST" and form.is_valid():
        try:
            created = meetings.publish_slots(
                application, form.cleaned_data["start"], form.cleaned_data["end"]
            )
        except services.FairError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Published %(count)d meeting slots.") % {"count": len(created)})
            return redirect("events:exhibitor_meetings", token=application.access_token)
    context = {
        "application": application,
        "fair": fair,
        "form": form,
        "slots": meetings.exhibitor_meetings(application),
    }
    return TemplateResponse(request, "events/meetings/exhibitor.html", context)


@_owner_view
def exhibitor_ics(request, application):
    slots = [slot for slot in meetings.exhibitor_meetings(application) if slot.ticket_id]
    response = HttpResponse(
        meetings_ical(slots, for_buyer=False, host=request.get_host()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="spotkania.ics"'
    return response


def meeting_follow_up(request, token):
    """After the fair, one side of a meeting says whether a quote or a deal followed (its own token link).

    A refused answer re-renders the form with its translated errors and status 400.
    """
    try:
        slot, side = follow_up_by_token(token)
    except MeetingSlot.DoesNotExist:
        raise Http404 from None
    form = FollowUpForm(request.POST if request.method == "POST" else None)
    status, saved = 200, False
    if request.method == "POST":
        if not allow_submission("meeting_follow_up", request):
            form.is_valid()
            form.add_error(None, TOO_MANY_SUBMISSIONS)
            status = 429
        elif form.is_valid():
            record_follow_up(slot, side, form.cleaned_data["answer"], form.cleaned_data["value_net"])
            saved = True
        else:
            status = 400
    if side == BUYER:
        other = slot.application.organisation_name
    else:  # the buyer's ticket may have been erased since (RODO): then no name
        other = (slot.ticket.organisation or slot.ticket.name) if slot.ticket else ""
    context = {"form": form, "slot": slot, "other": other, "saved": saved, "fair": slot.application.fair}
    return _private(TemplateResponse(request, "events/meetings/follow_up.html", context, status=status))


@_owner_view
def stand_staff(request, application):
    """The exhibitor lists their further stand staff; staff print a badge for each."""
    editable = stand_staff_services.can_edit_stand_staff(application)
    initial = {"names": "\n".join(member.name for member in application.stand_staff.all())}
    form = StandStaffForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                stand_staff_services.set_stand_staff(application, form.cleaned_data["names"])
            except services.FairError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The list of stand staff has been saved."))
                return redirect("events:stand_staff", token=application.access_token)
        status = 400
    context = {
        "application": application,
        "form": form,
        "editable": editable,
        "limit": settings.STAND_STAFF_LIMIT,
        "deadline": stand_staff_services.stand_staff_deadline(application),
        "members": list(application.stand_staff.all()),
    }
    return TemplateResponse(request, "events/meetings/stand_staff.html", context, status=status)
