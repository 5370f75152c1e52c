from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from oversight_api.auth.caller import require
from oversight_app.caller import Caller
from oversight_app.permissions import Permission

ObligationsRead = Annotated[Caller, Depends(require(Permission.OBLIGATIONS_READ))]
ObligationsSubmit = Annotated[Caller, Depends(require(Permission.OBLIGATIONS_SUBMIT))]
ObligationsDecide = Annotated[Caller, Depends(require(Permission.OBLIGATIONS_DECIDE))]
