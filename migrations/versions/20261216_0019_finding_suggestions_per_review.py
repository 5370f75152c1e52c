"""Suggested findings (issue 17): one per (review, record or none, element), so a provider-level element
(no record) gets one too; the reviewer's comment, and when a pending suggestion was last refreshed.

Nothing wrote ``finding_suggestion`` before this revision; the new columns still get a value for any row.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-16 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_constraint("uq_finding_suggestion_record_id_element_key", "finding_suggestion", type_="unique")
    op.drop_index("ix_finding_suggestion_review_id", table_name="finding_suggestion")
    op.alter_column("finding_suggestion", "record_id", existing_type=sa.Uuid(), nullable=True)
    op.add_column("finding_suggestion", sa.Column("comment", sa.Text(), nullable=True))
    op.add_column(
        "finding_suggestion",
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.alter_column("finding_suggestion", "updated_at", server_default=None)
    op.create_unique_constraint(
        op.f("uq_finding_suggestion_review_id_record_id_element_key"),
        "finding_suggestion",
        ["review_id", "record_id", "element_key"],
        postgresql_nulls_not_distinct=True,
    )
    op.create_check_constraint(
        op.f("ck_finding_suggestion_final_answer"),
        "finding_suggestion",
        "final_answer IS NULL OR final_answer IN ('yes', 'no', 'na')",
    )
    op.create_check_constraint(
        op.f("ck_finding_suggestion_decided"),
        "finding_suggestion",
        "(status = 'pending') = (final_answer IS NULL AND decided_at IS NULL)",
    )


def downgrade() -> None:
    op.drop_constraint("ck_finding_suggestion_decided", "finding_suggestion", type_="check")
    op.drop_constraint("ck_finding_suggestion_final_answer", "finding_suggestion", type_="check")
    op.drop_constraint(
        "uq_finding_suggestion_review_id_record_id_element_key", "finding_suggestion", type_="unique"
    )
    op.drop_column("finding_suggestion", "updated_at")
    op.drop_column("finding_suggestion", "comment")
    # Provider-level suggestions have no record; the old table cannot hold them.
    op.execute("DELETE FROM finding_suggestion WHERE record_id IS NULL")
    op.alter_column("finding_suggestion", "record_id", existing_type=sa.Uuid(), nullable=False)
    op.create_index("ix_finding_suggestion_review_id", "finding_suggestion", ["review_id"], unique=False)
    op.create_unique_constraint(
        "uq_finding_suggestion_record_id_element_key", "finding_suggestion", ["record_id", "element_key"]
    )
