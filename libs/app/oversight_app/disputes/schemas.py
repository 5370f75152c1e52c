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
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "subject": "finding",
                    "subject_id": "b2d4f6a8-1c3e-4a5b-8d7f-9e0a1b2c3d4f",
                    "reason": "The care plan was updated within 30 days; the signed update is in the member's chart.",
                    "evidence": ["Care plan update signed 2025-02-14, page 3 of the chart."],
                }
            ]
        }
    )

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
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"text": "Supervisor attestation that the visit note was filed on 2025-02-14."}]
        }
    )

    text: Text = Field(min_length=1, max_length=20000)


class AmendmentIn(_In):
    finding_id: uuid.UUID
    answer: Literal["yes", "no", "na"]
    comment: Text | None = Field(default=None, max_length=4000)


class DisputeDecisionIn(_In):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "decision": "upheld",
                    "comment": "The signed update was in the chart: the finding is changed to yes.",
                    "amendments": [
                        {
                            "finding_id": "b2d4f6a8-1c3e-4a5b-8d7f-9e0a1b2c3d4f",
                            "answer": "yes",
                            "comment": "Signed update found on page 3.",
                        }
                    ],
                }
            ]
        }
    )

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
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                    "plan_id": "7d3e5f1a-9b2c-4d6e-8f0a-1b3c5d7e9f20",
                    "provider_id": "3f1c2b9e-6a7d-4e1f-9b2a-5c8d7e6f4a10",
                    "subject": "review_result",
                    "review_id": "0b7c6a52-5f2e-4d4e-9a55-2f8f3c1d9e10",
                    "finding_id": "b2d4f6a8-1c3e-4a5b-8d7f-9e0a1b2c3d4f",
                    "action_plan_id": "9a98c109-a25a-545f-a292-85835b0adf7a",
                    "received_on": "2025-06-20",
                    "window_closes_on": "2025-07-04",
                    "filed_on": "2025-06-20",
                    "reason": "Member disenrolled before the review period began.",
                    "evidence": [
                        {
                            "text": "Signed care plan update, page 3.",
                            "added_by": "api_key:ovk_3f9a",
                            "added_on": "2025-06-20",
                        }
                    ],
                    "status": "open",
                    "decision_due_on": "2025-07-18",
                    "decision": "upheld",
                    "decision_comment": "The finding is changed to yes.",
                    "decided_on": "2025-07-08",
                    "decided_by": "api_key:ovk_3f9a",
                    "changes": {},
                    "created_at": "2025-03-04T15:30:00Z",
                    "updated_at": "2025-03-04T15:30:00Z",
                    "version": 1,
                }
            ]
        }
    )

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
