"""No overselling under concurrency, proven on real PostgreSQL with threads on their own connections."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from events import services
from events.models import ApplicationStatus, ExhibitorApplication, StandHold, StandType

pytestmark = pytest.mark.django_db(transaction=True)


def _approved_applications(make_application, stand, count):
    return [make_application(approved=True, stand=stand).pk for _ in range(count)]


def test_fifty_concurrent_attempts_for_the_last_five_stands_give_exactly_five_holds(fair, make_application):
    assert connection.vendor == "postgresql"
    stand = StandType.objects.create(fair=fair, name="Stoisko 3×3 m", capacity=8, price_net=45000)
    # Three places are already taken for good: five remain.
    for pk in _approved_applications(make_application, stand, 3):
        ExhibitorApplication.objects.filter(pk=pk).update(status=ApplicationStatus.CONFIRMED)
    # An expired hold does not count against capacity.
    StandHold.objects.create(
        stand_type=stand,
        application_id=ExhibitorApplication.objects.first().pk,
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    contenders = _approved_applications(make_application, stand, 50)
    assert services.available_places(stand) == 5

    barrier = threading.Barrier(len(contenders))
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(application_id):
        try:
            barrier.wait()
            services.hold_stand(application_id)
            result = "held"
        except services.SoldOut:
            result = "sold out"
        except Exception as error:  # noqa: BLE001 - any other outcome fails the test below
            result = repr(error)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(pk,)) for pk in contenders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sorted(set(outcomes)) == ["held", "sold out"], outcomes
    assert outcomes.count("held") == 5
    assert (
        StandHold.objects.filter(
            stand_type=stand, released_at__isnull=True, expires_at__gt=timezone.now()
        ).count()
        == 5
    )
    assert services.available_places(stand) == 0
