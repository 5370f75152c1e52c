"""Action plans: a PIP (and the CAP it escalates to) a plan opened for a provider, with its clock."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from oversight_db.models.base import Base, IdMixin, TimestampMixin, VersionedMixin, values_in
from oversight_domain.statuses import ActionPlanStatus


class ActionPlan(IdMixin, TimestampMixin, VersionedMixin, Base):
    """The columns mirror the domain's ``ActionPlanState``; ``status`` and ``kind`` (the stage) change only
    through the domain escalation machine (``oversight_db.action_plans.apply_event``). ``history`` is the
    append-only list of what happened (opened, submissions, decisions, escalations) with dates and actors."""

    __tablename__ = "action_plan"
    __table_args__ = (
        CheckConstraint("kind IN ('pip', 'cap')", name="kind"),
        CheckConstraint(values_in("status", ActionPlanStatus), name="status"),
        Index("ix_action_plan_plan_created", "plan_id", "created_at", "id"),
        Index("ix_action_plan_provider_status", "provider_id", "status"),
    )

    review_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("review.id"), index=True)
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    provider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    tool_version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tool_version.id"))
    program: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(32))
    technical_assistance: Mapped[bool] = mapped_column(Boolean, default=False)
    issued_on: Mapped[date]
    due_on: Mapped[date]
    cap_opened_on: Mapped[date | None]
    submitted_on: Mapped[date | None]
    closed_on: Mapped[date | None]
    day_type: Mapped[str] = mapped_column(String(16))
    calendar: Mapped[str] = mapped_column(String(16))
    holds: Mapped[list[str]] = mapped_column(JSONB, default=list)
    reminders_sent: Mapped[list[int]] = mapped_column(JSONB, default=list)
    overdue_notified: Mapped[bool] = mapped_column(Boolean, default=False)
    history: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    created_by: Mapped[str] = mapped_column(String(200))
