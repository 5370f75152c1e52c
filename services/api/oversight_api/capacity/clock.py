"""An injectable clock: lateness and "overdue" depend on today's date, and tests must be able to set it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends

Now = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


def get_clock() -> Now:
    """Override with ``app.dependency_overrides[get_clock]`` to move time."""
    return utcnow


Clock = Annotated[Now, Depends(get_clock)]
