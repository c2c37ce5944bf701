"""Import of the catalogue from the shared JSONL format (see ../shared/data/catalog/README.md).

One line is one record: an organisation with its offers nested. Records are upserted by their `id`
(the organisation's slug) and their offers by the offers' `id` (the offer's slug).
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.utils.translation import gettext as _

from catalog.choices import Certificate, MembershipStatus, OfferStatus
from catalog.models import Category, Offer, Organisation
from catalog.rules import (
    grosze_from_pln,
    is_reserved_contract_eligible,
    validate_cpv,
    validate_price_range,
    validate_ps_status,
)

ProgressCallback = Callable[[int, int], None]

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


@dataclass(frozen=True)
class RecordError:
    line: int
    record_id: str
    reason: str

    def __str__(self) -> str:
        return _("line %(line)s (%(id)s): %(reason)s") % {
            "line": self.line,
            "id": self.record_id or "?",
            "reason": self.reason,
        }


@dataclass
class ImportReport:
    """Counts of one import. Organisations are counted per record; offers separately."""

    dry_run: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    offers_created: int = 0
    offers_updated: int = 0
    offers_unchanged: int = 0
    categories_created: int = 0
    categories_updated: int = 0
    categories_unchanged: int = 0
    errors: list[RecordError] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged + self.rejected


class CatalogueFileError(ValueError):
    """The categories file as a whole is unusable (not a JSON list of categories)."""


class RecordInvalid(Exception):
    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def import_categories(categories: list[dict]) -> tuple[int, int, int]:
    """Upsert the taxonomy by slug; the file's order becomes the display order.

    Validates the whole list before writing anything; raises CatalogueFileError on a malformed list.
    Idempotent. Returns (created, updated, unchanged).
    """
    if not isinstance(categories, list):
        raise CatalogueFileError(_("The categories file must hold a JSON list."))
    rows = []
    for position, item in enumerate(categories, start=1):
        if not isinstance(item, dict) or not all(
            isinstance(item.get(key), str) and item.get(key).strip() for key in ("slug", "name_pl", "name_en")
        ):
            raise CatalogueFileError(
                _("Category #%(position)s needs the text fields slug, name_pl and name_en.")
                % {"position": position}
            )
        rows.append((position, item))
    created = updated = unchanged = 0
    with transaction.atomic():
        for position, item in rows:
            values = {
                "name_pl": item["name_pl"].strip(),
                "name_en": item["name_en"].strip(),
                "sort_order": position,
            }
            category = Category.objects.select_for_update().filter(slug=item["slug"]).first()
            if category is None:
                category = Category(slug=item["slug"], **values)
                try:
                    category.full_clean()
                except ValidationError as error:
                    raise CatalogueFileError(_format_validation_error(error)) from error
                category.save()
                created += 1
            elif _assign(category, values):
                category.save()
                updated += 1
            else:
                unchanged += 1
    return created, updated, unchanged


def import_catalog(
    lines: Iterable[str],
    *,
    categories: list[dict] | None = None,
    dry_run: bool = False,
    on_progress: ProgressCallback | None = None,
) -> ImportReport:
    """Upsert organisations and their offers from JSONL lines; idempotent by the records' ids.

    - `categories` (the parsed categories.json) are upserted first, by slug.
    - Each record is validated completely (format, NIP, CPV, prices, the 30% rule, uniqueness) before
      any of it is written, and is written in its own savepoint, so a bad record is reported with its
      line number and reason while the others still import.
    - The existing organisation and offers of a record are locked (`select_for_update`) while it is
      compared and written; rows whose values did not change are not saved at all.
    - New organisations become active members and new offers are published. On an update the
      membership and offer status are left as staff set them, and offers missing from a record are
      left alone (members may add offers in the portal).
    - `dry_run` does all of the above inside a transaction that is rolled back. No emails are sent.
    """
    report = ImportReport(dry_run=dry_run)
    numbered = [(number, line) for number, line in enumerate(lines, start=1) if line.strip()]
    with transaction.atomic():
        if categories is not None:
            (
                report.categories_created,
                report.categories_updated,
                report.categories_unchanged,
            ) = import_categories(categories)
        categories_by_slug = {c.slug: c for c in Category.objects.all()}
        offer_lines: dict[str, int] = {}
        for done, (number, line) in enumerate(numbered, start=1):
            _import_line(number, line, categories_by_slug, offer_lines, report)
            if on_progress:
                on_progress(done, len(numbered))
        if dry_run:
            transaction.set_rollback(True)
    return report


def _import_line(
    number: int, line: str, categories: dict[str, Category], offer_lines: dict[str, int], report: ImportReport
) -> None:
    record_id = ""
    try:
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise RecordInvalid([_("not valid JSON (%(error)s)") % {"error": error.msg}]) from error
        if not isinstance(data, dict):
            raise RecordInvalid([_("a record must be a JSON object")])
        record_id = data.get("id") if isinstance(data.get("id"), str) else ""
        organisation_values, offers = _parse_record(data, categories)
        duplicates = [
            _("offer “%(id)s” already appears on line %(line)s")
            % {"id": offer["slug"], "line": offer_lines[offer["slug"]]}
            for offer in offers
            if offer["slug"] in offer_lines
        ]
        if duplicates:
            raise RecordInvalid(duplicates)
        with transaction.atomic():
            outcome = _write_record(record_id, organisation_values, offers)
    except RecordInvalid as invalid:
        report.rejected += 1
        report.errors.append(RecordError(number, record_id, "; ".join(invalid.reasons)))
        return
    except (IntegrityError, DatabaseError) as error:
        # A concurrent writer took the same NIP or slug between our check and our write.
        report.rejected += 1
        report.errors.append(
            RecordError(number, record_id, _("database refused the record (%(error)s)") % {"error": error})
        )
        return
    for offer in offers:
        offer_lines[offer["slug"]] = number
    status, offers_created, offers_updated, offers_unchanged = outcome
    setattr(report, status, getattr(report, status) + 1)
    report.offers_created += offers_created
    report.offers_updated += offers_updated
    report.offers_unchanged += offers_unchanged


def _parse_record(data: dict, categories: dict[str, Category]) -> tuple[dict, list[dict]]:
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


def _write_record(record_id: str, values: dict, offers: list[dict]) -> tuple[str, int, int, int]:
    """Validate against the database and write. Runs inside the record's savepoint."""
    organisation = Organisation.objects.select_for_update().filter(slug=record_id).first()
    created = organisation is None
    if created:
        organisation = Organisation(slug=record_id, membership_status=MembershipStatus.ACTIVE, **values)
        organisation_changed = True
    else:
        organisation_changed = _assign(organisation, values)
    reasons: list[str] = []
    try:
        organisation.full_clean(exclude=["logo"])
    except ValidationError as error:
        reasons.append(_format_validation_error(error))

    existing = {
        offer.slug: offer
        for offer in Offer.objects.select_for_update(of=("self",))
        .select_related("organisation", "category")
        .filter(slug__in=[o["slug"] for o in offers])
        .order_by("pk")
    }
    planned: list[tuple[Offer, bool]] = []
    for offer_values in offers:
        offer = existing.get(offer_values["slug"])
        if offer is not None and offer.organisation_id != organisation.pk:
            reasons.append(
                _("offer “%(id)s” belongs to another organisation (%(owner)s)")
                % {"id": offer.slug, "owner": offer.organisation.slug}
            )
            continue
        if offer is None:
            offer = Offer(status=OfferStatus.PUBLISHED, **offer_values)
            changed = True
        else:
            changed = _assign(offer, {k: v for k, v in offer_values.items() if k != "slug"})
        try:
            offer.full_clean(exclude=["organisation"], validate_unique=offer.pk is not None)
        except ValidationError as error:
            reasons.append(
                _("offer “%(id)s”: %(reason)s")
                % {"id": offer.slug, "reason": _format_validation_error(error)}
            )
        planned.append((offer, changed))
    if reasons:
        raise RecordInvalid(reasons)

    if organisation_changed:
        organisation.save()
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for offer, changed in planned:
        if offer.pk is None:
            offer.organisation = organisation
            offer.save()
            counts["created"] += 1
        elif changed:
            offer.save()
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    if created:
        status = "created"
    elif organisation_changed or counts["created"] or counts["updated"]:
        status = "updated"
    else:
        status = "unchanged"
    return status, counts["created"], counts["updated"], counts["unchanged"]


def _assign(instance, values: dict) -> bool:
    """Set the values on the instance; True when any of them differed."""
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


def _is_list_of_text(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _format_validation_error(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" if name != "__all__" else " ".join(messages)
            for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)
