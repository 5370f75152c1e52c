"""Review tools (versioned documents), reviews, their sample draws, sampled records and findings."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from oversight_db.models.base import Base, IdMixin, TimestampMixin, VersionedMixin, values_in
from oversight_domain.statuses import ReviewPurpose, ReviewStatus, SampleRecordStatus


class ToolVersionRecord(IdMixin, TimestampMixin, Base):
    """One immutable version of a review tool: the domain model's dump plus columns to find it by.

    ``organization_id`` is null for shipped tools (visible to everyone) and the importing plan otherwise
    (visible to that plan). A version a review uses is never changed (the service refuses).
    """

    __tablename__ = "tool_version"
    __table_args__ = (
        UniqueConstraint("organization_id", "key", "version", postgresql_nulls_not_distinct=True),
        CheckConstraint("program IN ('ecm', 'tcm')", name="program"),
        Index("ix_tool_version_key", "key", "created_at"),
    )

    organization_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organization.id"))
    key: Mapped[str] = mapped_column(String(80))
    version: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text)
    program: Mapped[str] = mapped_column(String(8))
    jurisdiction: Mapped[str] = mapped_column(String(8))
    document: Mapped[dict[str, Any]] = mapped_column(JSONB)
    # sha256 of the canonical JSON of ``document``: "same content" on re-import means the same hash.
    content_hash: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str | None] = mapped_column(String(200))


class Review(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A monitoring review of one provider by one plan with one tool version.

    ``version`` is the review's ETag; recording findings, drawing samples and excluding records bump it,
    so two reviewers writing findings with the same ETag cannot overwrite each other silently.
    """

    __tablename__ = "review"
    __table_args__ = (
        CheckConstraint(values_in("purpose", ReviewPurpose), name="purpose"),
        CheckConstraint(values_in("status", ReviewStatus), name="status"),
        CheckConstraint("program IN ('ecm', 'tcm')", name="program"),
        CheckConstraint("period_end >= period_start", name="period"),
        Index("ix_review_plan_created", "plan_id", "created_at", "id"),
        Index("ix_review_provider_created", "provider_id", "created_at", "id"),
        # The dashboards' latest finalized review per plan-provider pair: DISTINCT ON read in index order,
        # without a sort, and (with tool_key and id included) without visiting the reviews it skips. The
        # total and the outcome are included too, so the latest rows and the quarterly trends are read from
        # the index alone (an index-only scan; migration 0023).
        Index(
            "ix_review_latest_finalized",
            "plan_id",
            "provider_id",
            text("finalized_at DESC"),
            postgresql_include=["tool_key", "id", "total_score", "outcome"],
            postgresql_where=text("status = 'finalized'"),
        ),
    )

    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    provider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    tool_version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tool_version.id"), index=True)
    tool_key: Mapped[str] = mapped_column(String(80))
    tool_version: Mapped[str] = mapped_column(String(40))
    program: Mapped[str] = mapped_column(String(8))
    purpose: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="scheduled")
    technical_assistance: Mapped[bool] = mapped_column(Boolean, default=False)
    period_start: Mapped[date]
    period_end: Mapped[date]
    scheduled_for: Mapped[date]
    populations_of_focus: Mapped[list[str]] = mapped_column(JSONB, default=list)
    notice_waived_reason: Mapped[str | None] = mapped_column(Text)
    notified_on: Mapped[date]
    created_by: Mapped[str] = mapped_column(String(200))
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    cancelled_at: Mapped[datetime | None]
    finalized_at: Mapped[datetime | None]
    finalized_by: Mapped[str | None] = mapped_column(String(200))
    outcome: Mapped[str | None] = mapped_column(String(32))
    # The scorecard as it was at finalization (the API's scorecard shape); null until then.
    scorecard: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    # The scorecard's total score (``scorecard["total"]["score"]``) and, in ``review_section_score``, its
    # sections' scores: written with the scorecard (``oversight_app.reviews.stored_scores``) so the
    # dashboards read a column instead of parsing every review's JSON. Null until finalized.
    total_score: Mapped[float | None] = mapped_column(Float)
    next_review_due: Mapped[date | None]
    # A follow-up review (purpose "follow_up") checks an open action plan: the plan it checks, and the
    # sections it answers and scores (the plan's sections requiring action; empty = the whole tool).
    # use_alter: action_plan also refers to review, so one of the two keys is added after both tables.
    action_plan_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("action_plan.id", use_alter=True), index=True
    )
    scope_sections: Mapped[list[str]] = mapped_column(JSONB, default=list, server_default=text("'[]'::jsonb"))


class ScorecardVersion(IdMixin, Base):
    """Every scorecard a finalized review has had: 1 at finalization, then one per dispute decision that
    amended its findings. ``review.scorecard`` is the newest; earlier ones stay readable here."""

    __tablename__ = "scorecard_version"
    __table_args__ = (
        UniqueConstraint("review_id", "version_number"),
        CheckConstraint("reason IN ('finalized', 'dispute')", name="reason"),
    )

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"))
    version_number: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str | None] = mapped_column(String(32))
    scorecard: Mapped[dict[str, Any]] = mapped_column(JSONB)
    reason: Mapped[str] = mapped_column(String(16))
    dispute_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("dispute.id"))
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(server_default=text("now()"))


class ReviewSectionScore(Base):
    """One section's score of a review's current scorecard (``review.scorecard["sections"]``, in its order):
    written with the scorecard and replaced when a dispute re-scores it; earlier scorecards keep theirs in
    ``scorecard_version``. What the dashboards read instead of the scorecard's JSON."""

    __tablename__ = "review_section_score"
    __table_args__ = (
        # Covering: the dashboards read a review's sections, in order, from the index alone (no visit to
        # the rows, no sort), which matters when they read 8,000 reviews' sections (README, Benchmarks).
        PrimaryKeyConstraint("review_id", "position", postgresql_include=["key", "title", "score"]),
    )

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"))
    # The section's place in the scorecard (0-based): the dashboards list sections in the tool's order.
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(Text)
    # yes / (yes + no), rounded as on the scorecard; null when nothing in the section is scorable.
    score: Mapped[float | None] = mapped_column(Float)


class SampleDraw(IdMixin, Base):
    """One draw of a review's sample (1: the first sample, 2: the second stage - an expansion draw from the
    frame, or the up-front sample's held records), with what proves it."""

    __tablename__ = "sample_draw"
    __table_args__ = (
        UniqueConstraint("review_id", "draw_number"),
        CheckConstraint("draw_number IN (1, 2)", name="draw_number"),
    )

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"))
    draw_number: Mapped[int] = mapped_column(Integer)
    seed: Mapped[str] = mapped_column(String(100))
    frame_size: Mapped[int] = mapped_column(Integer)
    frame_fingerprint: Mapped[str] = mapped_column(String(64))
    strata_sizes: Mapped[dict[str, int]] = mapped_column(JSONB)
    quotas: Mapped[dict[str, int]] = mapped_column(JSONB)
    # Records the tool's sampling method asked this draw for; fewer were drawn when the frame had fewer left
    # (``sum(quotas) < requested``). Null for draws made before it was recorded (they drew what they asked).
    requested: Mapped[int | None] = mapped_column(Integer)
    drawn_by: Mapped[str] = mapped_column(String(200))
    drawn_at: Mapped[datetime] = mapped_column(server_default=text("now()"))


class ReviewRecord(IdMixin, Base):
    """A member drawn for a review: in the sample, held in reserve (the oversample), or excluded."""

    __tablename__ = "review_record"
    __table_args__ = (
        UniqueConstraint("review_id", "member_id"),
        CheckConstraint(values_in("status", SampleRecordStatus), name="status"),
        Index("ix_review_record_review_draw", "review_id", "draw_number", "stratum", "position"),
    )

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"))
    draw_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sample_draw.id", ondelete="CASCADE"))
    draw_number: Mapped[int] = mapped_column(Integer)
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"))
    stratum: Mapped[str] = mapped_column(String(100))
    # Rank within the stratum in the draw's keyed-hash order (0-based).
    position: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    exclusion_reason: Mapped[str | None] = mapped_column(Text)
    excluded_at: Mapped[datetime | None]
    replaces_record_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("review_record.id"))


class Finding(IdMixin, Base):
    """The answer to one element: per sampled record (record-level) or per review (provider-level)."""

    __tablename__ = "finding"
    __table_args__ = (
        UniqueConstraint("review_id", "record_id", "element_key", postgresql_nulls_not_distinct=True),
        CheckConstraint("answer IN ('yes', 'no', 'na')", name="answer"),
    )

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"))
    record_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("review_record.id", ondelete="CASCADE"))
    element_key: Mapped[str] = mapped_column(String(80))
    answer: Mapped[str] = mapped_column(String(4))
    comment: Mapped[str | None] = mapped_column(Text)
    correction_required: Mapped[bool] = mapped_column(Boolean, default=False)
    corrected_on: Mapped[date | None]
    updated_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
