"""The ECM sampling frame's index orders each member's enrollments by population (greatest first), so the frame
is a DISTINCT ON over the index instead of a GROUP BY (issue 5, P5).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 23:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_enrollment_provider_program", table_name="enrollment")
    op.create_index(
        "ix_enrollment_provider_program",
        "enrollment",
        ["provider_id", "program", "status", "member_id", sa.text("population DESC NULLS LAST")],
        unique=False,
        postgresql_include=["plan_id", "start_date", "end_date"],
    )


def downgrade() -> None:
    op.drop_index("ix_enrollment_provider_program", table_name="enrollment")
    op.create_index(
        "ix_enrollment_provider_program",
        "enrollment",
        ["provider_id", "program", "status", "member_id"],
        unique=False,
        postgresql_include=["plan_id", "start_date", "end_date", "population"],
    )
