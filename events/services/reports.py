"""What the fair looks like from outside and from the office: the public exhibitor list, and the
capacity and revenue figures of the staff dashboard."""

from django.db.models import Count, Q, QuerySet, Sum

from config.core.money import format_pln

from ..models import ApplicationStatus, ExhibitorApplication, Fair, Payment
from .capacity import available_places


def public_exhibitors(fair: Fair) -> QuerySet[ExhibitorApplication]:
    """Confirmed exhibitors of a fair, by stand number; each links to its catalogue profile if a member."""
    return (
        fair.applications.filter(status=ApplicationStatus.CONFIRMED)
        .select_related("organisation", "stand_type")
        .order_by("stand_number", "organisation_name")
    )


def fair_figures(fair: Fair) -> dict:
    """Capacity and revenue of one fair: places per stand type, money received and refunded."""
    stand_types = []
    for stand in fair.stand_types.all():
        confirmed = stand.applications.filter(status=ApplicationStatus.CONFIRMED).count()
        stand_types.append(
            {
                "stand": stand,
                "capacity": stand.capacity,
                "confirmed": confirmed,
                "available": available_places(stand),
                "waitlist": stand.waitlist.count(),
            }
        )
    money = Payment.objects.filter(
        application__fair=fair, status__in=Payment.MONEY_RECEIVED_STATES
    ).aggregate(received=Sum("amount"), refunded=Sum("refunded_amount"))
    received, refunded = money["received"] or 0, money["refunded"] or 0
    counts = fair.applications.aggregate(
        submitted=Count("pk", filter=Q(status=ApplicationStatus.SUBMITTED)),
        approved=Count("pk", filter=Q(status=ApplicationStatus.APPROVED)),
        confirmed=Count("pk", filter=Q(status=ApplicationStatus.CONFIRMED)),
    )
    return {
        "fair": fair,
        "stand_types": stand_types,
        "received": format_pln(received),
        "refunded": format_pln(refunded),
        "revenue": format_pln(received - refunded),
        **counts,
    }
