"""Verified facts: a member proposes, staff verify. One workflow per verb, each in the audit log.

`request_fact_changes` stores a member's new values of verified facts as pending changes (the
organisation keeps its verified values, so the profile, the search index and the 30% rule do too);
`approve_fact_change` applies one after staff verified it, `reject_fact_change` closes it with a note;
`record_verification` notes when staff verified a fact and in which role.
"""

import copy
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from catalog.fact_models import FactChange, FactVerification
from catalog.models import Organisation
from catalog.rules import VERIFIED_FACTS
from config.core.staff_roles import staff_role_of

STAFF_ROLE = "cluster_staff"  # what the profile says, never a person's name


def _json_value(value):
    """The JSON form of a fact's value (dates as ISO strings); `_model_value` reverses it."""
    return value.isoformat() if isinstance(value, datetime.date) else value


def _model_value(organisation: Organisation, field: str, value):
    return organisation._meta.get_field(field).to_python(value)


def can_verify_facts(user) -> bool:
    """Staff whose role verifies facts (catalogue moderators, superusers): their edits count as verified."""
    return user.is_authenticated and user.has_perm("catalog.change_factchange")


def _check_staff(user) -> None:
    if not can_verify_facts(user):
        raise PermissionDenied


def request_fact_changes(organisation: Organisation, *, user, proposed: dict) -> list[str]:
    """Store a member's changed verified facts as pending changes; returns the fact names that wait.

    The proposal is validated as a whole against the organisation (NIP check digit and uniqueness, the
    PS status of the legal form, at-risk employees within the total) before anything is stored. A newer
    proposal of the same fact replaces the pending one. Call inside the caller's transaction, with the
    organisation row locked.
    """
    changed = {
        name: value
        for name, value in proposed.items()
        if name in VERIFIED_FACTS and getattr(organisation, name) != value
    }
    if not changed:
        return []
    candidate = copy.copy(organisation)
    for name, value in changed.items():
        setattr(candidate, name, value)
    candidate.full_clean(exclude=["members", "logo"])
    for name, value in changed.items():
        FactChange.objects.update_or_create(
            organisation=organisation,
            field=name,
            status=FactChange.Status.PENDING,
            defaults={
                "current_value": _json_value(getattr(organisation, name)),
                "proposed_value": _json_value(value),
                "requested_by": user,
            },
        )
    log(organisation, "catalog.fact_change_requested", user=user, data={"fields": sorted(changed)})
    return sorted(changed)


def record_verification(organisation: Organisation, fields, *, user=None, when=None) -> None:
    """Note that staff verified these facts now, in the role `user` acted in (never their name)."""
    role = staff_role_of(user) if user is not None else STAFF_ROLE
    for name in fields:
        FactVerification.objects.update_or_create(
            organisation=organisation,
            field=name,
            defaults={"verified_at": when or timezone.now(), "verified_by_role": role},
        )


def record_staff_fact_edit(organisation: Organisation, fields, *, user) -> list[str]:
    """Staff changed verified facts directly (the admin's organisation form): that is a verification.

    The facts' verification time and role are updated and the change is in the audit log; a member's
    pending proposal of the same fact is superseded by it (rejected with a note). Returns the verified
    facts among `fields`. The caller has saved the organisation already.
    """
    verified = [name for name in VERIFIED_FACTS if name in set(fields)]
    if not verified or not can_verify_facts(user):
        return []
    with transaction.atomic():
        now = timezone.now()
        record_verification(organisation, verified, user=user, when=now)
        FactChange.objects.filter(
            organisation=organisation, field__in=verified, status=FactChange.Status.PENDING
        ).update(
            status=FactChange.Status.REJECTED,
            decided_by=user,
            decided_at=now,
            note=_("Superseded by a value staff verified in the admin."),
        )
        log(
            organisation,
            "catalog.fact_verified_by_staff",
            user=user,
            data={
                "fields": verified,
                "values": {name: _json_value(getattr(organisation, name)) for name in verified},
                "role": staff_role_of(user),
            },
        )
    return verified


def approve_fact_change(change_id: int, *, user) -> FactChange:
    """Staff verified the proposed value: apply it (the 30% rule follows on save), log and note it.

    Locks the organisation, then the change; only a pending change can be decided, so a double click
    decides once. A proposal that no longer fits the organisation (e.g. its NIP was taken meanwhile)
    raises ValidationError and stays pending.
    """
    _check_staff(user)
    with transaction.atomic():
        organisation_id = FactChange.objects.values_list("organisation_id", flat=True).get(pk=change_id)
        organisation = Organisation.objects.select_for_update().get(pk=organisation_id)
        change = FactChange.objects.select_for_update().get(pk=change_id)
        if change.status != FactChange.Status.PENDING:
            raise ValidationError(_("This change has already been decided."))
        previous = _json_value(getattr(organisation, change.field))
        setattr(organisation, change.field, _model_value(organisation, change.field, change.proposed_value))
        organisation.full_clean(exclude=["members", "logo"])
        organisation.save()
        now = timezone.now()
        change.status, change.decided_by, change.decided_at = FactChange.Status.APPROVED, user, now
        change.save(update_fields=["status", "decided_by", "decided_at"])
        record_verification(organisation, [change.field], user=user, when=now)
        log(
            organisation,
            "catalog.fact_change_approved",
            user=user,
            data={"field": change.field, "from": previous, "to": change.proposed_value},
        )
    return change


def reject_fact_change(change_id: int, *, user, note: str) -> FactChange:
    """Staff could not verify the proposed value: the verified value stays; the note says why."""
    _check_staff(user)
    if not note.strip():
        raise ValidationError({"note": _("Tell the member why the change was not verified.")})
    with transaction.atomic():
        change = FactChange.objects.select_for_update().get(pk=change_id)
        if change.status != FactChange.Status.PENDING:
            raise ValidationError(_("This change has already been decided."))
        change.status, change.decided_by, change.decided_at = FactChange.Status.REJECTED, user, timezone.now()
        change.note = note.strip()
        change.save(update_fields=["status", "decided_by", "decided_at", "note"])
        log(
            change.organisation,
            "catalog.fact_change_rejected",
            user=user,
            data={"field": change.field, "note": change.note},
        )
    return change


def last_verifications(organisation: Organisation) -> dict[str, FactVerification]:
    return {item.field: item for item in organisation.fact_verifications.all()}
