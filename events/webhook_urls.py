from django.urls import path

from .stripe_webhooks import stripe_webhook

# Language-independent endpoints of the fair: the Stripe webhook lives here.
urlpatterns = [
    path("stripe/", stripe_webhook, name="stripe_webhook"),
]
