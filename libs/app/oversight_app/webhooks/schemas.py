"""Webhook endpoint representations. The signing secret appears only in create and rotate responses."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, WithJsonSchema

from oversight_app.text import Text
from oversight_db.notice_kinds import NOTICE_KINDS

# One of the declared notice kinds (the service refuses any other with the path of the entry).
EventType = Annotated[Text, WithJsonSchema({"type": "string", "enum": sorted(NOTICE_KINDS)})]


class WebhookEndpointIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "url": "https://partner.example.org/webhooks/oversight",
                    "description": "Care platform notices",
                    "event_types": ["review_scheduled", "review_result"],
                }
            ]
        },
    )

    url: AnyHttpUrl = Field(description="Where notices are POSTed (https in production)")
    description: Text | None = Field(None, max_length=300)
    event_types: list[EventType] = Field(
        default_factory=list, max_length=50, description="Notice kinds to receive; empty means every kind"
    )


class WebhookEndpointOut(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                    "url": "https://partner.example.org/webhooks/oversight",
                    "description": "Care platform notices",
                    "event_types": ["review_scheduled", "review_result"],
                    "created_at": "2025-03-04T15:30:00Z",
                    "secret_rotated_at": "2025-03-04T15:30:00Z",
                    "previous_secret_expires_at": "2025-03-04T15:30:00Z",
                }
            ]
        },
    )

    id: uuid.UUID
    url: str
    description: str | None
    event_types: list[str]
    created_at: datetime
    secret_rotated_at: datetime | None
    previous_secret_expires_at: datetime | None = Field(
        description="Until then deliveries also carry a signature made with the previous secret"
    )


class WebhookEndpointWithSecret(WebhookEndpointOut):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                    "url": "https://partner.example.org/webhooks/oversight",
                    "description": "Care platform notices",
                    "event_types": ["review_scheduled", "review_result"],
                    "created_at": "2025-03-04T15:30:00Z",
                    "secret_rotated_at": "2025-03-04T15:30:00Z",
                    "previous_secret_expires_at": "2025-03-04T15:30:00Z",
                    "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                }
            ]
        }
    )

    secret: str = Field(description="The signing secret. Shown once: store it now")
