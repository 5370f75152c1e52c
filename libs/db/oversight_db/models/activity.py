"""Care-management activity a plan imports for its network (issue 17), the checks run over it, the
suggested findings they become, and organizations' business calendars.

Activity rows are member data (PHI by association): they carry ``plan_id`` and are read only through the
plan's tenancy. Each row keeps the id the plan's system gave it (``source_id``) so a later file updates it
in place, and the import that last wrote it.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from oversight_db.models.base import Base, IdMixin, TimestampMixin, VersionedMixin

IMPORT_KINDS = ("interactions", "tars", "care_documents", "program_spans", "claims", "members")
IMPORT_STATUSES = ("uploading", "pending", "loading", "succeeded", "failed")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class ActivityImport(IdMixin, TimestampMixin, Base):
    """One uploaded file: its content hash (a plan re-sending the same file gets this row back), where the
    bytes are, and what loading it did."""

    __tablename__ = "activity_import"
    __table_args__ = (
        UniqueConstraint("plan_id", "kind", "content_sha256"),
        CheckConstraint(_in("kind", IMPORT_KINDS), name="kind"),
        CheckConstraint(_in("status", IMPORT_STATUSES), name="status"),
        CheckConstraint("file_format IN ('csv', 'ndjson')", name="file_format"),
        Index("ix_activity_import_pending", "status", "created_at"),
    )

    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    file_format: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(12), default="pending")
    content_sha256: Mapped[str] = mapped_column(String(64))
    blob_key: Mapped[str] = mapped_column(String(300))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    rows: Mapped[int | None] = mapped_column(Integer)
    inserted: Mapped[int | None] = mapped_column(Integer)
    updated: Mapped[int | None] = mapped_column(Integer)
    unchanged: Mapped[int | None] = mapped_column(Integer)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    # [{"line": 3, "column": "service_date", "message": "is not a date (YYYY-MM-DD)"}], never a value
    errors: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    created_by: Mapped[str] = mapped_column(String(200))
    # Claims so far: a load cut mid-way (worker killed, job timeout) is claimed again after its lease, up to
    # oversight_app.imports.loader.MAX_LOAD_ATTEMPTS.
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    started_at: Mapped[datetime | None]
    # The running load's last sign of life, renewed every few seconds (oversight_app.claims).
    heartbeat_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


class _ActivityRow(IdMixin):
    # The row's plan and member are one foreign key (``_member_of_plan``): the member exists and is the
    # plan's member (the plan exists: member.plan_id references organization). A key per column checked
    # less (not that the member is the plan's) in two per-row triggers instead of one; on the 1M-row
    # interactions import each trigger costs 3-6 s (issue 17 benchmark, README "Import and check figures").
    plan_id: Mapped[uuid.UUID]
    member_id: Mapped[uuid.UUID]
    import_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("activity_import.id"))
    source_id: Mapped[str] = mapped_column(String(64))


def _member_of_plan() -> ForeignKeyConstraint:
    return ForeignKeyConstraint(["plan_id", "member_id"], ["member.plan_id", "member.id"], ondelete="CASCADE")


class MemberInteraction(_ActivityRow, Base):
    """An outreach attempt, a contact or an appointment (seed 003 "Engagement Requirements Met", seed 002
    "missed appointments")."""

    __tablename__ = "member_interaction"
    __table_args__ = (
        UniqueConstraint("plan_id", "source_id"),
        _member_of_plan(),
        CheckConstraint(_in("kind", ("outreach", "contact", "appointment")), name="kind"),
        CheckConstraint(
            _in("outcome", ("reached", "not_reached", "kept", "missed", "cancelled")), name="outcome"
        ),
        Index("ix_member_interaction_provider_member", "provider_id", "member_id", "occurred_on"),
    )

    provider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    occurred_on: Mapped[date]
    kind: Mapped[str] = mapped_column(String(12))
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(12))
    enrolled: Mapped[bool] = mapped_column(Boolean)


class TreatmentAuthorization(_ActivityRow, Base):
    """A TAR (seed 003 "Treatment Authorization Reports", Partnership policy MCUP3041)."""

    __tablename__ = "treatment_authorization"
    __table_args__ = (
        UniqueConstraint("plan_id", "source_id"),
        _member_of_plan(),
        CheckConstraint(_in("kind", ("initial", "renewal")), name="kind"),
        Index("ix_treatment_authorization_provider_member", "provider_id", "member_id"),
    )

    provider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    kind: Mapped[str] = mapped_column(String(8))
    service_date: Mapped[date | None]
    received_on: Mapped[date]
    primary_denial_on: Mapped[date | None]
    retro_eligibility_on: Mapped[date | None]
    prior_approval_ends_on: Mapped[date | None]
    procedure_code: Mapped[str | None] = mapped_column(String(20))
    modifier: Mapped[str | None] = mapped_column(String(20))
    quantity: Mapped[int | None] = mapped_column(Integer)
    diagnosis_code: Mapped[str | None] = mapped_column(String(20))
    population_of_focus: Mapped[str | None] = mapped_column(String(100))


class CareDocument(_ActivityRow, Base):
    """An assessment or a care plan, with when it was completed and last updated (seed 002 "outdated
    assessments or care plans")."""

    __tablename__ = "care_document"
    __table_args__ = (
        UniqueConstraint("plan_id", "source_id"),
        _member_of_plan(),
        CheckConstraint(_in("kind", ("assessment", "care_plan")), name="kind"),
        Index("ix_care_document_provider_member", "provider_id", "member_id"),
    )

    provider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    kind: Mapped[str] = mapped_column(String(12))
    completed_on: Mapped[date]
    updated_on: Mapped[date | None]


class ProgramSpan(_ActivityRow, Base):
    """A member's enrollment in another program (seed 003 "Duplication of Services Prevention")."""

    __tablename__ = "program_span"
    __table_args__ = (
        UniqueConstraint("plan_id", "source_id"),
        _member_of_plan(),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="date_range"),
        Index("ix_program_span_member", "member_id"),
    )

    program: Mapped[str] = mapped_column(String(16))
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    data_source: Mapped[str] = mapped_column(String(16))


class CheckResult(IdMixin, Base):
    """One thing a check found, per provider and member: open while the data still shows it, closed when
    a later run no longer does. ``subject_key`` names it within its rule (a window, a TAR, a program
    span, a document kind) so each run finds the same row again."""

    __tablename__ = "check_result"
    __table_args__ = (
        UniqueConstraint("plan_id", "provider_id", "member_id", "rule", "subject_key"),
        CheckConstraint("status IN ('open', 'closed')", name="status"),
        Index("ix_check_result_plan_provider", "plan_id", "provider_id", "status", "rule"),
        Index("ix_check_result_member", "member_id", "starts_on"),
    )

    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    provider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    rule: Mapped[str] = mapped_column(String(40))
    clause: Mapped[str | None] = mapped_column(String(60))
    subject_key: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(8), default="open")
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    # non-PHI facts: due date, days late, required/found, program; plus where the data came from
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    sources: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    times_opened: Mapped[int] = mapped_column(Integer, default=1)
    opened_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    last_run_at: Mapped[datetime]


class FindingSuggestion(IdMixin, Base):
    """A suggested answer for one element of a review - of one sampled record (record-level elements) or of
    the review (provider-level, ``record_id`` NULL) - made from check results, and what the reviewer
    decided. Never a finding until the reviewer accepts or overrides it. One per (review, record or none,
    element): NULLS NOT DISTINCT makes the provider-level one unique too."""

    __tablename__ = "finding_suggestion"
    __table_args__ = (
        UniqueConstraint("review_id", "record_id", "element_key", postgresql_nulls_not_distinct=True),
        CheckConstraint("status IN ('pending', 'accepted', 'overridden')", name="status"),
        CheckConstraint("suggested_answer IN ('yes', 'no', 'na')", name="suggested_answer"),
        CheckConstraint("final_answer IS NULL OR final_answer IN ('yes', 'no', 'na')", name="final_answer"),
        CheckConstraint(
            "(status = 'pending') = (final_answer IS NULL AND decided_at IS NULL)", name="decided"
        ),
    )

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"))
    record_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("review_record.id", ondelete="CASCADE"))
    element_key: Mapped[str] = mapped_column(String(80))
    suggested_answer: Mapped[str] = mapped_column(String(4))
    # [{rule, clause, check_result_id, starts_on, ends_on, details, source}]: rules, dates and counts, never
    # member data beyond what the reviewer sees on the record
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    final_answer: Mapped[str | None] = mapped_column(String(4))
    comment: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class BusinessCalendar(IdMixin, TimestampMixin, VersionedMixin, Base):
    """An organization's business calendar: a state's published schedule (shipped data) plus the
    organization's own changes (``BusinessCalendarDay``). ``version`` moves with every change."""

    __tablename__ = "business_calendar"
    __table_args__ = (UniqueConstraint("organization_id"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    base: Mapped[str] = mapped_column(String(8))  # the shipped schedule it starts from: US-NC, US-CA


class BusinessCalendarDay(IdMixin, Base):
    """A day the organization closes (``closed``) or keeps open though its base schedule closes it."""

    __tablename__ = "business_calendar_day"
    __table_args__ = (UniqueConstraint("calendar_id", "day"),)

    calendar_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("business_calendar.id", ondelete="CASCADE"))
    day: Mapped[date]
    closed: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(200))
    changed_at: Mapped[datetime]
