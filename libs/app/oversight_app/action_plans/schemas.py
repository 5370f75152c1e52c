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
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                    "review_id": "0b7c6a52-5f2e-4d4e-9a55-2f8f3c1d9e10",
                    "plan_id": "7d3e5f1a-9b2c-4d6e-8f0a-1b3c5d7e9f20",
                    "provider_id": "3f1c2b9e-6a7d-4e1f-9b2a-5c8d7e6f4a10",
                    "program": "ecm",
                    "kind": "pip",
                    "status": "pip_open",
                    "technical_assistance": False,
                    "issued_on": "2025-06-04",
                    "due_on": "2025-09-02",
                    "cap_opened_on": "2025-03-04",
                    "submitted_on": "2025-07-01",
                    "closed_on": "2025-03-04",
                    "day_type": "business",
                    "calendar": "US-CA",
                    "holds": ["new_enrollments", "authorizations"],
                    "history": [{}],
                    "created_at": "2025-03-04T15:30:00Z",
                    "updated_at": "2025-03-04T15:30:00Z",
                    "version": 1,
                }
            ]
        }
    )

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

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "provider_id": "3f1c2b9e-6a7d-4e1f-9b2a-5c8d7e6f4a10",
                    "tool_key": "ecm-partnership",
                    "issued_on": "2025-02-03",
                    "comment": "PIP issued by letter before the plan used Oversight.",
                }
            ]
        }
    )

    provider_id: uuid.UUID
    tool_key: Text = Field(min_length=1, max_length=80)
    tool_version: Text | None = Field(default=None, min_length=1, max_length=40)
    issued_on: Day
    review_id: uuid.UUID | None = None
    comment: Text | None = Field(default=None, max_length=4000)


class SubmissionIn(_In):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "response": "Care managers retrained on care plan updates on 2025-03-10; weekly supervisor audits of 10 charts through June."
                }
            ]
        }
    )

    response: Text = Field(
        min_length=1, max_length=20000, description="The provider's plan or evidence of correction"
    )


class DecisionIn(_In):
    # The same schema (example included) as the other DecisionIn, so the document holds one component.
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"decision": "accept", "comment": "Accepted: every item is addressed."}]
        }
    )

    decision: Literal["accept", "return"]
    comment: Text = Field(min_length=1, max_length=4000)


class StandingOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "provider_id": "3f1c2b9e-6a7d-4e1f-9b2a-5c8d7e6f4a10",
                    "status": "good",
                    "can_enroll_members": False,
                    "can_submit_authorizations": False,
                    "open_action_plans": 1,
                    "next_review_due": "2027-06-01",
                }
            ]
        }
    )

    provider_id: uuid.UUID
    status: ProviderStanding
    can_enroll_members: bool
    can_submit_authorizations: bool
    open_action_plans: int
    next_review_due: date | None
