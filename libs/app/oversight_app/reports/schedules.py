"""Scheduled reports: an organization's report definitions (what to export, cron text, time zone), and the
worker's firing of due ones.

A schedule fires once per slot (the cron time it is due for): the export row is unique on (schedule,
slot), so two workers, or one cron run repeated, make one export. A worker that was down for several
slots fires once, for the earliest missed slot, then moves on to the next slot after now: a report is a
snapshot of today's data, so a backlog of copies would say nothing more.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.audit import audit_event
from oversight_app.caller import Caller
from oversight_app.errors import unprocessable
from oversight_app.etags import check_if_match
from oversight_app.lookup import one_or_404
from oversight_app.pagination import PageParams, keyset_page
from oversight_app.reports.export_schemas import (
    ExportSpec,
    ReportScheduleIn,
    ReportScheduleOut,
    ReportSchedulePatch,
)
from oversight_app.reports.exports import check_spec
from oversight_db import audit
from oversight_db.models.organizations import Organization
from oversight_db.models.reports import ExportJob, ReportSchedule
from oversight_domain.report_jobs import CronError, ExportKind, ExportStatus, check_cron, next_slot

SYSTEM_ACTOR = "system:schedules"


def schedule_out(row: ReportSchedule) -> ReportScheduleOut:
    return ReportScheduleOut.model_validate(row, from_attributes=True)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise unprocessable(
            "unknown time zone", [{"path": "timezone", "message": "an IANA time zone, e.g. America/New_York"}]
        ) from None


def _first_slot(cron: str, timezone: str, now: datetime) -> datetime:
    zone = _zone(timezone)
    try:
        check_cron(cron, zone, now)
    except CronError as exc:
        raise unprocessable("the cron text is not valid", [{"path": "cron", "message": str(exc)}]) from None
    return next_slot(cron, zone, now)


async def create_schedule(
    session: AsyncSession, caller: Caller, body: ReportScheduleIn, now: datetime
) -> ReportSchedule:
    filters = await check_spec(session, caller, body)
    row = ReportSchedule(
        id=uuid.uuid4(),
        organization_id=caller.organization_id,
        name=body.name,
        kind=body.kind.value,
        format=body.format,
        filters=filters,
        include_member_identity=body.include_member_identity,
        cron=body.cron.strip(),
        timezone=body.timezone,
        enabled=body.enabled,
        next_run_at=_first_slot(body.cron.strip(), body.timezone, now),
        created_by=caller.actor,
    )
    session.add(row)
    await session.flush()
    await session.refresh(row)
    await audit_event(
        session, caller, "report_schedule.created", "report_schedule", row.id,
        {"kind": row.kind, "cron": row.cron, "phi": row.include_member_identity},
    )  # fmt: skip
    return row


def _own(caller: Caller) -> Any:
    return ReportSchedule.organization_id == caller.organization_id


async def get_schedule(
    session: AsyncSession, caller: Caller, schedule_id: uuid.UUID, *, for_update: bool = False
) -> ReportSchedule:
    stmt = select(ReportSchedule).where(ReportSchedule.id == schedule_id, _own(caller))
    if for_update:
        stmt = stmt.with_for_update()
    return await one_or_404(session, stmt, "report schedule")


async def list_schedules(
    session: AsyncSession, caller: Caller, params: PageParams
) -> tuple[list[ReportSchedule], str | None]:
    stmt = select(ReportSchedule).where(_own(caller))
    return await keyset_page(session, stmt, [ReportSchedule.created_at, ReportSchedule.id], params)


async def update_schedule(
    session: AsyncSession,
    caller: Caller,
    schedule_id: uuid.UUID,
    body: ReportSchedulePatch,
    if_match: str | None,
    now: datetime,
) -> ReportSchedule:
    row = await get_schedule(session, caller, schedule_id, for_update=True)
    check_if_match(if_match, row.version)
    changed = body.model_dump(exclude_unset=True)
    if "filters" in changed and body.filters is not None:
        spec = ExportSpec(
            kind=ExportKind(row.kind),
            filters=body.filters,
            include_member_identity=row.include_member_identity,
        )
        row.filters = await check_spec(session, caller, spec)
    for field in ("name", "cron", "timezone", "enabled"):
        value = getattr(body, field)
        if field in changed and value is not None:
            setattr(row, field, value.strip() if field == "cron" else value)
    if changed.keys() & {"cron", "timezone", "enabled"}:
        row.next_run_at = _first_slot(row.cron, row.timezone, now)
    await session.flush()
    await session.refresh(row)
    await audit_event(
        session, caller, "report_schedule.updated", "report_schedule", row.id, {"fields": sorted(changed)}
    )
    return row


async def delete_schedule(session: AsyncSession, caller: Caller, schedule_id: uuid.UUID) -> None:
    row = await get_schedule(session, caller, schedule_id, for_update=True)
    await session.delete(row)  # its exports stay (schedule_id becomes null) until they expire
    await session.flush()
    await audit_event(session, caller, "report_schedule.deleted", "report_schedule", row.id)


async def fire_due_schedules(session: AsyncSession, now: datetime, *, batch: int = 100) -> list[uuid.UUID]:
    """Queue an export for each enabled schedule whose slot has come; returns the new exports' ids.

    Schedules are claimed with SKIP LOCKED, and the export insert does nothing if the (schedule, slot)
    export exists: a slot fires once however many workers run this."""
    due = (
        await session.scalars(
            select(ReportSchedule)
            .where(ReportSchedule.enabled, ReportSchedule.next_run_at <= now)
            .order_by(ReportSchedule.next_run_at)
            .limit(batch)
            .with_for_update(skip_locked=True)
        )
    ).all()
    created: list[uuid.UUID] = []
    for schedule in due:
        slot = schedule.next_run_at
        org_kind = await _org_kind(session, schedule.organization_id)
        export_id = await session.scalar(
            insert(ExportJob)
            .values(
                id=uuid.uuid4(),
                organization_id=schedule.organization_id,
                organization_kind=org_kind,
                kind=schedule.kind,
                format=schedule.format,
                filters=schedule.filters,
                include_member_identity=schedule.include_member_identity,
                status=ExportStatus.QUEUED.value,
                requested_by=f"schedule:{schedule.id}",
                schedule_id=schedule.id,
                slot=slot,
                attempts=0,
            )
            .on_conflict_do_nothing(index_elements=[ExportJob.schedule_id, ExportJob.slot])
            .returning(ExportJob.id)
        )
        schedule.last_run_at = slot
        schedule.next_run_at = next_slot(schedule.cron, ZoneInfo(schedule.timezone), max(now, slot))
        if export_id is not None:
            created.append(export_id)
            await audit.record(
                session,
                organization_id=schedule.organization_id,
                actor=SYSTEM_ACTOR,
                action="report.export_requested",
                entity_type="export_job",
                entity_id=export_id,
                request_id=None,
                changes={"kind": schedule.kind, "schedule_id": str(schedule.id), "slot": slot.isoformat()},
            )
    await session.flush()
    return created


async def _org_kind(session: AsyncSession, organization_id: uuid.UUID) -> str:
    kind = await session.scalar(select(Organization.kind).where(Organization.id == organization_id))
    return kind or "plan"
