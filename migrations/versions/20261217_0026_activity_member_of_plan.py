"""The activity tables' plan and member become one foreign key, (plan_id, member_id) -> member (plan_id, id):
it checks that the member is the plan's (the two keys it replaces did not), in one per-row trigger instead of
two (issue 17: the 1M-row interactions import spent 3-6 s in each trigger).

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-17 00:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("member_interaction", "treatment_authorization", "care_document", "program_span")


def upgrade() -> None:
    op.create_unique_constraint(op.f("uq_member_plan_id_id"), "member", ["plan_id", "id"])
    for table in TABLES:
        op.drop_constraint(op.f(f"fk_{table}_plan_id_organization"), table, type_="foreignkey")
        op.drop_constraint(op.f(f"fk_{table}_member_id_member"), table, type_="foreignkey")
        # Validated as it is added: an existing row whose member is another plan's stops the migration.
        op.create_foreign_key(
            op.f(f"fk_{table}_plan_id_member"),
            table,
            "member",
            ["plan_id", "member_id"],
            ["plan_id", "id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    for table in TABLES:
        op.drop_constraint(op.f(f"fk_{table}_plan_id_member"), table, type_="foreignkey")
        op.create_foreign_key(
            op.f(f"fk_{table}_member_id_member"), table, "member", ["member_id"], ["id"], ondelete="CASCADE"
        )
        op.create_foreign_key(
            op.f(f"fk_{table}_plan_id_organization"), table, "organization", ["plan_id"], ["id"]
        )
    op.drop_constraint(op.f("uq_member_plan_id_id"), "member", type_="unique")
