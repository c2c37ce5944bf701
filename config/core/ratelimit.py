"""Rate limits of the public forms that have no limit of their own (membership, letter of intent, fair
application, session sign-up): a number of accepted submissions per client address per hour.

Counters live in Django's cache, like allauth's limits, keyed by a keyed hash of the address (no IP is
stored); with several web replicas the cache must be shared (Redis, see docs/operations.md). The window
is fixed: at most twice the limit can pass around the turn of an hour, which is enough against floods.
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

WINDOW_SECONDS = 3600
TOO_MANY_SUBMISSIONS = _("You have sent this form several times in a short time. Please try again later.")


def _client_key(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]


def allow_submission(scope: str, request: HttpRequest) -> bool:
    """Count one submission of `scope` from this client; False once the hour's limit is used up."""
    limit = settings.PUBLIC_FORM_RATE_LIMITS[scope]
    key = f"form-rate:{scope}:{_client_key(request)}:{int(time.time() // WINDOW_SECONDS)}"
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        count = 1
    return count <= limit
