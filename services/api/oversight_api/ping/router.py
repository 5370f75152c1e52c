from __future__ import annotations

import uuid

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from oversight_api.auth.caller import AnyCaller
from oversight_app.permissions import Role

router = APIRouter(tags=["ping"])


class PingOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "organization_id": "7b2d75dd-21ca-5da8-8fbe-adc7e57e5905",
                    "organization_kind": "plan",
                    "role": "state_admin",
                    "actor": "api_key:ovk_3f9a",
                }
            ]
        }
    )

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
