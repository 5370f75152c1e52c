"""Numbers and dates bounded to what the columns and the calendar rules hold.

An integer past a 32-bit column's range reaches Postgres as a ``DataError`` (a 500), and a date like
0001-01-01 or 9999-12-31 is either nonsense for a schedule or overflows the date arithmetic after it
(0001-01-01 as ``issued_on`` opened a CAP at once). Inputs use these types so such values are a 422 at the
field's path instead.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field

INT32_MAX = 2**31 - 1
MIN_DAY = date(1900, 1, 1)
MAX_DAY = date(2199, 12, 31)

Int32 = Annotated[int, Field(ge=-(2**31), le=INT32_MAX)]
"""Fits an ``Integer`` column."""
Count = Annotated[int, Field(ge=0, le=INT32_MAX)]
"""A non-negative quantity that fits an ``Integer`` column (days, attempts)."""
Ordinal = Annotated[int, Field(ge=1, le=INT32_MAX)]
"""A 1-based number that fits an ``Integer`` column (a version, a milestone, a quarter)."""
Day = Annotated[date, Field(ge=MIN_DAY, le=MAX_DAY)]
"""A calendar date in 1900-01-01..2199-12-31: wide enough for birth dates and long programs, narrow enough
that no rule's date arithmetic leaves Python's date range."""
