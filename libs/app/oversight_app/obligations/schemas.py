"""Provider obligation representations."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from oversight_app.text import Text
from oversight_domain.obligations import ObligationView


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SubmissionOut(BaseModel):
    id: uuid.UUID
    number: int
    summary: str
    content: str
    submitted_on: date
    submitted_at: datetime
    submitted_by: str
    late: bool = Field(description="Submitted after the obligation's due date")
    decision: Literal["accept", "return"] | None
    decision_comment: str | None
    decided_on: date | None
    decided_by: str | None


class ObligationOut(BaseModel):
    id: uuid.UUID
    plan_id: uuid.UUID
    provider_id: uuid.UUID
    network_link_id: uuid.UUID
    site_id: uuid.UUID | None = Field(description="The site owing it (peer sharing); null for the provider")
    program: str
    kind: str = Field(description="program_narrative or peer_sharing (seed 003)")
    title: str
    sequence: int = Field(description="1 for the series' first occurrence, then 2, 3, ...")
    anchor: Literal["first_enrollment", "site_added"]
    anchor_on: date = Field(description="The date the cadence counts from")
    due_on: date
    status: ObligationView = Field(
        description="due | overdue (owed and past due) | submitted (awaiting the plan's review) | returned | "
        "accepted | completed (no review needed)"
    )
    review_required: bool = Field(description="The plan accepts or returns submissions of this kind")
    late: bool | None = Field(description="Whether the first submission came after the due date")
    submission_count: int
    submitted_on: date | None
    decided_on: date | None
    decision_comment: str | None
    created_at: datetime
    updated_at: datetime
    version: int


class ObligationDetail(ObligationOut):
    submissions: list[SubmissionOut] = Field(description="Every submission, oldest first")


class ObligationSubmissionIn(_In):
    summary: Text = Field(min_length=1, max_length=500, description="One line: what this submission is")
    content: Text = Field(
        min_length=1,
        max_length=50000,
        description="The narrative (program, staffing, enrollment, barriers, challenges, successes, "
        "recommendations) or the account of the peer sharing session; no member data",
    )


class DecisionIn(_In):
    decision: Literal["accept", "return"]
    comment: Text = Field(min_length=1, max_length=4000)
