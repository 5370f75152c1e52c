"""Report resources: dashboards (JSON for the SPA; CSV for jobs), export jobs, scheduled reports."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from oversight_app.bounds import Day
from oversight_app.text import Text

DueStatus = Literal["never_reviewed", "overdue", "due_soon", "current"]


class ProviderLatest(BaseModel):
    """A provider's latest finalized review (scores are 0..1)."""

    provider_id: uuid.UUID
    name: str
    npi: str | None = None
    plan_id: uuid.UUID | None = None
    review_id: uuid.UUID | None = None
    finalized_on: date | None = None
    tool_key: str | None = None
    outcome: str | None = None
    total: float | None = None
    sections: dict[str, float | None] = Field(default_factory=dict, description="section key -> score")
    open_action_plans: int | None = None
    open_check_results: int | None = Field(
        default=None,
        description="automated check results open for the provider (issue 17; GET /v1/check-results)",
    )
    next_review_due: date | None = None
    review_due: DueStatus | None = None


class TrendPoint(BaseModel):
    quarter: date = Field(description="First day of the quarter the reviews were finalized in")
    plan_id: uuid.UUID | None = None
    reviews: int
    mean_total: float | None = None
    median_total: float | None = None
    passed: int | None = None
    conditional_pass: int | None = None
    pip: int | None = None


class ActionPlanClock(BaseModel):
    action_plan_id: uuid.UUID
    provider_id: uuid.UUID
    review_id: uuid.UUID | None
    kind: str
    status: str
    issued_on: date
    due_on: date
    days_left: int = Field(description="Calendar days to the due date (negative: overdue)")
    overdue: bool


class CapacityReportDue(BaseModel):
    report_id: uuid.UUID
    program_id: uuid.UUID
    kind: str
    label: str
    due_on: date
    status: str
    overdue: bool


class PlanDashboard(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "plan_id": "7d3e5f1a-9b2c-4d6e-8f0a-1b3c5d7e9f20",
                    "as_of": "2025-06-30",
                    "providers": [
                        {
                            "provider_id": "3f1c2b9e-6a7d-4e1f-9b2a-5c8d7e6f4a10",
                            "name": "Redwood ECM",
                            "npi": "1987654328",
                            "plan_id": "7d3e5f1a-9b2c-4d6e-8f0a-1b3c5d7e9f20",
                            "review_id": "0b7c6a52-5f2e-4d4e-9a55-2f8f3c1d9e10",
                            "finalized_on": "2025-06-04",
                            "tool_key": "ecm-partnership",
                            "outcome": "pass",
                            "total": 0.9412,
                            "sections": {"outreach_engagement": 1.0, "assessment_care_plan": 0.875},
                            "open_action_plans": 1,
                            "next_review_due": "2027-06-01",
                            "review_due": "current",
                        }
                    ],
                    "trend": [
                        {
                            "quarter": "2025-04-01",
                            "plan_id": "7d3e5f1a-9b2c-4d6e-8f0a-1b3c5d7e9f20",
                            "reviews": 1,
                            "mean_total": 0.9,
                            "median_total": 0.9,
                            "passed": 1,
                            "conditional_pass": 1,
                            "pip": 1,
                        }
                    ],
                    "action_plans": [
                        {
                            "action_plan_id": "9a98c109-a25a-545f-a292-85835b0adf7a",
                            "provider_id": "3f1c2b9e-6a7d-4e1f-9b2a-5c8d7e6f4a10",
                            "review_id": "0b7c6a52-5f2e-4d4e-9a55-2f8f3c1d9e10",
                            "kind": "pip",
                            "status": "open",
                            "issued_on": "2025-06-04",
                            "due_on": "2025-09-02",
                            "days_left": 1,
                            "overdue": False,
                        }
                    ],
                    "reviews_due": [
                        {
                            "provider_id": "3f1c2b9e-6a7d-4e1f-9b2a-5c8d7e6f4a10",
                            "name": "Redwood ECM",
                            "npi": "1987654328",
                            "plan_id": "7d3e5f1a-9b2c-4d6e-8f0a-1b3c5d7e9f20",
                            "review_id": "0b7c6a52-5f2e-4d4e-9a55-2f8f3c1d9e10",
                            "finalized_on": "2025-06-04",
                            "tool_key": "ecm-partnership",
                            "outcome": "pass",
                            "total": 0.9412,
                            "sections": {"outreach_engagement": 1.0, "assessment_care_plan": 0.875},
                            "open_action_plans": 1,
                            "next_review_due": "2027-06-01",
                            "review_due": "current",
                        }
                    ],
                    "capacity_reports_outstanding": [
                        {
                            "report_id": "b444a5da-6d32-50f3-883a-c5365ad4d42f",
                            "program_id": "18f8e120-9960-5263-af05-e8e77a4ddd01",
                            "kind": "quarterly",
                            "label": "2022 Q1",
                            "due_on": "2025-09-02",
                            "status": "due",
                            "overdue": False,
                        }
                    ],
                }
            ]
        }
    )

    plan_id: uuid.UUID
    as_of: date
    providers: list[ProviderLatest]
    trend: list[TrendPoint]
    action_plans: list[ActionPlanClock]
    reviews_due: list[ProviderLatest] = Field(
        description="Providers never reviewed, overdue or due within 90 days (ECM: every other year, seed 003)"
    )
    capacity_reports_outstanding: list[CapacityReportDue]


class ProviderReviewRow(BaseModel):
    review_id: uuid.UUID
    plan_id: uuid.UUID
    plan_name: str
    tool_key: str
    purpose: str
    scheduled_for: date
    finalized_on: date | None
    outcome: str | None
    total: float | None
    sections: dict[str, float | None]
    next_review_due: date | None


class ProviderDashboard(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "provider_id": "3f1c2b9e-6a7d-4e1f-9b2a-5c8d7e6f4a10",
                    "name": "Redwood ECM",
                    "npi": "1987654328",
                    "as_of": "2025-06-30",
                    "history": [
                        {
                            "review_id": "0b7c6a52-5f2e-4d4e-9a55-2f8f3c1d9e10",
                            "plan_id": "7d3e5f1a-9b2c-4d6e-8f0a-1b3c5d7e9f20",
                            "plan_name": "Partnership HealthPlan",
                            "tool_key": "ecm-partnership",
                            "purpose": "monitoring",
                            "scheduled_for": "2025-06-01",
                            "finalized_on": "2025-06-04",
                            "outcome": "pass",
                            "total": 0.9412,
                            "sections": {"outreach_engagement": 1.0, "assessment_care_plan": 0.875},
                            "next_review_due": "2027-06-01",
                        }
                    ],
                    "trend": [
                        {
                            "quarter": "2025-04-01",
                            "plan_id": "7d3e5f1a-9b2c-4d6e-8f0a-1b3c5d7e9f20",
                            "reviews": 1,
                            "mean_total": 0.9,
                            "median_total": 0.9,
                            "passed": 1,
                            "conditional_pass": 1,
                            "pip": 1,
                        }
                    ],
                    "action_plans": [
                        {
                            "action_plan_id": "9a98c109-a25a-545f-a292-85835b0adf7a",
                            "provider_id": "3f1c2b9e-6a7d-4e1f-9b2a-5c8d7e6f4a10",
                            "review_id": "0b7c6a52-5f2e-4d4e-9a55-2f8f3c1d9e10",
                            "kind": "pip",
                            "status": "open",
                            "issued_on": "2025-06-04",
                            "due_on": "2025-09-02",
                            "days_left": 1,
                            "overdue": False,
                        }
                    ],
                    "next_review_due": "2027-06-01",
                    "review_due": "current",
                }
            ]
        }
    )

    provider_id: uuid.UUID
    name: str
    npi: str | None
    as_of: date
    history: list[ProviderReviewRow]
    trend: list[TrendPoint]
    action_plans: list[ActionPlanClock]
    next_review_due: date | None
    review_due: DueStatus


class DistributionOut(BaseModel):
    key: str | None = None
    title: str | None = None
    count: int
    minimum: float | None = None
    q1: float | None = None
    median: float | None = None
    q3: float | None = None
    maximum: float | None = None


class PlanRow(BaseModel):
    plan_id: uuid.UUID
    name: str
    providers: int
    median_total: float | None
    passed: int
    conditional_pass: int
    pip: int


class StateDashboard(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "tool_key": "ecm-partnership",
                    "reviews": 1,
                    "total": {
                        "key": "ecm-partnership",
                        "title": "Care Plans and Goal Progress",
                        "count": 1,
                        "minimum": 0.9,
                        "q1": 0.9,
                        "median": 0.9,
                        "q3": 0.9,
                        "maximum": 0.9,
                    },
                    "sections": [
                        {
                            "key": "ecm-partnership",
                            "title": "Care Plans and Goal Progress",
                            "count": 1,
                            "minimum": 0.9,
                            "q1": 0.9,
                            "median": 0.9,
                            "q3": 0.9,
                            "maximum": 0.9,
                        }
                    ],
                    "by_plan": [
                        {
                            "plan_id": "7d3e5f1a-9b2c-4d6e-8f0a-1b3c5d7e9f20",
                            "name": "Redwood ECM",
                            "providers": 1,
                            "median_total": 0.9,
                            "passed": 1,
                            "conditional_pass": 1,
                            "pip": 1,
                        }
                    ],
                    "providers": [
                        {
                            "provider_id": "3f1c2b9e-6a7d-4e1f-9b2a-5c8d7e6f4a10",
                            "name": "Redwood ECM",
                            "npi": "1987654328",
                            "plan_id": "7d3e5f1a-9b2c-4d6e-8f0a-1b3c5d7e9f20",
                            "review_id": "0b7c6a52-5f2e-4d4e-9a55-2f8f3c1d9e10",
                            "finalized_on": "2025-06-04",
                            "tool_key": "ecm-partnership",
                            "outcome": "pass",
                            "total": 0.9412,
                            "sections": {"outreach_engagement": 1.0, "assessment_care_plan": 0.875},
                            "open_action_plans": 1,
                            "next_review_due": "2027-06-01",
                            "review_due": "current",
                        }
                    ],
                    "trend": [
                        {
                            "quarter": "2025-04-01",
                            "plan_id": "7d3e5f1a-9b2c-4d6e-8f0a-1b3c5d7e9f20",
                            "reviews": 1,
                            "mean_total": 0.9,
                            "median_total": 0.9,
                            "passed": 1,
                            "conditional_pass": 1,
                            "pip": 1,
                        }
                    ],
                }
            ]
        }
    )

    tool_key: str
    reviews: int = Field(description="Latest finalized review of each plan-provider pair in the window")
    total: DistributionOut
    sections: list[DistributionOut] = Field(description="Per section: median and quartiles statewide")
    by_plan: list[PlanRow]
    providers: list[ProviderLatest] = Field(description="Lowest totals first, at most `limit`")
    trend: list[TrendPoint]


# ---------------------------------------------------------------- export jobs and scheduled reports

ExportKind = Literal["findings", "reviews"]
ExportFormat = Literal["csv"]
ExportStatus = Literal["queued", "running", "ready", "failed", "expired"]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExportFilters(_In):
    tool_key: Text | None = Field(default=None, min_length=1, max_length=80)
    provider_id: uuid.UUID | None = None
    finalized_from: Day | None = None
    finalized_to: Day | None = None


class ExportCreate(_In):
    kind: ExportKind = Field(
        description="findings: every finding of finalized reviews; reviews: one row a review"
    )
    format: ExportFormat = "csv"
    filters: ExportFilters = Field(default_factory=ExportFilters)


class ExportOut(BaseModel):
    id: uuid.UUID
    kind: ExportKind
    format: ExportFormat
    filters: dict[str, Any]
    status: ExportStatus
    rows: int | None
    size_bytes: int | None
    schedule_id: uuid.UUID | None
    created_at: datetime
    finished_at: datetime | None
    expires_at: datetime | None
    download_url: str | None = Field(
        default=None,
        description="While ready: a presigned URL (S3) or this API's download route (local disk)",
    )


class ScheduleCreate(_In):
    name: Text = Field(min_length=1, max_length=200)
    kind: ExportKind
    format: ExportFormat = "csv"
    filters: ExportFilters = Field(default_factory=ExportFilters)
    cron: Text = Field(
        min_length=9,
        max_length=100,
        description="Five-field cron text in UTC, e.g. `0 6 * * 1` (Mondays 06:00)",
    )


class ScheduleOut(BaseModel):
    id: uuid.UUID
    name: str
    kind: ExportKind
    format: ExportFormat
    filters: dict[str, Any]
    cron: str
    active: bool
    next_run_at: datetime
    last_run_at: datetime | None
    created_at: datetime
    version: int
