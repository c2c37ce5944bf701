"""The floor plan: stands and their derived status, choosing a stand (part of the hold and the payment),
the priority window, staff moves and blocks, and the plan's upload and mapping.

A stand's status is derived here and nowhere else: sold = a confirmed application has it; held = an
active hold keeps it; blocked = the staff flag; otherwise available. Every change takes the locks of
events.locking (StandType -> Stand -> ExhibitorApplication) and is written to the audit log.
"""

import math
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import locking
from ..floor_svg import PlanShape, sanitise_svg
from ..models import ApplicationStatus, ExhibitorApplication, Fair, FloorPlan, PricingRule, Stand, StandHold
from .errors import FairError, StandTaken
from .transitions import audit, email_applicant

AVAILABLE, HELD, SOLD, BLOCKED = "available", "held", "sold", "blocked"
STATUS_LABELS = {
    AVAILABLE: gettext_lazy("available"),
    HELD: gettext_lazy("reserved"),
    SOLD: gettext_lazy("sold"),
    BLOCKED: gettext_lazy("blocked"),
}
NEAREST_OFFERED = 3


@dataclass
class StandRow:
    stand: Stand
    status: str
    exhibitor: ExhibitorApplication | None = None

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def stand_statuses(plan: FloorPlan, now=None) -> dict[int, str]:
    """The status of every stand of the plan, derived from holds, confirmed applications and the flag."""
    now = now or timezone.now()
    sold = set(
        ExhibitorApplication.objects.filter(
            stand__floor_plan=plan, status=ApplicationStatus.CONFIRMED
        ).values_list("stand_id", flat=True)
    )
    held = set(
        StandHold.objects.filter(
            stand__floor_plan=plan, released_at__isnull=True, expires_at__gt=now
        ).values_list("stand_id", flat=True)
    )
    statuses = {}
    for stand_id, blocked in plan.stands.values_list("pk", "blocked"):
        if stand_id in sold:
            statuses[stand_id] = SOLD
        elif blocked:
            statuses[stand_id] = BLOCKED
        elif stand_id in held:
            statuses[stand_id] = HELD
        else:
            statuses[stand_id] = AVAILABLE
    return statuses


def stand_rows(plan: FloorPlan, *, stand_type=None, now=None) -> list[StandRow]:
    """The plan's stands with their status and (when sold) the exhibitor, in number order."""
    statuses = stand_statuses(plan, now)
    exhibitors = {
        a.stand_id: a
        for a in ExhibitorApplication.objects.filter(
            stand__floor_plan=plan, status=ApplicationStatus.CONFIRMED
        )
    }
    stands = plan.stands.select_related("stand_type").order_by("number")
    if stand_type is not None:
        stands = stands.filter(stand_type=stand_type)
    return [StandRow(s, statuses[s.pk], exhibitors.get(s.pk)) for s in stands]


def nearest_free_stands(stand: Stand, limit: int = NEAREST_OFFERED, now=None) -> list[Stand]:
    """Free stands of the same type, nearest first (by the shapes' centres; by number when unknown)."""
    statuses = stand_statuses(stand.floor_plan, now)
    candidates = [
        s
        for s in Stand.objects.filter(floor_plan=stand.floor_plan, stand_type=stand.stand_type).exclude(
            pk=stand.pk
        )
        if statuses.get(s.pk) == AVAILABLE
    ]
    ordered = sorted(Stand.objects.filter(floor_plan=stand.floor_plan).values_list("number", flat=True))

    def distance(other: Stand) -> tuple:
        if None not in (stand.x, stand.y, other.x, other.y):
            return (0, math.hypot(stand.x - other.x, stand.y - other.y), other.number)
        return (1, abs(ordered.index(other.number) - ordered.index(stand.number)), other.number)

    return sorted(candidates, key=distance)[:limit]


def may_choose_now(plan: FloorPlan, organisation, now=None) -> bool:
    """The priority window: until `priority_until` only eligible catalogue profiles (verified data,
    never what the applicant declares) may choose; afterwards everyone."""
    now = now or timezone.now()
    if not plan.priority_until or not plan.priority_eligibility or now >= plan.priority_until:
        return True
    if organisation is None:
        return False
    if plan.priority_eligibility == PricingRule.Eligibility.ACTIVE_MEMBER:
        return organisation.is_member
    return bool(organisation.ps_status)


def check_stand_choice(locks: locking.ApplicationLocks, now=None) -> Stand:
    """Under the stand type + stand + application locks: may this application take this stand now?

    Raises FairError (wrong fair or type, priority window) or StandTaken with the nearest free stands."""
    stand, application = locks.stand, locks.application
    plan = stand.floor_plan
    if plan.fair_id != application.fair_id or stand.stand_type_id != application.stand_type_id:
        raise FairError(_("Choose a stand of the type your application was approved for."))
    if not may_choose_now(plan, application.organisation, now):
        raise FairError(
            _("Until %(date)s stands are chosen by priority exhibitors only.")
            % {"date": timezone.localtime(plan.priority_until).strftime("%d.%m.%Y %H:%M")}
        )
    status = stand_statuses(plan, now).get(stand.pk)
    mine = StandHold.objects.filter(
        stand=stand, application=application, released_at__isnull=True, expires_at__gt=now or timezone.now()
    ).exists()
    if status != AVAILABLE and not (status == HELD and mine):
        raise StandTaken(
            _("Stand %(number)s has just been taken.") % {"number": stand.number},
            nearest_free_stands(stand, now=now),
        )
    return stand


def choose_stand(application: ExhibitorApplication, stand: Stand, *, by=None) -> ExhibitorApplication:
    """A confirmed application without a stand (free stand, paid by transfer) takes a free one at once.

    Applications that still pay choose through start_checkout(stand=...), which holds the stand with the
    payment. Locks: stand type, stand, application. Emails: "stand_number".
    """
    with transaction.atomic():
        locks = locking.lock_application(application.pk, stand.pk)
        application = locks.application
        if application.status != ApplicationStatus.CONFIRMED or application.stand_id:
            raise FairError(_("Only a confirmed application without a stand can choose one here."))
        check_stand_choice(locks)
        _give_stand(application, locks.stand)
        audit(application, "events.stand.chosen", by, stand=locks.stand.number)
        email_applicant(application, "stand_number")
    return application


def _give_stand(application: ExhibitorApplication, stand: Stand | None) -> None:
    application.stand = stand
    application.stand_number = stand.number if stand else ""
    application.save(update_fields=["stand", "stand_number", "updated_at"])


def settle_chosen_stand(application: ExhibitorApplication, by=None) -> None:
    """Under the stand type + application locks, as an application is confirmed: it keeps its chosen
    stand unless (paid after its hold ran out) someone else has taken it meanwhile; then staff choose."""
    if not application.stand_id:
        return
    taken = (
        ExhibitorApplication.objects.filter(stand_id=application.stand_id, status=ApplicationStatus.CONFIRMED)
        .exclude(pk=application.pk)
        .exists()
        or StandHold.objects.filter(
            stand_id=application.stand_id, released_at__isnull=True, expires_at__gt=timezone.now()
        )
        .exclude(application=application)
        .exists()
    )
    if taken:
        audit(application, "events.stand.lost", by, stand=application.stand.number)
        _give_stand(application, None)
    else:
        application.stand_number = application.stand.number


def move_exhibitor(application: ExhibitorApplication, stand: Stand, *, by) -> ExhibitorApplication:
    """Staff move a confirmed exhibitor to another free stand of the fair (any type, same price).

    Locks: both stand types, the old and the new stand, the application. Audited; emails "stand_number".
    """
    old_id = application.stand_id
    with transaction.atomic():
        locks = locking.lock_stands_for_move(application.pk, [stand.pk, *([old_id] if old_id else [])])
        application, stand = locks.application, locks.stand
        if application.status != ApplicationStatus.CONFIRMED:
            raise FairError(_("Only confirmed exhibitors can be moved."))
        if stand.floor_plan.fair_id != application.fair_id:
            raise FairError(_("The stand belongs to another fair."))
        if stand_statuses(stand.floor_plan).get(stand.pk) != AVAILABLE:
            raise StandTaken(
                _("Stand %(number)s is not free.") % {"number": stand.number}, nearest_free_stands(stand)
            )
        previous = application.stand.number if application.stand_id else application.stand_number
        _give_stand(application, stand)
        audit(application, "events.stand.moved", by, previous=previous, stand=stand.number)
        email_applicant(application, "stand_number")
    return application


def set_stand_blocked(stand: Stand, blocked: bool, *, by) -> Stand:
    """Staff block a stand (or free it again). A sold stand cannot be blocked. Locks: type, stand."""
    with transaction.atomic():
        stand = locking.lock_stand(stand.pk)
        if blocked and stand_statuses(stand.floor_plan).get(stand.pk) == SOLD:
            raise FairError(_("A sold stand cannot be blocked; move the exhibitor first."))
        stand.blocked = blocked
        stand.save(update_fields=["blocked"])
        audit(
            stand.floor_plan.fair,
            "events.stand.blocked" if blocked else "events.stand.unblocked",
            by,
            stand=stand.number,
        )
    return stand


def upload_plan(fair: Fair, raw: bytes, *, by) -> tuple[FloorPlan, list[PlanShape]]:
    """Store a sanitised SVG plan for the fair; mapped stands keep their shape (and get its centre)."""
    svg, shapes = sanitise_svg(raw)
    plan, _created = FloorPlan.objects.get_or_create(fair=fair)
    plan.svg = svg
    plan.save(update_fields=["svg", "updated_at"])
    centres = {shape.shape_id: shape for shape in shapes}
    for stand in plan.stands.exclude(shape_id=""):
        shape = centres.get(stand.shape_id)
        stand.x, stand.y = (shape.x, shape.y) if shape else (None, None)
        stand.save(update_fields=["x", "y"])
    audit(fair, "events.floor_plan.uploaded", by, shapes=len(shapes))
    return plan, shapes


def save_plan_settings(form, *, by) -> FloorPlan:
    """Staff set the priority window and the deadlines (a validated PlanSettingsForm). Audited."""
    plan = form.save()
    audit(plan.fair, "events.floor_plan.settings", by, **{k: form.cleaned_data[k] for k in form.changed_data})
    return plan


def map_stand(plan: FloorPlan, *, shape_id: str, number: str, stand_type, by, **attributes) -> Stand:
    """Link a shape of the plan to a stand (created or updated by number). Audited."""
    if stand_type.fair_id != plan.fair_id:
        raise FairError(_("The chosen stand or add-on does not belong to this fair."))
    shapes = {s.shape_id: s for s in sanitise_svg(plan.svg.encode())[1]} if plan.svg else {}
    if shape_id and shape_id not in shapes:
        raise FairError(_("The plan has no shape with the id %(id)s.") % {"id": shape_id})
    shape = shapes.get(shape_id)
    stand, _created = Stand.objects.update_or_create(
        floor_plan=plan,
        number=number.strip(),
        defaults={
            "stand_type": stand_type,
            "shape_id": shape_id,
            "x": shape.x if shape else None,
            "y": shape.y if shape else None,
            **attributes,
        },
    )
    audit(plan.fair, "events.stand.mapped", by, stand=stand.number, shape=shape_id)
    return stand


def revenue_by_zone(fair: Fair) -> list[dict]:
    """Gross revenue of confirmed exhibitors by the zone of their stand (grosze), for the staff plan."""
    rows = (
        ExhibitorApplication.objects.filter(fair=fair, status=ApplicationStatus.CONFIRMED)
        .values("stand__zone")
        .annotate(gross=Sum("amount_gross"))
        .order_by("stand__zone")
    )
    return [{"zone": r["stand__zone"] or "—", "gross": r["gross"] or 0} for r in rows]
