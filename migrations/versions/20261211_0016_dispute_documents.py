"""Documents a provider attaches to its dispute (issue 15): document requests and documents may belong to a
dispute, and a dispute of an action plan recorded before Oversight has no review, so their review is optional
(a request keeps one of the two).

Revision ID: 0016
Revises: 0014
Create Date: 2026-12-11 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("document_request", "document"):
        op.add_column(table, sa.Column("dispute_id", sa.Uuid(), nullable=True))
        op.create_foreign_key(
            op.f(f"fk_{table}_dispute_id_dispute"),
            table,
            "dispute",
            ["dispute_id"],
            ["id"],
            ondelete="CASCADE",
        )
        op.create_index(op.f(f"ix_{table}_dispute_id"), table, ["dispute_id"], unique=False)
        op.alter_column(table, "review_id", existing_type=sa.Uuid(), nullable=True)
    op.create_check_constraint(
        op.f("ck_document_request_subject"),
        "document_request",
        "review_id IS NOT NULL OR dispute_id IS NOT NULL",
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_document_request_subject"), "document_request", type_="check")
    for table in ("document", "document_request"):
        op.execute(sa.text(f"DELETE FROM {table} WHERE review_id IS NULL"))
        op.alter_column(table, "review_id", existing_type=sa.Uuid(), nullable=False)
        op.drop_index(op.f(f"ix_{table}_dispute_id"), table_name=table)
        op.drop_constraint(op.f(f"fk_{table}_dispute_id_dispute"), table, type_="foreignkey")
        op.drop_column(table, "dispute_id")
