"""Seeding for the imports and checks benchmarks: a plan with providers in its ECM network and members
enrolled there, written set-based by Postgres itself (``generate_series``), so seeding millions of rows
takes seconds, not the benchmark's time."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from oversight_db.models import NetworkLink, Organization


@dataclass(frozen=True)
class Seeded:
    plan_id: uuid.UUID
    provider_ids: list[uuid.UUID]
    npis: list[str]


def member_number(i: int) -> str:
    """The member number of the ``i``-th seeded member (1-based), as the import files name it."""
    return f"B{i:09d}"


async def seed_plan(sessions: async_sessionmaker[AsyncSession], members: int, providers: int) -> Seeded:
    plan = Organization(id=uuid.uuid4(), kind="plan", name="bench plan", jurisdiction="US-CA")
    orgs = [
        Organization(
            id=uuid.uuid4(), kind="provider", name=f"bench ECM {i}", jurisdiction="US-CA", npi=f"19{i:08d}"
        )
        for i in range(providers)
    ]
    provider_ids = [o.id for o in orgs]
    async with sessions() as s, s.begin():
        s.add_all([plan, *orgs])
        await s.flush()
        s.add_all(
            NetworkLink(
                plan_id=plan.id,
                provider_id=p,
                program="ecm",
                status="active",
                effective_from=date(2020, 1, 1),
            )
            for p in provider_ids
        )
        await s.execute(
            text(
                "INSERT INTO member (id, plan_id, member_number, first_name, last_name, birth_date)"
                " SELECT gen_random_uuid(), :plan, 'B' || lpad(g::text, 9, '0'), 'First', 'Last',"
                " DATE '1950-01-01' + (g % 20000) FROM generate_series(1, :n) g"
            ),
            {"plan": plan.id, "n": members},
        )
        # Member i is enrolled at provider i mod P since 2025-01-01 (its engagement windows fall in the year).
        await s.execute(
            text(
                "INSERT INTO enrollment (id, member_id, plan_id, provider_id, program, status, start_date,"
                " population) SELECT gen_random_uuid(), m.id, :plan,"
                " (CAST(:providers AS uuid[]))[1 + substr(m.member_number, 2)::int % :p], 'ecm', 'enrolled',"
                " DATE '2025-01-01', 'adults_high_utilizers' FROM member m WHERE m.plan_id = :plan"
            ),
            {"plan": plan.id, "providers": provider_ids, "p": providers},
        )
    return Seeded(plan.id, provider_ids, [o.npi or "" for o in orgs])


async def analyze(owner_url: str, *tables: str) -> None:
    """As the owner (the application role may not ANALYZE); committed: statistics are transactional."""
    from oversight_db.db import create_engine

    owner = create_engine(owner_url, pool_size=1)
    async with owner.begin() as conn:
        for table in tables:
            await conn.execute(text(f"ANALYZE {table}"))
    await owner.dispose()
