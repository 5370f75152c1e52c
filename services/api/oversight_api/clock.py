"""Today's date and the deployment's calendars as dependencies, so notice rules and clocks can be tested on a
fixed date.

Tests override the date with ``app.dependency_overrides[today] = lambda: date(2026, 1, 5)``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import Depends, Request

from oversight_app.calendars import Calendars
from oversight_domain.calendars import Calendar


def today() -> date:
    return datetime.now(UTC).date()


Today = Annotated[date, Depends(today)]


def deployment_calendars(request: Request) -> Calendars:
    """Each jurisdiction's holidays plus the deployment's configured closure dates."""
    return Calendars.with_closures(request.app.state.resources.settings.closure_dates)


AppCalendars = Annotated[Calendars, Depends(deployment_calendars)]


def calendar_for(request: Request, jurisdiction: str) -> Calendar:
    """Transitional: what ``AppCalendars`` gives routes, for services that still take the request."""
    return deployment_calendars(request).of(jurisdiction)
