"""A notice's delivery lease: a job claims the notice in a short transaction, sends with no transaction
open, and records the outcome only while the lease is still its own (issue 11, part 4).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 23:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("notice", sa.Column("lease_token", sa.Uuid(), nullable=True))
    op.add_column("notice", sa.Column("lease_expires_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("notice", "lease_expires_at")
    op.drop_column("notice", "lease_token")
