"""Export builds and import loads prove they are alive: a build renews ``export_job.heartbeat_at``, a load
``activity_import.heartbeat_at``, every few seconds, and one whose claim has not been renewed for a minute is
handed over again (issue 16: a killed long worker's work waited for its lease, an hour).

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-17 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("export_job", sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("activity_import", sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("activity_import", "heartbeat_at")
    op.drop_column("export_job", "heartbeat_at")
