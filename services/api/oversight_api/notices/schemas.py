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
    model_config = ConfigDict(from_attributes=True)

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
