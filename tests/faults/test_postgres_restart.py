"""PostgreSQL restarted and stopped under traffic: requests fail cleanly and the app recovers by itself.

A real PostgreSQL is stopped and restarted: a throwaway cluster of this test's own (tests/faults/postgres.py),
never the shared one. The app runs in gunicorn with the production settings (persistent connections with
CONN_MAX_AGE and CONN_HEALTH_CHECKS), loaded with a copy of the migrated test database.
"""

import json
import os
import secrets
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

import psutil
import psycopg
import pytest
from django.db import connection

from catalog.tests.factories import OfferFactory
from cms.models import StandardPage
from cms.tests.sites import make_home_site
from tests.conftest_services import IN_CI

from .postgres import ClusterUnavailable, free_port, throwaway_cluster
from .processes import gunicorn

# A page that hangs longer than this counts as a hang, not a clean failure.
REQUEST_TIMEOUT_SECONDS = 10
CLEAN_FAILURE_SECONDS = 5


@dataclass
class Answer:
    path: str
    status: int | None  # None: no HTTP answer at all (refused, reset or timed out)
    body: str
    retry_after: str | None
    seconds: float


def fetch(base: str, path: str) -> Answer:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(base + path, timeout=REQUEST_TIMEOUT_SECONDS) as response:  # noqa: S310
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    except OSError as error:
        return Answer(path, None, repr(error), None, time.monotonic() - started)
    return Answer(
        path, status, body.decode(errors="replace"), headers.get("Retry-After"), time.monotonic() - started
    )


class Traffic(threading.Thread):
    """Requests flowing while the database goes away and comes back; every answer is kept."""

    def __init__(self, base: str, paths: list[str], limit: int = 2000):
        super().__init__(daemon=True)
        self.base, self.paths, self.limit = base, paths, limit
        self.answers: list[Answer] = []
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set() and len(self.answers) < self.limit:
            for path in self.paths:
                self.answers.append(fetch(self.base, path))

    def stop(self) -> list[Answer]:
        self.stopping.set()
        self.join(timeout=REQUEST_TIMEOUT_SECONDS * 2)
        return self.answers


def build_site() -> dict[str, str]:
    """A home page, a CMS page and a published offer, committed so that pg_dump sees them."""
    home = make_home_site("localhost")
    about = StandardPage(title="O klastrze", slug="o-klastrze", intro="Kim jesteśmy", locale=home.locale)
    home.add_child(instance=about)
    about.save_revision().publish()
    offer = OfferFactory()
    return {
        "catalogue": "/katalog/?q=catering",
        "offer": f"/katalog/oferty/{offer.slug}/",
        "cms": "/o-klastrze/",
        "home": "/",
    }


def source_database_url() -> str:
    settings = connection.settings_dict
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


def server_env(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.faults.server_settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "ELASTICSEARCH_URL": "",  # catalogue search on the database: this test is about PostgreSQL only
        "LOG_LEVEL": "WARNING",
    }


def app_connections(cluster_url: str) -> set[int]:
    """Backend pids of the app's idle connections: kept open between requests by CONN_MAX_AGE."""
    with psycopg.connect(cluster_url, connect_timeout=5) as admin:
        rows = admin.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = 'pes' AND backend_type = 'client backend' "
            "AND pid <> pg_backend_pid()"
        ).fetchall()
    return {pid for (pid,) in rows}


@pytest.fixture
def cluster():
    try:
        with throwaway_cluster() as cluster:
            yield cluster
    except ClusterUnavailable as error:
        # Only a cluster that could not start is turned into a skip (outside CI); test failures pass through.
        if IN_CI:
            pytest.fail(f"The throwaway PostgreSQL cluster could not start: {error}")
        pytest.skip(f"The throwaway PostgreSQL cluster could not start: {error}")


@pytest.mark.django_db(transaction=True)
def test_postgres_restart_and_outage_answer_503_cleanly_and_the_same_workers_recover(cluster, tmp_path):
    pages = build_site()
    cluster.load(source_database_url())
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    database_paths = list(pages.values())

    with gunicorn(server_env(cluster.url()), port, tmp_path / "gunicorn.log") as server:
        workers = {child.pid for child in psutil.Process(server.pid).children()}

        # Before: every database-backed page answers, and the workers keep their connections open.
        for _ in range(3):
            for path in database_paths:
                answer = fetch(base, path)
                assert answer.status == 200, (answer.path, answer.status, answer.body[:500])
        before_restart = app_connections(cluster.url())
        assert before_restart, "CONN_MAX_AGE should keep the workers' connections open between requests"

        # A restart between requests kills every open connection; the health check on the next request
        # notices and reconnects, so not a single request fails.
        cluster.restart()
        after_restart = [fetch(base, path) for _ in range(3) for path in database_paths]
        assert [answer.status for answer in after_restart] == [200] * len(after_restart), [
            (answer.path, answer.status) for answer in after_restart if answer.status != 200
        ]
        assert app_connections(cluster.url()).isdisjoint(before_restart)

        # An outage under traffic: a fast shutdown while requests flow, then requests against no server.
        traffic = Traffic(base, [*database_paths, "/health/ready/?format=json"])
        traffic.start()
        try:
            time.sleep(0.5)
            cluster.stop()
            during = {
                path: fetch(base, path) for path in [*database_paths, "/en/katalog/", "/api/v1/offers/"]
            }
            ready_during = fetch(base, "/health/ready/?format=json")
            live_during = fetch(base, "/health/live/")
            time.sleep(0.5)
            cluster.start()
            # Back: the very first requests are answered by the same workers, with no restart of anything.
            recovered = {path: fetch(base, path) for path in database_paths}
            ready_after = fetch(base, "/health/ready/?format=json")
        finally:
            flowing = traffic.stop()
        workers_after = {child.pid for child in psutil.Process(server.pid).children()}

    log = (tmp_path / "gunicorn.log").read_text(errors="replace")

    for path, answer in during.items():
        assert answer.status == 503, (path, answer.status, answer.body[:500])
        assert answer.retry_after == "30"
        assert answer.seconds < CLEAN_FAILURE_SECONDS, (path, answer.seconds)
        assert "Traceback" not in answer.body
    # Translated: Polish by default, English under /en/, JSON for the API.
    assert "tymczasowo niedostępn" in during["/katalog/?q=catering"].body
    assert "temporarily unavailable" in during["/en/katalog/"].body
    assert json.loads(during["/api/v1/offers/"].body)["detail"]
    assert ready_during.status == 503
    database_check = next(value for key, value in json.loads(ready_during.body).items() if "Database" in key)
    assert database_check != "OK"
    assert live_during.status == 200  # liveness never touches the database: nobody restarts the workers

    for path, answer in recovered.items():
        assert answer.status == 200, (path, answer.status, answer.body[:500])
    assert ready_after.status == 200, ready_after.body
    assert workers_after == workers, "the workers were restarted instead of recovering"

    # Under traffic, every answer was a page or a clean 503 (readiness included), in time.
    assert flowing, "no traffic flowed during the outage"
    unclean = [
        (answer.path, answer.status, round(answer.seconds, 1))
        for answer in flowing
        if answer.status not in {200, 503} or answer.seconds > CLEAN_FAILURE_SECONDS
    ]
    assert unclean == []
    assert {answer.status for answer in flowing if not answer.path.startswith("/health/")} == {200, 503}
    # Each failure is logged once as a 503 by Django's request logger; nothing became a 500.
    assert "Service Unavailable: /katalog/" in log
    assert [line for line in log.splitlines() if "Internal Server Error:" in line] == []
