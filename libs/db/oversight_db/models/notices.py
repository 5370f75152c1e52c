"""Notices: the transactional outbox. A row is written with the change that causes it, delivered later."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from oversight_db.models.base import Base, IdMixin, TimestampMixin

DELIVERY_STATUSES = ("pending", "delivered", "failed")


class Notice(IdMixin, TimestampMixin, Base):
    __tablename__ = "notice"
    __table_args__ = (
        CheckConstraint("delivery_status IN ('pending', 'delivered', 'failed')", name="delivery_status"),
        # The relay scans only rows nobody has handed to the queue yet.
        Index("ix_notice_unenqueued", "created_at", postgresql_where=text("enqueued_at IS NULL")),
        Index("ix_notice_recipient_created", "recipient_organization_id", "created_at"),
    )

    kind: Mapped[str] = mapped_column(String(64))
    recipient_organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    # Who inside the recipient organization: "organization" (its contacts) or a role such as "plan_admin".
    recipient_role: Mapped[str | None] = mapped_column(String(32))
    subject_type: Mapped[str] = mapped_column(String(64))
    subject_id: Mapped[uuid.UUID]
    # Ids and non-PHI facts only (dates, scores, links): this is what templates and webhooks see.
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    # Makes notices caused by sweeps and retries exactly-once: the same cause writes the same key.
    dedupe_key: Mapped[str | None] = mapped_column(String(300), unique=True)
    enqueued_at: Mapped[datetime | None]
    delivery_status: Mapped[str] = mapped_column(String(16), default="pending", server_default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    read_at: Mapped[datetime | None]
