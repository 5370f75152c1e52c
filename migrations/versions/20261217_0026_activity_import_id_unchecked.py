"""The activity tables' import_id loses its foreign key: only the loader writes it, as the id of the import its
own transaction loads, and activity_import rows are never deleted; the per-row check cost 3-4.5 s of the
1M-row interactions import (issue 17). A separate revision so it can be left out.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-17 00:00:01
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("member_interaction", "treatment_authorization", "care_document", "program_span")


def upgrade() -> None:
    for table in TABLES:
        op.drop_constraint(op.f(f"fk_{table}_import_id_activity_import"), table, type_="foreignkey")


def downgrade() -> None:
    for table in TABLES:
        op.create_foreign_key(
            op.f(f"fk_{table}_import_id_activity_import"), table, "activity_import", ["import_id"], ["id"]
        )
