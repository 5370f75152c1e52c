from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from oversight_api.auth.caller import require
from oversight_app.caller import Caller
from oversight_app.permissions import Permission

ActionPlansRead = Annotated[Caller, Depends(require(Permission.ACTION_PLANS_READ))]
ActionPlansDecide = Annotated[Caller, Depends(require(Permission.ACTION_PLANS_DECIDE))]
ActionPlansRespond = Annotated[Caller, Depends(require(Permission.ACTION_PLANS_RESPOND))]
ProvidersRead = Annotated[Caller, Depends(require(Permission.PROVIDERS_READ))]
