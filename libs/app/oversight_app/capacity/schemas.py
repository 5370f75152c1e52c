"""Capacity Building request and response models. Money and quantities are decimals, sent and returned as
strings (``"1250000.00"``) so no client rounds them through a float."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from oversight_app.bounds import Day, Int32
from oversight_app.text import Text
from oversight_domain.capacity import DueRule

# Declared as the decimal string it is sent and returned as (a JSON number is read too): one schema for input
# and output, so generated clients type it ``str`` rather than ``float | str``.
DecimalStr = Annotated[
    Decimal,
    WithJsonSchema({"type": "string", "pattern": r"^-?\d+(\.\d+)?$", "examples": ["1250000.00"]}),
]
Money = DecimalStr


def _at_most_digits(total: int) -> str:
    """A decimal string of at most ``total`` digits in all (what ``max_digits`` counts), one branch per
    length of the fractional part."""
    fractions = "|".join(rf"\d{{1,{total - places}}}\.\d{{{places}}}" for places in range(1, total))
    return rf"^-?(\d{{1,{total}}}|{fractions})$"


# A decimal string of at most 16 digits in all, declared as such.
Decimal16 = Annotated[
    Decimal,
    Field(max_digits=16),
    WithJsonSchema({"type": "string", "pattern": _at_most_digits(16), "examples": ["1250000.00"]}),
]
ReportKind = Literal["distribution_plan", "quarterly", "monthly"]
ReportStatus = Literal["due", "submitted", "returned", "accepted"]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Out(BaseModel):
    """Read from the ORM row of the same field names."""

    model_config = ConfigDict(from_attributes=True)


# --------------------------------------------------------------------------- programs


class PeriodIn(_In):
    start: Day
    end: Day


class QuarterlyPeriodsIn(_In):
    """Generated periods (``first_start``..``last_end`` in ``months_per_period`` steps) or explicit ``periods``."""

    first_start: Day | None = None
    last_end: Day | None = None
    months_per_period: int = Field(default=3, ge=1, le=12)
    periods: list[PeriodIn] | None = Field(default=None, max_length=120)
    due_rule: DueRule


class MonthlyReportsIn(_In):
    first_month: Day
    last_month: Day | None = Field(default=None, description="Default: the month the last quarter ends")
    due_rule: DueRule


class RemindersIn(_In):
    """When each report's reminders go to the plan's admins (default: 14, 7 and 1 days before the due date and an
    overdue notice, copied to the state, the day after)."""

    days_before: list[Int32] | None = Field(default=None, max_length=10, description="Calendar days before")
    overdue_days_after: Int32 | None = Field(default=None, description="Calendar days after the due date")


class ProgramIn(_In):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "NC Tailored Care Management Capacity Building",
                    "funding_total": "90000000.00",
                    "jurisdiction": "US-NC",
                    "distribution_plan_due_on": "2021-11-30",
                    "quarterly_periods": {
                        "first_start": "2022-01-01",
                        "last_end": "2023-06-30",
                        "due_rule": {"kind": "day_of_following_month", "day": 30, "months_after": 1},
                    },
                    "monthly_reports": {
                        "first_month": "2021-12-01",
                        "due_rule": {"kind": "last_day_of_month"},
                    },
                }
            ]
        }
    )

    name: Text = Field(min_length=1, max_length=300)
    funding_total: Money = Field(ge=0, max_digits=16, decimal_places=2)
    jurisdiction: Text = Field(default="US-NC", pattern=r"^[A-Z]{2}(-[A-Z]{2})?$")
    distribution_plan_due_on: Day | None = None
    quarterly_periods: QuarterlyPeriodsIn
    monthly_reports: MonthlyReportsIn | None = None
    reminders: RemindersIn | None = None


class ProgramOut(_Out):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                    "organization_id": "7b2d75dd-21ca-5da8-8fbe-adc7e57e5905",
                    "name": "Redwood ECM",
                    "funding_total": "90000000.00",
                    "jurisdiction": "US-CA",
                    "distribution_plan_due_on": "2021-11-30",
                    "spec": {},
                    "created_at": "2025-03-04T15:30:00Z",
                }
            ]
        }
    )

    id: uuid.UUID
    organization_id: uuid.UUID
    name: str
    funding_total: Money
    jurisdiction: str
    distribution_plan_due_on: date | None
    spec: dict[str, Any]
    created_at: datetime


class ScheduleItemOut(_Out):
    kind: ReportKind
    label: str
    period_index: int | None
    period_start: date | None
    period_end: date | None
    due_on: date


class ScheduleOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "program_id": "18f8e120-9960-5263-af05-e8e77a4ddd01",
                    "items": [
                        {
                            "kind": "distribution_plan",
                            "label": "2022 Q1",
                            "period_index": 1,
                            "period_start": "2025-01-01",
                            "period_end": "2025-12-31",
                            "due_on": "2025-09-02",
                        }
                    ],
                }
            ]
        }
    )

    program_id: uuid.UUID
    items: list[ScheduleItemOut]


# --------------------------------------------------------------------------- participants


class ParticipantIn(_In):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"plan_id": "a4b5c6d7-e8f9-4a0b-9c1d-2e3f4a5b6c7d"}]}
    )

    plan_id: uuid.UUID = Field(description="The plan (LME/MCO) organization joining the program")


class MilestoneOut(_Out):
    number: int
    text: str
    status: Literal["open", "achieved"]
    achieved_on: date | None


class ParticipantOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                    "program_id": "18f8e120-9960-5263-af05-e8e77a4ddd01",
                    "plan_id": "7d3e5f1a-9b2c-4d6e-8f0a-1b3c5d7e9f20",
                    "created_at": "2025-03-04T15:30:00Z",
                    "distribution_plan_status": "approved",
                    "milestones": [
                        {
                            "number": 1,
                            "text": "Signed care plan update, page 3.",
                            "status": "open",
                            "achieved_on": "2022-06-15",
                        }
                    ],
                }
            ]
        }
    )

    id: uuid.UUID
    program_id: uuid.UUID
    plan_id: uuid.UUID
    created_at: datetime
    distribution_plan_status: str
    milestones: list[MilestoneOut]


# --------------------------------------------------------------------------- distribution plans


class BudgetIn(_In):
    milestone: Int32
    amount: Decimal16


class TargetIn(_In):
    milestone: Int32
    quarter: Int32 = Field(description="The quarter's period_index in the program schedule (1-based)")
    measure: Text = Field(min_length=1, max_length=200, description="e.g. 'care managers hired'")
    target: Decimal16
    payment: Decimal16 = Field(description="What meeting this target earns")


class AllocationIn(_In):
    provider_id: uuid.UUID
    provider_type: Literal["amh_plus", "cma"]
    milestone: Int32
    amount: Decimal16


class DistributionPlanIn(_In):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "approach": "Fund AMH+ practices and CMAs to hire care managers and adopt a care management data system.",
                    "budgets": [{"milestone": 1, "amount": "50000.00"}],
                    "targets": [
                        {
                            "milestone": 1,
                            "quarter": 1,
                            "measure": "care managers hired",
                            "target": "4",
                            "payment": "20000.00",
                        }
                    ],
                    "allocations": [
                        {
                            "provider_id": "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b",
                            "provider_type": "amh_plus",
                            "milestone": 1,
                            "amount": "50000.00",
                        }
                    ],
                }
            ]
        }
    )

    approach: Text | None = Field(default=None, max_length=20000)
    needs_assessment: Text | None = Field(
        default=None, max_length=20000, description="Summary of the regional needs assessment"
    )
    budgets: list[BudgetIn] = Field(max_length=6)
    targets: list[TargetIn] = Field(default_factory=list, max_length=600)
    allocations: list[AllocationIn] = Field(default_factory=list, max_length=5000)


class PlanVersionSummary(_Out):
    number: int
    submitted_at: datetime
    submitted_by: str
    late: bool
    decision: Literal["approved", "returned"] | None
    decision_comments: str | None
    decided_at: datetime | None


class PlanVersionOut(PlanVersionSummary):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "number": 1,
                    "submitted_at": "2025-03-04T15:30:00Z",
                    "submitted_by": "api_key:ovk_3f9a",
                    "late": False,
                    "decision": "approved",
                    "decision_comments": "Approved as submitted.",
                    "decided_at": "2025-03-04T15:30:00Z",
                    "participant_id": "58ca5a17-ecd0-5871-bbe4-a804a2ebc73d",
                    "content": {
                        "approach": "Fund AMH+ practices and CMAs to hire care managers.",
                        "needs_assessment": "Rural counties lack care managers.",
                        "budgets": [{"milestone": 1, "amount": "50000.00"}],
                        "targets": [
                            {
                                "milestone": 1,
                                "quarter": 1,
                                "measure": "care managers hired",
                                "target": "4",
                                "payment": "20000.00",
                            }
                        ],
                        "allocations": [
                            {
                                "provider_id": "3f1c2b9e-6a7d-4e1f-9b2a-5c8d7e6f4a10",
                                "provider_type": "amh_plus",
                                "milestone": 1,
                                "amount": "50000.00",
                            }
                        ],
                    },
                }
            ]
        }
    )

    participant_id: uuid.UUID
    content: DistributionPlanIn


class DistributionPlanOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "participant_id": "58ca5a17-ecd0-5871-bbe4-a804a2ebc73d",
                    "status": "not_submitted",
                    "due_on": "2025-09-02",
                    "latest_version": 1,
                    "approved_version": 1,
                    "versions": [
                        {
                            "number": 1,
                            "submitted_at": "2025-03-04T15:30:00Z",
                            "submitted_by": "api_key:ovk_3f9a",
                            "late": False,
                            "decision": "approved",
                            "decision_comments": "Approved as submitted.",
                            "decided_at": "2025-03-04T15:30:00Z",
                        }
                    ],
                }
            ]
        }
    )

    participant_id: uuid.UUID
    status: Literal["not_submitted", "submitted", "returned", "approved"]
    due_on: date | None
    latest_version: int
    approved_version: int | None
    versions: list[PlanVersionSummary]


class PlanDecisionIn(_In):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"decision": "approve", "comments": "Budgets and targets match the program guidance."}
            ]
        }
    )

    decision: Literal["approve", "return"]
    comments: Text | None = Field(default=None, max_length=20000)


# --------------------------------------------------------------------------- reports


class ProgressIn(_In):
    milestone: Int32
    quantity: Decimal16
    measure: Text | None = Field(default=None, max_length=200)
    note: Text | None = Field(default=None, max_length=2000)


class ReportSubmissionIn(_In):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "progress": [
                        {
                            "milestone": 1,
                            "quantity": "3",
                            "measure": "care managers hired",
                            "note": "A fourth starts next month.",
                        }
                    ],
                    "narrative": "Hiring is on track at two of three AMH+ practices.",
                }
            ]
        }
    )

    progress: list[ProgressIn] = Field(max_length=60)
    narrative: Text | None = Field(default=None, max_length=50000)


class ReportDecisionIn(_In):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"decision": "accept", "comments": "Progress matches the approved targets."}]
        }
    )

    decision: Literal["accept", "return"]
    comments: Text | None = Field(default=None, max_length=20000)


class ProgressOut(BaseModel):
    milestone: int
    quantity: DecimalStr
    measure: str | None = None
    note: str | None = None


class ReportOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                    "program_id": "18f8e120-9960-5263-af05-e8e77a4ddd01",
                    "participant_id": "58ca5a17-ecd0-5871-bbe4-a804a2ebc73d",
                    "kind": "distribution_plan",
                    "label": "2022 Q1",
                    "period_index": 1,
                    "period_start": "2025-01-01",
                    "period_end": "2025-12-31",
                    "due_on": "2025-09-02",
                    "status": "due",
                    "overdue": False,
                    "late": False,
                    "submissions": 1,
                    "first_submitted_at": "2025-03-04T15:30:00Z",
                    "submitted_at": "2025-03-04T15:30:00Z",
                    "decided_at": "2025-03-04T15:30:00Z",
                    "decision_comments": "Approved as submitted.",
                    "progress": [
                        {
                            "milestone": 1,
                            "quantity": "3",
                            "measure": "care managers hired",
                            "note": "On track.",
                        }
                    ],
                    "narrative": "Hiring is on track.",
                }
            ]
        }
    )

    id: uuid.UUID
    program_id: uuid.UUID
    participant_id: uuid.UUID
    kind: ReportKind
    label: str
    period_index: int | None
    period_start: date | None
    period_end: date | None
    due_on: date
    status: ReportStatus
    overdue: bool = Field(description="Still owed (due or returned) and its due date has passed")
    late: bool | None = Field(description="Its first submission came after the due date")
    submissions: int
    first_submitted_at: datetime | None
    submitted_at: datetime | None
    decided_at: datetime | None
    decision_comments: str | None
    progress: list[ProgressOut]
    narrative: str | None


# --------------------------------------------------------------------------- views


class QuarterStatusOut(BaseModel):
    period_index: int
    label: str
    due_on: date
    measure: str
    target: DecimalStr
    reported: DecimalStr | None
    status: Literal["met", "not_met", "in_progress", "pending", "not_reported"]
    payment: Money
    earned: Money


class MilestoneSummaryOut(BaseModel):
    number: int
    text: str
    status: Literal["open", "achieved"]
    achieved_on: date | None
    budgeted: Money
    earned: Money
    quarters: list[QuarterStatusOut]


class MilestoneSummaryListOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "participant_id": "58ca5a17-ecd0-5871-bbe4-a804a2ebc73d",
                    "as_of": "2025-06-30",
                    "milestones": [
                        {
                            "number": 1,
                            "text": "Signed care plan update, page 3.",
                            "status": "open",
                            "achieved_on": "2022-06-15",
                            "budgeted": "50000.00",
                            "earned": "20000.00",
                            "quarters": [
                                {
                                    "period_index": 1,
                                    "label": "2022 Q1",
                                    "due_on": "2025-09-02",
                                    "measure": "care managers hired",
                                    "target": "4",
                                    "reported": "3",
                                    "status": "met",
                                    "payment": "20000.00",
                                    "earned": "20000.00",
                                }
                            ],
                        }
                    ],
                }
            ]
        }
    )

    participant_id: uuid.UUID
    as_of: date
    milestones: list[MilestoneSummaryOut]


class PaymentOut(_Out):
    id: uuid.UUID
    milestone: int
    period_index: int
    provider_id: uuid.UUID | None = Field(description="None: the plan's own (unallocated) share")
    amount: Money
    earned_on: date
    source_type: str
    source_id: uuid.UUID


class PaymentsOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "participant_id": "58ca5a17-ecd0-5871-bbe4-a804a2ebc73d",
                    "total": "20000.00",
                    "items": [
                        {
                            "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                            "milestone": 1,
                            "period_index": 1,
                            "provider_id": "3f1c2b9e-6a7d-4e1f-9b2a-5c8d7e6f4a10",
                            "amount": "50000.00",
                            "earned_on": "2022-05-30",
                            "source_type": "report",
                            "source_id": "b40406a2-fb8d-5caf-b4a2-4f91db250e9d",
                        }
                    ],
                }
            ]
        }
    )

    participant_id: uuid.UUID
    total: Money
    items: list[PaymentOut]


class ParticipantTotalsOut(BaseModel):
    participant_id: uuid.UUID
    plan_id: uuid.UUID
    budgeted: Money
    earned: Money


class TotalsOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "program_id": "18f8e120-9960-5263-af05-e8e77a4ddd01",
                    "funding_total": "90000000.00",
                    "budgeted": "50000.00",
                    "earned": "20000.00",
                    "participants": [
                        {
                            "participant_id": "58ca5a17-ecd0-5871-bbe4-a804a2ebc73d",
                            "plan_id": "7d3e5f1a-9b2c-4d6e-8f0a-1b3c5d7e9f20",
                            "budgeted": "50000.00",
                            "earned": "20000.00",
                        }
                    ],
                }
            ]
        }
    )

    program_id: uuid.UUID
    funding_total: Money | None = Field(description="Shown to the program's state only")
    budgeted: Money
    earned: Money
    participants: list[ParticipantTotalsOut]
