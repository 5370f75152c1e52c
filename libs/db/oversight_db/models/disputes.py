"""Provider disputes of a plan's decisions (seed 004, "Provider Dispute Resolution")."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from oversight_db.models.base import Base, IdMixin, TimestampMixin, VersionedMixin, values_in
from oversight_domain.statuses import DisputeDecision, DisputeStatus, DisputeSubject


class Dispute(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A provider's written dispute of one decision, and the plan's decision on it.

    The decision in question is ``subject`` with the review (a result or one of its findings) or the action
    plan (a decision on a submission, a CAP, a termination recommendation) it belongs to. ``received_on`` is
    when the provider received it (the notice's delivery, else the decision's date) and ``window_closes_on``
    the last day it could be disputed. ``evidence`` is the provider's text, appended to, never rewritten.
    """

    __tablename__ = "dispute"
    __table_args__ = (
        CheckConstraint(values_in("subject", DisputeSubject), name="subject"),
        CheckConstraint(values_in("status", DisputeStatus), name="status"),
        CheckConstraint(f"decision IS NULL OR {values_in('decision', DisputeDecision)}", name="decision"),
        Index("ix_dispute_plan_created", "plan_id", "created_at", "id"),
        Index("ix_dispute_provider_created", "provider_id", "created_at", "id"),
    )

    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    provider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    subject: Mapped[str] = mapped_column(String(32))
    review_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("review.id"), index=True)
    finding_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("finding.id", ondelete="SET NULL"))
    action_plan_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("action_plan.id"), index=True)
    tool_version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tool_version.id"))
    received_on: Mapped[date]
    window_closes_on: Mapped[date]
    filed_on: Mapped[date]
    reason: Mapped[str] = mapped_column(Text)
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    status: Mapped[str] = mapped_column(String(16), default="open")
    decision_due_on: Mapped[date]
    decision: Mapped[str | None] = mapped_column(String(32))
    decision_comment: Mapped[str | None] = mapped_column(Text)
    decided_on: Mapped[date | None]
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[str | None] = mapped_column(String(200))
    # What the decision changed: amended findings (element, from, to), the new scorecard version, the
    # action plan's move. Ids and answers only, never member data.
    changes: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    overdue_notified: Mapped[bool] = mapped_column(Boolean, default=False)
    filed_by: Mapped[str] = mapped_column(String(200))
