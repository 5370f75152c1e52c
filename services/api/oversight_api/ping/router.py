from __future__ import annotations

import uuid

from fastapi import APIRouter
from pydantic import BaseModel

from oversight_api.auth.caller import AnyCaller
from oversight_app.permissions import Role

router = APIRouter(tags=["ping"])


class PingOut(BaseModel):
    organization_id: uuid.UUID
    organization_kind: str
    role: Role
    actor: str


@router.get("/ping", response_model=PingOut, operation_id="ping")
async def ping(caller: AnyCaller) -> PingOut:
    return PingOut(
        organization_id=caller.organization_id,
        organization_kind=caller.organization_kind,
        role=caller.role,
        actor=caller.actor,
    )
