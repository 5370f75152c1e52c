"""Reports (issue 16): the dashboards' latest-finalized-review index; a provider's scorecard header fields
(Partnership No, phone, fax, contact person and title; seed 003).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-16 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("organization", sa.Column("partnership_no", sa.String(length=40), nullable=True))
    op.add_column("organization", sa.Column("phone", sa.String(length=32), nullable=True))
    op.add_column("organization", sa.Column("fax", sa.String(length=32), nullable=True))
    op.add_column("organization", sa.Column("contact_name", sa.String(length=200), nullable=True))
    op.add_column("organization", sa.Column("contact_title", sa.String(length=200), nullable=True))
    op.create_index(
        "ix_review_latest_finalized",
        "review",
        ["plan_id", "provider_id", sa.text("finalized_at DESC")],
        unique=False,
        postgresql_include=["tool_key", "id"],
        postgresql_where=sa.text("status = 'finalized'"),
    )


def downgrade() -> None:
    op.drop_index(
        "ix_review_latest_finalized",
        table_name="review",
        postgresql_include=["tool_key", "id"],
        postgresql_where=sa.text("status = 'finalized'"),
    )
    for name in ("contact_title", "contact_name", "fax", "phone", "partnership_no"):
        op.drop_column("organization", name)
