"""Today's date as a dependency, so notice rules and clocks can be tested on a fixed date.

Tests override it with ``app.dependency_overrides[today] = lambda: date(2026, 1, 5)``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import Depends, Request

from oversight_domain.calendars import Calendar


def today() -> date:
    return datetime.now(UTC).date()


Today = Annotated[date, Depends(today)]


def calendar_for(request: Request, jurisdiction: str) -> Calendar:
    """The jurisdiction's holidays plus the deployment's configured closure dates."""
    closures = request.app.state.resources.settings.closure_dates
    return Calendar.for_jurisdiction(jurisdiction, closures)
