"""Notices: the transactional outbox. A row is written with the change that causes it, delivered later."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from oversight_db.models.base import Base, IdMixin, TimestampMixin, values_in
from oversight_domain.statuses import DestinationDeliveryStatus, NoticeDeliveryStatus


class Notice(IdMixin, TimestampMixin, Base):
    __tablename__ = "notice"
    __table_args__ = (
        CheckConstraint(values_in("delivery_status", NoticeDeliveryStatus), name="delivery_status"),
        # The relay scans only rows nobody has handed to the queue yet.
        Index("ix_notice_unenqueued", "created_at", postgresql_where=text("enqueued_at IS NULL")),
        Index("ix_notice_recipient_created", "recipient_organization_id", "created_at"),
        # The relay's second scan: pending notices whose retry (or lost job's lease) is due.
        Index(
            "ix_notice_pending_next_attempt",
            "next_attempt_at",
            postgresql_where=text("delivery_status = 'pending' AND next_attempt_at IS NOT NULL"),
        ),
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
    # The delivery job that claimed the notice: it sends with no transaction open, and records its outcome
    # only while the token is still its own. Past ``lease_expires_at`` (database time) another job may
    # claim it; a job can never run that long (arq cancels it at DELIVER_TIMEOUT_SECONDS).
    lease_token: Mapped[uuid.UUID | None]
    lease_expires_at: Mapped[datetime | None]

    deliveries: Mapped[list[NoticeDelivery]] = relationship(
        lazy="raise", order_by="NoticeDelivery.target", viewonly=True
    )


DELIVERY_CHANNELS = ("email", "webhook")


class NoticeDelivery(IdMixin, TimestampMixin, Base):
    """One channel/endpoint of one notice. A retry re-sends only the rows still ``pending``.

    The inbox is the notice row itself and has no delivery row. ``cancelled``: the webhook endpoint was
    deleted before the notice reached it (terminal, not a failure).
    """

    __tablename__ = "notice_delivery"
    __table_args__ = (
        UniqueConstraint("notice_id", "target"),
        CheckConstraint("channel IN ('email', 'webhook')", name="channel"),
        CheckConstraint(values_in("status", DestinationDeliveryStatus), name="status"),
    )

    # Looked up by notice: the unique (notice_id, target) index serves that.
    notice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("notice.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(16))
    # "email" or "webhook:<endpoint id>": one row per destination, fixed at the first attempt.
    target: Mapped[str] = mapped_column(String(80))
    webhook_endpoint_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("webhook_endpoint.id"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), default="pending", server_default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    first_attempt_at: Mapped[datetime | None]
    last_attempt_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
    last_status_code: Mapped[int | None]
    # An HTTP status or an exception type: never a response body (receivers may echo what they got).
    last_error: Mapped[str | None] = mapped_column(Text)


class WebhookEndpoint(IdMixin, TimestampMixin, Base):
    """Where an organization receives notices as signed HTTP POSTs.

    The signing secret is stored as is: HMAC needs the secret itself, not a hash of it. After a rotation the
    previous secret keeps signing alongside the new one until ``previous_secret_expires_at``.
    """

    __tablename__ = "webhook_endpoint"
    __table_args__ = (
        Index(
            "ix_webhook_endpoint_org_active",
            "organization_id",
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    url: Mapped[str] = mapped_column(String(2000))
    description: Mapped[str | None] = mapped_column(String(300))
    # Notice kinds this endpoint wants; empty means every kind.
    event_types: Mapped[list[str]] = mapped_column(JSONB, default=list, server_default=text("'[]'::jsonb"))
    secret: Mapped[str] = mapped_column(String(100))
    previous_secret: Mapped[str | None] = mapped_column(String(100))
    previous_secret_expires_at: Mapped[datetime | None]
    secret_rotated_at: Mapped[datetime | None]
    created_by: Mapped[str | None] = mapped_column(String(200))
    deleted_at: Mapped[datetime | None]
