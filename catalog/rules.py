"""Business rules of the catalogue that several places rely on. One function owns each rule."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.pl import nip, regon

# Art. 94 ust. 2 Pzp: a contract may be reserved for contractors with at least 30% of staff at risk
# of social exclusion. The boundary is inclusive.
RESERVED_CONTRACT_THRESHOLD = Decimal("0.30")

# Prices are stored in PositiveIntegerField columns (PostgreSQL integer): the highest amount in grosze.
MAX_PRICE_GROSZE = 2_147_483_647

# Facts that carry legal weight for buyers (identity, PS status, the 30% rule, certificates): a member's
# change waits for staff verification (catalog.services.verification); the public sees verified values.
VERIFIED_FACTS = (
    "nip",
    "regon",
    "krs",
    "legal_form",
    "ps_status",
    "ps_decision_date",
    "ps_decision_number",
    "employees_total",
    "employees_disadvantaged",
    "certificates",
)

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
    """The significant prefix of a CPV code: trailing zeros of the 8 digits removed (90910000 → 9091).

    The two digits of the division always stay: 80000000 is division 80, not every code starting with 8.
    """
    digits = code.split("-")[0]
    return digits.rstrip("0").ljust(2, "0")


def normalise_nip(value: str) -> str:
    return nip.compact(value or "")


# Reintegration units are not entities that can hold the PS status (ustawa o ekonomii społecznej).
PS_INELIGIBLE_LEGAL_FORMS = frozenset({"cis", "kis", "wtz", "zaz"})


def validate_ps_status(legal_form: str, ps_status: bool) -> None:
    if ps_status and legal_form in PS_INELIGIBLE_LEGAL_FORMS:
        raise ValidationError(
            _("CIS, KIS, WTZ and ZAZ units cannot hold the social enterprise (PS) status."),
            code="ps_status_not_allowed",
        )


def validate_price_range(price_from: int | None, price_to: int | None) -> None:
    """Prices are integer grosze: neither may be negative and the range may not be inverted."""
    if (price_from is not None and price_from < 0) or (price_to is not None and price_to < 0):
        raise ValidationError(_("A price cannot be negative."), code="negative_price")
    if price_from is not None and price_to is not None and price_from > price_to:
        raise ValidationError(
            _("The lower price cannot be higher than the upper price."), code="inverted_price_range"
        )


def grosze_from_pln(value) -> int:
    """Convert a PLN amount (number or decimal string, comma or dot) to integer grosze, exactly.

    Refuses more than two decimal places rather than rounding, so a typo is never silently changed.
    """
    if isinstance(value, bool):
        raise ValidationError(_("Enter a price in PLN, e.g. 12.50."), code="invalid_price")
    try:
        amount = Decimal(str(value).strip().replace(",", ".").replace("\u00a0", "").replace(" ", ""))
    except (ArithmeticError, ValueError) as error:
        raise ValidationError(_("Enter a price in PLN, e.g. 12.50."), code="invalid_price") from error
    if not amount.is_finite():
        raise ValidationError(_("Enter a price in PLN, e.g. 12.50."), code="invalid_price")
    # Compared before multiplying: 1e999999 * 100 overflows the decimal context, 1E+17 the column.
    if abs(amount) > MAX_PRICE_GROSZE // 100:
        raise ValidationError(
            _("A price can be at most %(max)s PLN."),
            code="price_too_high",
            params={"max": MAX_PRICE_GROSZE // 100},
        )
    grosze = amount * 100
    if grosze != grosze.to_integral_value():
        raise ValidationError(_("A price can have at most two decimal places."), code="price_precision")
    return int(grosze)


# VAT rates a quote may carry (%); 0 also stands for "zw." (exempt), common among social enterprises.
QUOTE_VAT_RATES = (23, 8, 5, 0)
QUOTE_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
QUOTE_LEAD_TIME_MAX_DAYS = 730
# PDF features that run code or carry other files: a quote has no use for them, so they are refused.
_ACTIVE_PDF_NAMES = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/OpenAction", b"/RichMedia")


def validate_quote_attachment(content: bytes) -> None:
    """A quote attachment is a plain PDF of at most 5 MB without scripts, launch actions or embedded files.

    Checked on the bytes (the header, the end-of-file marker, the active names), never on the name or
    the browser's content type, which the sender chooses.
    """
    if len(content) > QUOTE_ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("The attachment can be at most %(size)s MB."),
            code="attachment_too_large",
            params={"size": QUOTE_ATTACHMENT_MAX_BYTES // (1024 * 1024)},
        )
    if not content.startswith(b"%PDF-") or b"%%EOF" not in content[-2048:]:
        raise ValidationError(_("The attachment must be a PDF file."), code="attachment_not_pdf")
    if any(name in content for name in _ACTIVE_PDF_NAMES):
        raise ValidationError(
            _("The PDF contains scripts or embedded files; please send a plain PDF (e.g. printed to PDF)."),
            code="attachment_active_content",
        )


# The 20 counties (16 rural and four cities) of Pomorskie by OWES subregion, as the demo catalogue assigns them.
COUNTIES_BY_SUBREGION = {
    "slupski": ["bytowski", "lęborski", "słupski", "Słupsk"],
    "metropolitalny_polnocny": ["Gdynia", "pucki", "wejherowski"],
    "metropolitalny_poludniowy": ["Gdańsk", "Sopot", "gdański", "kartuski", "kościerski"],
    "nadwislanski": ["kwidzyński", "malborski", "nowodworski", "sztumski", "tczewski"],
    "poludniowy": ["chojnicki", "człuchowski", "starogardzki"],
}
_SUBREGION_OF_COUNTY = {
    county.casefold(): subregion
    for subregion, counties in COUNTIES_BY_SUBREGION.items()
    for county in counties
}


def subregion_for_county(county: str) -> str | None:
    """'powiat kartuski', 'Kartuski', 'm. Gdańsk' → the OWES subregion's value; None when not a county of Pomorskie."""
    name = re.sub(r"^(powiat|pow\.|m\.|miasto)\s+", "", county.strip().casefold())
    return _SUBREGION_OF_COUNTY.get(name)
