from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from oversight_app.permissions import Role
from oversight_app.text import Text


class ApiKeyIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{"name": "care platform", "role": "plan_admin"}]},
    )

    name: Text = Field(min_length=1, max_length=200, description="What the key is for, e.g. 'care platform'")
    role: Role


class ApiKeyOut(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                    "organization_id": "7b2d75dd-21ca-5da8-8fbe-adc7e57e5905",
                    "name": "Redwood ECM",
                    "role": "state_admin",
                    "prefix": "ovk_3f9a",
                    "created_at": "2025-03-04T15:30:00Z",
                    "created_by": "api_key:ovk_3f9a",
                    "revoked_at": "2025-09-01T12:00:00Z",
                    "last_used_at": "2025-03-04T15:30:00Z",
                }
            ]
        },
    )

    id: uuid.UUID
    organization_id: uuid.UUID
    name: str
    role: Role
    prefix: str = Field(description="The public part of the key, to recognise it in lists and logs")
    created_at: datetime
    created_by: str | None
    revoked_at: datetime | None
    last_used_at: datetime | None


class ApiKeyCreated(ApiKeyOut):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                    "organization_id": "7b2d75dd-21ca-5da8-8fbe-adc7e57e5905",
                    "name": "Redwood ECM",
                    "role": "state_admin",
                    "prefix": "ovk_3f9a",
                    "created_at": "2025-03-04T15:30:00Z",
                    "created_by": "api_key:ovk_3f9a",
                    "revoked_at": "2025-09-01T12:00:00Z",
                    "last_used_at": "2025-03-04T15:30:00Z",
                    "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                }
            ]
        }
    )

    secret: str = Field(description="The whole key. Shown this once; Oversight keeps only its hash")
