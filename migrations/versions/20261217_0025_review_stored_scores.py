"""Reports (issue 16): a review's scores out of its scorecard JSON: ``review.total_score`` and
``review_section_score`` (one row per section of the current scorecard), backfilled from every finalized
review's frozen scorecard; ``ix_review_latest_finalized`` covers the total and the outcome.

Lock time: the column is nullable without a default (a catalog change, no table rewrite); the backfill is one
UPDATE of the finalized reviews (row locks only: reads go on, and nothing else writes a finalized review but a
dispute decision) and one INSERT ... SELECT; the index is rebuilt in this transaction, blocking writes to
``review`` while it builds. Measured on the dashboards benchmark's data (80,000 finalized reviews): the index
build 0.2 s, the backfill UPDATE 2.5 s. The strong locks wait at most 5 s (deploy/README.md: lock timeouts).

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-16 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LATEST = "ix_review_latest_finalized"
FINALIZED = sa.text("status = 'finalized'")


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.add_column("review", sa.Column("total_score", sa.Float(), nullable=True))
    op.create_table(
        "review_section_score",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["review.id"],
            name=op.f("fk_review_section_score_review_id_review"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "review_id",
            "position",
            name=op.f("pk_review_section_score"),
            postgresql_include=["key", "title", "score"],
        ),
    )
    # The same text-to-double parse the dashboards did on the JSON, so every figure stays the same.
    op.execute(
        "UPDATE review SET total_score = (scorecard -> 'total' ->> 'score')::double precision "
        "WHERE scorecard IS NOT NULL"
    )
    op.execute(
        "INSERT INTO review_section_score (review_id, position, key, title, score) "
        "SELECT r.id, s.position - 1, s.section ->> 'key', s.section ->> 'title', "
        "       (s.section ->> 'score')::double precision "
        "FROM review r, jsonb_array_elements(r.scorecard -> 'sections') WITH ORDINALITY AS s(section, position) "
        "WHERE r.scorecard IS NOT NULL"
    )
    op.drop_index(LATEST, table_name="review", postgresql_where=FINALIZED)
    op.create_index(
        LATEST,
        "review",
        ["plan_id", "provider_id", sa.text("finalized_at DESC")],
        unique=False,
        postgresql_include=["tool_key", "id", "total_score", "outcome"],
        postgresql_where=FINALIZED,
    )


def downgrade() -> None:
    op.drop_index(LATEST, table_name="review", postgresql_where=FINALIZED)
    op.create_index(
        LATEST,
        "review",
        ["plan_id", "provider_id", sa.text("finalized_at DESC")],
        unique=False,
        postgresql_include=["tool_key", "id"],
        postgresql_where=FINALIZED,
    )
    op.drop_table("review_section_score")
    op.drop_column("review", "total_score")
