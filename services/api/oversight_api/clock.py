"""The API's one clock: the current time, today's date and the deployment's calendars as dependencies, so
notice rules, lateness and clocks can be tested at a fixed time.

Tests move time with ``app.dependency_overrides[now] = lambda: datetime(2021, 11, 10, 17, tzinfo=UTC)``
(``today`` follows it), or set only the date with ``app.dependency_overrides[today] = lambda: date(2026, 1, 5)``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import Depends, Request

from oversight_app.calendars import Calendars


def now() -> datetime:
    """The current time, timezone-aware (UTC)."""
    return datetime.now(UTC)


Now = Annotated[datetime, Depends(now)]


def today(current: Now) -> date:
    """Today's date in UTC, from the same clock as ``now``."""
    return current.date()


Today = Annotated[date, Depends(today)]


def deployment_calendars(request: Request) -> Calendars:
    """Each jurisdiction's holidays plus the deployment's configured closure dates."""
    return Calendars.with_closures(request.app.state.resources.settings.closure_dates)


AppCalendars = Annotated[Calendars, Depends(deployment_calendars)]
