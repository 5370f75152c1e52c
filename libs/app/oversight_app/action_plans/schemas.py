"""Action plan and provider standing representations."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from oversight_app.bounds import Day
from oversight_app.text import Text
from oversight_domain.statuses import ActionPlanStatus, ProviderStanding


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActionPlanOut(BaseModel):
    id: uuid.UUID
    review_id: uuid.UUID | None
    plan_id: uuid.UUID
    provider_id: uuid.UUID
    program: str
    kind: Literal["pip", "cap"]
    status: ActionPlanStatus
    technical_assistance: bool
    issued_on: date
    due_on: date
    cap_opened_on: date | None
    submitted_on: date | None
    closed_on: date | None
    day_type: str
    calendar: str
    holds: list[str]
    history: list[dict[str, Any]]
    created_at: datetime
    updated_at: datetime
    version: int


class ActionPlanRecord(_In):
    """A PIP issued before the plan used Oversight: the due date is computed from ``issued_on``."""

    provider_id: uuid.UUID
    tool_key: Text = Field(min_length=1, max_length=80)
    tool_version: Text | None = Field(default=None, min_length=1, max_length=40)
    issued_on: Day
    review_id: uuid.UUID | None = None
    comment: Text | None = Field(default=None, max_length=4000)


class SubmissionIn(_In):
    response: Text = Field(
        min_length=1, max_length=20000, description="The provider's plan or evidence of correction"
    )


class DecisionIn(_In):
    decision: Literal["accept", "return"]
    comment: Text = Field(min_length=1, max_length=4000)


class StandingOut(BaseModel):
    provider_id: uuid.UUID
    status: ProviderStanding
    can_enroll_members: bool
    can_submit_authorizations: bool
    open_action_plans: int
    next_review_due: date | None
