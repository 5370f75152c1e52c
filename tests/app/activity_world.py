"""A plan with a CA provider in its ECM network and members enrolled there, for import and check tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.caller import Caller
from oversight_app.permissions import Role
from oversight_db.models import Enrollment, Member, Organization
from tests.api.reviews_world import add_members, link


@dataclass
class World:
    plan: Organization
    provider: Organization
    members: list[Member]
    caller: Caller


def npi() -> str:
    """Ten digits, unique enough for a test (imports look providers up by NPI, not its check digit)."""
    return "1" + str(uuid.uuid4().int)[:9]


async def activity_world(
    session: AsyncSession, n: int = 3, *, enrolled_on: date = date(2025, 1, 1), jurisdiction: str = "US-CA"
) -> World:
    plan = Organization(id=uuid.uuid4(), kind="plan", name="Plan", jurisdiction=jurisdiction)
    provider = Organization(
        id=uuid.uuid4(), kind="provider", name="ECM", jurisdiction=jurisdiction, npi=npi()
    )
    session.add_all([plan, provider])
    await session.flush()
    await link(session, plan, provider, "ecm")
    members = await add_members(session, plan, n)
    for m in members:
        session.add(
            Enrollment(
                member_id=m.id,
                plan_id=plan.id,
                provider_id=provider.id,
                program="ecm",
                status="enrolled",
                start_date=enrolled_on,
                population="adults_high_utilizers",
            )
        )
    await session.flush()
    caller = Caller(plan.id, "plan", Role.PLAN_ADMIN, "api_key:test")
    return World(plan, provider, members, caller)
