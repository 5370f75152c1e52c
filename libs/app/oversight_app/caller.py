"""Who is acting: the organization, its kind, the role, and the name the audit trail records."""

from __future__ import annotations

import unicodedata
import uuid
from dataclasses import dataclass

from oversight_app.permissions import Permission, Role, allows

# The audit trail's ``actor`` column holds 200 characters.
MAX_ACTOR_LENGTH = 200
# Control (Cc), format (Cf: bidi overrides, zero-width), surrogate, private-use and unassigned characters,
# and the line and paragraph separators: none belongs in a name, and each can forge or hide a line in a
# log or an audit listing (a newline in an OIDC ``sub`` once became an audit actor verbatim).
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def clean_identity(value: object, max_length: int) -> bool:
    """Whether ``value`` may name someone in the audit trail or a log line: a non-empty string of at most
    ``max_length`` characters, none of them a control, format or line-separator character."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= max_length
        and not any(unicodedata.category(c) in _REFUSED_CATEGORIES for c in value)
    )


@dataclass(frozen=True)
class Caller:
    organization_id: uuid.UUID
    organization_kind: str
    role: Role
    actor: str  # "api_key:<prefix>", "user:<sub>" or "cli:<name>"; what the audit trail records
    api_key_id: uuid.UUID | None = None

    def __post_init__(self) -> None:
        # The last line of defence: whoever builds a Caller from outside input checks it first (a 401 for
        # a token); one that slipped through fails here, before it reaches the audit trail or a log.
        if not clean_identity(self.actor, MAX_ACTOR_LENGTH):
            raise ValueError("an actor must be 1-200 printable characters")

    def can(self, permission: Permission) -> bool:
        return allows(self.role, permission)
