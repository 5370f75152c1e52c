"""Small shared value types used across the domain package."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema

DayType = Literal["calendar", "business"]
Answer = Literal["yes", "no", "na"]
Level = Literal["record", "provider"]
Program = Literal["ecm", "tcm"]
Outcome = Literal["pass", "conditional_pass", "pip"]


def to_fraction(value: Any) -> Fraction:
    """Read an exact fraction.

    Accepted: ``Fraction``, ``int``, ``Decimal``, strings such as ``"9/10"``, ``"0.9"`` or ``"90%"``,
    and floats, which are read through their shortest decimal ``repr`` (``0.9`` -> ``9/10``) so a
    YAML/JSON ``0.9`` means exactly nine tenths. Booleans are rejected.
    """
    if isinstance(value, bool):
        raise ValueError("expected a fraction such as '9/10' or '0.9', got a boolean")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("expected a finite number")
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(repr(value))
    if isinstance(value, str):
        text = value.strip()
        try:
            if text.endswith("%"):
                return Fraction(text[:-1].strip()) / 100
            return Fraction(text)
        except (ValueError, ZeroDivisionError) as exc:
            raise ValueError(f"not a fraction or decimal number: {value!r}") from exc
    raise ValueError(f"expected a fraction such as '9/10' or '0.9', got {type(value).__name__}")


def _fraction_to_str(value: Fraction) -> str:
    return str(value)


ExactFraction = Annotated[
    Fraction,
    PlainValidator(to_fraction),
    PlainSerializer(_fraction_to_str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^-?\d+(/\d+|\.\d+)?%?$", "examples": ["9/10", "0.8"]}),
]
"""A ``Fraction`` that serialises as ``"9/10"`` and reads ints, decimal strings, ``"a/b"`` and ``"90%"``."""
