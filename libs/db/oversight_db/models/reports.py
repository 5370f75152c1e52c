"""Export jobs and scheduled reports (issue 16).

An ``export_job`` is a file the worker builds into blob storage: queued by a request or a schedule,
claimed and built by a worker, ``ready`` with a blob key and an expiry, then ``expired`` when the worker
deletes the blob. Its ``filters`` hold ids, dates and keys only (never member data): they travel into logs
and audit events. The row is also the job's outbox: the worker's cron enqueues queued rows the API's
after-commit hand-off missed.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from oversight_db.models.base import Base, IdMixin, TimestampMixin, VersionedMixin, values_in
from oversight_domain.report_jobs import ExportKind, ExportStatus


class ReportSchedule(IdMixin, TimestampMixin, VersionedMixin, Base):
    """An organization's report definition: what to export and when (cron text in ``timezone``)."""

    __tablename__ = "report_schedule"
    __table_args__ = (
        CheckConstraint(values_in("kind", ExportKind), name="kind"),
        CheckConstraint("format IN ('csv')", name="format"),
        # The cron's due scan: enabled schedules by their next slot.
        Index("ix_report_schedule_due", "next_run_at", postgresql_where=text("enabled")),
        Index("ix_report_schedule_org", "organization_id", "created_at", "id"),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    format: Mapped[str] = mapped_column(String(8))
    filters: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    include_member_identity: Mapped[bool] = mapped_column(Boolean, default=False)
    cron: Mapped[str] = mapped_column(String(120))
    timezone: Mapped[str] = mapped_column(String(64))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    next_run_at: Mapped[datetime]
    last_run_at: Mapped[datetime | None]
    created_by: Mapped[str] = mapped_column(String(200))


class ExportJob(IdMixin, TimestampMixin, Base):
    __tablename__ = "export_job"
    __table_args__ = (
        CheckConstraint(values_in("kind", ExportKind), name="kind"),
        CheckConstraint(values_in("status", ExportStatus), name="status"),
        CheckConstraint("format IN ('csv')", name="format"),
        # A schedule fires once per slot, however many workers see it due.
        UniqueConstraint("schedule_id", "slot"),
        Index("ix_export_job_org", "organization_id", "created_at", "id"),
        Index("ix_export_job_queued", "created_at", postgresql_where=text("status IN ('queued', 'running')")),
        Index("ix_export_job_expires", "expires_at", postgresql_where=text("status = 'ready'")),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    # The requesting organization's kind decides the scope the worker exports (a state: its jurisdiction).
    organization_kind: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(32))
    format: Mapped[str] = mapped_column(String(8))
    filters: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    include_member_identity: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="queued", server_default="queued")
    requested_by: Mapped[str] = mapped_column(String(200))
    schedule_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("report_schedule.id", ondelete="SET NULL")
    )
    slot: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    started_at: Mapped[datetime | None]
    # The running build's last sign of life (renewed every few seconds): a claim not renewed within the
    # lease is a dead worker's and is handed over (export_build.CLAIM_LEASE).
    heartbeat_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    # The last hand-over to the queue: the cron enqueues again once it is older than a job can run.
    enqueued_at: Mapped[datetime | None]
    row_count: Mapped[int | None] = mapped_column(Integer)
    byte_size: Mapped[int | None] = mapped_column(BigInteger)
    blob_key: Mapped[str | None] = mapped_column(String(200))
    expires_at: Mapped[datetime | None]
    # A short, fixed description (an error's type), never a message that could quote data.
    error: Mapped[str | None] = mapped_column(String(200))
