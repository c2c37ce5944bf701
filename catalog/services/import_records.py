"""Reading one record of the shared JSONL catalogue format: types and the rules that need no database.

`parse_record` turns one decoded line into model values for an organisation and its offers, or raises
RecordInvalid with every reason at once; `catalog.services.importing` then checks the database and
writes.
"""

import json
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from catalog.choices import Certificate
from catalog.models import Category
from catalog.rules import (
    grosze_from_pln,
    is_reserved_contract_eligible,
    validate_cpv,
    validate_price_range,
    validate_ps_status,
)

# Record key -> model field, for the plain string fields of an organisation.
ORGANISATION_TEXT_FIELDS = {
    "name": "name",
    "legal_form": "legal_form",
    "nip": "nip",
    "street": "street",
    "postal_code": "postal_code",
    "city": "city",
    "powiat": "powiat",
    "subregion": "subregion",
    "website": "website",
    "email": "email",
    "phone": "phone",
    "description": "description",
    "social_mission": "social_mission",
}
REQUIRED_ORGANISATION_FIELDS = {"name", "legal_form", "nip", "city", "powiat", "subregion"}


class RecordInvalid(Exception):
    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def parse_record(data: dict, categories: dict[str, Category]) -> tuple[dict, list[dict]]:
    """Check types and the rules that need no database; return model values. Collects every reason."""
    reasons: list[str] = []
    values: dict = {}
    if not isinstance(data.get("id"), str) or not data["id"].strip():
        reasons.append(_("field “id” is required"))
    for key, model_field in ORGANISATION_TEXT_FIELDS.items():
        value = data.get(key)
        if value is None:
            if key in REQUIRED_ORGANISATION_FIELDS:
                reasons.append(_("field “%(field)s” is required") % {"field": key})
            values[model_field] = ""
        elif not isinstance(value, str):
            reasons.append(_("field “%(field)s” must be text") % {"field": key})
        else:
            values[model_field] = value.strip()
    krs = data.get("krs")
    if krs is not None and not isinstance(krs, str):
        reasons.append(_("field “%(field)s” must be text") % {"field": "krs"})
    values["krs"] = krs or ""
    regon = data.get("regon")
    values["regon"] = regon if isinstance(regon, str) else ""

    ps_status = data.get("ps_status", False)
    if not isinstance(ps_status, bool):
        reasons.append(_("field “%(field)s” must be true or false") % {"field": "ps_status"})
        ps_status = False
    values["ps_status"] = ps_status
    try:
        validate_ps_status(values.get("legal_form", ""), ps_status)
    except ValidationError as error:
        reasons.extend(error.messages)

    for key in ("lat", "lon"):
        value = data.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            reasons.append(_("field “%(field)s” must be a number") % {"field": key})
            value = None
        values["latitude" if key == "lat" else "longitude"] = value
    if values["latitude"] is not None and not -90 <= values["latitude"] <= 90:
        reasons.append(_("latitude must be between -90 and 90"))
    if values["longitude"] is not None and not -180 <= values["longitude"] <= 180:
        reasons.append(_("longitude must be between -180 and 180"))

    for key in ("employees_total", "employees_disadvantaged"):
        value = data.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            reasons.append(_("field “%(field)s” must be a whole number, zero or more") % {"field": key})
            value = 0
        values[key] = value
    if values["employees_disadvantaged"] > values["employees_total"]:
        reasons.append(_("employees at risk of exclusion cannot outnumber all employees"))
    declared = data.get("reserved_contract_eligible")
    derived = is_reserved_contract_eligible(values["employees_total"], values["employees_disadvantaged"])
    if declared is not None and declared is not derived:
        reasons.append(
            _("reserved_contract_eligible is %(declared)s but the 30%% rule gives %(derived)s")
            % {"declared": json.dumps(declared), "derived": json.dumps(derived)}
        )

    certificates = data.get("certificates") or []
    if not _is_list_of_text(certificates):
        reasons.append(_("field “%(field)s” must be a list of texts") % {"field": "certificates"})
        certificates = []
    unknown = [c for c in certificates if c not in Certificate.values]
    if unknown:
        reasons.append(_("unknown certificate: %(values)s") % {"values": ", ".join(unknown)})
    values["certificates"] = list(certificates)

    member_since = data.get("member_since")
    values["member_since"] = None
    if member_since is not None:
        try:
            values["member_since"] = date.fromisoformat(member_since)
        except (TypeError, ValueError):
            reasons.append(_("member_since must be a date written as YYYY-MM-DD"))

    offers_data = data.get("offers", [])
    offers: list[dict] = []
    if not isinstance(offers_data, list):
        reasons.append(_("field “%(field)s” must be a list") % {"field": "offers"})
        offers_data = []
    seen: set[str] = set()
    for position, offer_data in enumerate(offers_data, start=1):
        offer_reasons, offer = _parse_offer(offer_data, categories)
        label = offer_data.get("id") if isinstance(offer_data, dict) else None
        prefix = _("offer “%(id)s”") % {"id": label} if label else _("offer #%(n)s") % {"n": position}
        if offer and offer["slug"] in seen:
            offer_reasons.append(_("the id appears twice in this record"))
        reasons.extend(f"{prefix}: {reason}" for reason in offer_reasons)
        if offer:
            seen.add(offer["slug"])
            offers.append(offer)
    if reasons:
        raise RecordInvalid(reasons)
    return values, offers


def _parse_offer(data, categories: dict[str, Category]) -> tuple[list[str], dict | None]:
    if not isinstance(data, dict):
        return [_("an offer must be a JSON object")], None
    reasons: list[str] = []
    values: dict = {}
    for key, required in (
        ("id", True),
        ("kind", True),
        ("title", True),
        ("description", True),
        ("price_unit", False),
    ):
        value = data.get(key)
        if value is None:
            if required:
                reasons.append(_("field “%(field)s” is required") % {"field": key})
            value = ""
        elif not isinstance(value, str):
            reasons.append(_("field “%(field)s” must be text") % {"field": key})
            value = ""
        values["slug" if key == "id" else key] = value.strip()

    category_slug = data.get("category")
    category = categories.get(category_slug) if isinstance(category_slug, str) else None
    if category is None:
        reasons.append(_("unknown category “%(slug)s”") % {"slug": category_slug})
    values["category"] = category

    cpv_codes = data.get("cpv") or []
    if not _is_list_of_text(cpv_codes) or not cpv_codes:
        reasons.append(_("field “cpv” must list at least one CPV code"))
        cpv_codes = []
    for code in cpv_codes:
        try:
            validate_cpv(code)
        except ValidationError:
            reasons.append(_("CPV code “%(code)s” is not in the format NNNNNNNN-N") % {"code": code})
    values["cpv_codes"] = list(cpv_codes)

    for key in ("price_from", "price_to"):
        value = data.get(key)
        values[key] = None
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            reasons.append(_("field “%(field)s” must be a number of PLN") % {"field": key})
            continue
        try:
            values[key] = grosze_from_pln(value)
        except ValidationError as error:
            reasons.extend(f"{key}: {message}" for message in error.messages)
    try:
        validate_price_range(values["price_from"], values["price_to"])
    except ValidationError as error:
        reasons.extend(error.messages)
    if (values["price_from"] is not None or values["price_to"] is not None) and not values["price_unit"]:
        reasons.append(_("a price needs a price unit"))

    for key in ("service_area", "tags"):
        value = data.get(key) or []
        if not _is_list_of_text(value):
            reasons.append(_("field “%(field)s” must be a list of texts") % {"field": key})
            value = []
        values[key] = list(value)
    lead_time = data.get("lead_time_days")
    if lead_time is not None and (
        isinstance(lead_time, bool) or not isinstance(lead_time, int) or lead_time < 0
    ):
        reasons.append(
            _("field “%(field)s” must be a whole number, zero or more") % {"field": "lead_time_days"}
        )
        lead_time = None
    values["lead_time_days"] = lead_time
    return reasons, values if values["slug"] else None


def _is_list_of_text(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)
