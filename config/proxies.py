"""The client's address behind trusted reverse proxies, for rate limits and the login lockout.

Everything that keys on the client (django-axes, the quote-request and contact limits, allauth's limits)
reads REMOTE_ADDR. Behind a load balancer that is the proxy's address, so every visitor would share one
limit; X-Forwarded-For, on the other hand, is typed by the client and must not be believed blindly.
With TRUSTED_PROXY_COUNT=n the n-th address from the right of X-Forwarded-For (the one the outermost of
our own proxies saw) replaces REMOTE_ADDR; with 0 (the default) the header is ignored.
"""

from django.conf import settings


class TrustedProxyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
        if count > 0:
            hops = [
                hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()
            ]
            if len(hops) >= count:
                request.META["REMOTE_ADDR"] = hops[-count]
        return self.get_response(request)
