"""Automated checks over imported activity (seed 003 engagement, MCUP3041, duplication; seed 002 care
gaps): known data in, exactly the known results out; a second run changes nothing; a fix closes a result."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from oversight_app.checks.run import run_checks
from oversight_db.blobs import LocalBlobStore
from oversight_db.models import CheckResult, Notice
from oversight_domain.calendars import Calendar
from tests.app.activity_world import World, activity_world
from tests.app.test_imports import interactions_csv, run_import

pytestmark = pytest.mark.asyncio(loop_scope="session")

AS_OF = date(2025, 12, 31)
CA = Calendar.for_jurisdiction("US-CA")


def contacts(world: World, skip: set[tuple[int, int]]) -> list[tuple[str, int, str, str, str, str]]:
    """A reached contact in every 30-day window from 2025-01-01 for every member, except (member, window)."""
    rows = []
    for m in range(len(world.members)):
        for w in range(12):
            if (m, w) not in skip:
                day = date(2025, 1, 1) + timedelta(days=30 * w + 5)
                rows.append((f"c{m}-{w}", m, day.isoformat(), "contact", "reached", "true"))
    return rows


async def load_world(
    session: AsyncSession, sessions: async_sessionmaker[AsyncSession], blobs: LocalBlobStore
) -> World:
    world = await activity_world(session)
    m = [x.member_number for x in world.members]
    npi = world.provider.npi
    rows = [*contacts(world, skip={(0, 2)}), ("a1", 2, "2025-04-10", "appointment", "missed", "true")]
    assert (
        await run_import(session, sessions, blobs, world, "interactions", interactions_csv(world, rows))
    ).status == "succeeded"
    head = "tar_number,member_number,provider_npi,kind,service_date,received_on,primary_denial_on,retro_eligibility_on,prior_approval_ends_on,procedure_code,quantity,diagnosis_code,population_of_focus\n"
    codes = "G9008,1,Z59.0,adults_high_utilizers"
    tars = [
        # 15 business days from Thu 2025-11-20 across Thanksgiving and the day after (CA): due Mon 12-15
        f"T-svc,{m[0]},{npi},initial,2025-11-20,2025-12-16,,,,{codes}",
        # on time: the same count, received on the due day
        f"T-ok,{m[1]},{npi},initial,2025-11-20,2025-12-15,,,,{codes}",
        # 60 calendar days from a primary denial (later than 15 business days from service): due 04-30
        f"T-den,{m[1]},{npi},initial,2025-02-01,2025-05-03,2025-03-01,,,{codes}",
        # 60 calendar days from retro eligibility: due 07-31
        f"T-ret,{m[2]},{npi},initial,2025-05-20,2025-08-01,,2025-06-01,,{codes}",
        # renewal at least 10 days before the prior approval ends (09-30): due 09-20
        f"T-ren,{m[2]},{npi},renewal,,2025-09-22,,,2025-09-30,{codes}",
        # incorrect for payment: no diagnosis code, and a population of focus the member is not in
        f"T-bad,{m[0]},{npi},initial,2025-01-06,2025-01-10,,,,G9008,1,,children_youth",
    ]
    assert (
        await run_import(session, sessions, blobs, world, "tars", head + "\n".join(tars) + "\n")
    ).status == "succeeded"
    docs = "document_id,member_number,provider_npi,kind,completed_on,updated_on\n" + "\n".join(
        [
            f"d0a,{m[0]},{npi},assessment,2024-11-01,",  # 425 days old on 12-31: stale
            f"d0c,{m[0]},{npi},care_plan,2024-10-01,2025-02-01",  # updated: fresh
            f"d1a,{m[1]},{npi},assessment,2025-06-01,",
            f"d1c,{m[1]},{npi},care_plan,2025-06-01,",
            f"d2a,{m[2]},{npi},assessment,2025-06-01,",
        ]  # member 2 has no care plan: missing
    )
    assert (
        await run_import(session, sessions, blobs, world, "care_documents", docs + "\n")
    ).status == "succeeded"
    spans = "span_id,member_number,program,start_date,end_date,data_source\n" + "\n".join(
        [f"s1,{m[1]},CCM,2025-05-01,2025-06-30,internal", f"s2,{m[2]},DENTAL,2025-05-01,,external"]
    )
    assert (
        await run_import(session, sessions, blobs, world, "program_spans", spans + "\n")
    ).status == "succeeded"
    return world


def summary(results: list[CheckResult], world: World) -> set[tuple[Any, ...]]:
    index = {m.id: i for i, m in enumerate(world.members)}
    return {
        (index[r.member_id], r.rule, r.clause, r.subject_key, r.details.get("days_late")) for r in results
    }


async def test_known_data_gives_exactly_the_known_results(
    session: AsyncSession, sessions: async_sessionmaker[AsyncSession], blobs: LocalBlobStore
) -> None:
    world = await load_world(session, sessions, blobs)
    outcome = await run_checks(session, world.plan.id, AS_OF, CA, datetime(2026, 1, 1, tzinfo=UTC))
    results = list(
        (await session.scalars(select(CheckResult).where(CheckResult.plan_id == world.plan.id))).all()
    )
    assert summary(results, world) == {
        (0, "engagement_gap", "enrolled", "enrolled:2025-03-02", None),
        (2, "missed_appointment", None, "a1", None),
        (0, "tar_late", "service_date_15_business_days", "T-svc", 1),
        (1, "tar_late", "denial_or_retro_60_days", "T-den", 3),
        (2, "tar_late", "denial_or_retro_60_days", "T-ret", 1),
        (2, "tar_late", "renewal_10_days_before_end", "T-ren", 2),
        (0, "tar_incorrect", "diagnosis_code,population_of_focus_mismatch", "T-bad", None),
        (1, "duplicated_service", "CCM", "CCM:2025-05-01", None),
        (0, "stale_document", "outdated", "assessment", None),
        (2, "stale_document", "missing", "care_plan", None),
    }
    svc = next(r for r in results if r.subject_key == "T-svc")
    assert svc.details["due_on"] == "2025-12-15" and svc.sources[0]["source_id"] == "T-svc"
    assert outcome[world.provider.id].opened == 10

    # The plan is told, with counts only (the policy's notifying rules).
    notices = list(
        (await session.scalars(select(Notice).where(Notice.recipient_organization_id == world.plan.id))).all()
    )
    assert [n.data["opened"] for n in notices] == [
        {"engagement_gap": 1, "tar_late": 4, "duplicated_service": 1}
    ]

    # Running again changes nothing.
    again = await run_checks(session, world.plan.id, AS_OF, CA, datetime(2026, 1, 2, tzinfo=UTC))
    assert (again[world.provider.id].opened, again[world.provider.id].closed) == (0, 0)

    # The missing contact arrives: the gap closes, and the plan hears of it.
    late = interactions_csv(world, [("late-contact", 0, "2025-03-20", "contact", "reached", "true")])
    assert (await run_import(session, sessions, blobs, world, "interactions", late)).status == "succeeded"
    closed = await run_checks(session, world.plan.id, AS_OF, CA, datetime(2026, 1, 3, tzinfo=UTC))
    assert (closed[world.provider.id].opened, closed[world.provider.id].closed) == (0, 1)
    gap = next(r for r in results if r.rule == "engagement_gap")
    await session.refresh(gap)
    assert gap.status == "closed"


@pytest.mark.filterwarnings("ignore::pytest.PytestWarning")  # a plain test in an asyncio-marked module
def test_the_notifying_rules_are_rules_the_checks_produce() -> None:
    """The policy file names rules; a misspelt one would silently never notify."""
    from typing import get_args

    from oversight_app.checks.service import Rule
    from oversight_domain.policies import check_notice_rules

    assert check_notice_rules() and check_notice_rules() <= set(get_args(Rule))
