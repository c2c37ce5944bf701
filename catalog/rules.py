"""Business rules of the catalogue that several places rely on. One function owns each rule."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.pl import nip, regon

# Art. 94 ust. 2 Pzp: a contract may be reserved for contractors with at least 30% of staff at risk
# of social exclusion. The boundary is inclusive.
RESERVED_CONTRACT_THRESHOLD = Decimal("0.30")

CPV_PATTERN = re.compile(r"^\d{8}-\d$")
# KRS numbers carry no check digit (python-stdnum has no module for them): ten digits, zero-padded.
KRS_PATTERN = re.compile(r"^\d{10}$")


def is_reserved_contract_eligible(employees_total: int | None, employees_disadvantaged: int | None) -> bool:
    """The 30% rule: integer arithmetic, so 3/10 is eligible and 2/7 is not."""
    if not employees_total or employees_disadvantaged is None or employees_total <= 0:
        return False
    return employees_disadvantaged * 100 >= employees_total * int(RESERVED_CONTRACT_THRESHOLD * 100)


def validate_nip(value: str) -> None:
    if not nip.is_valid(value or ""):
        raise ValidationError(
            _("Enter a valid NIP (10 digits with a correct check digit)."), code="invalid_nip"
        )


def validate_regon(value: str) -> None:
    if value and not regon.is_valid(value):
        raise ValidationError(_("Enter a valid REGON (9 or 14 digits)."), code="invalid_regon")


def validate_krs(value: str) -> None:
    if value and not KRS_PATTERN.match(value):
        raise ValidationError(_("Enter a valid KRS number (10 digits)."), code="invalid_krs")


def validate_cpv(value: str) -> None:
    if not CPV_PATTERN.match(value or ""):
        raise ValidationError(
            _("Enter a CPV code in the format NNNNNNNN-N, e.g. 90910000-9."), code="invalid_cpv"
        )


def cpv_prefix(code: str) -> str:
    """The significant prefix of a CPV code: trailing zeros of the 8 digits removed (90910000 → 9091)."""
    digits = code.split("-")[0]
    return digits.rstrip("0") or digits[:2]


def normalise_nip(value: str) -> str:
    return nip.compact(value or "")
