"""What every page of the brand site shares: the sharing image and caching for anonymous visitors."""

from django.db import models
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

PUBLIC_CACHE_SECONDS = 300


def cache_for_anonymous_visitors(request, response):
    """Let browsers and shared caches keep content pages for five minutes: only anonymous GETs of pages
    without forms, varying on the cookie so a signed-in editor or a pending message is never shared."""
    if request.method == "GET" and not request.user.is_authenticated and response.status_code == 200:
        patch_cache_control(response, public=True, max_age=PUBLIC_CACHE_SECONDS)
        patch_vary_headers(response, ["Cookie"])
    return response


class BrandPage(Page):
    """Fields every page of the brand site shares: a sharing image for OpenGraph and Twitter cards."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sharing image"),
        help_text=_("Shown when the page is shared on social media (OpenGraph, Twitter cards)."),
    )

    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        return cache_for_anonymous_visitors(request, super().serve(request, *args, **kwargs))
