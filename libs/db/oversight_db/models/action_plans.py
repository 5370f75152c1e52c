"""Action plans: a PIP (and the CAP it escalates to) a plan opened for a provider, with its clock."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from oversight_db.models.base import Base, IdMixin, TimestampMixin, VersionedMixin


class ActionPlan(IdMixin, TimestampMixin, VersionedMixin, Base):
    """``kind`` and ``state`` change only through the domain escalation machine
    (``oversight_db.action_plans.apply_event``); ``history`` is the append-only list of what happened
    (opened, submissions, decisions, escalations) with dates and actors, no member data."""

    __tablename__ = "action_plan"
    __table_args__ = (
        CheckConstraint("kind IN ('pip', 'cap')", name="kind"),
        Index("ix_action_plan_plan_created", "plan_id", "created_at", "id"),
        Index("ix_action_plan_provider_state", "provider_id", "state"),
    )

    review_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("review.id"), index=True)
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    provider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    tool_version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tool_version.id"))
    program: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(32))
    issued_on: Mapped[date]
    due_on: Mapped[date | None]
    day_type: Mapped[str] = mapped_column(String(16))
    calendar: Mapped[str] = mapped_column(String(16))
    holds: Mapped[list[str]] = mapped_column(JSONB, default=list)
    history: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    closed_at: Mapped[datetime | None]
    comment: Mapped[str | None] = mapped_column(Text)
