"""The catalogue API's query parameters in the OpenAPI schema, exactly as the FilterSet accepts them.

The Python side declares every parameter as a string (django-ninja passes them on untouched) because
the one FilterSet (search.filters) validates them, for the API as for the HTML page. So that the schema
promises neither more nor less than that validation, each parameter's schema is written here from the
FilterSet's own choices, patterns and limits, and the live taxonomy (category slugs) is read when the
schema is served. An empty value ("?kind=") means "no filter", as an empty form field does, so every
choice lists "" too. schemathesis checks both directions (tests/test_api_schema.py).

Four rules join two parameters and cannot be said in OpenAPI 3's per-parameter schemas; the operations'
descriptions state them and they are refused with a 400 naming the field (CROSS_FIELD_RULES).
"""

import re

from catalog.choices import Certificate, LegalForm, OfferKind, Subregion
from catalog.models import Category

from .filters import MAX_PER_PAGE, MAX_RESULT_WINDOW, SORTS, StrictBooleanField
from .places import TOWNS

CROSS_FIELD_RULES = {
    "price_max": "price_max must not be lower than price_min",
    "town": "give near or town, not both",
    "sort": "sort=distance needs near or town",
    "page": f"page × per_page must not exceed {MAX_RESULT_WINDOW}",
}
DESCRIPTION = "Rules joining two parameters (refused with a 400 naming the field): " + "; ".join(
    CROSS_FIELD_RULES.values()
)
# Text fields are stripped by the form (Python's str.strip, i.e. \s) and refuse NUL characters.
BLANK = r"\s*"
# latitude within ±90 and longitude within ±180, as PointField checks them
_LATITUDE = r"-?(?:90(?:\.0+)?|[0-8]?\d(?:\.\d+)?)"
_LONGITUDE = r"-?(?:180(?:\.0+)?|(?:1[0-7]\d|\d{1,2})(?:\.\d+)?)"
NEAR_PATTERN = rf"^\s*(?:{_LATITUDE}\s*,\s*{_LONGITUDE})?\s*$"
CPV_PATTERN = r"^\s*(?:\d{2,8}(?:-\d)?)?\s*$"


def _stripped(body: str) -> dict:
    return {"type": "string", "pattern": rf"^\s*(?:{body})?\s*$"}


def _choice(values) -> dict:
    """A single choice: exact (a ChoiceField does not strip), and a blank one is no filter."""
    alternatives = "|".join(re.escape(value) for value in values)
    return {"type": "string", "pattern": rf"^(?:\s*|{alternatives})$"}


def _any_case(value: str) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in value)


def _choices(values) -> dict:
    """A repeated choice (?subregion=a&subregion=b): each value exact (not stripped); a blank one is no filter."""
    alternatives = "|".join(re.escape(value) for value in values)
    return {"type": "array", "items": {"type": "string", "pattern": rf"^(?:\s*|{alternatives})$"}}


def _decimal(integer_digits: int) -> dict:
    """What the form's DecimalField takes below 10**integer_digits: digits, an optional fraction."""
    limit = "1" + "0" * integer_digits
    number = rf"\+?0*(?:\d{{1,{integer_digits}}}(?:\.\d*)?|\.\d+|{limit}(?:\.0*)?)"
    return _stripped(number)


def parameter_schemas(categories=None) -> dict[str, dict]:
    """`categories`: the category slugs to list; by default the live ones (read when the schema is served)."""
    if categories is None:
        categories = Category.objects.values_list("slug", flat=True)
    booleans = sorted(StrictBooleanField.TRUE | StrictBooleanField.FALSE)
    return {
        "q": {"type": "string", "pattern": r"^[^\x00]*$"},
        "category": _choices(sorted(categories)),
        "kind": _choice(OfferKind.values),
        "subregion": _choices(Subregion.values),
        # at most 120 characters once stripped
        "powiat": {"type": "string", "pattern": r"^\s*[^\x00]{0,120}\s*$"},
        "legal_form": _choices(LegalForm.values),
        "ps": _stripped("|".join(_any_case(value) for value in booleans)),
        "reserved": _stripped("|".join(_any_case(value) for value in booleans)),
        "certificates": _choices(Certificate.values),
        "price_min": _decimal(7),  # 0 to 10 000 000 złoty
        "price_max": _decimal(7),
        "cpv": {"type": "string", "pattern": CPV_PATTERN},
        "near": {"type": "string", "pattern": NEAR_PATTERN},
        "town": _stripped("|".join(re.escape(place.name) for place in TOWNS)),  # a CharField: stripped
        "radius_km": _stripped(r"\+?0*(?:[1-9]\d?(?:\.\d*)?|[1-3]\d\d(?:\.\d*)?|400(?:\.0*)?)"),
        "sort": _choice([value for value, _label in SORTS]),
        # whole numbers (IntegerField also takes "2.0"); page × per_page ≤ 1000 (a joint rule)
        "page": _stripped(rf"\+?0*(?:[1-9]\d{{0,2}}|{MAX_RESULT_WINDOW})(?:\.0*)?"),
        "per_page": _stripped(rf"\+?0*(?:[1-9]|[1-4]\d|{MAX_PER_PAGE})(?:\.0*)?"),
    }


def describe_catalogue_parameters(schema: dict, categories=None) -> dict:
    """Rewrite the catalogue operations' query parameters of a generated OpenAPI schema (in place)."""
    schemas = parameter_schemas(categories)
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            parameters = operation.get("parameters", [])
            if not {p["name"] for p in parameters} >= {"q", "category", "sort"}:
                continue
            operation["description"] = (operation.get("description", "") + "\n\n" + DESCRIPTION).strip()
            for parameter in parameters:
                if parameter["in"] == "query" and parameter["name"] in schemas:
                    parameter["schema"] = schemas[parameter["name"]]
                    if parameter["schema"]["type"] == "array":  # ?a=1&a=2, as the FilterSet reads it
                        parameter.update(style="form", explode=True)
    return schema
