"""Display rounding: one decimal, half-up; display never decides an outcome (seed 003 thresholds)."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oversight_domain.display import percent, round_half_up


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(159, 200), "79.5"),
        (Fraction(1599, 2000), "80.0"),  # 79.95% shows as 80.0 but is still below 80%
        (Fraction(2, 3), "66.7"),
        (Fraction(1, 3), "33.3"),
        (Fraction(1, 8), "12.5"),
        (Fraction(1, 1600), "0.1"),  # 0.0625% -> 0.1 (half-up)
        (Fraction(9, 10), "90.0"),
        (Fraction(1), "100.0"),
        (Fraction(0), "0.0"),
    ],
)
def test_percent_one_decimal_half_up(value, text) -> None:
    assert percent(value) == text


def test_percent_none_is_none_and_negative_halves_round_away_from_zero() -> None:
    assert percent(None) is None
    assert round_half_up(Fraction(-1, 4), 1) == Decimal("-0.3")
    assert round_half_up(Fraction(1, 4), 1) == Decimal("0.3")


@given(st.fractions(min_value=0, max_value=1))
def test_property_display_is_within_half_a_unit(value) -> None:
    shown = Fraction(percent(value))
    assert abs(shown - value * 100) <= Fraction(1, 20)
