"""Shared fixtures: real services, never mocks of them.

A test that needs a service asks for its fixture. When the service is unreachable the test fails under
CI=true and skips with the reason elsewhere, so a missing install step can never pass silently in CI.
"""

import logging
import os
import socket
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _reachable(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 80), timeout=1):
            return True
    except OSError:
        return False


def require_service(name: str, url: str) -> None:
    if _reachable(url):
        return
    message = f"{name} is not reachable at {url}; start it with `scripts/services.sh start`."
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


SHARED_CATALOGUE = Path(settings.BASE_DIR).parent / "shared" / "data" / "catalog"


@pytest.fixture(scope="session")
def shared_catalogue_dir() -> Path:
    """The shared sample catalogue and its judged query sets; like a service, required under CI=true."""
    if not (SHARED_CATALOGUE / "organisations.jsonl").exists():
        message = f"the shared sample catalogue is not at {SHARED_CATALOGUE}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return SHARED_CATALOGUE


@pytest.fixture(scope="session")
def elasticsearch_url() -> str:
    require_service("Elasticsearch", settings.ELASTICSEARCH_URL)
    return settings.ELASTICSEARCH_URL


@pytest.fixture(scope="session")
def stripe_api_base() -> str:
    require_service("stripe-mock", settings.STRIPE_API_BASE)
    return settings.STRIPE_API_BASE


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not os.path.exists(path):
        message = f"Chromium is not installed at {path}; run `scripts/services.sh install`."
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    """One Chromium for the whole run: Playwright's sync API allows one running instance per thread, and
    both the journeys (tests/e2e) and the production smoke test (tests/production) use it."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def fresh_process_state():
    """Every test, e2e included, starts with a closed search circuit breaker and an empty cache.

    Both are per-process state: a test that opened the breaker would send the next tests to the database
    fallback, and rate-limit counters (ours and allauth's live in the cache) would leak between tests.
    """
    from django.core.cache import caches

    from search.breaker import elasticsearch_breaker

    elasticsearch_breaker.reset()
    for cache in caches.all():
        cache.clear()
    yield
    elasticsearch_breaker.reset()


FALLBACK_LOGGER = "search.query"
FALLBACK_MESSAGE = "fell back to the database"


def search_fallbacks(caplog) -> list[str]:
    """The database fallbacks of catalogue searches logged during this test's setup and call (live
    server threads included: caplog's handler sits on the root logger)."""
    records = caplog.get_records("setup") + caplog.get_records("call")
    return [
        r.getMessage() for r in records if r.name == FALLBACK_LOGGER and FALLBACK_MESSAGE in r.getMessage()
    ]


@pytest.fixture
def fallback_guard(request, caplog):
    """Fails a test that built an Elasticsearch index when any of its searches was answered by the database
    fallback (an error, a timeout or an open breaker): such a test would otherwise pass with Elasticsearch
    broken, since the fallback answers too (its answers say `simplified`). A test whose point is the
    fallback is marked `allows_fallback`. Every fixture that builds an index requests this one."""
    caplog.set_level(logging.INFO, logger=FALLBACK_LOGGER)
    yield
    fallbacks = search_fallbacks(caplog)
    if fallbacks and request.node.get_closest_marker("allows_fallback") is None:
        pytest.fail(f"Elasticsearch was set up but a search fell back to the database: {fallbacks[0]}")
