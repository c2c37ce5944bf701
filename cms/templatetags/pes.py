"""Site-wide template helpers."""

import json

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from wagtail.models import Locale, Page, Site

from catalog.shortlist import Shortlist
from cms.navigation import build_navigation, upcoming_fair
from config.core import money
from config.core.links import absolute_url

register = template.Library()

# Integer grosze as Polish złoty: 1234550 → '12 345,50 zł' (catalogue, fair and email templates).
register.filter("pln", money.pln)


def _site_home(request):
    """The home page of the current language (the site root or its translation), or None."""
    cache = getattr(request, "_pes_home_cache", None)
    if cache is not None:
        return cache
    home = None
    site = Site.find_for_request(request) if request is not None else None
    if site is not None:
        language = (get_language() or "pl").split("-")[0]
        locale = Locale.objects.filter(language_code=language).first()
        root = site.root_page
        if locale is not None and root.locale_id != locale.pk:
            home = root.get_translation_or_none(locale) or root
        else:
            home = root
    if request is not None:
        request._pes_home_cache = home
    return home


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Pages marked "show in menus" under the home page of the current language."""
    request = context.get("request")
    home = _site_home(request)
    if home is None:
        return []
    return list(
        home.get_children().live().public().in_menu().only("id", "title", "url_path", "path", "depth")
    )


@register.simple_tag(takes_context=True)
def site_navigation(context):
    """The six primary items of the header (see cms/navigation.py), built once per request."""
    request = context.get("request")
    cached = getattr(request, "_pes_navigation", None)
    if cached is not None:
        return cached
    page = context.get("page")
    items = build_navigation(_site_home(request), request, page if isinstance(page, Page) else None)
    if request is not None:
        request._pes_navigation = items
    return items


@register.simple_tag
def next_fair():
    """The upcoming fair the home page advertises, or None."""
    return upcoming_fair()


@register.simple_tag(takes_context=True)
def shortlist_count(context):
    request = context.get("request")
    session = getattr(request, "session", None)
    return len(Shortlist(session)) if session is not None else 0


@register.simple_tag(takes_context=True)
def home_url(context):
    home = _site_home(context.get("request"))
    return home.get_url(context.get("request")) if home is not None else "/"


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the translation of the current page, or the same path in that language."""
    request = context.get("request")
    page = context.get("page")
    current = context.get("LANGUAGE_CODE") or settings.LANGUAGE_CODE
    names = {"pl": "Polski", "en": "English"}
    translations = {}
    if isinstance(page, Page):
        for translation in (
            Page.objects.filter(translation_key=page.translation_key).live().public().select_related("locale")
        ):
            translations[translation.locale.language_code] = translation.get_url(request)
    path = request.get_full_path() if request is not None else "/"
    links = []
    for code, _name in settings.LANGUAGES:
        url = translations.get(code) or translate_url(path, code)
        links.append({"code": code, "name": names.get(code, code), "url": url, "current": code == current})
    return links


@register.simple_tag(takes_context=True)
def canonical_url(context):
    request = context.get("request")
    page = context.get("page")
    if isinstance(page, Page):
        return page.get_full_url(request)
    if request is None:
        return ""
    return absolute_url(request.path, request)


@register.simple_tag(takes_context=True)
def organisation_json_ld(context):
    """JSON-LD Organization of the cluster, for search engines."""
    request = context.get("request")
    base = absolute_url("/", request) if request is not None else "/"
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "Pomorska Ekonomia Społeczna",
        "alternateName": "PES",
        "url": base,
        "logo": base.rstrip("/") + "/static/img/favicon.svg",
        "description": gettext("The social economy cluster of the Pomorskie voivodeship."),
        "areaServed": gettext("Pomorskie voivodeship"),
        "parentOrganization": {
            "@type": "GovernmentOrganization",
            "name": "Regionalny Ośrodek Polityki Społecznej w Gdańsku",
            "url": "https://rops.pomorskie.eu/",
        },
        "contactPoint": {
            "@type": "ContactPoint",
            "email": "m.kochanowski@pomorskie.eu",
            "telephone": "+48 789 442 467",
            "contactType": "customer support",
            "availableLanguage": ["pl", "en"],
        },
    }
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 - escaped JSON


FOOTER_PAGE_SLUGS = ["deklaracja-dostepnosci", "kontakt", "list-intencyjny"]


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The accessibility statement (linked from every page, as the law asks) and other service pages."""
    home = _site_home(context.get("request"))
    if home is None:
        return []
    pages = {p.slug: p for p in home.get_children().live().public().filter(slug__in=FOOTER_PAGE_SLUGS)}
    return [pages[slug] for slug in FOOTER_PAGE_SLUGS if slug in pages]
