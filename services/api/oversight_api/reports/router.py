"""``/v1/reviews/{id}/scorecard/export`` and ``/findings/export``, ``/v1/reports/...``: exports, dashboards,
export jobs and scheduled reports."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from enum import StrEnum
from typing import Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel
from starlette.responses import Response

from oversight_api.clock import Today
from oversight_api.conventions.responses import respond
from oversight_api.deps import Session
from oversight_api.reports.auth import ReportsRead, ReviewsRead
from oversight_app.bounds import Day
from oversight_app.reports import dashboards
from oversight_app.reports.dashboard_csv import plan_csv, provider_csv, state_csv
from oversight_app.reports.files import ReportFile, ScorecardFormat, findings_csv_file, scorecard_file
from oversight_app.reports.render import CSV_MEDIA_TYPE, PDF_MEDIA_TYPE, XLSX_MEDIA_TYPE
from oversight_app.reports.schemas import PlanDashboard, ProviderDashboard, StateDashboard
from oversight_app.text import Text
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
