"""Site-wide views of the brand site that are not pages: sitemaps, robots.txt and the pattern page."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import user_passes_test
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from catalog.impact import Figure
from catalog.models import Category
from cms.templatetags.pes import _site_home
from config.core.links import absolute_url
from events.models import Fair

from .forms import PatternSampleForm
from .sitemap import CatalogueSitemap, MultilingualSitemap


@require_GET
@cache_control(public=True, max_age=3600)
def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": MultilingualSitemap, "catalogue": CatalogueSitemap})


@require_GET
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /konto/",
        "Disallow: /en/konto/",
        "Disallow: /api/",
        "Disallow: /webhooks/",
        f"Sitemap: {absolute_url('/sitemap.xml', request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def site_map(request):
    """The site map for people (URL: /mapa-strony/): the brand pages as a tree, then the catalogue and fairs."""
    home = _site_home(request)
    pages = []
    if home is not None:
        pages = list(
            home.get_descendants().live().public().filter(depth__lte=home.depth + 2).order_by("path")
        )
    context = {
        "home": home,
        "pages": [(page, page.depth - home.depth) for page in pages] if home is not None else [],
        "fairs": Fair.objects.order_by("-starts_at")[:5],
        "categories": Category.objects.all(),
    }
    return render(request, "cms/site_map.html", context)


# Staff only; everyone else goes to the site's login page (there is no Django admin to send them to).
@user_passes_test(lambda user: user.is_active and user.is_staff)
def pattern_library(request):
    """Every component of the design system on one page (URL: /wzorce/), for staff reviewing the look."""
    sample_form = PatternSampleForm(
        data={"name": "", "email": "zly-adres"} if request.GET.get("errors") else None
    )
    sprite = Path(settings.BASE_DIR) / "site" / "static" / "icons" / "lucide-sprite.svg"
    icon_names = re.findall(r'<symbol id="([a-z0-9-]+)"', sprite.read_text())
    chart_sample = [
        Figure("cis", "Centra integracji społecznej", 4),
        Figure("sps", "Spółdzielnie socjalne", 12),
        Figure("wtz", "Warsztaty terapii zajęciowej", 7),
    ]
    return render(
        request,
        "cms/patterns.html",
        {"form": sample_form, "icon_names": icon_names, "chart_sample": chart_sample},
    )
