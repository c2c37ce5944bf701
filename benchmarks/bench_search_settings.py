"""Settings of `make bench-search`: the production settings (persistent connections, DEBUG off) on
loopback, plus a URL for the naive ORM baseline. bench_search sets the secrets and hosts it needs."""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bench_search_urls"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
# Plain HTTP on loopback: no TLS in front of gunicorn here.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
