"""Keyed audit hashes: each event records its hash algorithm and key id. Events written before this migration
keep their unkeyed SHA-256 hashes and verify as "sha256" (issue 12).

Revision ID: 0009
Revises: 0007
Create Date: 2026-11-24 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The default fills the existing rows (an ALTER, not an UPDATE: the append-only trigger stays on) and stays,
    # so processes of the previous release, still running during a rolling deploy, keep writing (unkeyed)
    # events instead of failing; verify reports those after the first keyed one (README, "Audit key").
    op.add_column(
        "audit_event", sa.Column("hash_alg", sa.String(length=16), nullable=False, server_default="sha256")
    )
    op.add_column("audit_event", sa.Column("key_id", sa.String(length=32), nullable=True))


def downgrade() -> None:
    op.drop_column("audit_event", "key_id")
    op.drop_column("audit_event", "hash_alg")
