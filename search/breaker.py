"""A circuit breaker in front of Elasticsearch, so that no request waits on a dead cluster.

After `threshold` consecutive failures the breaker opens for `cooldown` seconds: searches go straight to
the database fallback. The first request after the cooldown tries Elasticsearch again (half-open); a
success closes the breaker, a failure opens it again.

The state lives in the Django cache (Redis in production), so every gunicorn worker and every web
replica sees the same breaker: one dead cluster is detected once, not once per process. Wall-clock time
is used because the opening time is compared across processes. If the cache itself fails, the breaker
lets the request through: Elasticsearch's own timeout still bounds the wait.
"""

import logging
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)


class CircuitBreaker:
    def __init__(self, name: str, threshold: int = 3, cooldown: float = 30.0):
        self.threshold = threshold
        self.cooldown = cooldown
        self._failures_key = f"breaker:{name}:failures"
        self._opened_key = f"breaker:{name}:opened_at"
        # Whether the shared state may hold failures: a success clears it only then, so a healthy
        # cluster costs one cache read per search (allows_request), not a read and a delete.
        self._state_seen = True

    def allows_request(self) -> bool:
        try:
            state = cache.get_many([self._failures_key, self._opened_key])
        except Exception:  # noqa: BLE001 - a cache outage must not take search down with it
            logger.warning("circuit breaker state unavailable; letting the request through")
            return True
        self._state_seen = bool(state)
        opened_at = state.get(self._opened_key)
        return opened_at is None or time.time() - opened_at >= self.cooldown

    def record_success(self) -> None:
        if not self._state_seen:
            return
        try:
            cache.delete_many([self._failures_key, self._opened_key])
            self._state_seen = False
        except Exception:  # noqa: BLE001
            logger.warning("circuit breaker state unavailable; success not recorded")

    def record_failure(self) -> None:
        self._state_seen = True
        try:
            cache.add(self._failures_key, 0, timeout=None)
            failures = cache.incr(self._failures_key)
            if failures >= self.threshold or cache.get(self._opened_key) is not None:
                cache.set(self._opened_key, time.time(), timeout=None)
        except Exception:  # noqa: BLE001
            logger.warning("circuit breaker state unavailable; failure not recorded")

    @property
    def is_open(self) -> bool:
        return not self.allows_request()

    def reset(self) -> None:
        self._state_seen = True
        self.record_success()


elasticsearch_breaker = CircuitBreaker("elasticsearch")
