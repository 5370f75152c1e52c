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
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                    "plan_id": "7d3e5f1a-9b2c-4d6e-8f0a-1b3c5d7e9f20",
                    "provider_id": "3f1c2b9e-6a7d-4e1f-9b2a-5c8d7e6f4a10",
                    "network_link_id": "ef08c516-c075-5e40-9fe6-cec894edbf1d",
                    "site_id": "0cd425a1-927b-552f-8a86-e5cc054c3631",
                    "program": "ecm",
                    "kind": "program_narrative",
                    "title": "Care Plans and Goal Progress",
                    "sequence": 1,
                    "anchor": "first_enrollment",
                    "anchor_on": "2025-01-01",
                    "due_on": "2025-09-02",
                    "status": "due",
                    "review_required": False,
                    "late": False,
                    "submission_count": 1,
                    "submitted_on": "2025-07-01",
                    "decided_on": "2025-07-08",
                    "decision_comment": "The finding is changed to yes.",
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
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                    "plan_id": "7d3e5f1a-9b2c-4d6e-8f0a-1b3c5d7e9f20",
                    "provider_id": "3f1c2b9e-6a7d-4e1f-9b2a-5c8d7e6f4a10",
                    "network_link_id": "ef08c516-c075-5e40-9fe6-cec894edbf1d",
                    "site_id": "0cd425a1-927b-552f-8a86-e5cc054c3631",
                    "program": "ecm",
                    "kind": "program_narrative",
                    "title": "Care Plans and Goal Progress",
                    "sequence": 1,
                    "anchor": "first_enrollment",
                    "anchor_on": "2025-01-01",
                    "due_on": "2025-09-02",
                    "status": "due",
                    "review_required": False,
                    "late": False,
                    "submission_count": 1,
                    "submitted_on": "2025-07-01",
                    "decided_on": "2025-07-08",
                    "decision_comment": "The finding is changed to yes.",
                    "created_at": "2025-03-04T15:30:00Z",
                    "updated_at": "2025-03-04T15:30:00Z",
                    "version": 1,
                    "submissions": [
                        {
                            "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                            "number": 1,
                            "summary": "Quarterly ECM program report, Q1 2025",
                            "content": "Staffing: 6 lead care managers. Enrollment: 212 members.",
                            "submitted_on": "2025-07-01",
                            "submitted_at": "2025-03-04T15:30:00Z",
                            "submitted_by": "api_key:ovk_3f9a",
                            "late": False,
                            "decision": "accept",
                            "decision_comment": "The finding is changed to yes.",
                            "decided_on": "2025-07-08",
                            "decided_by": "api_key:ovk_3f9a",
                        }
                    ],
                }
            ]
        }
    )

    submissions: list[SubmissionOut] = Field(description="Every submission, oldest first")


class ObligationSubmissionIn(_In):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "summary": "Quarterly ECM program report, Q1 2025",
                    "content": "Staffing: 6 lead care managers. Enrollment: 212 members. Barriers: housing availability. Successes: outreach within 30 days for 94% of referrals.",
                }
            ]
        }
    )

    summary: Text = Field(min_length=1, max_length=500, description="One line: what this submission is")
    content: Text = Field(
        min_length=1,
        max_length=50000,
        description="The narrative (program, staffing, enrollment, barriers, challenges, successes, "
        "recommendations) or the account of the peer sharing session; no member data",
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
