"""Activity imports count their load attempts: an import a dead or timed-out long worker left ``loading`` is
claimed again after its lease, at most three times (issue 17, the long-jobs pool).

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-16 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("activity_import", sa.Column("attempts", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    op.drop_column("activity_import", "attempts")
