from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from oversight_api.auth.caller import require
from oversight_app.caller import Caller
from oversight_app.permissions import Permission

NoticesRead = Annotated[Caller, Depends(require(Permission.NOTICES_READ))]
# Re-driving a delivery is managing where notices go, so it takes the webhook managers' permission.
NoticesRedeliver = Annotated[Caller, Depends(require(Permission.WEBHOOKS_MANAGE))]
