"""Helpers for review tests: a fixed "today", plans with providers in network, members in frames."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date, timedelta

import httpx
import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_api.app import create_app
from oversight_api.clock import today
from oversight_api.resources import Resources
from oversight_db.models import Claim, Enrollment, Member, NetworkLink, Organization

TODAY = date(2026, 3, 2)  # a Monday


@dataclass
class Clock:
    today: date = TODAY


@dataclass
class Frame:
    plan: Organization
    provider: Organization
    member_ids: list[uuid.UUID] = field(default_factory=list)


@pytest_asyncio.fixture(loop_scope="session")
async def clock() -> Clock:
    return Clock()


@pytest_asyncio.fixture(loop_scope="session")
async def rclient(resources: Resources, clock: Clock) -> AsyncIterator[httpx.AsyncClient]:
    """The app on the test's rolled-back connection, with ``today()`` pinned to ``clock.today``."""
    app = create_app(resources=resources)
    app.dependency_overrides[today] = lambda: clock.today
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


async def link(session: AsyncSession, plan: Organization, provider: Organization, program: str) -> None:
    session.add(
        NetworkLink(
            plan_id=plan.id,
            provider_id=provider.id,
            program=program,
            status="active",
            effective_from=date(2020, 1, 1),
        )
    )
    await session.flush()


async def add_members(session: AsyncSession, plan: Organization, n: int, prefix: str = "M") -> list[Member]:
    members = [
        Member(
            id=uuid.uuid4(),
            plan_id=plan.id,
            member_number=f"{prefix}{uuid.uuid4().hex[:10]}",
            first_name=f"First{i}",
            last_name=f"Last{i}",
            birth_date=date(1980, 1, 1) + timedelta(days=i),
        )
        for i in range(n)
    ]
    session.add_all(members)
    await session.flush()
    return members


async def ecm_frame(session: AsyncSession, plan: Organization, provider: Organization, n: int) -> Frame:
    """``n`` members enrolled in ECM at the provider since 2025 (seed 003 frame)."""
    members = await add_members(session, plan, n)
    for m in members:
        session.add(
            Enrollment(
                member_id=m.id,
                plan_id=plan.id,
                provider_id=provider.id,
                program="ecm",
                status="enrolled",
                start_date=date(2025, 1, 1),
                population="adults_high_utilizers",
            )
        )
    await session.flush()
    return Frame(plan, provider, [m.id for m in members])


async def tcm_frame(
    session: AsyncSession, plan: Organization, provider: Organization, segments: dict[str, int]
) -> Frame:
    """Members with a paid TCM claim at the provider in 2025, by population segment (seed 000 frame)."""
    frame = Frame(plan, provider)
    for segment, n in segments.items():
        members = await add_members(session, plan, n)
        for i, m in enumerate(members):
            session.add(
                Claim(
                    plan_id=plan.id,
                    claim_number=f"C{uuid.uuid4().hex[:12]}",
                    member_id=m.id,
                    provider_id=provider.id,
                    date_of_service=date(2025, 6, 1) + timedelta(days=i % 60),
                    paid_date=date(2025, 8, 1),
                    population_segment=segment,
                    procedure_code="T1017",
                )
            )
            frame.member_ids.append(m.id)
    await session.flush()
    return frame
