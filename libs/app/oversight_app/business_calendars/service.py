"""Business calendars as data (issue 17).

A jurisdiction's days come from its shipped published schedule (``oversight_domain.calendars``); an
organization's own calendar is that schedule plus the organization's changes (days it closes, days it keeps
open, each with the reason), versioned and audited. Every business-day rule of a plan's policies uses the
plan's own calendar: :func:`organization_calendar`.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.audit import audit_event
from oversight_app.business_calendars.schemas import (
    CalendarChangeOut,
    CalendarDayChange,
    ClosedDay,
    OrganizationCalendarOut,
    PublishedCalendarOut,
    PublishedYearOut,
)
from oversight_app.calendars import Calendars
from oversight_app.caller import Caller
from oversight_app.errors import not_found, unprocessable
from oversight_app.etags import check_if_match
from oversight_db.models import Organization
from oversight_db.models.activity import BusinessCalendar, BusinessCalendarDay
from oversight_domain.calendars import (
    PUBLISHED_JURISDICTIONS,
    Calendar,
    PublishedSchedule,
    published_schedule,
)


def published() -> list[PublishedCalendarOut]:
    out = []
    for jurisdiction in PUBLISHED_JURISDICTIONS:
        schedule = published_schedule(jurisdiction)
        assert schedule is not None
        out.append(_published_out(schedule))
    return out


def _published_out(schedule: PublishedSchedule) -> PublishedCalendarOut:
    return PublishedCalendarOut(
        jurisdiction=schedule.jurisdiction,
        title=schedule.title,
        source=schedule.source,
        source_url=schedule.source_url,
        published_year=schedule.published_year,
        years=[
            PublishedYearOut(
                year=year,
                basis="published" if entry.basis == "published" else "derived",
                days=[ClosedDay(day=d, reason=why) for d, why in sorted(entry.days.items())],
            )
            for year, entry in sorted(schedule.years.items())
        ],
    )


async def _changes(
    session: AsyncSession, organization_id: uuid.UUID
) -> tuple[BusinessCalendar | None, list[BusinessCalendarDay]]:
    row = await session.scalar(
        select(BusinessCalendar).where(BusinessCalendar.organization_id == organization_id)
    )
    if row is None:
        return None, []
    days = (
        await session.scalars(
            select(BusinessCalendarDay)
            .where(BusinessCalendarDay.calendar_id == row.id)
            .order_by(BusinessCalendarDay.day)
        )
    ).all()
    return row, list(days)


def _calendar(base: str, days: list[BusinessCalendarDay], calendars: Calendars) -> Calendar:
    return Calendar(
        base,
        frozenset(calendars.closures) | {d.day for d in days if d.closed},
        frozenset(d.day for d in days if not d.closed),
    )


async def organization_calendar(
    session: AsyncSession, calendars: Calendars, organization_id: uuid.UUID, jurisdiction: str
) -> Calendar:
    """The calendar the organization's business-day rules use: its own when it has one (its base schedule
    and its changes), else ``jurisdiction``'s; the deployment's closures apply to both."""
    row, days = await _changes(session, organization_id)
    if row is None:
        return calendars.of(jurisdiction)
    return _calendar(row.base, days, calendars)


async def for_organization(
    session: AsyncSession, calendars: Calendars, organization_id: uuid.UUID
) -> Calendars:
    """``calendars`` bound to the organization's own calendar when it has one (unchanged otherwise): what
    every business-day rule of a plan's policies uses (TAR timeliness, tool clocks, document due dates)."""
    row, days = await _changes(session, organization_id)
    return calendars if row is None else calendars.bound(_calendar(row.base, days, calendars))


async def _own_organization(
    session: AsyncSession, caller: Caller, organization_id: uuid.UUID
) -> Organization:
    if organization_id != caller.organization_id:
        raise not_found("calendar")
    org = await session.get(Organization, organization_id)
    if org is None:
        raise not_found("calendar")
    return org


def _out(
    org: Organization, row: BusinessCalendar | None, days: list[BusinessCalendarDay], calendars: Calendars
) -> OrganizationCalendarOut:
    base = row.base if row is not None else org.jurisdiction
    calendar = _calendar(base, days, calendars)
    schedule = published_schedule(base)
    years = sorted(schedule.years) if schedule is not None else []
    reasons = {d.day: d.reason for d in days if d.closed}
    closed: list[ClosedDay] = []
    for year in years:
        day = date(year, 1, 1)
        while day.year == year:
            if day.weekday() < 5 and not calendar.is_business_day(day):
                why = reasons.get(day) or (schedule.closed(day) if schedule else None) or "closed"
                closed.append(ClosedDay(day=day, reason=why))
            day += timedelta(days=1)
    return OrganizationCalendarOut(
        organization_id=org.id,
        base=base,
        version=row.version if row is not None else 0,
        changes=[
            CalendarChangeOut(
                day=d.day, closed=d.closed, reason=d.reason, changed_by=d.changed_by, changed_at=d.changed_at
            )
            for d in days
        ],
        closed_days=closed,
    )


async def get_calendar(
    session: AsyncSession, caller: Caller, organization_id: uuid.UUID, calendars: Calendars
) -> OrganizationCalendarOut:
    org = await _own_organization(session, caller, organization_id)
    row, days = await _changes(session, organization_id)
    return _out(org, row, days, calendars)


async def change_day(
    session: AsyncSession,
    caller: Caller,
    organization_id: uuid.UUID,
    body: CalendarDayChange,
    if_match: str | None,
    calendars: Calendars,
) -> OrganizationCalendarOut:
    """Close a day or keep one open, with the reason. A change that matches the base schedule undoes the
    organization's earlier change of that day. The first change creates the calendar (ETag ``"0"`` before)."""
    org = await _own_organization(session, caller, organization_id)
    row, days = await _changes(session, organization_id)
    check_if_match(if_match, row.version if row is not None else 0)
    if body.day.weekday() >= 5:
        raise unprocessable(
            "weekends are never business days", errors=[{"path": "day", "message": "a Saturday or Sunday"}]
        )
    now = datetime.now(UTC)
    created = row is None
    if row is None:
        row = BusinessCalendar(organization_id=org.id, base=org.jurisdiction)
        session.add(row)
        await session.flush()
    base_closed = not Calendar(row.base).is_business_day(body.day)
    existing = next((d for d in days if d.day == body.day), None)
    if existing is not None:
        await session.delete(existing)
        # Now, not at the end: the unit of work inserts before it deletes, so the day's new change would
        # meet the old one's unique (calendar, day) key (a 500 when a closed day is closed again).
        await session.flush()
        days.remove(existing)
    if body.closed != base_closed:
        change = BusinessCalendarDay(
            calendar_id=row.id,
            day=body.day,
            closed=body.closed,
            reason=body.reason,
            changed_by=caller.actor,
            changed_at=now,
        )
        session.add(change)
        days.append(change)
        days.sort(key=lambda d: d.day)
    if not created:
        row.updated_at = now  # a new version: the ETag moves with every change (a new calendar is at 1)
    await session.flush()
    await audit_event(
        session,
        caller,
        "business_calendar.day_changed",
        "business_calendar",
        row.id,
        changes={
            "day": body.day.isoformat(),
            "closed": body.closed,
            "reason": body.reason,
            "undoes_earlier_change": body.closed == base_closed,
        },
    )
    return _out(org, row, days, calendars)
