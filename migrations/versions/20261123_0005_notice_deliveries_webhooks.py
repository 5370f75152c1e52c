"""Notice delivery: one row per channel/endpoint of a notice, webhook endpoints, the relay's retry index.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 19:54:33.203344
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "webhook_endpoint",
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=True),
        sa.Column(
            "event_types",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column("secret", sa.String(length=100), nullable=False),
        sa.Column("previous_secret", sa.String(length=100), nullable=True),
        sa.Column("previous_secret_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("secret_rotated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.String(length=200), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_webhook_endpoint_organization_id_organization"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_endpoint")),
    )
    op.create_index(
        "ix_webhook_endpoint_org_active",
        "webhook_endpoint",
        ["organization_id"],
        unique=False,
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.create_table(
        "notice_delivery",
        sa.Column("notice_id", sa.Uuid(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("target", sa.String(length=80), nullable=False),
        sa.Column("webhook_endpoint_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(length=16), server_default="pending", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("first_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("channel IN ('email', 'webhook')", name=op.f("ck_notice_delivery_channel")),
        sa.CheckConstraint(
            "status IN ('pending', 'delivered', 'failed', 'cancelled')",
            name=op.f("ck_notice_delivery_status"),
        ),
        sa.ForeignKeyConstraint(
            ["notice_id"], ["notice.id"], name=op.f("fk_notice_delivery_notice_id_notice"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["webhook_endpoint_id"],
            ["webhook_endpoint.id"],
            name=op.f("fk_notice_delivery_webhook_endpoint_id_webhook_endpoint"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice_delivery")),
        sa.UniqueConstraint("notice_id", "target", name=op.f("uq_notice_delivery_notice_id_target")),
    )
    op.create_index(
        op.f("ix_notice_delivery_webhook_endpoint_id"),
        "notice_delivery",
        ["webhook_endpoint_id"],
        unique=False,
    )
    op.create_index(
        "ix_notice_pending_next_attempt",
        "notice",
        ["next_attempt_at"],
        unique=False,
        postgresql_where=sa.text("delivery_status = 'pending' AND next_attempt_at IS NOT NULL"),
    )
    # The deadline sweep's cursor order (due_on, id): replaces the due_on-only index of 0001.
    op.drop_index(
        "ix_deadline_pending_due", table_name="deadline", postgresql_where=sa.text("state = 'pending'")
    )
    op.create_index(
        "ix_deadline_pending_due_id",
        "deadline",
        ["due_on", "id"],
        unique=False,
        postgresql_where=sa.text("state = 'pending'"),
    )


def downgrade() -> None:
    op.drop_index(
        "ix_deadline_pending_due_id", table_name="deadline", postgresql_where=sa.text("state = 'pending'")
    )
    op.create_index(
        "ix_deadline_pending_due",
        "deadline",
        ["due_on"],
        unique=False,
        postgresql_where=sa.text("state = 'pending'"),
    )
    op.drop_index(
        "ix_notice_pending_next_attempt",
        table_name="notice",
        postgresql_where=sa.text("delivery_status = 'pending' AND next_attempt_at IS NOT NULL"),
    )
    op.drop_index(op.f("ix_notice_delivery_webhook_endpoint_id"), table_name="notice_delivery")
    op.drop_table("notice_delivery")
    op.drop_index(
        "ix_webhook_endpoint_org_active",
        table_name="webhook_endpoint",
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.drop_table("webhook_endpoint")
