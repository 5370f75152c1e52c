"""Notice representations (output only: notices are written by the services that cause them)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from oversight_domain.statuses import DestinationDeliveryStatus, NoticeDeliveryStatus


class NoticeDeliveryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    channel: Literal["email", "webhook"]
    webhook_endpoint_id: uuid.UUID | None
    status: DestinationDeliveryStatus
    attempts: int
    first_attempt_at: datetime | None
    last_attempt_at: datetime | None
    delivered_at: datetime | None
    last_status_code: int | None = Field(description="The receiver's HTTP status or SMTP reply code")
    last_error: str | None


class NoticeOut(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                    "kind": "review_scheduled",
                    "subject_type": "review",
                    "subject_id": "e51ba05f-f16f-5889-81a8-928a3ad22b93",
                    "recipient_role": "provider",
                    "data": {},
                    "created_at": "2025-03-04T15:30:00Z",
                    "delivery_status": "pending",
                    "attempts": 1,
                    "next_attempt_at": "2025-03-04T15:30:00Z",
                    "delivered_at": "2025-03-04T15:30:00Z",
                    "last_error": "HTTP 503 from the endpoint",
                    "read_at": "2025-03-04T15:30:00Z",
                    "deliveries": [
                        {
                            "channel": "email",
                            "webhook_endpoint_id": "a7570120-9be1-5a75-a696-3219ce066089",
                            "status": "pending",
                            "attempts": 1,
                            "first_attempt_at": "2025-03-04T15:30:00Z",
                            "last_attempt_at": "2025-03-04T15:30:00Z",
                            "delivered_at": "2025-03-04T15:30:00Z",
                            "last_status_code": 1,
                            "last_error": "HTTP 503 from the endpoint",
                        }
                    ],
                }
            ]
        },
    )

    id: uuid.UUID
    kind: str
    subject_type: str
    subject_id: uuid.UUID
    recipient_role: str | None
    data: dict[str, Any] = Field(description="Ids and non-PHI facts (dates, scores); never member data")
    created_at: datetime
    delivery_status: NoticeDeliveryStatus
    attempts: int
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    last_error: str | None
    read_at: datetime | None
    deliveries: list[NoticeDeliveryOut] = Field(description="One entry per e-mail / webhook destination")
