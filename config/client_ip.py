"""The real client address behind our own reverse proxy.

Rate limits (quote requests, contact form, allauth) and django-axes lockouts key on REMOTE_ADDR. Behind a
proxy REMOTE_ADDR is the proxy, so every client would share one budget; trusting X-Forwarded-For from
anyone would let a client pick its own address. So the header is read only when the connection comes
from an address in TRUSTED_PROXIES, and the client is the right-most address in the chain that is not
itself a trusted proxy (the left-most entries are whatever the client chose to send).
"""

import ipaddress

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed


def parse_networks(values) -> tuple:
    return tuple(ipaddress.ip_network(value, strict=False) for value in values)


def _is_trusted(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(remote_addr: str, forwarded_for: str, networks) -> str:
    """The address of the client; `forwarded_for` counts only if `remote_addr` is a trusted proxy."""
    if not forwarded_for or not _is_trusted(remote_addr, networks):
        return remote_addr
    for hop in reversed([part.strip() for part in forwarded_for.split(",") if part.strip()]):
        if _is_trusted(hop, networks):
            continue
        try:
            return str(ipaddress.ip_address(hop))
        except ValueError:
            # A malformed hop appended by a trusted proxy cannot happen; one the client sent stops the walk.
            return remote_addr
    return remote_addr


class TrustedProxyMiddleware:
    """Rewrite REMOTE_ADDR to the real client when the request came through a trusted proxy."""

    def __init__(self, get_response):
        self.networks = parse_networks(settings.TRUSTED_PROXIES)
        if not self.networks:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        request.META["REMOTE_ADDR"] = client_address(
            request.META.get("REMOTE_ADDR", ""), request.META.get("HTTP_X_FORWARDED_FOR", ""), self.networks
        )
        return self.get_response(request)
