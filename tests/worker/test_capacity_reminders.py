"""Capacity Building reminders (seed 001 Table 2 due dates): 14, 7 and 1 days before, overdue the day after,
exactly once however often the deadline sweep runs; a submission cancels what is still pending."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.capacity import reminders as capacity  # registers the handler
from oversight_db.deadlines import HANDLERS
from oversight_db.models import CapacityReport, Deadline, Notice
from tests.api.capacity_helpers import NC_PROGRAM, CapClient, cap, idem, link_tcm, plan_body
from tests.conftest import MakeKey, MakeOrg

__all__ = ["cap"]


async def _sweep(session: AsyncSession, today: date) -> None:
    """What the worker's sweep does with due rows, minus marking them done: a crash before that point
    means the same deadlines are handled again."""
    due = (
        await session.scalars(
            select(Deadline).where(
                Deadline.subject_type == capacity.SUBJECT_TYPE,
                Deadline.state == "pending",
                Deadline.due_on <= today,
            )
        )
    ).all()
    for deadline in due:
        await HANDLERS[deadline.subject_type](session, deadline, today)
    await session.flush()


async def _notices(session: AsyncSession, report_id: uuid.UUID) -> list[tuple[str, str | None, str]]:
    rows = (
        await session.scalars(
            select(Notice).where(Notice.subject_id == report_id).order_by(Notice.created_at)
        )
    ).all()
    return sorted((n.kind, n.recipient_role, n.data["reminder"]) for n in rows)


async def test_reminders_and_exactly_one_overdue_notice_however_often_the_sweep_runs(
    cap: CapClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    assert HANDLERS["capacity_report"] is capacity.on_report_deadline
    state = await make_org("state")
    plan_a, plan_b = await make_org("plan"), await make_org("plan")
    p1, p2 = await make_org("provider"), await make_org("provider")
    await link_tcm(session, plan_b.id, [p1.id, p2.id])
    hs = await auth_headers(state, "state_admin")
    hb = await auth_headers(plan_b, "plan_admin")
    cap.clock.set(2021, 11, 10)
    program = (await cap.http.post("/v1/capacity/programs", json=NC_PROGRAM, headers=hs | idem())).json()
    parts = {}
    for plan in (plan_a, plan_b):
        r = await cap.http.post(
            f"/v1/capacity/programs/{program['id']}/participants",
            json={"plan_id": str(plan.id)},
            headers=hs | idem(),
        )
        parts[plan.id] = uuid.UUID(r.json()["id"])

    async def plan_report(plan_id: uuid.UUID) -> uuid.UUID:
        return (
            await session.scalars(
                select(CapacityReport.id).where(
                    CapacityReport.participant_id == parts[plan_id],
                    CapacityReport.kind == "distribution_plan",
                )
            )
        ).one()

    report_a, report_b = await plan_report(plan_a.id), await plan_report(plan_b.id)

    # Plan B submits on 2021-11-20, after the 14-day reminder and before the 7-day one.
    day = date(2021, 11, 10)
    while day <= date(2021, 12, 5):
        if day == date(2021, 11, 20):
            cap.clock.set(2021, 11, 20)
            r = await cap.http.post(
                f"/v1/capacity/participants/{parts[plan_b.id]}/distribution-plan/versions",
                json=plan_body([p1.id, p2.id]),
                headers=hb | idem(),
            )
            assert r.status_code == 201, r.text
        await _sweep(session, day)
        await _sweep(session, day)  # a second run the same day
        day += timedelta(days=1)

    expected_a = [
        ("capacity_report_due_soon", "plan_admin", "reminder_1"),
        ("capacity_report_due_soon", "plan_admin", "reminder_14"),
        ("capacity_report_due_soon", "plan_admin", "reminder_7"),
        ("capacity_report_overdue", "plan_admin", "overdue"),
        ("capacity_report_overdue", "state_admin", "overdue"),
    ]
    assert await _notices(session, report_a) == expected_a
    # Plan B got only the reminder before it submitted; its remaining reminders were cancelled.
    assert await _notices(session, report_b) == [("capacity_report_due_soon", "plan_admin", "reminder_14")]
    states = dict(
        (await session.execute(select(Deadline.kind, Deadline.state).where(Deadline.subject_id == report_b)))
        .tuples()
        .all()
    )
    # (This sweep never marks rows done, so the fired 14-day row was still pending and is cancelled too.)
    assert states == {
        "reminder_14": "cancelled",
        "reminder_7": "cancelled",
        "reminder_1": "cancelled",
        "overdue": "cancelled",
    }

    # Running every deadline again (all of them, even cancelled ones) adds nothing: the handler is idempotent and
    # ignores submitted reports.
    every = (
        await session.scalars(select(Deadline).where(Deadline.subject_id.in_([report_a, report_b])))
    ).all()
    for deadline in every:
        await HANDLERS["capacity_report"](session, deadline, date(2021, 12, 6))
    assert await _notices(session, report_a) == expected_a
    assert len(await _notices(session, report_b)) == 1

    # The overdue notices go to the plan's admins and, copied, to the program's state; data carries ids and dates.
    overdue = (
        await session.scalars(
            select(Notice).where(Notice.subject_id == report_a, Notice.kind == "capacity_report_overdue")
        )
    ).all()
    assert {(n.recipient_organization_id, n.recipient_role) for n in overdue} == {
        (plan_a.id, "plan_admin"),
        (state.id, "state_admin"),
    }
    assert overdue[0].data["due_on"] == "2021-11-30" and overdue[0].data["report_type"] == "distribution_plan"


async def test_a_sweep_that_runs_late_skips_stale_reminders(
    cap: CapClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    state, plan = await make_org("state"), await make_org("plan")
    hs = await auth_headers(state, "state_admin")
    cap.clock.set(2021, 11, 10)
    program = (await cap.http.post("/v1/capacity/programs", json=NC_PROGRAM, headers=hs | idem())).json()
    r = await cap.http.post(
        f"/v1/capacity/programs/{program['id']}/participants",
        json={"plan_id": str(plan.id)},
        headers=hs | idem(),
    )
    report = (
        await session.scalars(
            select(CapacityReport.id).where(
                CapacityReport.participant_id == uuid.UUID(r.json()["id"]),
                CapacityReport.kind == "distribution_plan",
            )
        )
    ).one()
    # The worker was down until 2021-12-03: "due in 14 days" would be wrong now; only the overdue notice goes out.
    await _sweep(session, date(2021, 12, 3))
    assert await _notices(session, report) == [
        ("capacity_report_overdue", "plan_admin", "overdue"),
        ("capacity_report_overdue", "state_admin", "overdue"),
    ]
