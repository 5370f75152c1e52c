from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from oversight_api.auth.caller import require
from oversight_app.caller import Caller
from oversight_app.permissions import Permission

CapacityAdmin = Annotated[Caller, Depends(require(Permission.CAPACITY_ADMIN))]
CapacityRead = Annotated[Caller, Depends(require(Permission.CAPACITY_READ))]
CapacitySubmit = Annotated[Caller, Depends(require(Permission.CAPACITY_SUBMIT))]
