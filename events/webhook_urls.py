from django.urls import path  # noqa: F401

# Language-independent endpoints of the fair: the Stripe webhook lives here.
urlpatterns: list = []
