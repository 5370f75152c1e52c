"""Export jobs and report schedules (issue 16): files the worker builds into blob storage, and the
organizations' report definitions (cron text) that queue them. New tables only.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-11 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "report_schedule",
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("format", sa.String(length=8), nullable=False),
        sa.Column("filters", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("include_member_identity", sa.Boolean(), nullable=False),
        sa.Column("cron", sa.String(length=120), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("next_run_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint("format IN ('csv')", name=op.f("ck_report_schedule_format")),
        sa.CheckConstraint("kind IN ('findings', 'reviews')", name=op.f("ck_report_schedule_kind")),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_report_schedule_organization_id_organization"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_schedule")),
    )
    op.create_index(
        "ix_report_schedule_due",
        "report_schedule",
        ["next_run_at"],
        unique=False,
        postgresql_where=sa.text("enabled"),
    )
    op.create_index(
        "ix_report_schedule_org", "report_schedule", ["organization_id", "created_at", "id"], unique=False
    )
    op.create_table(
        "export_job",
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("organization_kind", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("format", sa.String(length=8), nullable=False),
        sa.Column("filters", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("include_member_identity", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="queued", nullable=False),
        sa.Column("requested_by", sa.String(length=200), nullable=False),
        sa.Column("schedule_id", sa.Uuid(), nullable=True),
        sa.Column("slot", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("enqueued_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("row_count", sa.Integer(), nullable=True),
        sa.Column("byte_size", sa.BigInteger(), nullable=True),
        sa.Column("blob_key", sa.String(length=200), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.String(length=200), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("format IN ('csv')", name=op.f("ck_export_job_format")),
        sa.CheckConstraint("kind IN ('findings', 'reviews')", name=op.f("ck_export_job_kind")),
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'ready', 'failed', 'expired')", name=op.f("ck_export_job_status")
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["organization.id"], name=op.f("fk_export_job_organization_id_organization")
        ),
        sa.ForeignKeyConstraint(
            ["schedule_id"],
            ["report_schedule.id"],
            name=op.f("fk_export_job_schedule_id_report_schedule"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_job")),
        sa.UniqueConstraint("schedule_id", "slot", name=op.f("uq_export_job_schedule_id_slot")),
    )
    op.create_index(
        "ix_export_job_expires",
        "export_job",
        ["expires_at"],
        unique=False,
        postgresql_where=sa.text("status = 'ready'"),
    )
    op.create_index("ix_export_job_org", "export_job", ["organization_id", "created_at", "id"], unique=False)
    op.create_index(
        "ix_export_job_queued",
        "export_job",
        ["created_at"],
        unique=False,
        postgresql_where=sa.text("status IN ('queued', 'running')"),
    )


def downgrade() -> None:
    op.drop_index(
        "ix_export_job_queued",
        table_name="export_job",
        postgresql_where=sa.text("status IN ('queued', 'running')"),
    )
    op.drop_index("ix_export_job_org", table_name="export_job")
    op.drop_index(
        "ix_export_job_expires", table_name="export_job", postgresql_where=sa.text("status = 'ready'")
    )
    op.drop_table("export_job")
    op.drop_index("ix_report_schedule_org", table_name="report_schedule")
    op.drop_index("ix_report_schedule_due", table_name="report_schedule", postgresql_where=sa.text("enabled"))
    op.drop_table("report_schedule")
