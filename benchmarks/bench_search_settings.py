"""Settings of `make bench-search`: the test settings plus a URL for the naive ORM baseline."""

from config.settings.test import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bench_search_urls"
DEBUG = False
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
