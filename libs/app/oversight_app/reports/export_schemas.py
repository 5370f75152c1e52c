"""Export jobs and scheduled reports: what callers send and get back (issue 16)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from oversight_app.bounds import Day
from oversight_app.text import Text
from oversight_domain.report_jobs import ExportKind, ExportStatus
from oversight_domain.tools.models import KEY_PATTERN


class ExportFilters(BaseModel):
    """Which rows: every filter is optional except a ``reviews`` export's ``year``. Ids, dates and keys only."""

    model_config = ConfigDict(extra="forbid")

    program: Literal["ecm", "tcm"] | None = None
    provider_id: uuid.UUID | None = None
    tool_key: Text | None = Field(None, min_length=1, max_length=80, pattern=KEY_PATTERN)
    year: int | None = Field(
        None, ge=2000, le=2100, description="reviews: scheduled in this year; findings: finalized in it"
    )
    finalized_from: Day | None = Field(None, description="findings: reviews finalized on or after")
    finalized_to: Day | None = Field(None, description="findings: reviews finalized on or before")

    @model_validator(mode="after")
    def _range(self) -> Self:
        if self.finalized_from and self.finalized_to and self.finalized_from > self.finalized_to:
            raise ValueError("finalized_from is after finalized_to")
        return self

    def finalized_range(self) -> tuple[date | None, date | None]:
        start, end = self.finalized_from, self.finalized_to
        if self.year is not None:
            start = max(start or date(self.year, 1, 1), date(self.year, 1, 1))
            end = min(end or date(self.year, 12, 31), date(self.year, 12, 31))
        return start, end


class ExportSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: ExportKind
    format: Literal["csv"] = "csv"
    filters: ExportFilters = Field(default_factory=ExportFilters)
    include_member_identity: bool = Field(
        False,
        description="findings only: add the member number and the reviewer's comment (free text that may "
        "name a member); needs members:read to request and to download",
    )


class ExportIn(ExportSpec):
    pass


class ExportOut(BaseModel):
    id: uuid.UUID
    kind: ExportKind
    format: str
    filters: dict[str, Any]
    include_member_identity: bool
    status: ExportStatus
    requested_by: str
    schedule_id: uuid.UUID | None
    row_count: int | None
    byte_size: int | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    expires_at: datetime | None
    error: str | None


class ExportDownloadOut(BaseModel):
    """A short-lived URL (its issuance is audited; a member-data read when the export carries identity)."""

    export_id: uuid.UUID
    url: str
    expires_at: datetime
    file_name: str


class ReportScheduleIn(ExportSpec):
    name: Text = Field(min_length=1, max_length=200)
    cron: Text = Field(
        min_length=1, max_length=120, description="five-field cron text, at most once an hour: '0 6 * * 1'"
    )
    timezone: Text = Field("America/New_York", min_length=1, max_length=64, description="IANA time zone")
    enabled: bool = True


class ReportSchedulePatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Text | None = Field(None, min_length=1, max_length=200)
    cron: Text | None = Field(None, min_length=1, max_length=120)
    timezone: Text | None = Field(None, min_length=1, max_length=64)
    enabled: bool | None = None
    filters: ExportFilters | None = None


class ReportScheduleOut(BaseModel):
    id: uuid.UUID
    name: str
    kind: ExportKind
    format: str
    filters: dict[str, Any]
    include_member_identity: bool
    cron: str
    timezone: str
    enabled: bool
    next_run_at: datetime
    last_run_at: datetime | None
    created_by: str
    created_at: datetime
    version: int
