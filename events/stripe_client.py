"""The one place that configures the stripe library from settings (API version pinned)."""

import stripe
from django.conf import settings


def stripe_client() -> stripe.StripeClient:
    """A StripeClient bound to the configured key; STRIPE_API_BASE points it at stripe-mock in tests."""
    base_addresses = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else {}
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        stripe_version=settings.STRIPE_API_VERSION,
        base_addresses=base_addresses,
        # No silent retries: the applicant is told to try again, and the idempotency key makes that safe.
        max_network_retries=0,
        # (connect, read) seconds: a hung Stripe must not hold a request worker, or a stand's lock, for long.
        http_client=stripe.RequestsClient(timeout=(3, settings.STRIPE_TIMEOUT_SECONDS)),
    )


def stripe_enabled() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)
