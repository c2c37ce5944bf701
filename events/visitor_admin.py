"""Staff tools for visitors in the Wagtail admin: the check-in desk, live attendance, badges, the
grant's attendance reports, the meetings grid, and the listings of tickets, slots and series.

Registered from events/wagtail_hooks.py (Wagtail reads hooks only from that module). Every page here is
staff-only: the admin's own login (with two-factor) and the app's permission on tickets.
"""

from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSetGroup

from config.core.exports import SafeExportModelViewSet

from . import services
from .attendance_reports import attendance_pdf, attendance_xlsx, event_attendance, series_attendance
from .models import EventSeries, MeetingSlot, VisitorTicket
from .pages import EventPage
from .services import meetings as meeting_services
from .services import visitors as visitor_services
from .tickets_pdf import render_badges
from .visitor_forms import CheckInForm

PERMISSION = "events.change_visitorticket"

LOG_ACTIONS = {
    "events.ticket.registered": gettext_lazy("Visitor registered"),
    "events.ticket.confirmed": gettext_lazy("Visitor ticket confirmed"),
    "events.ticket.waitlisted": gettext_lazy("Visitor on the waiting list"),
    "events.ticket.offered": gettext_lazy("Freed place offered to a visitor"),
    "events.ticket.cancelled": gettext_lazy("Visitor ticket cancelled"),
    "events.ticket.checked_in": gettext_lazy("Visitor checked in"),
    "events.meeting.booked": gettext_lazy("Meeting booked"),
    "events.meeting.cancelled": gettext_lazy("Meeting cancelled"),
    "events.session.cancelled": gettext_lazy("Session sign-up cancelled"),
    "events.session.offered": gettext_lazy("Freed session place offered"),
    "events.session.claimed": gettext_lazy("Offered session place claimed"),
    "events.meeting.follow_up_asked": gettext_lazy("Meeting follow-up asked"),
    "events.meeting.follow_up_answered": gettext_lazy("Meeting follow-up answered"),
    "events.stand_staff.changed": gettext_lazy("Stand staff list changed"),
}


@hooks.register("register_log_actions")
def register_visitor_log_actions(actions):
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)


def _event(page_id: int) -> EventPage:
    return get_object_or_404(EventPage, pk=page_id).programme_page()


def _scan_result(result: visitor_services.CheckIn) -> dict:
    ticket = result.ticket
    if result.already:
        when = time_format(timezone.localtime(ticket.checked_in_at), "H:i")
        message = _("Already checked in at %(time)s.") % {"time": when}
    else:
        message = _("Welcome! Checked in.")
    return {
        "ok": not result.already,
        "already": result.already,
        "message": message,
        "name": ticket.name,
        "organisation": ticket.organisation,
        "role": ticket.get_role_display(),
    }


@permission_required(PERMISSION, raise_exception=True)
def check_in_desk(request, page_id):
    """Scan (camera, events/static/events/check-in.js) or type a code; the script posts the same form
    and reads JSON back, so the desk works with and without JavaScript."""
    page = _event(page_id)
    form = CheckInForm(request.POST or None)
    result, status = None, 200
    if request.method == "POST" and form.is_valid():
        try:
            result = _scan_result(
                visitor_services.check_in(form.cleaned_data["code"], page_id=page.pk, user=request.user)
            )
        except services.FairError as error:
            result, status = {"ok": False, "already": False, "message": error.message}, 400
        form = CheckInForm()
    counts = visitor_services.attendance_counts(page)
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"result": result, "counts": counts}, status=status)
    context = {"page": page, "form": form, "result": result, "counts": counts}
    response = TemplateResponse(request, "events/admin/check_in.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


@permission_required(PERMISSION, raise_exception=True)
def attendance(request):
    """Every event with visitor tickets and its live counts (the page's script refreshes them)."""
    pages = EventPage.objects.filter(visitor_capacity__isnull=False).order_by("-starts_at")
    rows = [
        (page, visitor_services.attendance_counts(page)) for page in pages if page.programme_page() == page
    ]
    if request.GET.get("format") == "json":
        return JsonResponse({str(page.pk): counts for page, counts in rows})
    context = {"rows": rows, "series": EventSeries.objects.all()}
    return TemplateResponse(request, "events/admin/attendance.html", context)


@permission_required(PERMISSION, raise_exception=True)
def badges(request, page_id):
    """A6 badges of the event's confirmed visitors and exhibitors' staff, in one printable batch."""
    page = _event(page_id)
    visitor_services.issue_exhibitor_tickets(page)
    tickets = list(
        VisitorTicket.objects.filter(page=page, status="confirmed")
        .select_related("page")
        .order_by("role", "name")
    )
    role = request.GET.get("role")
    if role:
        tickets = [ticket for ticket in tickets if ticket.role == role]
    label_sheet = request.GET.get("layout") == "a4"
    response = HttpResponse(render_badges(tickets, label_sheet=label_sheet), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="identyfikatory-{page.slug}.pdf"'
    return response


def _report_response(report, fmt: str, filename: str) -> HttpResponse:
    if fmt == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(attendance_xlsx(report), content_type=content_type)
    elif fmt == "pdf":
        response = HttpResponse(attendance_pdf(report), content_type="application/pdf")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@permission_required(PERMISSION, raise_exception=True)
def event_report(request, page_id, fmt):
    page = _event(page_id)
    return _report_response(event_attendance(page), fmt, f"frekwencja-{page.slug}")


@permission_required(PERMISSION, raise_exception=True)
def series_report(request, series_id, fmt):
    series = get_object_or_404(EventSeries, pk=series_id)
    return _report_response(series_attendance(series), fmt, f"frekwencja-cykl-{series.pk}")


@permission_required(PERMISSION, raise_exception=True)
def meetings_grid(request, page_id):
    """The fair day's meetings: exhibitors in rows, quarter hours in columns; CSV export for staff."""
    page = _event(page_id)
    grid = meeting_services.meetings_grid(page)
    if request.GET.get("export") == "csv":
        response = HttpResponse(meeting_services.meetings_csv(grid), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="spotkania-{page.slug}.csv"'
        return response
    return TemplateResponse(request, "events/admin/meetings_grid.html", {"page": page, "grid": grid})


class VisitorTicketViewSet(SafeExportModelViewSet):
    name = "fair_tickets"
    url_prefix = "fair/tickets"
    model = VisitorTicket
    icon = "user"
    menu_label = gettext_lazy("Visitor tickets")
    add_to_admin_menu = False
    inspect_view_enabled = True
    form_fields = ["name", "organisation", "role", "participant_type", "sector"]
    list_display = ["name", "organisation", "page", "status", "role", "checked_in_at"]
    list_filter = ["status", "role", "participant_type", "sector", "page"]
    search_fields = ["name", "email", "organisation", "code"]
    list_export = [
        "page",
        "name",
        "email",
        "organisation",
        "participant_type",
        "sector",
        "role",
        "status",
        "checked_in_at",
        "code",
    ]
    export_filename = "bilety"


class MeetingSlotViewSet(SafeExportModelViewSet):
    name = "fair_meeting_slots"
    url_prefix = "fair/meeting-slots"
    model = MeetingSlot
    icon = "time"
    menu_label = gettext_lazy("Meeting slots")
    add_to_admin_menu = False
    form_fields = ["application", "starts_at", "ticket"]
    list_display = ["application", "starts_at", "ticket", "buyer_follow_up", "exhibitor_follow_up"]
    list_filter = ["application__fair", "buyer_follow_up", "exhibitor_follow_up"]
    list_export = [
        "application",
        "starts_at",
        "ticket",
        "buyer_follow_up",
        "buyer_value_net",
        "exhibitor_follow_up",
        "exhibitor_value_net",
    ]
    export_filename = "spotkania"


class EventSeriesViewSet(SafeExportModelViewSet):
    name = "fair_series"
    url_prefix = "fair/series"
    model = EventSeries
    icon = "list-ul"
    menu_label = gettext_lazy("Event series")
    add_to_admin_menu = False
    form_fields = ["name", "name_en", "funding_marks"]
    list_display = ["name", "funding_marks"]


class VisitorAdminGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Visitors")
    menu_icon = "group"
    items = (VisitorTicketViewSet, MeetingSlotViewSet, EventSeriesViewSet)


@hooks.register("register_admin_viewset")
def register_visitor_viewsets():
    return VisitorAdminGroup()


@hooks.register("register_admin_urls")
def register_visitor_admin_urls():
    urls = [
        path("", attendance, name="attendance"),
        path("<int:page_id>/wejscie/", check_in_desk, name="check_in"),
        path("<int:page_id>/identyfikatory.pdf", badges, name="badges"),
        path("<int:page_id>/frekwencja.<str:fmt>", event_report, name="event_report"),
        path("cykl/<int:series_id>/frekwencja.<str:fmt>", series_report, name="series_report"),
        path("<int:page_id>/spotkania/", meetings_grid, name="meetings_grid"),
    ]
    return [path("goscie/", include((urls, "visitors_admin")))]


@hooks.register("register_admin_menu_item")
def register_attendance_menu_item():
    return MenuItem(
        _("Visitors: check-in and attendance"),
        reverse("visitors_admin:attendance"),
        icon_name="group",
        order=313,
    )
