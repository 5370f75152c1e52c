"""Review resources: scheduling, samples and records, findings, scorecard."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from oversight_app.bounds import Day
from oversight_app.text import Text
from oversight_domain.statuses import ReviewPurpose, ReviewStatus, SampleRecordStatus

Purpose = ReviewPurpose
Status = ReviewStatus
AnswerIn = Literal["yes", "no", "na"]
Population = Text
Score = Annotated[
    Decimal,
    PlainSerializer(float, return_type=float, when_used="json"),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 1}),
]
"""A score as a JSON number in 0..1, rounded half-up to 4 decimals (outcomes use exact fractions)."""


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ReviewCreate(_In):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "provider_id": "3f1c2b9e-6a7d-4e1f-9b2a-5c8d7e6f4a10",
                    "tool_key": "ecm-partnership",
                    "purpose": "monitoring",
                    "period_start": "2025-01-01",
                    "period_end": "2025-12-31",
                    "scheduled_for": "2026-02-09",
                }
            ]
        }
    )

    provider_id: uuid.UUID
    tool_key: Text = Field(min_length=1, max_length=80)
    tool_version: Text | None = Field(default=None, min_length=1, max_length=40)
    purpose: Purpose
    period_start: Day
    period_end: Day
    scheduled_for: Day
    populations_of_focus: list[Population] | None = Field(default=None, max_length=20)
    notice_waived_reason: Text | None = Field(default=None, min_length=3, max_length=2000)
    action_plan_id: uuid.UUID | None = Field(
        default=None,
        description="For purpose follow_up (and only then): the open action plan the review follows up",
    )

    @model_validator(mode="after")
    def _period(self) -> ReviewCreate:
        if self.period_end < self.period_start:
            raise ValueError("period_end must be on or after period_start")
        return self


class ReviewPatch(_In):
    # At least one field: an empty patch is refused ("nothing to change").
    model_config = ConfigDict(
        json_schema_extra={"minProperties": 1, "examples": [{"scheduled_for": "2026-02-16"}]}
    )

    scheduled_for: Day | None = None
    period_start: Day | None = None
    period_end: Day | None = None
    populations_of_focus: list[Population] | None = Field(default=None, max_length=20)
    notice_waived_reason: Text | None = Field(default=None, min_length=3, max_length=2000)
    status: Literal[ReviewStatus.IN_PROGRESS, ReviewStatus.CANCELLED] | None = None
    cancel_reason: Text | None = Field(default=None, min_length=3, max_length=2000)


class ReviewOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                    "plan_id": "7d3e5f1a-9b2c-4d6e-8f0a-1b3c5d7e9f20",
                    "provider_id": "3f1c2b9e-6a7d-4e1f-9b2a-5c8d7e6f4a10",
                    "tool_key": "ecm-partnership",
                    "tool_version": "2025.1",
                    "program": "ecm",
                    "purpose": "monitoring",
                    "status": "finalized",
                    "technical_assistance": False,
                    "period_start": "2025-01-01",
                    "period_end": "2025-12-31",
                    "scheduled_for": "2025-06-01",
                    "notified_on": "2025-04-21",
                    "populations_of_focus": ["Adults experiencing homelessness"],
                    "notice_waived_reason": "Provider agreed to an earlier date.",
                    "cancel_reason": "Provider site closed for relocation.",
                    "outcome": "pass",
                    "next_review_due": "2027-06-01",
                    "finalized_at": "2025-03-04T15:30:00Z",
                    "cancelled_at": "2025-03-01T12:00:00Z",
                    "created_at": "2025-03-04T15:30:00Z",
                    "updated_at": "2025-03-04T15:30:00Z",
                    "version": 1,
                    "action_plan_id": "9a98c109-a25a-545f-a292-85835b0adf7a",
                    "scope_sections": [],
                }
            ]
        }
    )

    id: uuid.UUID
    plan_id: uuid.UUID
    provider_id: uuid.UUID
    tool_key: str
    tool_version: str
    program: str
    purpose: Purpose
    status: Status
    technical_assistance: bool
    period_start: date
    period_end: date
    scheduled_for: date
    notified_on: date
    populations_of_focus: list[str]
    notice_waived_reason: str | None
    cancel_reason: str | None
    outcome: str | None
    next_review_due: date | None
    finalized_at: datetime | None
    cancelled_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int
    action_plan_id: uuid.UUID | None = Field(description="A follow-up review's action plan")
    scope_sections: list[str] = Field(
        description="The sections a follow-up answers and scores (the plan's sections requiring action); "
        "empty: the whole tool"
    )


# ---------------------------------------------------------------- samples and records


class SampleDrawIn(_In):
    model_config = ConfigDict(json_schema_extra={"examples": [{"seed": "ecm-2026-redwood"}]})

    seed: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._:-]+$")] | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="Seed of the keyed-hash order; a random one is chosen when omitted",
    )


class SampleDrawOut(BaseModel):
    id: uuid.UUID
    review_id: uuid.UUID
    draw_number: int
    seed: str
    frame_size: int
    frame_fingerprint: str
    strata_sizes: dict[str, int] = Field(
        description="Members each pool offered this draw (not yet in the sample; for the up-front sample's "
        "second stage, its held records)"
    )
    quotas: dict[str, int] = Field(description="Records each pool gave the sample")
    requested: int | None = Field(
        description="Records the tool's sampling method asked this draw for; null for draws made before it was "
        "recorded"
    )
    available: int = Field(description="Members the frame offered this draw (the sum of strata_sizes)")
    limited_by_frame: bool = Field(
        description="Fewer records than requested were drawn because the frame had no more: all it had are in "
        "the sample"
    )
    sampled: int
    held: int = Field(description="Records drawn up front for the second stage (the upfront method)")
    reserve: int
    drawn_by: str
    drawn_at: datetime


class SampleDrawnOut(SampleDrawOut):
    """A draw just made: the draw and what it did to the review."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                    "review_id": "0b7c6a52-5f2e-4d4e-9a55-2f8f3c1d9e10",
                    "draw_number": 1,
                    "seed": "2025-review-1",
                    "frame_size": 1,
                    "frame_fingerprint": "sha256:8c1d2e3f",
                    "strata_sizes": {"ecm": 8},
                    "quotas": {"ecm": 8},
                    "requested": 1,
                    "available": 1,
                    "limited_by_frame": False,
                    "sampled": 1,
                    "held": 1,
                    "reserve": 1,
                    "drawn_by": "api_key:ovk_3f9a",
                    "drawn_at": "2025-03-04T15:30:00Z",
                    "review_status": "in_progress",
                    "review_started": True,
                }
            ]
        }
    )

    review_status: Status
    review_started: bool = Field(
        description="The review was scheduled and this draw started it (status in_progress; audited as "
        "review.started)"
    )


class SampleDrawList(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {
                            "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                            "review_id": "0b7c6a52-5f2e-4d4e-9a55-2f8f3c1d9e10",
                            "draw_number": 1,
                            "seed": "2025-review-1",
                            "frame_size": 1,
                            "frame_fingerprint": "sha256:8c1d2e3f",
                            "strata_sizes": {"ecm": 8},
                            "quotas": {"ecm": 8},
                            "requested": 1,
                            "available": 1,
                            "limited_by_frame": False,
                            "sampled": 1,
                            "held": 1,
                            "reserve": 1,
                            "drawn_by": "api_key:ovk_3f9a",
                            "drawn_at": "2025-03-04T15:30:00Z",
                        }
                    ]
                }
            ]
        }
    )

    items: list[SampleDrawOut]


class RecordMember(BaseModel):
    """Member identity (PHI): reading it is audited."""

    id: uuid.UUID
    member_number: str
    first_name: str
    last_name: str
    birth_date: date


class RecordOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                    "review_id": "0b7c6a52-5f2e-4d4e-9a55-2f8f3c1d9e10",
                    "draw_number": 1,
                    "stratum": "ecm",
                    "position": 1,
                    "status": "sampled",
                    "exclusion_reason": "Member disenrolled before the review period began.",
                    "excluded_at": "2025-03-04T15:30:00Z",
                    "replaces_record_id": "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b",
                    "member": {
                        "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                        "member_number": "91234567A",
                        "first_name": "Pat",
                        "last_name": "Example",
                        "birth_date": "1980-01-10",
                    },
                }
            ]
        }
    )

    id: uuid.UUID
    review_id: uuid.UUID
    draw_number: int
    stratum: str
    position: int
    status: SampleRecordStatus
    exclusion_reason: str | None
    excluded_at: datetime | None
    replaces_record_id: uuid.UUID | None
    member: RecordMember


class ExcludeIn(_In):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"reason": "Member disenrolled before the review period began."}]}
    )

    reason: Text = Field(min_length=3, max_length=2000)


class ExcludeOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "excluded": {
                        "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                        "review_id": "0b7c6a52-5f2e-4d4e-9a55-2f8f3c1d9e10",
                        "draw_number": 1,
                        "stratum": "ecm",
                        "position": 1,
                        "status": "sampled",
                        "exclusion_reason": "Member disenrolled before the review period began.",
                        "excluded_at": "2025-03-04T15:30:00Z",
                        "replaces_record_id": "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b",
                        "member": {
                            "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                            "member_number": "91234567A",
                            "first_name": "Pat",
                            "last_name": "Example",
                            "birth_date": "1980-01-10",
                        },
                    },
                    "replacement": {
                        "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                        "review_id": "0b7c6a52-5f2e-4d4e-9a55-2f8f3c1d9e10",
                        "draw_number": 1,
                        "stratum": "ecm",
                        "position": 1,
                        "status": "sampled",
                        "exclusion_reason": "Member disenrolled before the review period began.",
                        "excluded_at": "2025-03-04T15:30:00Z",
                        "replaces_record_id": "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b",
                        "member": {
                            "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                            "member_number": "91234567A",
                            "first_name": "Pat",
                            "last_name": "Example",
                            "birth_date": "1980-01-10",
                        },
                    },
                }
            ]
        }
    )

    excluded: RecordOut
    replacement: RecordOut


# ---------------------------------------------------------------- findings


MAX_CITATIONS_PER_FINDING = 20


class CitationIn(_In):
    """A document of the review the answer rests on, optionally pages of it (``3``, ``2-4, 7``)."""

    document_id: uuid.UUID
    pages: Annotated[str, StringConstraints(pattern=r"^[0-9]+(-[0-9]+)?(,\s*[0-9]+(-[0-9]+)?)*$")] | None = (
        Field(default=None, max_length=100)
    )


class CitationOut(BaseModel):
    """A cited document by id, kind and version (its name is member data: read it on the document)."""

    document_id: uuid.UUID
    document_kind: str
    version_number: int
    pages: str | None
    cited_by: str
    cited_at: datetime


class FindingIn(_In):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "record_id": "6a1e9d3c-2b7f-4c8a-9e5d-1f0a3b2c4d5e",
                    "element_key": "cp.care_plans_goal_progress",
                    "answer": "yes",
                    "comment": "Care plan goals and progress documented.",
                    "citations": [{"document_id": "c9e8d7f6-5a4b-4c3d-9e2f-1a0b9c8d7e6f", "pages": "2-3"}],
                }
            ]
        }
    )

    record_id: uuid.UUID | None = None
    element_key: Text = Field(min_length=1, max_length=80)
    answer: AnswerIn
    comment: Text | None = Field(default=None, max_length=4000)
    correction_required: bool = False
    corrected_on: Day | None = None
    citations: list[CitationIn] | None = Field(
        default=None,
        max_length=MAX_CITATIONS_PER_FINDING,
        description="Available documents of this review the answer rests on. Omitted: the finding's "
        "citations stay as they are; a list (empty too) replaces them",
    )


class FindingOut(BaseModel):
    id: uuid.UUID
    record_id: uuid.UUID | None
    element_key: str
    answer: AnswerIn
    comment: str | None
    correction_required: bool
    corrected_on: date | None
    updated_by: str
    updated_at: datetime
    citations: list[CitationOut] = Field(default_factory=list)


class FindingsOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "review_id": "0b7c6a52-5f2e-4d4e-9a55-2f8f3c1d9e10",
                    "version": 1,
                    "items": [
                        {
                            "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                            "record_id": "6a1e9d3c-2b7f-4c8a-9e5d-1f0a3b2c4d5e",
                            "element_key": "oe.member_visit_documentation",
                            "answer": "yes",
                            "comment": "Care plan goals and progress documented.",
                            "correction_required": False,
                            "corrected_on": "2025-06-12",
                            "updated_by": "api_key:ovk_3f9a",
                            "updated_at": "2025-03-04T15:30:00Z",
                            "citations": [
                                {
                                    "document_id": "c9e8d7f6-5a4b-4c3d-9e2f-1a0b9c8d7e6f",
                                    "document_kind": "care_plan",
                                    "version_number": 1,
                                    "pages": "2-3",
                                    "cited_by": "api_key:ovk_3f9a",
                                    "cited_at": "2025-03-04T15:30:00Z",
                                }
                            ],
                        }
                    ],
                }
            ]
        }
    )

    review_id: uuid.UUID
    version: int
    items: list[FindingOut]


# ---------------------------------------------------------------- scorecard


class SectionScoreOut(BaseModel):
    key: str
    title: str
    yes_points: int
    no_points: int
    na_count: int
    score: Score | None = Field(description="yes / (yes + no), 0..1; null when nothing is scorable")


class TotalScoreOut(BaseModel):
    yes_points: int
    possible_points: int
    score: Score | None


class RecordScoreOut(BaseModel):
    record_id: uuid.UUID
    score: Score | None
    failed: bool


class UnansweredOut(BaseModel):
    record_id: uuid.UUID | None
    element_key: str


class SampleStageOut(BaseModel):
    draw_number: int
    requested: int | None
    available: int
    drawn: int
    limited_by_frame: bool


class EvidenceCitedOut(BaseModel):
    """A document a finding cites: the evidence behind one element of one record (or of the provider)."""

    record_id: uuid.UUID | None
    element_key: str
    document_id: uuid.UUID
    document_kind: str
    version_number: int
    pages: str | None


class ScorecardOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "review_id": "0b7c6a52-5f2e-4d4e-9a55-2f8f3c1d9e10",
                    "tool_key": "ecm-partnership",
                    "tool_version": "2025.1",
                    "sections": [
                        {
                            "key": "ecm-partnership",
                            "title": "Care Plans and Goal Progress",
                            "yes_points": 1,
                            "no_points": 1,
                            "na_count": 1,
                            "score": 0.875,
                        }
                    ],
                    "total": {"yes_points": 1, "possible_points": 1, "score": 0.875},
                    "outcome": "pass",
                    "sections_requiring_action": [],
                    "records": [
                        {"record_id": "6a1e9d3c-2b7f-4c8a-9e5d-1f0a3b2c4d5e", "score": 0.875, "failed": False}
                    ],
                    "expansion_required": False,
                    "sample_limited_by_frame": False,
                    "sample_draws": [
                        {
                            "draw_number": 1,
                            "requested": 1,
                            "available": 1,
                            "drawn": 1,
                            "limited_by_frame": False,
                        }
                    ],
                    "unanswered": [
                        {
                            "record_id": "6a1e9d3c-2b7f-4c8a-9e5d-1f0a3b2c4d5e",
                            "element_key": "oe.member_visit_documentation",
                        }
                    ],
                    "evidence": [
                        {
                            "record_id": "6a1e9d3c-2b7f-4c8a-9e5d-1f0a3b2c4d5e",
                            "element_key": "oe.member_visit_documentation",
                            "document_id": "c9e8d7f6-5a4b-4c3d-9e2f-1a0b9c8d7e6f",
                            "document_kind": "care_plan",
                            "version_number": 1,
                            "pages": "2-3",
                        }
                    ],
                    "final": False,
                }
            ]
        }
    )

    review_id: uuid.UUID
    tool_key: str
    tool_version: str
    sections: list[SectionScoreOut]
    total: TotalScoreOut
    outcome: Literal["pass", "conditional_pass", "pip"] | None
    sections_requiring_action: list[str]
    records: list[RecordScoreOut]
    expansion_required: bool
    sample_limited_by_frame: bool = Field(
        default=False,
        description="A draw had fewer members left in the frame than the sampling method asked for; the "
        "sample holds all of them (sample_draws has the counts)",
    )
    sample_draws: list[SampleStageOut] = Field(
        default_factory=list, description="Each draw's requested, available and drawn records"
    )
    unanswered: list[UnansweredOut]
    evidence: list[EvidenceCitedOut] = Field(
        default_factory=list,
        description="The documents the findings cite, per record and element (empty in scorecards frozen "
        "before citations existed)",
    )
    final: bool = Field(description="true once the review is finalized (the frozen snapshot)")


def _example(model: type[BaseModel]) -> Any:
    """A model's documented example, reused inside the examples of the models that nest it."""
    return model.model_config["json_schema_extra"]["examples"][0]  # type: ignore[index]


class ScorecardVersionOut(BaseModel):
    """One scorecard a finalized review has had: 1 at finalization, then one per dispute decision that
    amended findings."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "review_id": "0b7c6a52-5f2e-4d4e-9a55-2f8f3c1d9e10",
                    "version_number": 1,
                    "reason": "finalized",
                    "dispute_id": "d1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f5a",
                    "outcome": "pass",
                    "created_by": "api_key:ovk_3f9a",
                    "created_at": "2025-03-04T15:30:00Z",
                    "scorecard": _example(ScorecardOut),
                }
            ]
        }
    )

    review_id: uuid.UUID
    version_number: int
    reason: Literal["finalized", "dispute"]
    dispute_id: uuid.UUID | None
    outcome: Literal["pass", "conditional_pass", "pip"] | None
    created_by: str
    created_at: datetime
    scorecard: ScorecardOut


class ScorecardVersionList(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [_example(ScorecardVersionOut)]}]})

    items: list[ScorecardVersionOut]


class FollowUpResultOut(BaseModel):
    """What a finalized follow-up review did to its action plan."""

    action_plan_id: uuid.UUID
    total_percent: str | None = Field(description="The score over the follow-up's sections, as a percentage")
    compliant: bool = Field(
        description="true when the score reached the policy's compliant_at (100%): the plan closed"
    )


class FinalizeOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "review": _example(ReviewOut),
                    "scorecard": _example(ScorecardOut),
                    "action_plan_id": "9a98c109-a25a-545f-a292-85835b0adf7a",
                    "follow_up": {
                        "action_plan_id": "9a98c109-a25a-545f-a292-85835b0adf7a",
                        "total_percent": "100.0",
                        "compliant": False,
                    },
                }
            ]
        }
    )

    review: ReviewOut
    scorecard: ScorecardOut
    action_plan_id: uuid.UUID | None
    follow_up: FollowUpResultOut | None = None


# ---------------------------------------------------------------- suggested findings (issue 17)

SuggestionStatus = Literal["pending", "accepted", "overridden"]

_REASON_EXAMPLE: dict[str, Any] = {
    "rule": "engagement_gap",
    "clause": "enrolled",
    "check_result_id": "4a8e2f10-5b1c-4d2e-8f3a-6b7c8d9e0f11",
    "starts_on": "2025-03-02",
    "ends_on": "2025-03-31",
    "details": {"required": 1, "found": 0, "window_days": 30},
    "source": 'seed 003, ECM Review Tool, "Engagement Requirements Met": "Engaging enrolled members: a '
    'minimum of once per 30 days"',
}
_SUGGESTION_EXAMPLE: dict[str, Any] = {
    "id": "5d2c1b0a-9e8f-4a7b-8c6d-5e4f3a2b1c0d",
    "review_id": "0b7c6a52-5f2e-4d4e-9a55-2f8f3c1d9e10",
    "record_id": "6a1e9d3c-2b7f-4c8a-9e5d-1f0a3b2c4d5e",
    "element_key": "oe.engagement_requirements_met",
    "suggested_answer": "no",
    "reasons": [_REASON_EXAMPLE],
    "status": "overridden",
    "final_answer": "yes",
    "comment": "The March contact is in the member's chart; the platform export missed it.",
    "decided_by": "api_key:ovk_3f9a",
    "decided_at": "2026-03-04T15:30:00Z",
    "created_at": "2026-03-02T09:00:00Z",
    "updated_at": "2026-03-04T15:30:00Z",
}


class SuggestionReason(BaseModel):
    """Why an answer is suggested: a check result (rule, dates, non-PHI facts) or, for a "yes", the engagement
    windows that were all met; with the seed sentence the element rests on."""

    model_config = ConfigDict(json_schema_extra={"examples": [_REASON_EXAMPLE]})

    rule: str = Field(description="The check rule, or engagement_windows_met for a suggested yes")
    clause: str | None
    check_result_id: uuid.UUID | None
    starts_on: date
    ends_on: date | None
    details: dict[str, Any] = Field(description="Days late, due date, required/found, program, document kind")
    source: str


class SuggestionOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_SUGGESTION_EXAMPLE]})

    id: uuid.UUID
    review_id: uuid.UUID
    record_id: uuid.UUID | None = Field(description="The sampled record; null for a provider-level element")
    element_key: str
    suggested_answer: AnswerIn
    reasons: list[SuggestionReason]
    status: SuggestionStatus
    final_answer: AnswerIn | None
    comment: str | None
    decided_by: str | None
    decided_at: datetime | None
    created_at: datetime
    updated_at: datetime


class SuggestionOverrideIn(_In):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "answer": "yes",
                    "comment": "The March contact is in the member's chart; the platform export missed it.",
                }
            ]
        },
    )

    answer: AnswerIn = Field(description="The reviewer's answer; not the suggested one (accept that)")
    comment: Text = Field(min_length=3, max_length=4000, description="Why the suggestion is overridden")
