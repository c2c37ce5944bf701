"""Staff pages of the floor plan in the Wagtail admin: upload and map the plan, see stand statuses and
revenue by zone, block stands, move exhibitors, review listings and see who is late. Each action is
validated by its form and then calls one service; the services decide what is allowed."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.core.money import format_pln

from . import services
from .admin_views import STAFF_PERMISSION
from .floor_forms import ListingReviewForm, MoveStandForm, PlanSettingsForm, PlanUploadForm, StandMapForm
from .floor_svg import PlanRejected, annotate_plan, sanitise_svg
from .models import ExhibitorApplication, ExhibitorListing, Fair, FloorPlan, ListingStatus, Stand
from .services import listings, stands


def _shape_ids(plan: FloorPlan | None) -> list[str]:
    return [shape.shape_id for shape in sanitise_svg(plan.svg.encode())[1]] if plan and plan.svg else []


@permission_required(STAFF_PERMISSION, raise_exception=True)
def floor_plan(request, fair_id):
    """The plan of one fair with stand statuses, revenue by zone, listings to review and who is late."""
    fair = get_object_or_404(Fair, pk=fair_id)
    plan = FloorPlan.objects.filter(fair=fair).first()
    shape_ids = _shape_ids(plan)
    upload_form = PlanUploadForm()
    map_form = StandMapForm(fair=fair, shape_ids=shape_ids)
    settings_form = PlanSettingsForm(instance=plan)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "upload":
                upload_form = PlanUploadForm(request.POST, request.FILES)
                if upload_form.is_valid():
                    _plan, shapes = services.upload_plan(
                        fair, upload_form.cleaned_data["svg"], by=request.user
                    )
                    messages.success(
                        request, _("Plan uploaded: %(count)s stand shapes.") % {"count": len(shapes)}
                    )
                    return redirect("events_admin:floor_plan", fair_id=fair.pk)
            elif action == "map" and plan is not None:
                map_form = StandMapForm(request.POST, fair=fair, shape_ids=shape_ids)
                if map_form.is_valid():
                    data = map_form.cleaned_data
                    services.map_stand(
                        plan,
                        shape_id=data["shape_id"],
                        number=data["number"],
                        stand_type=data["stand_type"],
                        by=request.user,
                        **map_form.attributes(),
                    )
                    messages.success(request, _("Stand %(number)s mapped.") % {"number": data["number"]})
                    return redirect("events_admin:floor_plan", fair_id=fair.pk)
            elif action == "settings" and plan is not None:
                settings_form = PlanSettingsForm(request.POST, instance=plan)
                if settings_form.is_valid():
                    services.save_plan_settings(settings_form, by=request.user)
                    messages.success(request, _("Done."))
                    return redirect("events_admin:floor_plan", fair_id=fair.pk)
            elif action in ("block", "unblock") and plan is not None:
                stand = get_object_or_404(Stand, pk=request.POST.get("stand"), floor_plan=plan)
                services.set_stand_blocked(stand, action == "block", by=request.user)
                return redirect("events_admin:floor_plan", fair_id=fair.pk)
        except PlanRejected as error:
            upload_form.add_error("svg", str(error))
        except services.FairError as error:
            messages.error(request, error.message)
    rows = stands.stand_rows(plan) if plan else []
    context = {
        "fair": fair,
        "plan": plan,
        "rows": rows,
        "upload_form": upload_form,
        "map_form": map_form,
        "settings_form": settings_form,
        # Sanitised on upload; annotate_plan adds only escaped attributes.
        "plan_svg": mark_safe(annotate_plan(plan.svg, rows, label=_("Floor plan"))) if plan else "",  # noqa: S308
        "revenue": [{**r, "gross": format_pln(r["gross"])} for r in services.revenue_by_zone(fair)],
        "to_review": ExhibitorListing.objects.filter(
            application__fair=fair, status=ListingStatus.SUBMITTED
        ).select_related("application"),
        "late": listings.late_exhibitors(fair),
        "review_form": ListingReviewForm(),
        "move_form": MoveStandForm(fair=fair),
    }
    return TemplateResponse(request, "events/admin/floor_plan.html", context)


@require_POST
@permission_required(STAFF_PERMISSION, raise_exception=True)
def review_listing(request, pk):
    listing = get_object_or_404(ExhibitorListing.objects.select_related("application"), pk=pk)
    form = ListingReviewForm(request.POST)
    if form.is_valid():
        try:
            listings.review_listing(
                listing,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except services.FairError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Done."))
    return redirect("events_admin:floor_plan", fair_id=listing.application.fair_id)


@require_POST
@permission_required(STAFF_PERMISSION, raise_exception=True)
def move_stand(request, pk):
    application = get_object_or_404(ExhibitorApplication, pk=pk)
    form = MoveStandForm(request.POST, fair=application.fair)
    if form.is_valid():
        try:
            services.move_exhibitor(application, form.cleaned_data["stand"], by=request.user)
        except services.FairError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Done."))
    else:
        messages.error(request, _("Choose a stand."))
    return redirect("events_admin:floor_plan", fair_id=application.fair_id)
