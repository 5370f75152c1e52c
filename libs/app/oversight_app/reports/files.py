"""Small exports answered directly: one review's scorecard (XLSX, PDF) and findings (CSV)."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.caller import Caller
from oversight_app.reports.render import (
    CSV_MEDIA_TYPE,
    PDF_MEDIA_TYPE,
    XLSX_MEDIA_TYPE,
    render_findings_csv,
    render_pdf,
    render_xlsx,
)
from oversight_app.reports.scorecard import build_scorecard_report


class ScorecardFormat(StrEnum):
    XLSX = "xlsx"
    PDF = "pdf"


@dataclass(frozen=True)
class ReportFile:
    content: bytes
    media_type: str
    filename: str  # ids only: a file name travels in headers and logs


async def scorecard_file(
    session: AsyncSession, caller: Caller, review_id: uuid.UUID, fmt: ScorecardFormat
) -> ReportFile:
    report = await build_scorecard_report(session, caller, review_id, export_format=fmt.value)
    # Rendering is CPU work (tens of milliseconds): a thread, so the event loop keeps serving.
    if fmt is ScorecardFormat.XLSX:
        content = await asyncio.to_thread(render_xlsx, report)
        return ReportFile(content, XLSX_MEDIA_TYPE, f"scorecard-{review_id}.xlsx")
    content = await asyncio.to_thread(render_pdf, report)
    return ReportFile(content, PDF_MEDIA_TYPE, f"scorecard-{review_id}.pdf")


async def findings_csv_file(session: AsyncSession, caller: Caller, review_id: uuid.UUID) -> ReportFile:
    report = await build_scorecard_report(session, caller, review_id, export_format="csv")
    content = await asyncio.to_thread(render_findings_csv, report)
    return ReportFile(content, CSV_MEDIA_TYPE, f"findings-{review_id}.csv")
