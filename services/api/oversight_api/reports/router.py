"""``/v1/reviews/{id}/scorecard/export`` and ``/findings/export``, ``/v1/reports/...``: exports, dashboards,
export jobs and scheduled reports."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from enum import StrEnum
from typing import Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse
from pydantic import BaseModel
from starlette.responses import Response

from oversight_api.clock import Now, Today
from oversight_api.conventions.etags import IfMatch
from oversight_api.conventions.idempotency import idempotent
from oversight_api.conventions.pagination import Pagination
from oversight_api.conventions.responses import respond
from oversight_api.deps import AppResources, Session
from oversight_api.reports.auth import ReportsRead, ReportsSchedule, ReviewsRead
from oversight_app.bounds import Day
from oversight_app.errors import not_found
from oversight_app.pagination import Page
from oversight_app.reports import dashboards, exports, schedules
from oversight_app.reports.dashboard_csv import plan_csv, provider_csv, state_csv
from oversight_app.reports.export_schemas import (
    ExportDownloadOut,
    ExportIn,
    ExportOut,
    ReportScheduleIn,
    ReportScheduleOut,
    ReportSchedulePatch,
)
from oversight_app.reports.files import ReportFile, ScorecardFormat, findings_csv_file, scorecard_file
from oversight_app.reports.render import CSV_MEDIA_TYPE, PDF_MEDIA_TYPE, XLSX_MEDIA_TYPE
from oversight_app.reports.schemas import PlanDashboard, ProviderDashboard, StateDashboard
from oversight_app.text import Text
from oversight_db.blobs import LocalBlobStore
from oversight_domain.report_jobs import ExportStatus
from oversight_domain.tools.models import KEY_PATTERN

router = APIRouter(tags=["reports"])


def _binary(*media_types: str) -> dict[int | str, dict[str, Any]]:
    content = {m: {"schema": {"type": "string", "format": "binary"}} for m in media_types}
    return {200: {"description": "The file", "content": content}}


def file_response(file: ReportFile) -> Response:
    return Response(
        file.content,
        media_type=file.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{file.filename}"',
            "Cache-Control": "no-store",
        },
    )


@router.get(
    "/reviews/{review_id}/scorecard/export",
    operation_id="reports_export_scorecard",
    response_class=Response,
    responses=_binary(XLSX_MEDIA_TYPE, PDF_MEDIA_TYPE),
)
async def export_scorecard(
    review_id: uuid.UUID,
    session: Session,
    caller: ReviewsRead,
    format: ScorecardFormat = ScorecardFormat.XLSX,
) -> Response:
    """The ECM Review Tool / Audit Scorecard (seed 003): scorecard, records reference and findings. Member
    identity only for callers with ``members:read``; every export is audited."""
    return file_response(await scorecard_file(session, caller, review_id, format))


@router.get(
    "/reviews/{review_id}/findings/export",
    operation_id="reports_export_findings",
    response_class=Response,
    responses=_binary(CSV_MEDIA_TYPE),
)
async def export_findings(review_id: uuid.UUID, session: Session, caller: ReviewsRead) -> Response:
    """The review's findings as CSV: element, record number, answer, points, comment, correction date."""
    return file_response(await findings_csv_file(session, caller, review_id))


# ------------------------------------------------------------------------------------------- dashboards


class DashboardFormat(StrEnum):
    JSON = "json"
    CSV = "csv"


def _dashboard(model: BaseModel, fmt: DashboardFormat, to_csv: Callable[[Any], bytes], name: str) -> Response:
    if fmt is DashboardFormat.CSV:
        return file_response(ReportFile(to_csv(model), CSV_MEDIA_TYPE, f"{name}.csv"))
    return respond(model)


_JSON_OR_CSV: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {CSV_MEDIA_TYPE: {"schema": {"type": "string"}}},
        "description": "JSON, or CSV with format=csv",
    }
}


@router.get(
    "/reports/dashboards/plan",
    response_model=PlanDashboard,
    operation_id="reports_plan_dashboard",
    responses=_JSON_OR_CSV,
)
async def plan_dashboard(
    session: Session,
    caller: ReportsRead,
    today: Today,
    program: Literal["ecm", "tcm"] | None = None,
    format: DashboardFormat = DashboardFormat.JSON,
) -> Response:
    """Every provider's latest outcome and section scores, the trend by quarter, open action plans and their
    clocks, reviews due and overdue, Capacity Building reports outstanding. A plan's own."""
    board = await dashboards.plan_dashboard(session, caller, today, program)
    return _dashboard(board, format, plan_csv, "plan-dashboard")


# The dashboards' CSV as operations of their own: a generated client reads a 200 with two content types as
# JSON only (openapi-python-client), so ``format=csv`` was out of its reach; these declare a CSV file.


@router.get(
    "/reports/dashboards/plan/csv",
    operation_id="reports_plan_dashboard_csv",
    response_class=Response,
    responses=_binary(CSV_MEDIA_TYPE),
)
async def plan_dashboard_csv(
    session: Session, caller: ReportsRead, today: Today, program: Literal["ecm", "tcm"] | None = None
) -> Response:
    """The plan dashboard's providers table as CSV (the same file as ``format=csv``)."""
    board = await dashboards.plan_dashboard(session, caller, today, program)
    return _dashboard(board, DashboardFormat.CSV, plan_csv, "plan-dashboard")


@router.get(
    "/reports/dashboards/providers/{provider_id}",
    response_model=ProviderDashboard,
    operation_id="reports_provider_dashboard",
    responses=_JSON_OR_CSV,
)
async def provider_dashboard(
    provider_id: uuid.UUID,
    session: Session,
    caller: ReportsRead,
    today: Today,
    format: DashboardFormat = DashboardFormat.JSON,
) -> Response:
    """One provider's history (the reviews the caller may see), its trend, open action plans, next review."""
    board = await dashboards.provider_dashboard(session, caller, provider_id, today)
    return _dashboard(board, format, provider_csv, f"provider-{provider_id}")


@router.get(
    "/reports/dashboards/providers/{provider_id}/csv",
    operation_id="reports_provider_dashboard_csv",
    response_class=Response,
    responses=_binary(CSV_MEDIA_TYPE),
)
async def provider_dashboard_csv(
    provider_id: uuid.UUID, session: Session, caller: ReportsRead, today: Today
) -> Response:
    """One provider's review history as CSV (the same file as ``format=csv``)."""
    board = await dashboards.provider_dashboard(session, caller, provider_id, today)
    return _dashboard(board, DashboardFormat.CSV, provider_csv, f"provider-{provider_id}")


@router.get(
    "/reports/dashboards/state",
    response_model=StateDashboard,
    operation_id="reports_state_dashboard",
    responses=_JSON_OR_CSV,
)
async def state_dashboard(
    session: Session,
    caller: ReportsRead,
    # A tool key's own pattern: anything else names no tool (and never reaches the database).
    tool_key: Text = Query(min_length=1, max_length=80, pattern=KEY_PATTERN),
    finalized_from: Day | None = None,
    finalized_to: Day | None = None,
    limit: int = Query(50, ge=1, le=200),
    format: DashboardFormat = DashboardFormat.JSON,
) -> Response:
    """One standardized tool across the jurisdiction by plan, provider and section over time (aggregates, no
    member data) with each section's median and quartiles statewide. A plan sees its own network beside the
    statewide distribution."""
    board = await dashboards.state_dashboard(session, caller, tool_key, finalized_from, finalized_to, limit)
    return _dashboard(board, format, state_csv, "state-dashboard")


@router.get(
    "/reports/dashboards/state/csv",
    operation_id="reports_state_dashboard_csv",
    response_class=Response,
    responses=_binary(CSV_MEDIA_TYPE),
)
async def state_dashboard_csv(
    session: Session,
    caller: ReportsRead,
    tool_key: Text = Query(min_length=1, max_length=80, pattern=KEY_PATTERN),
    finalized_from: Day | None = None,
    finalized_to: Day | None = None,
) -> Response:
    """The state comparison's distributions (the total's and each section's) as CSV (the same file as
    ``format=csv``)."""
    board = await dashboards.state_dashboard(session, caller, tool_key, finalized_from, finalized_to, 50)
    return _dashboard(board, DashboardFormat.CSV, state_csv, "state-dashboard")


# ------------------------------------------------------------------------------------------- export jobs


@router.post(
    "/reports/exports", status_code=202, response_model=ExportOut, operation_id="reports_exports_create"
)
@idempotent
async def create_export(body: ExportIn, session: Session, caller: ReportsRead) -> Response:
    """Queue an export the worker builds into blob storage (a statewide CSV of every finding, a plan's year
    of reviews). Poll it at ``Location``; a ``report_ready`` notice says when it is built."""
    export = await exports.create_export(session, caller, body)
    return respond(exports.export_out(export), status=202, location=f"/v1/reports/exports/{export.id}")


@router.get("/reports/exports", response_model=Page[ExportOut], operation_id="reports_exports_list")
async def list_exports(
    session: Session, caller: ReportsRead, page: Pagination, status: ExportStatus | None = None
) -> Page[ExportOut]:
    """Your organization's exports, newest first."""
    rows, cursor = await exports.list_exports(session, caller, page, status)
    return Page(items=[exports.export_out(r) for r in rows], next_cursor=cursor)


@router.get("/reports/exports/{export_id}", response_model=ExportOut, operation_id="reports_exports_get")
async def get_export(export_id: uuid.UUID, session: Session, caller: ReportsRead) -> ExportOut:
    return exports.export_out(await exports.get_export(session, caller, export_id))


@router.post(
    "/reports/exports/{export_id}/download",
    response_model=ExportDownloadOut,
    operation_id="reports_exports_download",
)
async def download_export(
    export_id: uuid.UUID, session: Session, resources: AppResources, caller: ReportsRead
) -> ExportDownloadOut:
    """A short-lived download URL of a ready export; audited (a member-data read when it carries identity,
    which needs ``members:read``)."""
    return await exports.issue_download(session, caller, export_id, resources.blobs, resources.settings)


@router.get(
    "/reports/export-downloads",
    operation_id="reports_exports_local_download",
    response_class=FileResponse,
    responses={404: {"description": "unknown export or bad signature"}},
)
async def local_export_download(
    resources: AppResources,
    export_id: uuid.UUID | None = None,
    expires: int = Query(0, ge=0, le=2**53),
    signature: str = Query("", max_length=64),
) -> FileResponse:
    """The local-disk store's signed download (S3 answers presigned URLs itself)."""
    store = resources.blobs
    if export_id is None or not isinstance(store, LocalBlobStore):
        raise not_found("export")
    async with resources.sessions() as session:
        found = await exports.local_download(session, export_id, expires, signature, resources.settings)
    return FileResponse(
        store.path_of(found.key),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{found.file_name}"',
            "Cache-Control": "private, no-store",
        },
    )


# ------------------------------------------------------------------------------------- scheduled reports


@router.post(
    "/reports/schedules",
    status_code=201,
    response_model=ReportScheduleOut,
    operation_id="reports_schedules_create",
)
@idempotent
async def create_schedule(
    body: ReportScheduleIn, session: Session, caller: ReportsSchedule, now: Now
) -> Response:
    """Define a report the worker runs on a cron schedule (at most hourly) and announces with
    ``report_ready``."""
    row = await schedules.create_schedule(session, caller, body, now)
    return respond(
        schedules.schedule_out(row), status=201, etag=row.version, location=f"/v1/reports/schedules/{row.id}"
    )


@router.get(
    "/reports/schedules", response_model=Page[ReportScheduleOut], operation_id="reports_schedules_list"
)
async def list_schedules(
    session: Session, caller: ReportsSchedule, page: Pagination
) -> Page[ReportScheduleOut]:
    rows, cursor = await schedules.list_schedules(session, caller, page)
    return Page(items=[schedules.schedule_out(r) for r in rows], next_cursor=cursor)


@router.get(
    "/reports/schedules/{schedule_id}", response_model=ReportScheduleOut, operation_id="reports_schedules_get"
)
async def get_schedule(schedule_id: uuid.UUID, session: Session, caller: ReportsSchedule) -> Response:
    row = await schedules.get_schedule(session, caller, schedule_id)
    return respond(schedules.schedule_out(row), etag=row.version)


@router.patch(
    "/reports/schedules/{schedule_id}",
    response_model=ReportScheduleOut,
    operation_id="reports_schedules_update",
)
async def update_schedule(
    schedule_id: uuid.UUID,
    body: ReportSchedulePatch,
    session: Session,
    caller: ReportsSchedule,
    now: Now,
    if_match: IfMatch = None,
) -> Response:
    row = await schedules.update_schedule(session, caller, schedule_id, body, if_match, now)
    return respond(schedules.schedule_out(row), etag=row.version)


@router.delete("/reports/schedules/{schedule_id}", status_code=204, operation_id="reports_schedules_delete")
async def delete_schedule(schedule_id: uuid.UUID, session: Session, caller: ReportsSchedule) -> Response:
    """Delete a schedule (like a webhook endpoint: no If-Match); its exports stay until they expire."""
    await schedules.delete_schedule(session, caller, schedule_id)
    return Response(status_code=204)
