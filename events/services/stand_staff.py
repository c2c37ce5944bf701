"""An exhibitor's further stand staff: names listed from the application page, printed as badges.

The list can be changed up to settings.STAND_STAFF_LIMIT names until STAND_STAFF_DEADLINE_DAYS before
the fair starts (badges are printed then). Each name gets a confirmed exhibitor ticket when staff print
the badges (issue_exhibitor_tickets), so the badge's QR code checks the person in like anyone else.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import ExhibitorApplication, StandStaffMember
from .errors import FairError
from .meetings import EXHIBITING
from .transitions import audit


def stand_staff_deadline(application: ExhibitorApplication):
    return application.fair.starts_at - timedelta(days=settings.STAND_STAFF_DEADLINE_DAYS)


def can_edit_stand_staff(application: ExhibitorApplication) -> bool:
    return application.status in EXHIBITING and timezone.now() <= stand_staff_deadline(application)


def set_stand_staff(application: ExhibitorApplication, names: list[str]) -> list[StandStaffMember]:
    """Replace the list by these names (blank lines and repeats dropped); a removed person's badge
    ticket goes with them. Audited."""
    if not can_edit_stand_staff(application):
        raise FairError(_("The list of stand staff can no longer be changed."))
    wanted = list(dict.fromkeys(name.strip() for name in names if name.strip()))
    if len(wanted) > settings.STAND_STAFF_LIMIT:
        raise FairError(
            _("At most %(limit)d people can be listed for a stand.") % {"limit": settings.STAND_STAFF_LIMIT}
        )
    with transaction.atomic():
        current = {member.name: member for member in application.stand_staff.all()}
        for name, member in current.items():
            if name not in wanted:
                member.delete()  # its ticket is deleted with it (cascade), a name never printed
        for name in wanted:
            if name not in current:
                StandStaffMember.objects.create(application=application, name=name)
        audit(application, "events.stand_staff.changed", None, count=len(wanted))
    return list(application.stand_staff.all())
