"""Numbers and dates bounded to what the columns and the calendar rules hold.

An integer past a 32-bit column's range reaches Postgres as a ``DataError`` (a 500), and a date like
0001-01-01 or 9999-12-31 is either nonsense for a schedule or overflows the date arithmetic after it
(0001-01-01 as ``issued_on`` opened a CAP at once). Inputs use these types so such values are a 422 at the
field's path instead.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated

from pydantic import BeforeValidator, Field

INT32_MAX = 2**31 - 1
MIN_DAY = date(1900, 1, 1)
MAX_DAY = date(2199, 12, 31)

Int32 = Annotated[int, Field(ge=-(2**31), le=INT32_MAX)]
"""Fits an ``Integer`` column."""
Count = Annotated[int, Field(ge=0, le=INT32_MAX)]
"""A non-negative quantity that fits an ``Integer`` column (days, attempts)."""
Ordinal = Annotated[int, Field(ge=1, le=INT32_MAX)]
"""A 1-based number that fits an ``Integer`` column (a version, a milestone, a quarter)."""
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value: object) -> object:
    """Dates are ISO 8601 text: pydantic alone also reads a number (``0``, ``"1700000000"``) as Unix time."""
    if isinstance(value, int | float | str) and not (isinstance(value, str) and _ISO_DAY.fullmatch(value)):
        raise ValueError("must be a date as YYYY-MM-DD (ISO 8601)")
    return value


def _iso_instant(value: object) -> object:
    """Times are ISO 8601 text (``2025-01-31T12:00:00Z``), never Unix numbers (``until=0.5``)."""
    if isinstance(value, int | float | str) and not (isinstance(value, str) and _ISO_DAY.match(value)):
        raise ValueError("must be an ISO 8601 date-time (YYYY-MM-DDTHH:MM:SSZ)")
    return value


# The bounds as the document declares them (a JSON Schema ``date`` has no minimum): the year 1900..2199.
DAY_PATTERN = r"^(19[0-9]{2}|2[01][0-9]{2})-[0-9]{2}-[0-9]{2}$"
Day = Annotated[
    date,
    BeforeValidator(_iso_day),
    Field(ge=MIN_DAY, le=MAX_DAY, json_schema_extra={"pattern": DAY_PATTERN}),
]
"""A calendar date in 1900-01-01..2199-12-31: wide enough for birth dates and long programs, narrow enough
that no rule's date arithmetic leaves Python's date range. ISO 8601 only (``YYYY-MM-DD``)."""
Instant = Annotated[datetime, BeforeValidator(_iso_instant)]
"""A point in time as ISO 8601 text; a date alone means its midnight."""
