from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from oversight_api.auth.caller import require
from oversight_app.caller import Caller
from oversight_app.permissions import Permission

MembersRead = Annotated[Caller, Depends(require(Permission.MEMBERS_READ))]
MembersWrite = Annotated[Caller, Depends(require(Permission.MEMBERS_WRITE))]
