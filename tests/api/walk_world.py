"""Objects of tenant A for the cross-tenant route walk, keyed by the path-parameter name that names them.

Each helper adds its objects here (append only).
"""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models import Organization, WebhookEndpoint
from oversight_db.outbox import add_notice


async def build_world(session: AsyncSession, org: Organization) -> dict[str, uuid.UUID]:
    ids: dict[str, uuid.UUID] = {}

    # Notices and webhook endpoints (worker).
    notice_id = await add_notice(
        session,
        kind="review_scheduled",
        recipient_organization_id=org.id,
        subject_type="review",
        subject_id=uuid.uuid4(),
        data={"review_id": str(uuid.uuid4()), "scheduled_for": "2026-12-01"},
    )
    assert notice_id
    ids["notice_id"] = notice_id
    endpoint = WebhookEndpoint(organization_id=org.id, url="https://hooks.example.org/a", secret="whsec_walk")
    session.add(endpoint)
    await session.flush()
    ids["webhook_endpoint_id"] = endpoint.id

    return ids
