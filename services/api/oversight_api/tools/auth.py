"""Who may read and import review tools (the matrix is ``oversight_app.permissions``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from oversight_api.auth.caller import require
from oversight_app.caller import Caller
from oversight_app.permissions import Permission

ToolsRead = Annotated[Caller, Depends(require(Permission.TOOLS_READ))]
ToolsWrite = Annotated[Caller, Depends(require(Permission.TOOLS_WRITE))]
