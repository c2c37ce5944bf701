"""Personal data held by the fair: contact people of applications and sign-ups for sessions (RODO).

Invoice data of paid applications stays: accounting law requires it for five years. The contact person's
name, email, phone and accessibility needs do not, and are anonymised. A session sign-up is only a name
and an address kept for the event: it is deleted once the event is past the retention period.
"""

from datetime import datetime, timedelta

from django.db import transaction

from . import locking
from .models import ApplicationStatus, ExhibitorApplication, SessionRegistration

ERASED = "[usunięto]"


def _anonymise_contacts(applications, keep_invoice_data: bool) -> int:
    count = 0
    for application in locking.lock_applications(applications):
        application.contact_name = ERASED
        application.contact_email = f"usunieto-{application.pk}@invalid"
        application.contact_phone = ""
        application.accessibility_needs = ""
        fields = ["contact_name", "contact_email", "contact_phone", "accessibility_needs"]
        if not keep_invoice_data:
            application.invoice_email = application.contact_email
            application.exhibits = ERASED
            fields += ["invoice_email", "exhibits"]
        application.save(update_fields=fields)
        count += 1
    return count


def purge(now: datetime, days: dict[str, int]) -> dict[str, int]:
    """Anonymise rejected applications, and delete sign-ups of past events, after their periods."""
    cutoff = now - timedelta(days=days["rejected_applications"])
    event_cutoff = now - timedelta(days=days["session_registrations"])
    with transaction.atomic():
        stale = ExhibitorApplication.objects.filter(
            status=ApplicationStatus.REJECTED, updated_at__lt=cutoff
        ).exclude(contact_name=ERASED)
        anonymised = _anonymise_contacts(stale, keep_invoice_data=False)
        deleted, _ = SessionRegistration.objects.filter(session__page__ends_at__lt=event_cutoff).delete()
    return {"rejected applications anonymised": anonymised, "session registrations deleted": deleted}


def export_for(email: str) -> dict:
    applications = ExhibitorApplication.objects.filter(contact_email__iexact=email).select_related("fair")
    return {
        "fair_applications": [
            {
                "fair": application.fair.name,
                "submitted_at": application.created_at.isoformat(),
                "status": application.status,
                "organisation": application.organisation_name,
                "contact_name": application.contact_name,
                "contact_email": application.contact_email,
                "contact_phone": application.contact_phone,
                "invoice_email": application.invoice_email,
                "accessibility_needs": application.accessibility_needs,
            }
            for application in applications
        ],
        "session_registrations": [
            {
                "event": registration.session.page.title,
                "session": registration.session.title,
                "name": registration.name,
                "email": registration.email,
                "waiting_list": registration.waitlisted,
                "registered_at": registration.created_at.isoformat(),
            }
            for registration in SessionRegistration.objects.filter(email__iexact=email).select_related(
                "session__page"
            )
        ],
    }


def erase_for(email: str) -> dict[str, int]:
    with transaction.atomic():
        applications = ExhibitorApplication.objects.filter(contact_email__iexact=email)
        paid = applications.filter(status=ApplicationStatus.CONFIRMED)
        unpaid = applications.exclude(status=ApplicationStatus.CONFIRMED)
        anonymised = _anonymise_contacts(paid, keep_invoice_data=True) + _anonymise_contacts(
            unpaid, keep_invoice_data=False
        )
        # Deleting a sign-up frees its place: the person asked to be forgotten, not to attend.
        deleted, _ = SessionRegistration.objects.filter(email__iexact=email).delete()
    return {"fair applications anonymised": anonymised, "session registrations deleted": deleted}
