"""Member files (issue 17): ``members`` becomes an activity import kind, the file path for large member loads
beside ``POST /v1/members/batch``.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-17 00:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = "kind IN ('interactions', 'tars', 'care_documents', 'program_spans', 'claims')"
NEW = "kind IN ('interactions', 'tars', 'care_documents', 'program_spans', 'claims', 'members')"


def _replace(condition: str) -> None:
    op.drop_constraint(op.f("ck_activity_import_kind"), "activity_import", type_="check")
    op.create_check_constraint(op.f("ck_activity_import_kind"), "activity_import", condition)


def upgrade() -> None:
    _replace(NEW)


def downgrade() -> None:
    # Imports of members cannot be kept under the old constraint: a downgrade refuses while any exist.
    _replace(OLD)
