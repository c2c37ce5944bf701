"""Property tests (Hypothesis) for the rules every other module relies on."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
from stdnum.pl import nip as stdnum_nip

from catalog.rules import is_reserved_contract_eligible, validate_cpv, validate_nip
from config.core.money import format_pln
from events.money import gross_from_net, vat_amount

VAT_RATES = st.sampled_from([0, 5, 8, 23])
GROSZE = st.integers(min_value=0, max_value=10**11)


@given(st.text(max_size=40))
def test_nip_validator_agrees_with_python_stdnum_on_any_text(value):
    expected_valid = stdnum_nip.is_valid(value)
    try:
        validate_nip(value)
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted is expected_valid


@given(st.from_regex(r"\A\d{9}\Z"))
def test_every_nine_digit_prefix_has_at_most_one_valid_check_digit(prefix):
    valid = [d for d in "0123456789" if stdnum_nip.is_valid(prefix + d)]
    assert len(valid) <= 1
    for digit in valid:
        validate_nip(prefix + digit)


@given(st.from_regex(r"\A\d{8}-\d\Z"))
def test_cpv_validator_accepts_every_code_in_the_official_format(code):
    validate_cpv(code)


@given(
    st.text(max_size=20).filter(
        lambda s: (
            not (
                len(s) == 10
                and s[:8].isascii()
                and s[:8].isdigit()
                and s[8] == "-"
                and s[9].isascii()
                and s[9].isdigit()
            )
        )
    )
)
def test_cpv_validator_refuses_anything_else(value):
    with pytest.raises(ValidationError):
        validate_cpv(value)


@given(GROSZE, VAT_RATES)
def test_gross_is_net_plus_vat_rounded_half_up_to_the_grosz(net, rate):
    exact = Decimal(net) * rate / 100
    assert vat_amount(net, rate) == int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert gross_from_net(net, rate) == net + vat_amount(net, rate)
    # Rounding never moves the VAT by more than half a grosz.
    assert abs(Decimal(vat_amount(net, rate)) - exact) <= Decimal("0.5")


@given(GROSZE, GROSZE, VAT_RATES)
def test_vat_of_a_sum_differs_from_the_sum_of_vats_by_at_most_one_grosz(a, b, rate):
    assert abs(vat_amount(a + b, rate) - (vat_amount(a, rate) + vat_amount(b, rate))) <= 1


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_formatted_pln_round_trips_to_the_same_grosze(grosze):
    text = format_pln(grosze)
    assert text.endswith("\u00a0zł")
    digits = text.removesuffix("\u00a0zł").replace("\u00a0", "").replace(",", "")
    assert int(digits) == grosze


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**6))
def test_reserved_contract_rule_matches_exact_fraction(total, disadvantaged):
    disadvantaged = min(disadvantaged, total)
    expected = total > 0 and Decimal(disadvantaged) / Decimal(total) >= Decimal("0.3")
    assert is_reserved_contract_eligible(total, disadvantaged) is expected
