"""Sampling methods (issue 14): a draw records how many records its method asked for, and a drawn member may be
``held`` (drawn up front by the ``upfront`` method, NCQA 8/30, and reviewed only if the first records fail).

Existing draws keep a null ``requested``: they drew what they asked for or answered ``empty-frame``.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 01:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("sample_draw", sa.Column("requested", sa.Integer(), nullable=True))
    op.drop_constraint(op.f("ck_review_record_status"), "review_record", type_="check")
    op.create_check_constraint(
        op.f("ck_review_record_status"),
        "review_record",
        "status IN ('sampled', 'reserve', 'excluded', 'held')",
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_review_record_status"), "review_record", type_="check")
    op.create_check_constraint(
        op.f("ck_review_record_status"), "review_record", "status IN ('sampled', 'reserve', 'excluded')"
    )
    op.drop_column("sample_draw", "requested")
