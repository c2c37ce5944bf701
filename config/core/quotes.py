"""Quotation marks inside quotation marks, as each language nests them.

Messages quote a name in the language's outer marks („…” in Polish, “…” in English). A name that carries
its own marks (Fundacja „Stolarnia”) would then read „Fundacja „Stolarnia””; Polish nests «…» inside
„…” and English ‘…’ inside “…”, so the name's own marks become the inner ones.
"""

import re

from django.utils.translation import get_language

# language: (opening inner mark, closing inner mark)
_INNER = {"pl": ("«", "»"), "en": ("‘", "’")}
_STRAIGHT_PAIR = re.compile(r'"([^"]*)"')


def for_quoting(name: str) -> str:
    """`name` ready to go between the current language's outer quotation marks."""
    language = (get_language() or "pl").split("-")[0]
    opening, closing = _INNER.get(language, _INNER["en"])
    text = _STRAIGHT_PAIR.sub(lambda match: f"{opening}{match[1]}{closing}", name)
    return text.translate(str.maketrans({"„": opening, "“": opening, "”": closing}))
