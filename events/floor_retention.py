"""Personal data in exhibitors' listings (RODO): the accessibility needs a contact person wrote down.

The listing's public text describes an organisation, not a person, and stays. Accessibility needs are
only needed for the fair itself: they are cleared once the fair is past the retention period, and on
request of the contact person (export and erasure find them by the application's contact email).
"""

from datetime import datetime, timedelta

from django.db import transaction

from .models import ExhibitorListing


def purge(now: datetime, days: dict[str, int]) -> dict[str, int]:
    cutoff = now - timedelta(days=days["session_registrations"])
    with transaction.atomic():
        cleared = (
            ExhibitorListing.objects.filter(application__fair__ends_at__lt=cutoff)
            .exclude(accessibility_needs="")
            .update(accessibility_needs="")
        )
    return {"exhibitor listings' accessibility needs cleared": cleared}


def export_for(email: str) -> dict:
    listings = ExhibitorListing.objects.filter(application__contact_email__iexact=email).select_related(
        "application__fair"
    )
    return {
        "fair_exhibitor_listings": [
            {
                "fair": listing.application.fair.name,
                "exhibits": listing.exhibits,
                "description": listing.description,
                "description_en": listing.description_en,
                "needs_power": listing.needs_power,
                "needs_table": listing.needs_table,
                "accessibility_needs": listing.accessibility_needs,
                "status": listing.status,
            }
            for listing in listings
        ]
    }


def erase_for(email: str) -> dict[str, int]:
    with transaction.atomic():
        cleared = ExhibitorListing.objects.filter(application__contact_email__iexact=email).update(
            accessibility_needs=""
        )
    return {"exhibitor listings' accessibility needs cleared": cleared}
