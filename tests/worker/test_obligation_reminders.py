"""Provider obligation reminders swept by the worker (seed 003; reminder days are policy data): the program
narrative due 2026-07-15 (first member enrolled 2026-01-15) gets reminders 30 and 7 days before (2026-06-15,
2026-07-08), the next occurrence (2027-07-15) when it falls due, and an overdue notice on 2026-07-16 to the
provider and the plan's admins — each once, however often the sweep runs; a submission stops what is pending."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from oversight_db.models import Enrollment, Notice, Organization, ProviderObligation
from oversight_worker.context import WorkerResources
from oversight_worker.jobs import obligations
from oversight_worker.settings import load_deadline_handlers
from oversight_worker.sweep import sweep_deadlines
from tests.api.reviews_world import add_members, link
from tests.conftest import MakeOrg

load_deadline_handlers()


async def _provider_with_first_member(
    session: AsyncSession, make_org: MakeOrg
) -> tuple[Organization, Organization]:
    plan, provider = await make_org("plan", jurisdiction="US-CA"), await make_org("provider")
    await link(session, plan, provider, "ecm")
    (member,) = await add_members(session, plan, 1)
    session.add(
        Enrollment(
            member_id=member.id,
            plan_id=plan.id,
            provider_id=provider.id,
            program="ecm",
            status="enrolled",
            start_date=date(2026, 1, 15),
        )
    )
    await session.flush()
    return plan, provider


async def _notices(session: AsyncSession, provider: Organization) -> list[tuple[str, str, Any]]:
    rows = (
        await session.scalars(
            select(Notice).where(
                Notice.subject_type == "provider_obligation",
                Notice.data["provider_id"].astext == str(provider.id),
            )
        )
    ).all()
    return sorted(
        (
            n.kind,
            "plan" if n.recipient_organization_id != provider.id else "provider",
            n.data.get("days_before"),
        )
        for n in rows
    )


async def _occurrences(session: AsyncSession, provider: Organization) -> list[tuple[int, date, str]]:
    rows = await session.execute(
        select(ProviderObligation.sequence, ProviderObligation.due_on, ProviderObligation.status)
        .where(ProviderObligation.provider_id == provider.id)
        .order_by(ProviderObligation.sequence)
    )
    return [(r.sequence, r.due_on, r.status) for r in rows]


async def test_each_reminder_and_the_overdue_notice_fire_once_and_the_next_year_follows(
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    make_org: MakeOrg,
    worker_res: WorkerResources,
) -> None:
    _, provider = await _provider_with_first_member(session, make_org)
    await session.commit()
    # The worker's cron finds the first enrolled member on 2026-03-02 and starts the series (twice: once).
    worker_res.today = lambda: date(2026, 3, 2)
    ctx = {"resources": worker_res, "job_id": "test"}
    await obligations(ctx)
    await obligations(ctx)
    assert await _occurrences(session, provider) == [(1, date(2026, 7, 15), "due")]

    # Every day from June 1 to July 20, the sweep runs twice.
    day = date(2026, 6, 1)
    seen: dict[date, list[tuple[str, str, Any]]] = {}
    before = await _notices(session, provider)
    while day <= date(2026, 7, 20):
        for _ in range(2):
            await sweep_deadlines(sessions, None, day)
        now = await _notices(session, provider)
        if now != before:
            seen[day] = [n for n in now if n not in before]
        before = now
        day += timedelta(days=1)

    assert seen == {
        date(2026, 6, 15): [("obligation_reminder", "provider", 30)],
        date(2026, 7, 8): [("obligation_reminder", "provider", 7)],
        date(2026, 7, 16): [("obligation_overdue", "plan", None), ("obligation_overdue", "provider", None)],
    }
    # It fell due on 2026-07-15 unsubmitted: the next year's occurrence exists, and the first reads overdue.
    assert await _occurrences(session, provider) == [
        (1, date(2026, 7, 15), "due"),
        (2, date(2027, 7, 15), "due"),
    ]


async def test_a_submission_stops_its_reminders_and_a_terminated_contract_stops_the_series(
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    make_org: MakeOrg,
    worker_res: WorkerResources,
) -> None:
    from oversight_app.obligations.materialise import materialise_obligations
    from oversight_db.models import NetworkLink

    _, provider = await _provider_with_first_member(session, make_org)
    await materialise_obligations(session, date(2026, 3, 2), ZoneInfo("America/New_York"))
    row = await session.scalar(
        select(ProviderObligation).where(ProviderObligation.provider_id == provider.id)
    )
    assert row is not None
    # Submitted on 2026-06-20 (as the API does: status, then the pending reminders cancelled).
    from oversight_app.obligations.series import stop_reminders

    row.status = "submitted"
    await stop_reminders(session, row.id)
    await session.commit()
    for day in (date(2026, 6, 15), date(2026, 7, 8), date(2026, 7, 16)):
        await sweep_deadlines(sessions, None, day)
    # Submitted before the first reminder's day: no reminder and no overdue notice goes.
    assert await _notices(session, provider) == []

    # The contract ends; when the second occurrence falls due no third one is created, and no notices go.
    link_row = await session.scalar(select(NetworkLink).where(NetworkLink.provider_id == provider.id))
    assert link_row is not None
    link_row.status = "terminated"
    await session.commit()
    for day in (date(2027, 6, 15), date(2027, 7, 15), date(2027, 7, 16)):
        await sweep_deadlines(sessions, None, day)
    assert [o[0] for o in await _occurrences(session, provider)] == [1, 2]
    assert await _notices(session, provider) == []
