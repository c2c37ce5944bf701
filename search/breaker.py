"""A circuit breaker in front of Elasticsearch, so that no request waits on a dead cluster.

After `threshold` consecutive failures the breaker opens for `cooldown` seconds: searches go straight to
the database fallback. The first request after the cooldown tries Elasticsearch again (half-open); a
success closes the breaker, a failure opens it again. State is per process, which is what matters for
the time a request waits.
"""

import threading
import time


class CircuitBreaker:
    def __init__(self, threshold: int = 3, cooldown: float = 30.0):
        self.threshold = threshold
        self.cooldown = cooldown
        self._failures = 0
        self._opened_at: float | None = None
        self._lock = threading.Lock()

    def allows_request(self) -> bool:
        with self._lock:
            if self._opened_at is None:
                return True
            return time.monotonic() - self._opened_at >= self.cooldown

    def record_success(self) -> None:
        with self._lock:
            self._failures = 0
            self._opened_at = None

    def record_failure(self) -> None:
        with self._lock:
            self._failures += 1
            if self._failures >= self.threshold or self._opened_at is not None:
                self._opened_at = time.monotonic()

    @property
    def is_open(self) -> bool:
        return not self.allows_request()

    def reset(self) -> None:
        self.record_success()


elasticsearch_breaker = CircuitBreaker()
