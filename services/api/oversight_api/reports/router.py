"""``/v1/reviews/{id}/scorecard/export`` and ``/findings/export``, ``/v1/reports/...``: exports, dashboards,
export jobs and scheduled reports."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter
from starlette.responses import Response

from oversight_api.deps import Session
from oversight_api.reports.auth import ReviewsRead
from oversight_app.reports.files import ReportFile, ScorecardFormat, findings_csv_file, scorecard_file
from oversight_app.reports.render import CSV_MEDIA_TYPE, PDF_MEDIA_TYPE, XLSX_MEDIA_TYPE

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
