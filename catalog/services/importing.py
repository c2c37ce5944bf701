"""Import of the catalogue from the shared JSONL format (see ../shared/data/catalog/README.md).

One line is one record: an organisation with its offers nested. Records are upserted by their `id`
(the organisation's slug) and their offers by the offers' `id` (the offer's slug).
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.utils.translation import gettext as _

from catalog.choices import MembershipStatus, OfferStatus
from catalog.models import Category, Offer, Organisation

from .import_records import RecordInvalid, parse_record

ProgressCallback = Callable[[int, int], None]


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
        organisation_values, offers = parse_record(data, categories)
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


def _format_validation_error(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" if name != "__all__" else " ".join(messages)
            for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)
