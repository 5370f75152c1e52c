"""Who may read the audit trail (the matrix is ``oversight_app.permissions``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from oversight_api.auth.caller import require
from oversight_app.caller import Caller
from oversight_app.permissions import Permission

AuditRead = Annotated[Caller, Depends(require(Permission.AUDIT_READ))]
