"""Health endpoints: liveness (the process answers) and readiness (database, Elasticsearch, task queue)."""

import dataclasses
import datetime

from asgiref.sync import sync_to_async
from django.conf import settings
from django.http import JsonResponse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable, ServiceWarning
from health_check.views import HealthCheckView

from search.client import get_client

TASK_BACKLOG_WARNING = datetime.timedelta(minutes=15)


def liveness(request):
    return JsonResponse({"status": "ok"})


@dataclasses.dataclass
class ElasticsearchHealth(HealthCheck):
    """Cluster health through /_cluster/health (the test distribution has no `GET /`).

    When ELASTICSEARCH_URL is unset the platform runs on the database fallback by design: that is healthy.
    """

    timeout = datetime.timedelta(seconds=3)

    async def run(self) -> None:
        client = get_client()
        if client is None:
            return
        try:
            health = client.cluster.health(timeout="2s")
        except Exception as error:  # noqa: BLE001 - any transport failure means "unreachable"
            raise ServiceUnavailable(
                "Elasticsearch is unreachable; search runs on the database fallback."
            ) from error
        if health.get("status") == "red":
            raise ServiceUnavailable("Elasticsearch cluster status is red.")


@dataclasses.dataclass
class TaskQueueHealth(HealthCheck):
    """The django-tasks database queue is drained: no task has waited longer than the backlog limit."""

    async def run(self) -> None:
        if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
            return
        oldest = await sync_to_async(
            lambda: DBTaskResult.objects.filter(status="READY").order_by("enqueued_at").first()
        )()
        if oldest and timezone.now() - oldest.enqueued_at > TASK_BACKLOG_WARNING:
            raise ServiceWarning("The task queue has work older than 15 minutes: is a worker running?")


class ReadinessView(HealthCheckView):
    """django-health-check answers 500 when a check fails; a readiness probe means "send no traffic here
    for now", which is 503 with Retry-After. A 500 would read as a bug in the app and page someone."""

    async def get(self, request, *args, **kwargs):
        response = await super().get(request, *args, **kwargs)
        if response.status_code == 500:
            response.status_code = 503
            response["Retry-After"] = "30"
        return response


readiness = ReadinessView.as_view(
    checks=[
        "health_check.checks.Database",
        "config.health.ElasticsearchHealth",
        "config.health.TaskQueueHealth",
    ]
)
