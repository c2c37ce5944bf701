"""Absolute URLs, built in one place."""

from django.conf import settings
from django.http import HttpRequest


def absolute_url(path: str, request: HttpRequest | None = None) -> str:
    """`path` as a full URL.

    With a request (robots.txt, canonical links, Stripe's return URLs) it is on the host the visitor
    used; without one (emails, exports, JSON-LD, background tasks) it is on settings.SITE_URL.
    """
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL.rstrip("/") + path
