"""The client's address behind trusted proxies: believed only as far as TRUSTED_PROXY_COUNT says."""

import pytest
from django.test import RequestFactory, override_settings

from config.proxies import TrustedProxyMiddleware


def seen_address(**meta) -> str:
    request = RequestFactory().get("/", **meta)
    return TrustedProxyMiddleware(lambda r: r.META["REMOTE_ADDR"])(request)


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "6.6.6.6", "10.0.0.2"),  # no proxy of ours: a typed header is ignored
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # the load balancer appended the real client
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.5", "203.0.113.7"),
        (2, "203.0.113.7", "10.0.0.2"),  # fewer hops than proxies: the header is not ours
    ],
)
def test_only_addresses_appended_by_our_own_proxies_are_believed(count, forwarded, expected):
    with override_settings(TRUSTED_PROXY_COUNT=count):
        assert seen_address(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded) == expected
