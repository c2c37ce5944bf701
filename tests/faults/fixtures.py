from datetime import timedelta

from django.utils import timezone

from events.models import Fair, StandType


def make_fair(capacity: int) -> tuple[Fair, StandType]:
    now = timezone.now()
    fair = Fair.objects.create(
        slug=f"targi-{now.timestamp():.0f}",
        name="Targi",
        starts_at=now + timedelta(days=30),
        ends_at=now + timedelta(days=30, hours=6),
        venue_name="Hala",
        venue_address="Gdańsk",
        requires_approval=False,
    )
    stand = StandType.objects.create(
        fair=fair, name="Stoisko", capacity=capacity, price_net=20000, vat_rate=23
    )
    return fair, stand
