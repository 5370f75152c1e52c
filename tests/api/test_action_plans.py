"""Action plans: recorded PIPs, submissions and decisions, and the deadline sweep (seed 003 clocks).

The sweep here does what the worker's sweep does with due rows (call the registered handler, mark the
row done) so the handler's escalations and idempotency are tested against real rows.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

import oversight_app.action_plans.deadlines  # noqa: F401  (registers the "action_plan" deadline handler)
from oversight_db.deadlines import HANDLERS
from oversight_db.models import Deadline, Notice
from tests.api.reviews_world import Clock, link
from tests.conftest import MakeKey, MakeOrg


async def sweep(session: AsyncSession, day: date) -> int:
    """Fire every pending deadline due on or before ``day``, as the worker does."""
    due = list(
        await session.scalars(
            select(Deadline)
            .where(Deadline.state == "pending", Deadline.due_on <= day)
            .order_by(Deadline.due_on)
            .with_for_update(skip_locked=True)
        )
    )
    for deadline in due:
        await HANDLERS[deadline.subject_type](session, deadline, day)
        deadline.state = "done"
    await session.flush()
    return len(due)


async def notices(session: AsyncSession, plan_id: str) -> list[tuple[str, str | None]]:
    rows = await session.scalars(
        select(Notice).where(Notice.subject_id == uuid.UUID(plan_id)).order_by(Notice.created_at, Notice.kind)
    )
    return [(n.kind, n.recipient_role) for n in rows]


async def test_recorded_pip_submit_return_escalate_to_cap_then_termination(
    rclient: httpx.AsyncClient,
    clock: Clock,
    make_org: MakeOrg,
    auth_headers: MakeKey,
    session: AsyncSession,
) -> None:
    plan = await make_org("plan", jurisdiction="US-CA")
    provider = await make_org("provider", jurisdiction="US-CA")
    await link(session, plan, provider, "ecm")
    reviewer = await auth_headers(plan, "reviewer")
    provider_headers = await auth_headers(provider, "provider")

    # A PIP issued 30 days ago on paper: due 90 days after issue (seed 003).
    issued = clock.today - timedelta(days=30)
    r = await rclient.post(
        "/v1/action-plans",
        json={
            "provider_id": str(provider.id),
            "tool_key": "ecm-partnership",
            "issued_on": issued.isoformat(),
        },
        headers=reviewer,
    )
    assert r.status_code == 201, r.text
    pip = r.json()
    plan_id = pip["id"]
    due = issued + timedelta(days=90)
    assert (pip["status"], pip["due_on"]) == ("pip_open", due.isoformat())

    # The provider answers; the reviewer returns it (If-Match), the clock runs again.
    r = await rclient.post(
        f"/v1/action-plans/{plan_id}/submissions",
        json={"response": "Our corrective plan"},
        headers=provider_headers,
    )
    assert r.status_code == 201 and r.json()["status"] == "pip_submitted"
    pending = await session.scalar(
        select(func.count())
        .select_from(Deadline)
        .where(Deadline.subject_id == uuid.UUID(plan_id), Deadline.state == "pending")
    )
    assert pending == 0  # a submitted plan is not overdue while the plan reviews it
    r = await rclient.post(
        f"/v1/action-plans/{plan_id}/decision",
        json={"decision": "return", "comment": "ROI evidence missing"},
        headers=reviewer,
    )
    assert r.status_code == 428
    etag = (
        r.headers.get("etag")
        or (await rclient.get(f"/v1/action-plans/{plan_id}", headers=reviewer)).headers["etag"]
    )
    r = await rclient.post(
        f"/v1/action-plans/{plan_id}/decision",
        json={"decision": "return", "comment": "ROI evidence missing"},
        headers={**reviewer, "If-Match": etag},
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "pip_open"
    assert [h["event"] for h in r.json()["history"]] == ["open_pip", "submit", "return"]

    # Reminders 14, 7 and 1 days before the due date; a second sweep on the same day sends nothing.
    assert await sweep(session, due - timedelta(days=14)) == 1
    assert await sweep(session, due - timedelta(days=14)) == 0
    assert await sweep(session, due - timedelta(days=1)) == 2
    kinds = [k for k, _ in await notices(session, plan_id)]
    assert kinds.count("action_plan_due_soon") == 3

    # The day after the due date: PIP overdue -> CAP, 30 days, holds on enrollment and authorizations.
    cap_day = due + timedelta(days=1)
    assert await sweep(session, cap_day) == 1
    r = await rclient.get(f"/v1/action-plans/{plan_id}", headers=provider_headers)
    cap = r.json()
    assert (cap["kind"], cap["status"], cap["cap_opened_on"]) == ("cap", "cap_open", cap_day.isoformat())
    assert cap["due_on"] == (cap_day + timedelta(days=30)).isoformat()
    assert cap["holds"] == ["new_enrollment", "authorizations"]
    standing = (await rclient.get(f"/v1/providers/{provider.id}/standing", headers=provider_headers)).json()
    assert standing["status"] == "cap"
    assert standing["can_enroll_members"] is False and standing["can_submit_authorizations"] is False

    # Re-running the handler on the fired deadline (a crashed sweep) changes nothing and sends nothing.
    before = await notices(session, plan_id)
    fired = await session.scalar(
        select(Deadline).where(
            Deadline.subject_id == uuid.UUID(plan_id),
            Deadline.kind == "action_plan_overdue",
            Deadline.due_on == cap_day,
        )
    )
    assert fired is not None
    await HANDLERS["action_plan"](session, fired, cap_day)
    await HANDLERS["action_plan"](session, fired, cap_day + timedelta(days=2))
    assert await notices(session, plan_id) == before

    # CAP overdue -> termination recommended, the plan's admins are told.
    cap_due = date.fromisoformat(cap["due_on"])
    await sweep(session, cap_due + timedelta(days=1))
    final = (await rclient.get(f"/v1/action-plans/{plan_id}", headers=reviewer)).json()
    assert final["status"] == "termination_recommended"
    assert ("termination_recommended", "plan_admin") in await notices(session, plan_id)
    standing = (await rclient.get(f"/v1/providers/{provider.id}/standing", headers=reviewer)).json()
    assert standing["status"] == "termination_recommended" and standing["can_enroll_members"] is False
    assert standing["open_action_plans"] == 0


async def test_accepting_a_submission_closes_the_plan(
    rclient: httpx.AsyncClient,
    clock: Clock,
    make_org: MakeOrg,
    auth_headers: MakeKey,
    session: AsyncSession,
) -> None:
    plan = await make_org("plan")
    provider = await make_org("provider")
    await link(session, plan, provider, "ecm")
    reviewer = await auth_headers(plan, "reviewer")
    provider_headers = await auth_headers(provider, "provider")
    r = await rclient.post(
        "/v1/action-plans",
        json={
            "provider_id": str(provider.id),
            "tool_key": "ecm-partnership",
            "issued_on": clock.today.isoformat(),
        },
        headers=reviewer,
    )
    plan_id = r.json()["id"]
    r = await rclient.post(
        f"/v1/action-plans/{plan_id}/submissions", json={"response": "Done"}, headers=provider_headers
    )
    assert r.status_code == 201
    r = await rclient.post(
        f"/v1/action-plans/{plan_id}/decision",
        json={"decision": "accept", "comment": "Compliant"},
        headers={**reviewer, "If-Match": r.headers["etag"]},
    )
    assert r.status_code == 200 and r.json()["status"] == "closed"
    standing = (await rclient.get(f"/v1/providers/{provider.id}/standing", headers=reviewer)).json()
    assert standing["status"] == "good" and standing["open_action_plans"] == 0
    # Nothing further applies to a closed plan.
    r = await rclient.post(
        f"/v1/action-plans/{plan_id}/submissions", json={"response": "again"}, headers=provider_headers
    )
    assert r.status_code == 409 and r.json()["type"].endswith("invalid-transition")
    # A PIP long overdue when recorded is already a CAP.
    r = await rclient.post(
        "/v1/action-plans",
        json={
            "provider_id": str(provider.id),
            "tool_key": "ecm-partnership",
            "issued_on": (clock.today - timedelta(days=100)).isoformat(),
        },
        headers=reviewer,
    )
    assert r.status_code == 201 and r.json()["status"] == "cap_open"
    assert r.json()["due_on"] == (clock.today + timedelta(days=30)).isoformat()


async def test_plans_are_scoped_and_roles_checked(
    rclient: httpx.AsyncClient,
    clock: Clock,
    make_org: MakeOrg,
    auth_headers: MakeKey,
    session: AsyncSession,
) -> None:
    plan = await make_org("plan")
    provider = await make_org("provider")
    other_provider = await make_org("provider")
    await link(session, plan, provider, "ecm")
    reviewer = await auth_headers(plan, "reviewer")
    r = await rclient.post(
        "/v1/action-plans",
        json={
            "provider_id": str(provider.id),
            "tool_key": "ecm-partnership",
            "issued_on": clock.today.isoformat(),
        },
        headers=reviewer,
    )
    plan_id = r.json()["id"]
    other_headers = await auth_headers(other_provider, "provider")
    r = await rclient.get(f"/v1/action-plans/{plan_id}", headers=other_headers)
    assert r.status_code == 404
    r = await rclient.get(f"/v1/providers/{provider.id}/standing", headers=other_headers)
    assert r.status_code == 404
    listed: list[dict[str, Any]] = (await rclient.get("/v1/action-plans", headers=other_headers)).json()[
        "items"
    ]
    assert listed == []
    # Reviewers decide, providers respond: a reviewer cannot submit the provider's plan.
    r = await rclient.post(
        f"/v1/action-plans/{plan_id}/submissions", json={"response": "x"}, headers=reviewer
    )
    assert r.status_code == 403
