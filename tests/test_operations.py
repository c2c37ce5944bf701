"""Operations: health endpoints, request ids, recovery from dropped database connections."""

import json
import logging

import pytest
from django.db import OperationalError, connection
from django.test import override_settings
from django.urls import path

from config.request_id import JsonFormatter, RequestIdFilter


def test_liveness_answers_without_touching_services(client):
    response = client.get("/health/live/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readiness_reports_database_elasticsearch_and_task_queue(client, elasticsearch_url):
    response = client.get("/health/ready/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content
    checks = " ".join(response.json())
    assert "Database" in checks
    assert "ElasticsearchHealth" in checks
    assert "TaskQueueHealth" in checks


@pytest.mark.django_db
@override_settings(ELASTICSEARCH_URL="http://127.0.0.1:9")
def test_readiness_fails_when_elasticsearch_is_unreachable(client):
    response = client.get("/health/ready/", HTTP_ACCEPT="application/json")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "unreachable" in json.dumps(response.json())


def test_request_id_is_generated_and_echoed(client):
    response = client.get("/health/live/")
    assert len(response["X-Request-ID"]) == 32


def test_plain_client_request_id_is_kept_but_forged_one_is_replaced(client):
    assert client.get("/health/live/", HTTP_X_REQUEST_ID="lb-1234.abc")["X-Request-ID"] == "lb-1234.abc"
    forged = client.get("/health/live/", HTTP_X_REQUEST_ID="x\nINFO fake log line")["X-Request-ID"]
    assert "\n" not in forged and forged != "x\nINFO fake log line"


def test_json_log_lines_carry_the_request_id():
    record = logging.LogRecord("pes", logging.INFO, __file__, 1, "Zamówienie przyjęte", None, None)
    RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "Zamówienie przyjęte"
    assert line["request_id"] == "-"


def _serve(path: str) -> int:
    """One request through Django's real WSGI handler. The test client deliberately skips the
    request_started connection housekeeping that this test is about, so it cannot be used here."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import RequestFactory

    status = {}

    def start_response(line, headers, exc_info=None):
        status["code"] = int(line.split()[0])

    b"".join(WSGIHandler()(RequestFactory().get(path).environ, start_response))
    return status["code"]


@pytest.mark.django_db(transaction=True)
def test_app_recovers_after_database_connections_are_killed():
    """What a PostgreSQL restart does to open connections: the next request reconnects by itself.

    Persistent connections (CONN_MAX_AGE, as in production) are validated at the start of each request
    (CONN_HEALTH_CHECKS), so a dead one is replaced instead of failing the request.
    """
    from django.db import connections

    connection.settings_dict["CONN_MAX_AGE"] = 60
    try:
        assert _serve("/katalog/organizacje/nie-ma-takiej/") == 404  # a database query in this thread
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            old_pid = cursor.fetchone()[0]

        other = connections.create_connection("default")
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [old_pid])
        other.close()

        # The same database-backed page answers normally instead of a 500.
        assert _serve("/katalog/organizacje/nie-ma-takiej/") == 404
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            assert cursor.fetchone()[0] != old_pid
    finally:
        connection.settings_dict["CONN_MAX_AGE"] = 0


def _database_down(request):
    raise OperationalError("connection failed: Connection refused")


def _bug(request):
    raise ValueError("a bug")


# A URLconf of this module's own, so a view can fail on demand behind the project's handler500.
urlpatterns = [path("db-down/", _database_down), path("api/db-down/", _database_down), path("bug/", _bug)]
handler500 = "config.errors.server_error"


@override_settings(ROOT_URLCONF=__name__)
def test_a_database_outage_answers_503_with_retry_after_and_a_bug_still_the_500_page(client):
    client.raise_request_exception = False

    page = client.get("/db-down/")
    api = client.get("/api/db-down/")
    bug = client.get("/bug/")

    assert page.status_code == 503 and page["Retry-After"] == "30"
    assert "Serwis jest tymczasowo niedostępny." in page.content.decode()
    assert api.status_code == 503 and api.json() == {"detail": "Serwis jest tymczasowo niedostępny."}
    assert bug.status_code == 500 and "Retry-After" not in bug
