"""Deadlines: every clock in the system is a row here, swept by the worker. Nothing waits in memory."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from oversight_db.models.base import Base, IdMixin, TimestampMixin


class Deadline(IdMixin, TimestampMixin, Base):
    __tablename__ = "deadline"
    __table_args__ = (
        UniqueConstraint("subject_type", "subject_id", "kind", "due_on"),
        CheckConstraint("state IN ('pending', 'done', 'cancelled')", name="state"),
        CheckConstraint("day_type IN ('calendar', 'business')", name="day_type"),
        # The sweep walks pending rows in (due_on, id) order from a cursor: with id in the index each batch
        # is an index range scan, not a sort of every pending row still due.
        Index("ix_deadline_pending_due_id", "due_on", "id", postgresql_where=text("state = 'pending'")),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"), index=True)
    subject_type: Mapped[str] = mapped_column(String(64))
    subject_id: Mapped[uuid.UUID]
    kind: Mapped[str] = mapped_column(String(64))
    due_on: Mapped[date]
    day_type: Mapped[str] = mapped_column(String(16), default="calendar")
    calendar: Mapped[str] = mapped_column(String(16), default="US")
    state: Mapped[str] = mapped_column(String(16), default="pending", server_default="pending")
    fired_at: Mapped[datetime | None]
