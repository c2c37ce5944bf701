"""Template helpers of the catalogue: JSON-LD, prices and the accessible SVG bar chart."""

import json

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from catalog.choices import PriceUnit
from catalog.impact import bar_chart_rows
from catalog.shortlist import Shortlist
from config.core.money import pln

register = template.Library()

# The same escapes as Django's json_script: nothing inside can close the <script> element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data) -> str:
    """Render a dict as a schema.org JSON-LD script element."""
    payload = json.dumps(data, ensure_ascii=False, cls=_LazyEncoder).translate(_JSON_SCRIPT_ESCAPES)
    # Safe: the payload is JSON with <, > and & escaped, so it cannot leave the script element.
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


class _LazyEncoder(json.JSONEncoder):
    def default(self, o):
        return str(o)


@register.inclusion_tag("catalog/components/price.html")
def offer_price(offer):
    return {"offer": offer}


@register.inclusion_tag("catalog/components/bar_chart.html")
def bar_chart(chart_id: str, title: str, series, value_label: str = ""):
    """A horizontal bar chart drawn as server-side SVG, followed by the same figures as a table."""
    rows, height = bar_chart_rows(series)
    return {"chart_id": chart_id, "title": title, "rows": rows, "height": height, "value_label": value_label}


@register.simple_tag(takes_context=True)
def shortlisted(context, kind: str, slug: str) -> bool:
    """Whether the visitor's shortlist already holds this offer or supplier (the button says so)."""
    request = context.get("request")
    session = getattr(request, "session", None)
    return session is not None and (kind, slug) in Shortlist(session)


@register.simple_tag
def hit_price(hit) -> str:
    """A search hit's price as the offer page writes it: '35,00 zł – 50,00 zł per person', or ''."""
    if hit.price_from is None and hit.price_to is None:
        return ""
    parts = [pln(value) for value in (hit.price_from, hit.price_to) if value is not None]
    if len(parts) == 2 and hit.price_from == hit.price_to:
        parts = parts[:1]
    unit = dict(PriceUnit.choices).get(hit.price_unit, "")
    text = " – ".join(parts) if hit.price_from is not None else f"{gettext('up to')} {parts[0]}"
    return f"{text} {unit}".strip()


# Words that say what kind of body an organisation is, not which one: a monogram skips them.
_GENERIC_WORDS = {
    "spółdzielnia",
    "socjalna",
    "fundacja",
    "stowarzyszenie",
    "centrum",
    "klub",
    "warsztat",
    "warsztaty",
    "zakład",
    "spółka",
    "integracji",
    "społecznej",
    "terapii",
    "zajęciowej",
}


@register.filter
def logo_of(logos: dict, slug: str):
    """The logo of organisation `slug` among a results page's prefetched logos (`None`: a monogram)."""
    return logos.get(slug)


@register.filter
def monogram(name: str) -> str:
    """Two letters standing in for a missing logo: 'Spółdzielnia Socjalna „Zielona Kuchnia”' → 'ZK'."""
    words = [word.strip("„”\"'«»()") for word in str(name).split()]
    words = [word for word in words if len(word) > 2]
    distinctive = [word for word in words if word.casefold() not in _GENERIC_WORDS] or words
    return "".join(word[0] for word in distinctive[:2]).upper()
