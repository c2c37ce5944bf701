import pytest
from django.core.exceptions import ValidationError

from catalog.rules import cpv_prefix, is_reserved_contract_eligible, validate_cpv, validate_krs, validate_nip


@pytest.mark.parametrize(
    ("total", "disadvantaged", "eligible"),
    [
        (10, 3, True),
        (7, 2, False),
        (18, 11, True),
        (0, 0, False),
        (1, 0, False),
        (100, 29, False),
        (100, 30, True),
    ],
)
def test_reserved_contract_rule_is_thirty_percent_inclusive(total, disadvantaged, eligible):
    assert is_reserved_contract_eligible(total, disadvantaged) is eligible


def test_valid_nip_is_accepted():
    validate_nip("8399954166")


@pytest.mark.parametrize("value", ["8399954167", "123", "", "abcdefghij"])
def test_invalid_nip_is_refused(value):
    with pytest.raises(ValidationError):
        validate_nip(value)


@pytest.mark.parametrize("value", ["90910000-9", "55523100-3"])
def test_cpv_in_official_format_is_accepted(value):
    validate_cpv(value)


@pytest.mark.parametrize("value", ["90910000", "9091000-9", "90910000-99", "x0910000-9"])
def test_cpv_in_wrong_format_is_refused(value):
    with pytest.raises(ValidationError):
        validate_cpv(value)


def test_cpv_prefix_drops_trailing_zeros():
    assert cpv_prefix("90910000-9") == "9091"
    assert cpv_prefix("55523100-3") == "555231"
    assert cpv_prefix("80000000-4") == "80"  # a division keeps both of its digits
    assert cpv_prefix("03000000-1") == "03"


def test_krs_must_have_ten_digits():
    validate_krs("0000512734")
    with pytest.raises(ValidationError):
        validate_krs("512734")
