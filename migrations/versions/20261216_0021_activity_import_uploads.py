"""Activity imports sent straight to storage (issue 17, large files): an import waits in
``uploading`` between the upload request and its verified completion.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-16 00:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_constraint(op.f("ck_activity_import_status"), "activity_import", type_="check")
    op.create_check_constraint(
        op.f("ck_activity_import_status"),
        "activity_import",
        "status IN ('uploading', 'pending', 'loading', 'succeeded', 'failed')",
    )


def downgrade() -> None:
    op.execute("DELETE FROM activity_import WHERE status = 'uploading'")
    op.drop_constraint(op.f("ck_activity_import_status"), "activity_import", type_="check")
    op.create_check_constraint(
        op.f("ck_activity_import_status"),
        "activity_import",
        "status IN ('pending', 'loading', 'succeeded', 'failed')",
    )
