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
    name: Text = Field(min_length=1, max_length=300)
    funding_total: Money = Field(ge=0, max_digits=16, decimal_places=2)
    jurisdiction: Text = Field(default="US-NC", pattern=r"^[A-Z]{2}(-[A-Z]{2})?$")
    distribution_plan_due_on: Day | None = None
    quarterly_periods: QuarterlyPeriodsIn
    monthly_reports: MonthlyReportsIn | None = None
    reminders: RemindersIn | None = None


class ProgramOut(_Out):
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
    program_id: uuid.UUID
    items: list[ScheduleItemOut]


# --------------------------------------------------------------------------- participants


class ParticipantIn(_In):
    plan_id: uuid.UUID = Field(description="The plan (LME/MCO) organization joining the program")


class MilestoneOut(_Out):
    number: int
    text: str
    status: Literal["open", "achieved"]
    achieved_on: date | None


class ParticipantOut(BaseModel):
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
    participant_id: uuid.UUID
    content: DistributionPlanIn


class DistributionPlanOut(BaseModel):
    participant_id: uuid.UUID
    status: Literal["not_submitted", "submitted", "returned", "approved"]
    due_on: date | None
    latest_version: int
    approved_version: int | None
    versions: list[PlanVersionSummary]


class PlanDecisionIn(_In):
    decision: Literal["approve", "return"]
    comments: Text | None = Field(default=None, max_length=20000)


# --------------------------------------------------------------------------- reports


class ProgressIn(_In):
    milestone: Int32
    quantity: Decimal16
    measure: Text | None = Field(default=None, max_length=200)
    note: Text | None = Field(default=None, max_length=2000)


class ReportSubmissionIn(_In):
    progress: list[ProgressIn] = Field(max_length=60)
    narrative: Text | None = Field(default=None, max_length=50000)


class ReportDecisionIn(_In):
    decision: Literal["accept", "return"]
    comments: Text | None = Field(default=None, max_length=20000)


class ProgressOut(BaseModel):
    milestone: int
    quantity: DecimalStr
    measure: str | None = None
    note: str | None = None


class ReportOut(BaseModel):
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
    participant_id: uuid.UUID
    total: Money
    items: list[PaymentOut]


class ParticipantTotalsOut(BaseModel):
    participant_id: uuid.UUID
    plan_id: uuid.UUID
    budgeted: Money
    earned: Money


class TotalsOut(BaseModel):
    program_id: uuid.UUID
    funding_total: Money | None = Field(description="Shown to the program's state only")
    budgeted: Money
    earned: Money
    participants: list[ParticipantTotalsOut]
