"""Personal data held by the fair: contact people of applications (RODO).

Invoice data of paid applications stays: accounting law requires it for five years. The contact person's
name, email, phone and accessibility needs do not, and are anonymised.
"""

from datetime import datetime, timedelta

from django.db import transaction

from .models import ApplicationStatus, ExhibitorApplication

ERASED = "[usunięto]"


def _anonymise_contacts(applications, keep_invoice_data: bool) -> int:
    count = 0
    for application in applications.select_for_update():
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
    """Anonymise rejected applications older than the retention period."""
    cutoff = now - timedelta(days=days["rejected_applications"])
    with transaction.atomic():
        stale = ExhibitorApplication.objects.filter(
            status=ApplicationStatus.REJECTED, updated_at__lt=cutoff
        ).exclude(contact_name=ERASED)
        return {"rejected applications anonymised": _anonymise_contacts(stale, keep_invoice_data=False)}


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
        ]
    }


def erase_for(email: str) -> dict[str, int]:
    with transaction.atomic():
        applications = ExhibitorApplication.objects.filter(contact_email__iexact=email)
        paid = applications.filter(status=ApplicationStatus.CONFIRMED)
        unpaid = applications.exclude(status=ApplicationStatus.CONFIRMED)
        return {
            "fair applications anonymised": _anonymise_contacts(paid, keep_invoice_data=True)
            + _anonymise_contacts(unpaid, keep_invoice_data=False)
        }
