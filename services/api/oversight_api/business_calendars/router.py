"""Business calendars (issue 17): the shipped state schedules, and an organization's own calendar
(its state's schedule plus the days it closes or keeps open, with the reason)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from oversight_api.clock import AppCalendars
from oversight_api.conventions.etags import IfMatch
from oversight_api.conventions.responses import respond
from oversight_api.deps import Session
from oversight_api.organizations.auth import OrganizationsRead, OrganizationsWrite
from oversight_app.business_calendars import service
from oversight_app.business_calendars.schemas import (
    CalendarDayChange,
    OrganizationCalendarOut,
    PublishedCalendarOut,
)

router = APIRouter(tags=["calendars"])


@router.get(
    "/business-calendars", response_model=list[PublishedCalendarOut], operation_id="calendars_list_published"
)
async def list_published(caller: OrganizationsRead) -> list[PublishedCalendarOut]:
    """The states' published holiday schedules the service ships, with their source and year."""
    return service.published()


@router.get(
    "/organizations/{organization_id}/calendar",
    response_model=OrganizationCalendarOut,
    operation_id="calendars_get",
)
async def get_calendar(
    organization_id: uuid.UUID, session: Session, caller: OrganizationsRead, calendars: AppCalendars
) -> Response:
    """Your organization's business calendar: the one every business-day rule of your policies uses."""
    out = await service.get_calendar(session, caller, organization_id, calendars)
    return respond(out, etag=out.version)


@router.post(
    "/organizations/{organization_id}/calendar/days",
    response_model=OrganizationCalendarOut,
    operation_id="calendars_change_day",
)
async def change_day(
    organization_id: uuid.UUID,
    body: CalendarDayChange,
    session: Session,
    caller: OrganizationsWrite,
    calendars: AppCalendars,
    if_match: IfMatch = None,
) -> Response:
    """Close a day or keep one open, with the reason (audited). A change back to the state's schedule
    undoes the earlier change. Send the calendar's ETag in If-Match (`"0"` before the first change)."""
    out = await service.change_day(session, caller, organization_id, body, if_match, calendars)
    return respond(out, etag=out.version)
