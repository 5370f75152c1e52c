"""The permission matrix, in one place. Routers ask for a permission; this says which roles hold it.

Tenancy is separate from permissions: a permission lets a role perform an action on objects its
organization can see; ``oversight_api.tenancy`` decides what that is.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    STATE_ADMIN = "state_admin"
    PLAN_ADMIN = "plan_admin"
    REVIEWER = "reviewer"
    PROVIDER = "provider"
    VIEWER = "viewer"


class Permission(StrEnum):
    ORGANIZATIONS_READ = "organizations:read"
    ORGANIZATIONS_WRITE = "organizations:write"
    ORGANIZATIONS_CREATE = "organizations:create"
    PROVIDERS_READ = "providers:read"
    PROVIDERS_WRITE = "providers:write"
    API_KEYS_MANAGE = "api_keys:manage"
    AUDIT_READ = "audit:read"
    MEMBERS_READ = "members:read"
    MEMBERS_WRITE = "members:write"
    TOOLS_READ = "tools:read"
    TOOLS_WRITE = "tools:write"
    REVIEWS_READ = "reviews:read"
    REVIEWS_WRITE = "reviews:write"
    FINDINGS_WRITE = "findings:write"
    ACTION_PLANS_READ = "action_plans:read"
    ACTION_PLANS_DECIDE = "action_plans:decide"
    ACTION_PLANS_RESPOND = "action_plans:respond"
    NOTICES_READ = "notices:read"
    WEBHOOKS_MANAGE = "webhooks:manage"
    DISPUTES_READ = "disputes:read"
    DISPUTES_FILE = "disputes:file"
    DISPUTES_DECIDE = "disputes:decide"
    CAPACITY_ADMIN = "capacity:admin"
    CAPACITY_READ = "capacity:read"
    CAPACITY_SUBMIT = "capacity:submit"
    OBLIGATIONS_READ = "obligations:read"
    OBLIGATIONS_SUBMIT = "obligations:submit"
    OBLIGATIONS_DECIDE = "obligations:decide"
    # Evidence documents (member records: reading one is a member-data read, so viewers do not hold it).
    DOCUMENTS_REQUEST = "documents:request"
    DOCUMENTS_UPLOAD = "documents:upload"
    DOCUMENTS_READ = "documents:read"
    DOCUMENTS_ADMIN = "documents:admin"
    REPORTS_READ = "reports:read"
    REPORTS_SCHEDULE = "reports:schedule"


_ALL_READS = {
    Permission.ORGANIZATIONS_READ,
    Permission.PROVIDERS_READ,
    Permission.TOOLS_READ,
    Permission.REVIEWS_READ,
    Permission.ACTION_PLANS_READ,
    Permission.NOTICES_READ,
    Permission.DISPUTES_READ,
    Permission.OBLIGATIONS_READ,
    Permission.REPORTS_READ,
}

MATRIX: dict[Role, frozenset[Permission]] = {
    Role.STATE_ADMIN: frozenset(
        {
            Permission.ORGANIZATIONS_READ,
            Permission.ORGANIZATIONS_WRITE,
            Permission.ORGANIZATIONS_CREATE,
            Permission.PROVIDERS_READ,
            Permission.TOOLS_READ,
            Permission.API_KEYS_MANAGE,
            Permission.AUDIT_READ,
            Permission.NOTICES_READ,
            Permission.WEBHOOKS_MANAGE,
            Permission.CAPACITY_ADMIN,
            Permission.CAPACITY_READ,
            Permission.REPORTS_READ,
            Permission.REPORTS_SCHEDULE,
        }
    ),
    Role.PLAN_ADMIN: frozenset(
        _ALL_READS
        | {
            Permission.ORGANIZATIONS_WRITE,
            Permission.PROVIDERS_WRITE,
            Permission.API_KEYS_MANAGE,
            Permission.AUDIT_READ,
            Permission.MEMBERS_READ,
            Permission.MEMBERS_WRITE,
            Permission.TOOLS_WRITE,
            Permission.REVIEWS_WRITE,
            Permission.FINDINGS_WRITE,
            Permission.ACTION_PLANS_DECIDE,
            # Seed 004 is silent on who decides; a plan admin does, not the reviewer whose finding is disputed.
            Permission.DISPUTES_DECIDE,
            Permission.OBLIGATIONS_DECIDE,
            Permission.WEBHOOKS_MANAGE,
            Permission.CAPACITY_READ,
            Permission.CAPACITY_SUBMIT,
            Permission.DOCUMENTS_REQUEST,
            Permission.DOCUMENTS_READ,
            Permission.DOCUMENTS_ADMIN,
            Permission.REPORTS_SCHEDULE,
        }
    ),
    Role.REVIEWER: frozenset(
        _ALL_READS
        | {
            Permission.MEMBERS_READ,
            Permission.REVIEWS_WRITE,
            Permission.FINDINGS_WRITE,
            Permission.ACTION_PLANS_DECIDE,
            Permission.OBLIGATIONS_DECIDE,
            Permission.DOCUMENTS_REQUEST,
            Permission.DOCUMENTS_READ,
        }
    ),
    Role.PROVIDER: frozenset(
        {
            Permission.ORGANIZATIONS_READ,
            Permission.ORGANIZATIONS_WRITE,
            Permission.PROVIDERS_READ,
            Permission.TOOLS_READ,
            Permission.REVIEWS_READ,
            Permission.ACTION_PLANS_READ,
            Permission.ACTION_PLANS_RESPOND,
            Permission.DISPUTES_READ,
            Permission.DISPUTES_FILE,
            Permission.OBLIGATIONS_READ,
            Permission.OBLIGATIONS_SUBMIT,
            Permission.NOTICES_READ,
            Permission.WEBHOOKS_MANAGE,
            Permission.DOCUMENTS_UPLOAD,
            Permission.DOCUMENTS_READ,
            Permission.REPORTS_READ,
        }
    ),
    Role.VIEWER: frozenset(_ALL_READS | {Permission.CAPACITY_READ}),
}


def allows(role: Role, permission: Permission) -> bool:
    return permission in MATRIX[role]


# Which roles a key or token may carry in each kind of organization (a plan has no "provider" callers).
ROLES_BY_KIND: dict[str, frozenset[Role]] = {
    "state": frozenset({Role.STATE_ADMIN, Role.VIEWER}),
    "plan": frozenset({Role.PLAN_ADMIN, Role.REVIEWER, Role.VIEWER}),
    "provider": frozenset({Role.PROVIDER}),
}


def role_fits(kind: str, role: Role) -> bool:
    return role in ROLES_BY_KIND.get(kind, frozenset())


def markdown_table() -> str:
    """The matrix as the README shows it (a test keeps the README equal to this)."""
    roles = list(Role)
    lines = ["| permission | " + " | ".join(r.value for r in roles) + " |", "|---" * (len(roles) + 1) + "|"]
    for permission in Permission:
        marks = ["x" if allows(r, permission) else "" for r in roles]
        lines.append(f"| `{permission.value}` | " + " | ".join(marks) + " |")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - `python -m oversight_api.auth.permissions` prints the table
    print(markdown_table())
