"""The curated CPV dictionary: the CPV 2008 codes members use, named in Polish and English.

The names are the official wording of the Common Procurement Vocabulary (Regulation (EC) No 213/2008)
in its Polish and English versions, kept in `catalog/data/cpv_codes.csv` for every code of the sample
catalogue and the demo content, plus their divisions and most of their groups. No maintained package
on PyPI carries the list with Polish names, hence the file.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db.models import Q

from ..models import CpvCode
from ..rules import cpv_prefix, validate_cpv

CPV_CODES_FILE = Path(__file__).resolve().parent.parent / "data" / "cpv_codes.csv"


class InvalidCpvFile(ValueError):
    """A line of the dictionary file is not a valid entry; nothing of the file was written."""


@dataclass(frozen=True)
class CpvEntry:
    code: str
    name_pl: str
    name_en: str


@dataclass(frozen=True)
class CpvLoadReport:
    created: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class CpvName:
    """A code with its name in the active language, or its nearest named parent's."""

    code: str
    name: str  # empty when neither the code nor any parent is in the dictionary
    exact: bool  # False when the name is that of a parent group or division


def read_cpv_codes(path: Path = CPV_CODES_FILE) -> list[CpvEntry]:
    """Every entry of a dictionary file (columns code, name_pl, name_en); raises InvalidCpvFile."""
    entries: list[CpvEntry] = []
    seen: set[str] = set()
    with open(path, encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            code = (row.get("code") or "").strip()
            name_pl, name_en = (row.get("name_pl") or "").strip(), (row.get("name_en") or "").strip()
            try:
                validate_cpv(code)
            except ValidationError as error:
                raise InvalidCpvFile(f"{path.name}:{line}: {error.messages[0]}") from error
            if not name_pl or not name_en:
                raise InvalidCpvFile(f"{path.name}:{line}: {code} needs both a Polish and an English name.")
            if code in seen:
                raise InvalidCpvFile(f"{path.name}:{line}: {code} is listed twice.")
            seen.add(code)
            entries.append(CpvEntry(code, name_pl, name_en))
    return entries


def load_cpv_codes(path: Path = CPV_CODES_FILE, model=CpvCode, using: str = "default") -> CpvLoadReport:
    """Upsert the dictionary file by code. Idempotent: a second run creates and updates nothing.

    The whole file is validated before anything is written. Codes that staff added in the admin and
    the file does not list are kept. `model` and `using` let the post-migrate hook pass its own.
    """
    entries = read_cpv_codes(path)
    objects = model._default_manager.db_manager(using)
    existing = objects.in_bulk([entry.code for entry in entries])
    created, changed = [], []
    for entry in entries:
        row = existing.get(entry.code)
        if row is None:
            created.append(model(code=entry.code, name_pl=entry.name_pl, name_en=entry.name_en))
        elif (row.name_pl, row.name_en) != (entry.name_pl, entry.name_en):
            row.name_pl, row.name_en = entry.name_pl, entry.name_en
            changed.append(row)
    # ignore_conflicts: two deploys loading at once must not fail on each other's inserts.
    objects.bulk_create(created, ignore_conflicts=True)
    objects.bulk_update(changed, ["name_pl", "name_en"])
    return CpvLoadReport(
        created=len(created), updated=len(changed), unchanged=len(entries) - len(created) - len(changed)
    )


def describe_cpv_codes(codes: list[str]) -> list[CpvName]:
    """Name each code in the active language; a code missing from the dictionary takes its nearest parent's.

    A member may use any official code, while the dictionary holds the common ones: "55521200-0" not
    being listed still reads as its group, "Catering services", rather than as a bare number.
    """
    divisions = {code.split("-")[0][:2] for code in codes if code}
    if not divisions:
        return []
    condition = Q()
    for division in divisions:
        condition |= Q(code__startswith=division)
    known = {entry.code: entry for entry in CpvCode.objects.filter(condition)}
    by_prefix = {cpv_prefix(code): entry for code, entry in known.items()}
    names = []
    for code in codes:
        if code in known:
            names.append(CpvName(code, known[code].name, exact=True))
            continue
        digits = code.split("-")[0]
        parent = next(
            (by_prefix[digits[:n]] for n in range(len(digits), 1, -1) if digits[:n] in by_prefix), None
        )
        names.append(CpvName(code, parent.name if parent else "", exact=False))
    return names
