"""Dispute representations."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from oversight_app.bounds import Day
from oversight_app.text import Text
from oversight_domain.statuses import DisputeDecision, DisputeStatus, DisputeSubject

MAX_EVIDENCE_ITEMS = 20
MAX_AMENDMENTS = 5000


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DisputeCreate(_In):
    subject: DisputeSubject = Field(
        description="What is disputed: a finalized review's result, one of its findings, a decision on an "
        "action plan submission (a return), a CAP, or a termination recommendation"
    )
    subject_id: uuid.UUID = Field(
        description="The review for review_result, the finding for finding, the action plan otherwise"
    )
    reason: Text = Field(min_length=1, max_length=20000, description="The provider's written request")
    evidence: list[Text] = Field(
        default_factory=list,
        max_length=MAX_EVIDENCE_ITEMS,
        description="Evidence as text (documents come with a later evidence issue)",
    )


class EvidenceIn(_In):
    text: Text = Field(min_length=1, max_length=20000)


class AmendmentIn(_In):
    finding_id: uuid.UUID
    answer: Literal["yes", "no", "na"]
    comment: Text | None = Field(default=None, max_length=4000)


class DisputeDecisionIn(_In):
    decision: DisputeDecision
    comment: Text = Field(min_length=1, max_length=4000)
    amendments: list[AmendmentIn] = Field(
        default_factory=list,
        max_length=MAX_AMENDMENTS,
        description="Findings of the disputed review to change (review_result and finding disputes): the "
        "review is re-scored into a new scorecard version",
    )
    due_on: Day | None = Field(
        default=None,
        description="For an overturned CAP or termination recommendation: the due date of the stage the "
        "plan goes back to",
    )


class EvidenceOut(BaseModel):
    text: str
    added_by: str
    added_on: date


class DisputeOut(BaseModel):
    id: uuid.UUID
    plan_id: uuid.UUID
    provider_id: uuid.UUID
    subject: DisputeSubject
    review_id: uuid.UUID | None
    finding_id: uuid.UUID | None
    action_plan_id: uuid.UUID | None
    received_on: date = Field(description="When the provider received the decision")
    window_closes_on: date = Field(description="The last day the decision could be disputed (seed 004)")
    filed_on: date
    reason: str
    evidence: list[EvidenceOut]
    status: DisputeStatus
    decision_due_on: date
    decision: DisputeDecision | None
    decision_comment: str | None
    decided_on: date | None
    decided_by: str | None
    changes: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    version: int
