"""The client address: X-Forwarded-For counts only from a trusted proxy (TRUSTED_PROXIES)."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from config.client_ip import TrustedProxyMiddleware, client_address, parse_networks

PROXIES = parse_networks(["127.0.0.1", "10.0.0.0/8"])


@pytest.mark.parametrize(
    ("remote_addr", "forwarded_for", "expected"),
    [
        # Straight from the internet: the header is whatever the client wrote, so it is ignored.
        ("203.0.113.5", "198.51.100.7", "203.0.113.5"),
        # Through our proxy: the client is the address the proxy appended.
        ("127.0.0.1", "203.0.113.5", "203.0.113.5"),
        # The client sent its own header to our proxy: the spoofed left-most entry is not believed.
        ("127.0.0.1", "198.51.100.7, 203.0.113.5", "203.0.113.5"),
        # Two of our proxies in a row: skip them, take the first untrusted hop from the right.
        ("10.0.0.2", "203.0.113.5, 10.0.0.9", "203.0.113.5"),
        # Garbage appended by the client stops the walk at the proxy itself.
        ("127.0.0.1", "not-an-ip", "127.0.0.1"),
        ("127.0.0.1", "", "127.0.0.1"),
        ("127.0.0.1", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address(remote_addr, forwarded_for, expected):
    assert client_address(remote_addr, forwarded_for, PROXIES) == expected


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_middleware_rewrites_remote_addr_for_every_later_consumer():
    seen = {}

    def view(request):
        seen["ip"] = request.META["REMOTE_ADDR"]
        return HttpResponse()

    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    TrustedProxyMiddleware(view)(request)
    assert seen["ip"] == "203.0.113.5"


@override_settings(TRUSTED_PROXIES=[])
def test_without_trusted_proxies_the_middleware_is_not_used():
    from django.core.exceptions import MiddlewareNotUsed

    with pytest.raises(MiddlewareNotUsed):
        TrustedProxyMiddleware(lambda request: HttpResponse())
