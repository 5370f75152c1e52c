"""Shared setup for the Capacity Building API tests: a settable clock and the NC program (seed 001)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_api.app import create_app
from oversight_api.clock import now
from oversight_api.resources import Resources
from oversight_db.models import NetworkLink

NC = ZoneInfo("America/New_York")

# Seed 001: "LME/MCOs must submit their Capacity Building Distribution Plan by Nov. 30, 2021"; Table 2.
NC_PROGRAM: dict[str, Any] = {
    "name": "NC Tailored Care Management Capacity Building",
    "funding_total": "90000000.00",
    "jurisdiction": "US-NC",
    "distribution_plan_due_on": "2021-11-30",
    "quarterly_periods": {
        "first_start": "2022-01-01",
        "last_end": "2023-06-30",
        "due_rule": {"kind": "day_of_following_month", "day": 30, "months_after": 1},
    },
    "monthly_reports": {"first_month": "2021-12-01", "due_rule": {"kind": "last_day_of_month"}},
}


@dataclass
class FakeClock:
    now: datetime = field(default_factory=lambda: datetime(2021, 11, 10, 12, 0, tzinfo=NC))

    def set(self, year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> None:
        self.now = datetime(year, month, day, hour, minute, tzinfo=NC)

    def __call__(self) -> datetime:
        return self.now.astimezone(UTC)


@dataclass
class CapClient:
    http: httpx.AsyncClient
    clock: FakeClock
    session: AsyncSession


async def link_tcm(
    session: AsyncSession,
    plan_id: uuid.UUID,
    providers: Iterable[uuid.UUID],
    *,
    status: str = "active",
    effective_to: date | None = None,
) -> None:
    """Put the providers in the plan's Tailored Care Management network: a distribution plan funds only
    AMH+ practices and CMAs the plan contracts with (seed 001)."""
    session.add_all(
        NetworkLink(
            plan_id=plan_id,
            provider_id=p,
            program="tcm",
            status=status,
            effective_from=date(2021, 7, 1),
            effective_to=effective_to,
        )
        for p in providers
    )
    await session.flush()


@pytest_asyncio.fixture(loop_scope="session")
async def cap(resources: Resources, session: AsyncSession) -> AsyncIterator[CapClient]:
    """The app on the test's rolled-back connection, with a clock the test sets."""
    clock = FakeClock()
    app = create_app(resources=resources)

    def fake_now() -> datetime:
        return clock()

    app.dependency_overrides[now] = fake_now
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield CapClient(c, clock, session)


def idem() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


def plan_body(providers: list[uuid.UUID], *, target_m4_q1: str = "10") -> dict[str, Any]:
    """A distribution plan: budgets per milestone, quarterly targets with payments, provider allocations."""
    p1, p2 = providers
    return {
        "approach": "Fund HIT upgrades, hiring and training at certified AMH+ practices and CMAs",
        "needs_assessment": "Regional needs assessment of providers in AMH+/CMA certification",
        "budgets": [
            {"milestone": 1, "amount": "50000.00"},
            {"milestone": 3, "amount": "300000.00"},
            {"milestone": 4, "amount": "600000.00"},
        ],
        "targets": [
            {
                "milestone": 3,
                "quarter": 1,
                "measure": "HIT purchases made",
                "target": "5",
                "payment": "150000.00",
            },
            {
                "milestone": 4,
                "quarter": 1,
                "measure": "care managers hired",
                "target": target_m4_q1,
                "payment": "100000.00",
            },
            {
                "milestone": 4,
                "quarter": 2,
                "measure": "care managers hired",
                "target": "20",
                "payment": "200000.00",
            },
        ],
        "allocations": [
            {"provider_id": str(p1), "provider_type": "amh_plus", "milestone": 4, "amount": "200000.00"},
            {"provider_id": str(p2), "provider_type": "cma", "milestone": 4, "amount": "200000.00"},
            {"provider_id": str(p1), "provider_type": "amh_plus", "milestone": 3, "amount": "300000.00"},
        ],
    }
