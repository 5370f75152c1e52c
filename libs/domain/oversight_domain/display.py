"""Rounding for display only. Thresholds are always compared on exact fractions (see scoring).

``percent(Fraction(159, 200)) == "79.5"``; ``percent(Fraction(1599, 2000)) == "80.0"`` although
79.95% is below 80% and scores ``pip`` - the displayed figure never decides an outcome.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction


def round_half_up(value: Fraction, places: int = 1) -> Decimal:
    """Round to ``places`` decimals, halves away from zero (``0.25 -> 0.3``, ``-0.25 -> -0.3``)."""
    scale = 10**places
    magnitude = math.floor(abs(value) * scale + Fraction(1, 2))
    signed = -magnitude if value < 0 else magnitude
    return Decimal(signed).scaleb(-places)


def percent(value: Fraction | None, places: int = 1) -> str | None:
    """A score as a percentage string with ``places`` decimals, half-up: ``Fraction(2, 3) -> "66.7"``.
    ``None`` (nothing scorable) stays ``None``."""
    if value is None:
        return None
    return f"{round_half_up(value * 100, places):.{places}f}"
