"""The fallback's ranking where there is no PostgreSQL full-text search (SQLite in `make run`)."""

import json
import re

from ..analysis import fold, stem
from ..query_text import QueryText

PYTHON_CANDIDATES = 5000
PLACE_WEIGHT = 0.5
_WORD = re.compile(r"\w+", re.UNICODE)
# Keys of a text-field map that name paths rather than weighted text.
SPECIAL = {"cpv", "title_path", "area"}


def python_ranked_ids(
    queryset, query: QueryText, stems: list[str], text_fields: dict[str, str]
) -> list[tuple[int, float]]:
    """SQLite: score candidates in Python by how many query stems their folded text contains."""
    fields = [f for f in text_fields if f not in SPECIAL]
    scored = []
    for row in queryset.values("pk", *fields, *[v for k, v in text_fields.items() if k in {"cpv", "area"}])[
        :PYTHON_CANDIDATES
    ]:
        score = 0.0
        for field, weight in text_fields.items():
            if field in SPECIAL:
                continue
            words = {stem(w) for w in _WORD.findall(fold(str(row[field] or "")))}
            factor = {"A": 1.0, "B": 0.5, "C": 0.2, "D": 0.1}[weight]
            score += factor * sum(1 for s in stems if any(w.startswith(s) for w in words))
        codes = json.dumps(row.get(text_fields.get("cpv", "cpv_codes")) or [])
        score += sum(1.0 for prefix in query.cpv_prefixes if f'"{prefix}' in codes)
        if score > 0 and query.place is not None:
            areas = fold(str(row.get(text_fields.get("area", "service_area"), "")))
            if any(fold(area) in areas for area in query.place.covering_areas):
                score += PLACE_WEIGHT
        if score > 0:
            scored.append((row["pk"], score))
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored
