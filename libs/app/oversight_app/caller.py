"""Who is acting: the organization, its kind, the role, and the name the audit trail records."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from oversight_app.permissions import Permission, Role, allows


@dataclass(frozen=True)
class Caller:
    organization_id: uuid.UUID
    organization_kind: str
    role: Role
    actor: str  # "api_key:<prefix>", "user:<sub>" or "cli:<name>"; what the audit trail records
    api_key_id: uuid.UUID | None = None

    def can(self, permission: Permission) -> bool:
        return allows(self.role, permission)
