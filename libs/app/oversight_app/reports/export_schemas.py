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
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "kind": "findings",
                    "format": "csv",
                    "filters": {"program": "ecm", "tool_key": "ecm-partnership", "year": 2026},
                    "include_member_identity": False,
                }
            ]
        },
    )


class ExportOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "3f6c2a1e-8b4d-4e7a-9c5f-2d1b0a9e8c7f",
                    "kind": "findings",
                    "format": "csv",
                    "filters": {"program": "ecm", "year": 2026},
                    "include_member_identity": False,
                    "status": "ready",
                    "requested_by": "api_key:ovs_ab12",
                    "schedule_id": None,
                    "row_count": 1240,
                    "byte_size": 245760,
                    "created_at": "2026-12-07T11:00:00Z",
                    "started_at": "2026-12-07T11:00:02Z",
                    "finished_at": "2026-12-07T11:00:04Z",
                    "expires_at": "2026-12-14T11:00:04Z",
                    "error": None,
                }
            ]
        }
    )

    id: uuid.UUID
    kind: ExportKind
    format: str
    filters: dict[str, Any]
    include_member_identity: bool
    status: ExportStatus
    requested_by: str
    schedule_id: uuid.UUID | None = None
    row_count: int | None
    byte_size: int | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    expires_at: datetime | None
    error: str | None = Field(None, description="the last failure's error type (never its message)")


class ExportDownloadOut(BaseModel):
    """A short-lived URL (its issuance is audited; a member-data read when the export carries identity)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "export_id": "3f6c2a1e-8b4d-4e7a-9c5f-2d1b0a9e8c7f",
                    "url": "https://bucket.s3.amazonaws.com/exports/...?X-Amz-Signature=...",
                    "expires_at": "2026-12-07T11:05:00Z",
                    "file_name": "findings-3f6c2a1e-8b4d-4e7a-9c5f-2d1b0a9e8c7f.csv",
                }
            ]
        }
    )

    export_id: uuid.UUID
    url: str
    expires_at: datetime
    file_name: str


class ReportScheduleIn(ExportSpec):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "Weekly findings",
                    "kind": "findings",
                    "filters": {"program": "ecm"},
                    "cron": "0 6 * * 1",
                    "timezone": "America/Los_Angeles",
                    "enabled": True,
                }
            ]
        },
    )

    name: Text = Field(min_length=1, max_length=200)
    cron: Text = Field(
        min_length=1, max_length=120, description="five-field cron text, at most once an hour: '0 6 * * 1'"
    )
    timezone: Text = Field("America/New_York", min_length=1, max_length=64, description="IANA time zone")
    enabled: bool = True


class ReportSchedulePatch(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"cron": "0 7 * * 1", "enabled": False}]}
    )

    name: Text | None = Field(None, min_length=1, max_length=200)
    cron: Text | None = Field(None, min_length=1, max_length=120)
    timezone: Text | None = Field(None, min_length=1, max_length=64)
    enabled: bool | None = None
    filters: ExportFilters | None = None


class ReportScheduleOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "9b2e4c6a-1d3f-4a5b-8c7d-6e5f4a3b2c1d",
                    "name": "Weekly findings",
                    "kind": "findings",
                    "format": "csv",
                    "filters": {"program": "ecm"},
                    "include_member_identity": False,
                    "cron": "0 6 * * 1",
                    "timezone": "America/Los_Angeles",
                    "enabled": True,
                    "next_run_at": "2026-12-07T14:00:00Z",
                    "last_run_at": None,
                    "created_by": "api_key:ovs_ab12",
                    "created_at": "2026-12-01T09:00:00Z",
                    "version": 1,
                }
            ]
        }
    )

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
    last_run_at: datetime | None = None
    created_by: str
    created_at: datetime
    version: int
