"""Plans, providers and network links committed for the fault tests that go through the reviews API."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from oversight_db.models import NetworkLink, Organization, WebhookEndpoint

TCM_TOOL = "nc-tcm-monitoring"  # seed 000: the NC TCM monitoring tool, 28 days' notice
ECM_TOOL = "ecm-partnership"  # seed 003: PIP 90 days -> CAP 30 days


@dataclass
class FaultWorld:
    plan: Organization
    providers: list[Organization] = field(default_factory=list)
    program: str = "tcm"

    @property
    def provider_ids(self) -> list[uuid.UUID]:
        return [p.id for p in self.providers]

    @property
    def all_org_ids(self) -> list[uuid.UUID]:
        return [self.plan.id, *self.provider_ids]

    def review_body(self, i: int) -> dict[str, Any]:
        """The i-th review: providers in turn, each on a later date (28 days' notice and more)."""
        provider = self.providers[i % len(self.providers)]
        scheduled = date.today() + timedelta(days=40 + i // len(self.providers))
        return {
            "provider_id": str(provider.id),
            "tool_key": TCM_TOOL,
            "purpose": "monitoring",
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "scheduled_for": scheduled.isoformat(),
        }


async def make_plan_and_providers(
    sessions: async_sessionmaker[AsyncSession], hook_url: str, providers: int, program: str = "tcm"
) -> FaultWorld:
    jurisdiction = "US-NC" if program == "tcm" else "US-CA"
    async with sessions() as s, s.begin():
        plan = Organization(id=uuid.uuid4(), kind="plan", name=f"plan {uuid.uuid4().hex[:6]}",
                            jurisdiction=jurisdiction, settings={"notice_channels": ["inbox", "webhook"]})  # fmt: skip
        s.add(plan)
        world = FaultWorld(plan=plan, program=program)
        for _ in range(providers):
            provider = Organization(id=uuid.uuid4(), kind="provider", name=f"provider {uuid.uuid4().hex[:6]}",
                                    jurisdiction=jurisdiction,
                                    settings={"notice_channels": ["inbox", "webhook"]})  # fmt: skip
            s.add(provider)
            world.providers.append(provider)
        await s.flush()
        for org in world.all_org_ids:
            s.add(WebhookEndpoint(organization_id=org, url=hook_url, secret="whsec_ZmF1bHQ="))
        for provider in world.providers:
            s.add(NetworkLink(plan_id=plan.id, provider_id=provider.id, program=program, status="active",
                              effective_from=date(2020, 1, 1)))  # fmt: skip
    return world


async def record_pip(client: httpx.AsyncClient, world: FaultWorld, issued_on: date) -> str:
    response = await client.post(
        "/v1/action-plans",
        json={
            "provider_id": str(world.provider_ids[0]),
            "tool_key": ECM_TOOL,
            "issued_on": issued_on.isoformat(),
        },
    )
    assert response.status_code == 201, response.text
    plan_id: str = response.json()["id"]
    return plan_id
