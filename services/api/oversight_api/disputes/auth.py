from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from oversight_api.auth.caller import require
from oversight_app.caller import Caller
from oversight_app.permissions import Permission

DisputesRead = Annotated[Caller, Depends(require(Permission.DISPUTES_READ))]
DisputesFile = Annotated[Caller, Depends(require(Permission.DISPUTES_FILE))]
DisputesDecide = Annotated[Caller, Depends(require(Permission.DISPUTES_DECIDE))]
