"""Reports (issue 16): the dashboards' latest-finalized-review index.

Revision ID: 0020
Revises: 0018
Create Date: 2026-12-16 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
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
