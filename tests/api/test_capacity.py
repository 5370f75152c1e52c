"""Capacity Building over the API (seed 001): Table 2 schedule, plan review cycle, reports, payments, tenancy,
bad input."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, cast

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_api.resources import Resources
from oversight_app.capacity.distribution_plans import approved_content
from oversight_app.capacity.payments import settle_accepted_quarters
from oversight_db.models import (
    CapacityDistributionPlanVersion,
    CapacityParticipant,
    CapacityPayment,
    CapacityProgram,
    CapacityReport,
    CapacityScheduleItem,
    Deadline,
    NetworkLink,
    Organization,
)
from tests.api.capacity_helpers import NC_PROGRAM, CapClient, cap, idem, link_tcm, plan_body
from tests.api.test_problems import assert_problem
from tests.conftest import MakeKey, MakeOrg

__all__ = ["cap"]


class World:
    def __init__(
        self, state: Organization, plan_a: Organization, plan_b: Organization, providers: list[uuid.UUID]
    ):
        self.state, self.plan_a, self.plan_b, self.providers = state, plan_a, plan_b, providers
        self.h: dict[str, dict[str, str]] = {}
        self.program_id = ""
        self.part_a = ""
        self.part_b = ""


async def _world(c: CapClient, make_org: MakeOrg, auth_headers: MakeKey) -> World:
    state = await make_org("state", name="NC DHHS")
    plan_a = await make_org("plan", name="Alliance Health")
    plan_b = await make_org("plan", name="Vaya Health")
    p1 = await make_org("provider", name="AMH+ practice")
    p2 = await make_org("provider", name="CMA")
    w = World(state, plan_a, plan_b, [p1.id, p2.id])
    for plan in (plan_a, plan_b):
        await link_tcm(c.session, plan.id, w.providers)
    w.h = {
        "state": await auth_headers(state, "state_admin"),
        "a": await auth_headers(plan_a, "plan_admin"),
        "b": await auth_headers(plan_b, "plan_admin"),
        "a_viewer": await auth_headers(plan_a, "viewer"),
    }
    c.clock.set(2021, 11, 10)
    r = await c.http.post("/v1/capacity/programs", json=NC_PROGRAM, headers=w.h["state"] | idem())
    assert r.status_code == 201, r.text
    w.program_id = r.json()["id"]
    for plan, attr in ((plan_a, "part_a"), (plan_b, "part_b")):
        r = await c.http.post(
            f"/v1/capacity/programs/{w.program_id}/participants",
            json={"plan_id": str(plan.id)},
            headers=w.h["state"] | idem(),
        )
        assert r.status_code == 201, r.text
        setattr(w, attr, r.json()["id"])
    return w


async def _count(session: AsyncSession, model: Any, *where: Any) -> int:
    return int(await session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def _approve_plan(c: CapClient, w: World) -> None:
    base = f"/v1/capacity/participants/{w.part_a}/distribution-plan"
    r = await c.http.post(f"{base}/versions", json=plan_body(w.providers), headers=w.h["a"] | idem())
    assert r.status_code == 201, r.text
    r = await c.http.post(
        f"{base}/decision",
        json={"decision": "approve"},
        headers=w.h["state"] | {"If-Match": r.headers["etag"]},
    )
    assert r.status_code == 200, r.text


async def _quarter_report(
    c: CapClient, w: World, participant: str, index: int, headers: dict[str, str]
) -> dict[str, Any]:
    r = await c.http.get(
        f"/v1/capacity/programs/{w.program_id}/reports",
        params={"participant": participant, "kind": "quarterly", "limit": 10},
        headers=headers,
    )
    assert r.status_code == 200, r.text
    report: dict[str, Any] = next(x for x in r.json()["items"] if x["period_index"] == index)
    return report


# --------------------------------------------------------------------------- Table 2


async def test_seed001_table2_schedule_reproduced_exactly(
    cap: CapClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    w = await _world(cap, make_org, auth_headers)
    r = await cap.http.get(f"/v1/capacity/programs/{w.program_id}/schedule", headers=w.h["a"])
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    plan = [(i["kind"], i["due_on"]) for i in items if i["kind"] == "distribution_plan"]
    assert plan == [("distribution_plan", "2021-11-30")]
    quarters = [(i["period_start"], i["period_end"], i["due_on"]) for i in items if i["kind"] == "quarterly"]
    assert quarters == [
        ("2022-01-01", "2022-03-31", "2022-04-30"),
        ("2022-04-01", "2022-06-30", "2022-07-30"),
        ("2022-07-01", "2022-09-30", "2022-10-30"),
        ("2022-10-01", "2022-12-31", "2023-01-30"),
        ("2023-01-01", "2023-03-31", "2023-04-30"),
        ("2023-04-01", "2023-06-30", "2023-07-30"),
    ]
    monthly = [(i["label"], i["due_on"]) for i in items if i["kind"] == "monthly"]
    # "Due on the last day of each month, starting December 2021" (through June 2023, the last quarter).
    assert monthly[:4] == [
        ("2021-12", "2021-12-31"),
        ("2022-01", "2022-01-31"),
        ("2022-02", "2022-02-28"),
        ("2022-03", "2022-03-31"),
    ]
    assert monthly[-1] == ("2023-06", "2023-06-30")
    assert len(monthly) == 19
    for label, due in monthly:
        d = date.fromisoformat(due)
        assert (d + timedelta(days=1)).day == 1 and f"{d:%Y-%m}" == label
    # Every participant owes each scheduled report: 1 plan + 6 quarterly + 19 monthly.
    r = await cap.http.get(
        f"/v1/capacity/programs/{w.program_id}/reports", params={"limit": 200}, headers=w.h["state"]
    )
    assert len(r.json()["items"]) == 2 * 26


async def test_participants_get_milestones_1_to_6_and_idempotent_join(
    cap: CapClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    w = await _world(cap, make_org, auth_headers)
    r = await cap.http.get(f"/v1/capacity/participants/{w.part_a}", headers=w.h["a"])
    assert r.status_code == 200
    body = r.json()
    assert [m["number"] for m in body["milestones"]] == [1, 2, 3, 4, 5, 6]
    assert body["milestones"][3]["text"] == "Hiring new care managers and supervisors at AMH+s and CMAs"
    assert {m["status"] for m in body["milestones"]} == {"open"}
    # A retried join with the same key replays; a second join with a new key is a conflict.
    plan_c = await make_org("plan")
    key = idem()
    url = f"/v1/capacity/programs/{w.program_id}/participants"
    first = await cap.http.post(url, json={"plan_id": str(plan_c.id)}, headers=w.h["state"] | key)
    again = await cap.http.post(url, json={"plan_id": str(plan_c.id)}, headers=w.h["state"] | key)
    assert first.status_code == again.status_code == 201
    assert again.json()["id"] == first.json()["id"] and again.headers["idempotent-replayed"] == "true"
    assert_problem(
        await cap.http.post(url, json={"plan_id": str(plan_c.id)}, headers=w.h["state"] | idem()),
        409,
        "already-participating",
    )
    # Reminders for the plan due 2021-11-30 (joined 2021-11-10): 14, 7, 1 days before and the day after.
    report_id = (
        await session.scalars(
            select(CapacityReport.id).where(
                CapacityReport.participant_id == uuid.UUID(w.part_a),
                CapacityReport.kind == "distribution_plan",
            )
        )
    ).one()
    dues = (
        await session.execute(
            select(Deadline.kind, Deadline.due_on)
            .where(Deadline.subject_id == report_id)
            .order_by(Deadline.due_on)
        )
    ).all()
    assert [(k, d.isoformat()) for k, d in dues] == [
        ("reminder_14", "2021-11-16"),
        ("reminder_7", "2021-11-23"),
        ("reminder_1", "2021-11-29"),
        ("overdue", "2021-12-01"),
    ]
    # A plan admin cannot administer the program.
    r = await cap.http.post(url, json={"plan_id": str(w.plan_b.id)}, headers=w.h["a"] | idem())
    assert_problem(r, 403, "forbidden")


# --------------------------------------------------------------------------- distribution plan review cycle


async def test_plan_submit_return_resubmit_approve_keeps_versions_and_achieves_milestone_1(
    cap: CapClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    w = await _world(cap, make_org, auth_headers)
    base = f"/v1/capacity/participants/{w.part_a}/distribution-plan"
    first_body = plan_body(w.providers)
    cap.clock.set(2021, 11, 29)
    r = await cap.http.post(f"{base}/versions", json=first_body, headers=w.h["a"] | idem())
    assert r.status_code == 201, r.text
    assert r.json()["number"] == 1 and r.json()["late"] is False
    etag = r.headers["etag"]
    # Not awaiting another version while submitted.
    assert_problem(
        await cap.http.post(f"{base}/versions", json=first_body, headers=w.h["a"] | idem()),
        409,
        "plan-not-editable",
    )
    # Return needs comments and the current ETag.
    assert_problem(
        await cap.http.post(
            f"{base}/decision", json={"decision": "return"}, headers=w.h["state"] | {"If-Match": etag}
        ),
        422,
        "validation",
    )
    assert_problem(
        await cap.http.post(
            f"{base}/decision", json={"decision": "return", "comments": "x"}, headers=w.h["state"]
        ),
        428,
        "precondition-required",
    )
    r = await cap.http.post(
        f"{base}/decision",
        json={"decision": "return", "comments": "Quarterly targets for milestone 5 are missing"},
        headers=w.h["state"] | {"If-Match": etag},
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "returned"
    # The plan resubmits after the due date: that version is late; the plan report keeps its on-time first submission.
    cap.clock.set(2021, 12, 2)
    second_body = plan_body(w.providers, target_m4_q1="12")
    r = await cap.http.post(f"{base}/versions", json=second_body, headers=w.h["a"] | idem())
    assert r.status_code == 201, r.text
    assert r.json()["number"] == 2 and r.json()["late"] is True
    r = await cap.http.post(
        f"{base}/decision", json={"decision": "approve"}, headers=w.h["state"] | {"If-Match": '"1"'}
    )
    assert_problem(r, 412, "precondition-failed")
    etag = (await cap.http.get(base, headers=w.h["state"])).headers["etag"]
    r = await cap.http.post(
        f"{base}/decision", json={"decision": "approve"}, headers=w.h["state"] | {"If-Match": etag}
    )
    assert r.status_code == 200, r.text
    plan = r.json()
    assert plan["status"] == "approved" and plan["approved_version"] == 2 and plan["latest_version"] == 2
    assert [(v["number"], v["decision"]) for v in plan["versions"]] == [(1, "returned"), (2, "approved")]
    assert plan["versions"][0]["decision_comments"] == "Quarterly targets for milestone 5 are missing"
    # Version 1 is kept as submitted.
    v1 = (await cap.http.get(f"{base}/versions/1", headers=w.h["a"])).json()
    assert v1["content"]["targets"][1]["target"] == "10"
    v2 = (await cap.http.get(f"{base}/versions/2", headers=w.h["a"])).json()
    assert v2["content"]["targets"][1]["target"] == "12"
    # Approval achieves milestone 1 and earns its budget (no allocations for milestone 1: the plan's share).
    part = (await cap.http.get(f"/v1/capacity/participants/{w.part_a}", headers=w.h["a"])).json()
    assert (
        part["milestones"][0]["status"] == "achieved" and part["milestones"][0]["achieved_on"] == "2021-12-02"
    )
    assert part["distribution_plan_status"] == "approved"
    pay = (await cap.http.get(f"/v1/capacity/participants/{w.part_a}/payments", headers=w.h["a"])).json()
    assert [(p["milestone"], p["period_index"], p["provider_id"], p["amount"]) for p in pay["items"]] == [
        (1, 0, None, "50000.00")
    ]
    reports = (
        await cap.http.get(
            f"/v1/capacity/programs/{w.program_id}/reports",
            params={"participant": w.part_a, "kind": "distribution_plan"},
            headers=w.h["a"],
        )
    ).json()["items"]
    assert (
        reports[0]["status"] == "accepted" and reports[0]["late"] is False and reports[0]["submissions"] == 2
    )


# --------------------------------------------------------------------------- reports and payments


async def test_quarter_met_earns_its_payment_split_over_provider_allocations_once(
    cap: CapClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    w = await _world(cap, make_org, auth_headers)
    await _approve_plan(cap, w)
    report = await _quarter_report(cap, w, w.part_a, 1, w.h["a"])
    assert report["due_on"] == "2022-04-30" and report["status"] == "due"
    # Submitted at 23:30 in North Carolina on the due date: on time (it is already May 1 in UTC).
    cap.clock.set(2022, 4, 30, 23, 30)
    etag = (await cap.http.get(f"/v1/capacity/reports/{report['id']}", headers=w.h["a"])).headers["etag"]
    r = await cap.http.post(
        f"/v1/capacity/reports/{report['id']}/submission",
        json={
            "progress": [
                {"milestone": 4, "quantity": "12", "measure": "care managers hired"},
                {"milestone": 3, "quantity": "2", "measure": "HIT purchases made"},
            ],
            "narrative": "Hiring ahead of plan; HIT vendor contracts delayed",
        },
        headers=w.h["a"] | {"If-Match": etag},
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "submitted" and r.json()["late"] is False
    cap.clock.set(2022, 5, 10)
    r = await cap.http.post(
        f"/v1/capacity/reports/{report['id']}/decision",
        json={"decision": "accept"},
        headers=w.h["state"] | {"If-Match": r.headers["etag"]},
    )
    assert r.status_code == 200, r.text
    # Milestone 4 quarter 1 met (12 >= 10): 100000.00 split 200000/200000 of a 600000 budget, the rest the plan's.
    pay = (await cap.http.get(f"/v1/capacity/participants/{w.part_a}/payments", headers=w.h["a"])).json()
    m4 = [(p["provider_id"], p["amount"]) for p in pay["items"] if p["milestone"] == 4]
    p1, p2 = (str(p) for p in w.providers)
    assert sorted(m4, key=lambda x: str(x[0])) == sorted(
        [(p1, "33333.34"), (p2, "33333.33"), (None, "33333.33")], key=lambda x: str(x[0])
    )
    assert sum(Decimal(a) for _, a in m4) == Decimal("100000.00")
    assert pay["total"] == "150000.00"  # milestone 1's 50000.00 + this quarter
    assert not [p for p in pay["items"] if p["milestone"] == 3]  # 2 of 5 HIT purchases: not met
    summary = (
        await cap.http.get(f"/v1/capacity/participants/{w.part_a}/milestones", headers=w.h["a"])
    ).json()
    by_number = {m["number"]: m for m in summary["milestones"]}
    q1_m4 = by_number[4]["quarters"][0]
    assert (q1_m4["status"], q1_m4["reported"], q1_m4["earned"]) == ("met", "12", "100000.00")
    assert by_number[3]["quarters"][0]["status"] == "not_met"
    assert by_number[4]["status"] == "open"  # quarter 2's target is still ahead
    assert (by_number[4]["budgeted"], by_number[4]["earned"]) == ("600000.00", "100000.00")
    # Accepting again changes nothing and pays nothing twice.
    lines = await _count(session, CapacityPayment, CapacityPayment.participant_id == uuid.UUID(w.part_a))
    etag = (await cap.http.get(f"/v1/capacity/reports/{report['id']}", headers=w.h["state"])).headers["etag"]
    r = await cap.http.post(
        f"/v1/capacity/reports/{report['id']}/decision",
        json={"decision": "accept"},
        headers=w.h["state"] | {"If-Match": etag},
    )
    assert_problem(r, 409, "report-not-submitted")
    assert (
        await _count(session, CapacityPayment, CapacityPayment.participant_id == uuid.UUID(w.part_a)) == lines
    )
    totals = (await cap.http.get(f"/v1/capacity/programs/{w.program_id}/totals", headers=w.h["state"])).json()
    assert (totals["budgeted"], totals["earned"], totals["funding_total"]) == (
        "950000.00",
        "150000.00",
        "90000000.00",
    )
    row_a = next(p for p in totals["participants"] if p["participant_id"] == w.part_a)
    assert (row_a["budgeted"], row_a["earned"]) == ("950000.00", "150000.00")
    # The views filter by status.
    url = f"/v1/capacity/programs/{w.program_id}/reports"
    accepted = (
        await cap.http.get(url, params={"participant": w.part_a, "status": "accepted"}, headers=w.h["a"])
    ).json()
    assert {x["kind"] for x in accepted["items"]} == {"distribution_plan", "quarterly"}
    overdue = (
        await cap.http.get(
            url, params={"participant": w.part_a, "status": "overdue", "limit": 200}, headers=w.h["a"]
        )
    ).json()
    # On 2022-05-10 the monthly reports Dec 2021 - Apr 2022 are overdue.
    assert [x["label"] for x in overdue["items"]] == ["2021-12", "2022-01", "2022-02", "2022-03", "2022-04"]
    assert all(x["overdue"] for x in overdue["items"])
    due = (
        await cap.http.get(
            url, params={"participant": w.part_a, "status": "due", "limit": 200}, headers=w.h["a"]
        )
    ).json()
    assert due["items"][0]["label"] == "2022-05" and not due["items"][0]["overdue"]


async def test_late_report_is_marked_late(cap: CapClient, make_org: MakeOrg, auth_headers: MakeKey) -> None:
    w = await _world(cap, make_org, auth_headers)
    report = await _quarter_report(cap, w, w.part_a, 1, w.h["a"])
    cap.clock.set(2022, 5, 1, 0, 5)
    etag = (await cap.http.get(f"/v1/capacity/reports/{report['id']}", headers=w.h["a"])).headers["etag"]
    r = await cap.http.post(
        f"/v1/capacity/reports/{report['id']}/submission",
        json={"progress": [{"milestone": 4, "quantity": "3"}]},
        headers=w.h["a"] | {"If-Match": etag},
    )
    assert r.status_code == 200, r.text
    assert r.json()["late"] is True


# --------------------------------------------------------------------------- bad input changes nothing


async def test_overlapping_periods_are_refused_and_nothing_is_created(
    cap: CapClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    state = await make_org("state")
    h = await auth_headers(state, "state_admin")
    before = (await _count(session, CapacityProgram), await _count(session, CapacityScheduleItem))
    body = NC_PROGRAM | {
        "quarterly_periods": {
            "periods": [
                {"start": "2022-01-01", "end": "2022-03-31"},
                {"start": "2022-03-01", "end": "2022-06-30"},
            ],
            "due_rule": {"kind": "day_of_following_month", "day": 30, "months_after": 1},
        }
    }
    problem = assert_problem(
        await cap.http.post("/v1/capacity/programs", json=body, headers=h | idem()), 422, "validation"
    )
    assert problem["errors"][0]["path"] == "body.quarterly_periods.periods[1]"  # type: ignore[index]
    assert "overlaps" in problem["errors"][0]["message"]  # type: ignore[index]
    assert (await _count(session, CapacityProgram), await _count(session, CapacityScheduleItem)) == before


async def test_negative_targets_are_refused_and_the_plan_is_unchanged(
    cap: CapClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    w = await _world(cap, make_org, auth_headers)
    body = plan_body(w.providers)
    body["targets"][0]["target"] = "-5"
    r = await cap.http.post(
        f"/v1/capacity/participants/{w.part_a}/distribution-plan/versions",
        json=body,
        headers=w.h["a"] | idem(),
    )
    problem = assert_problem(r, 422, "validation")
    assert {"path": "body.targets[0].target", "message": "must be >= 0, got -5"} in problem["errors"]  # type: ignore[operator]
    assert await _count(session, CapacityDistributionPlanVersion) == 0
    plan = (
        await cap.http.get(f"/v1/capacity/participants/{w.part_a}/distribution-plan", headers=w.h["a"])
    ).json()
    assert plan["status"] == "not_submitted" and plan["versions"] == []


async def test_submitting_an_accepted_report_is_a_conflict_and_changes_nothing(
    cap: CapClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    w = await _world(cap, make_org, auth_headers)
    report = await _quarter_report(cap, w, w.part_a, 1, w.h["a"])
    url = f"/v1/capacity/reports/{report['id']}"
    cap.clock.set(2022, 4, 20)
    r = await cap.http.post(
        f"{url}/submission",
        json={"progress": [{"milestone": 4, "quantity": "3"}], "narrative": "first"},
        headers=w.h["a"] | {"If-Match": (await cap.http.get(url, headers=w.h["a"])).headers["etag"]},
    )
    r = await cap.http.post(
        f"{url}/decision", json={"decision": "accept"}, headers=w.h["state"] | {"If-Match": r.headers["etag"]}
    )
    assert r.status_code == 200, r.text
    before = (await cap.http.get(url, headers=w.h["a"])).json()
    r = await cap.http.post(
        f"{url}/submission",
        json={"progress": [{"milestone": 4, "quantity": "30"}], "narrative": "second"},
        headers=w.h["a"] | {"If-Match": (await cap.http.get(url, headers=w.h["a"])).headers["etag"]},
    )
    assert_problem(r, 409, "report-not-editable")
    assert (await cap.http.get(url, headers=w.h["a"])).json() == before
    # Negative progress is refused too.
    other = await _quarter_report(cap, w, w.part_a, 2, w.h["a"])
    url2 = f"/v1/capacity/reports/{other['id']}"
    r = await cap.http.post(
        f"{url2}/submission",
        json={"progress": [{"milestone": 4, "quantity": "-1"}]},
        headers=w.h["a"] | {"If-Match": (await cap.http.get(url2, headers=w.h["a"])).headers["etag"]},
    )
    assert_problem(r, 422, "validation")
    assert (await cap.http.get(url2, headers=w.h["a"])).json()["status"] == "due"
    assert await _count(session, CapacityReport, CapacityReport.status == "submitted") == 0


async def test_a_plan_cannot_read_or_write_another_plans_capacity_data(
    cap: CapClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    w = await _world(cap, make_org, auth_headers)
    report_a = await _quarter_report(cap, w, w.part_a, 1, w.h["a"])
    b = w.h["b"]
    for path in (
        f"/v1/capacity/reports/{report_a['id']}",
        f"/v1/capacity/participants/{w.part_a}",
        f"/v1/capacity/participants/{w.part_a}/distribution-plan",
        f"/v1/capacity/participants/{w.part_a}/milestones",
        f"/v1/capacity/participants/{w.part_a}/payments",
    ):
        assert_problem(await cap.http.get(path, headers=b), 404, "not-found")
    r = await cap.http.get(
        f"/v1/capacity/programs/{w.program_id}/reports", params={"participant": w.part_a}, headers=b
    )
    assert_problem(r, 404, "not-found")
    # Plan B's own lists contain only its own rows.
    listed = (
        await cap.http.get(f"/v1/capacity/programs/{w.program_id}/reports", params={"limit": 200}, headers=b)
    ).json()
    assert {x["participant_id"] for x in listed["items"]} == {w.part_b}
    parts = (await cap.http.get(f"/v1/capacity/programs/{w.program_id}/participants", headers=b)).json()
    assert [p["id"] for p in parts["items"]] == [w.part_b]
    # Writing to A's plan or report as B: 404, nothing written.
    r = await cap.http.post(
        f"/v1/capacity/participants/{w.part_a}/distribution-plan/versions",
        json=plan_body(w.providers),
        headers=b | idem(),
    )
    assert_problem(r, 404, "not-found")
    r = await cap.http.post(
        f"/v1/capacity/reports/{report_a['id']}/submission",
        json={"progress": []},
        headers=b | {"If-Match": "*"},
    )
    assert_problem(r, 404, "not-found")
    assert await _count(session, CapacityDistributionPlanVersion) == 0
    assert await _count(session, CapacityReport, CapacityReport.status != "due") == 0
    # Another state sees none of it; the program's state sees both participants.
    other_state = await make_org("state")
    h = await auth_headers(other_state, "state_admin")
    assert_problem(await cap.http.get(f"/v1/capacity/programs/{w.program_id}", headers=h), 404, "not-found")
    parts = (
        await cap.http.get(f"/v1/capacity/programs/{w.program_id}/participants", headers=w.h["state"])
    ).json()
    assert {p["id"] for p in parts["items"]} == {w.part_a, w.part_b}
    # A viewer of plan A reads but cannot submit.
    assert (
        await cap.http.get(f"/v1/capacity/reports/{report_a['id']}", headers=w.h["a_viewer"])
    ).status_code == 200
    r = await cap.http.post(
        f"/v1/capacity/reports/{report_a['id']}/submission",
        json={"progress": []},
        headers=w.h["a_viewer"] | {"If-Match": "*"},
    )
    assert_problem(r, 403, "forbidden")


async def test_plan_version_retry_replays_and_approval_cannot_exceed_the_funding_total(
    cap: CapClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    w = await _world(cap, make_org, auth_headers)
    key = idem()
    url = f"/v1/capacity/participants/{w.part_a}/distribution-plan/versions"
    first = await cap.http.post(url, json=plan_body(w.providers), headers=w.h["a"] | key)
    again = await cap.http.post(url, json=plan_body(w.providers), headers=w.h["a"] | key)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
    assert await _count(session, CapacityDistributionPlanVersion) == 1
    # A small program: plan A's 950000.00 fits under 1000000.00, plan B's would not.
    program = await session.get_one(CapacityProgram, uuid.UUID(w.program_id))
    program.funding_total = Decimal("1000000.00")
    await session.flush()
    base_a = f"/v1/capacity/participants/{w.part_a}/distribution-plan"
    r = await cap.http.post(
        f"{base_a}/decision",
        json={"decision": "approve"},
        headers=w.h["state"] | {"If-Match": first.headers["etag"]},
    )
    assert r.status_code == 200, r.text
    base_b = f"/v1/capacity/participants/{w.part_b}/distribution-plan"
    r = await cap.http.post(f"{base_b}/versions", json=plan_body(w.providers), headers=w.h["b"] | idem())
    assert r.status_code == 201, r.text
    r = await cap.http.post(
        f"{base_b}/decision",
        json={"decision": "approve"},
        headers=w.h["state"] | {"If-Match": r.headers["etag"]},
    )
    assert_problem(r, 409, "over-funding")
    plan_b = (await cap.http.get(base_b, headers=w.h["b"])).json()
    assert plan_b["status"] == "submitted" and plan_b["approved_version"] is None
    assert await _count(session, CapacityPayment, CapacityPayment.participant_id == uuid.UUID(w.part_b)) == 0


async def test_a_returned_report_is_owed_again_and_its_reminders_rearm(
    cap: CapClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    w = await _world(cap, make_org, auth_headers)
    report = await _quarter_report(cap, w, w.part_a, 1, w.h["a"])
    url = f"/v1/capacity/reports/{report['id']}"
    cap.clock.set(2022, 4, 10)
    etag = (await cap.http.get(url, headers=w.h["a"])).headers["etag"]
    r = await cap.http.post(
        f"{url}/submission",
        json={"progress": [{"milestone": 4, "quantity": "3"}]},
        headers=w.h["a"] | {"If-Match": etag},
    )
    states = dict(
        (
            await session.execute(
                select(Deadline.kind, Deadline.state).where(Deadline.subject_id == uuid.UUID(report["id"]))
            )
        )
        .tuples()
        .all()
    )
    assert set(states.values()) == {"cancelled"}
    r = await cap.http.post(
        f"{url}/decision",
        json={"decision": "return", "comments": "Milestone 4 count does not match the roster"},
        headers=w.h["state"] | {"If-Match": r.headers["etag"]},
    )
    assert r.status_code == 200 and r.json()["status"] == "returned"
    states = dict(
        (
            await session.execute(
                select(Deadline.kind, Deadline.state).where(Deadline.subject_id == uuid.UUID(report["id"]))
            )
        )
        .tuples()
        .all()
    )
    # On 2022-04-10 the 14-day reminder (04-16), 7-day (04-23), 1-day (04-29) and overdue (05-01) still lie ahead.
    assert states == {
        "reminder_14": "pending",
        "reminder_7": "pending",
        "reminder_1": "pending",
        "overdue": "pending",
    }
    r = await cap.http.post(
        f"{url}/submission",
        json={"progress": [{"milestone": 4, "quantity": "4"}]},
        headers=w.h["a"] | {"If-Match": r.headers["etag"]},
    )
    assert (
        r.status_code == 200 and r.json()["submissions"] == 2 and r.json()["progress"][0]["quantity"] == "4"
    )


async def _committed_world(
    c: httpx.AsyncClient, factories: tuple[MakeOrg, MakeKey], resources: Resources
) -> dict[str, Any]:
    """A committed program with one participating plan and two providers in its TCM network."""
    make_org, make_key = factories
    state, plan = await make_org("state"), await make_org("plan")
    providers = [(await make_org("provider")).id, (await make_org("provider")).id]
    async with resources.sessions() as s, s.begin():
        await link_tcm(s, plan.id, providers)
    hs, hp = await make_key(state, "state_admin"), await make_key(plan, "plan_admin")
    program = (await c.post("/v1/capacity/programs", json=NC_PROGRAM, headers=hs | idem())).json()["id"]
    part = (
        await c.post(
            f"/v1/capacity/programs/{program}/participants",
            json={"plan_id": str(plan.id)},
            headers=hs | idem(),
        )
    ).json()["id"]
    return {"hs": hs, "hp": hp, "program": program, "part": part, "providers": providers}


async def _submitted_quarter(c: httpx.AsyncClient, cw: dict[str, Any], m4_quantity: str) -> str:
    """Submit quarter 1 with milestone 4 progress; returns the report's URL."""
    items = (
        await c.get(
            f"/v1/capacity/programs/{cw['program']}/reports",
            params={"kind": "quarterly", "limit": 1},
            headers=cw["hp"],
        )
    ).json()["items"]
    url = f"/v1/capacity/reports/{items[0]['id']}"
    etag = (await c.get(url, headers=cw["hp"])).headers["etag"]
    r = await c.post(
        f"{url}/submission",
        json={"progress": [{"milestone": 4, "quantity": m4_quantity}]},
        headers=cw["hp"] | {"If-Match": etag},
    )
    assert r.status_code == 200, r.text
    return url


async def test_concurrent_acceptances_pay_once(
    committed_client: Any, committed_factories: tuple[MakeOrg, MakeKey], committed_resources: Resources
) -> None:
    """Two state admins accept the same quarterly report at the same moment: one wins, one payment."""
    import asyncio

    c = committed_client
    cw = await _committed_world(c, committed_factories, committed_resources)
    hs, hp = cw["hs"], cw["hp"]
    base = f"/v1/capacity/participants/{cw['part']}/distribution-plan"
    r = await c.post(f"{base}/versions", json=plan_body(cw["providers"]), headers=hp | idem())
    r = await c.post(
        f"{base}/decision", json={"decision": "approve"}, headers=hs | {"If-Match": r.headers["etag"]}
    )
    assert r.status_code == 200, r.text
    url = await _submitted_quarter(c, cw, "10")
    etag = (await c.get(url, headers=hp)).headers["etag"]
    results = await asyncio.gather(
        *(
            c.post(f"{url}/decision", json={"decision": "accept"}, headers=hs | {"If-Match": etag})
            for _ in range(2)
        )
    )
    assert sorted(r.status_code for r in results)[0] == 200
    assert sorted(r.status_code for r in results)[1] in (409, 412)
    pay = (await c.get(f"/v1/capacity/participants/{cw['part']}/payments", headers=hp)).json()
    m4 = [p for p in pay["items"] if p["milestone"] == 4]
    assert sum(Decimal(p["amount"]) for p in m4) == Decimal("100000.00") and len(m4) == 3


async def test_creating_a_program_works_without_an_idempotency_key(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    """Idempotency-Key is honoured when sent, never required (API conventions)."""
    state = await make_org("state")
    r = await client.post(
        "/v1/capacity/programs", json=NC_PROGRAM, headers=await auth_headers(state, "state_admin")
    )
    assert r.status_code == 201, r.text


# --------------------------------------------------------------------------- allocations stay in the network


async def test_allocations_must_go_to_amh_plus_or_cma_in_the_plans_active_tcm_network(
    cap: CapClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    """Seed 001 funds the certified AMH+ practices and CMAs a plan partners with: an active tcm network link.
    Every other row is named by its index and nothing is written."""
    w = await _world(cap, make_org, auth_headers)
    b_only, ecm_only, suspended, ended, unlinked = [(await make_org("provider")).id for _ in range(5)]
    await link_tcm(session, w.plan_b.id, [b_only])
    session.add(
        NetworkLink(
            plan_id=w.plan_a.id,
            provider_id=ecm_only,
            program="ecm",
            status="active",
            effective_from=date(2021, 7, 1),
        )
    )
    await link_tcm(session, w.plan_a.id, [suspended], status="suspended")
    await link_tcm(session, w.plan_a.id, [ended], effective_to=date(2021, 10, 31))
    body = plan_body(w.providers)
    rows = [w.providers[0], b_only, ecm_only, suspended, ended, unlinked, w.plan_b.id]
    body["allocations"] = [
        {"provider_id": str(p), "provider_type": "cma", "milestone": 4, "amount": "1000.00"} for p in rows
    ]
    base = f"/v1/capacity/participants/{w.part_a}/distribution-plan"
    problem = assert_problem(
        await cap.http.post(f"{base}/versions", json=body, headers=w.h["a"] | idem()), 422, "validation"
    )
    errors = cast(list[dict[str, str]], problem["errors"])
    assert [e["path"] for e in errors] == [f"body.allocations[{i}].provider_id" for i in range(1, 7)]
    assert "allocations 1, 2, 3, 4, 5, 6" in str(problem["detail"])
    # The same message whether or not the provider is in another plan's network.
    assert len({e["message"] for e in errors}) == 1
    plan = (await cap.http.get(base, headers=w.h["a"])).json()
    assert plan["status"] == "not_submitted" and plan["versions"] == []


async def test_approval_refuses_a_plan_whose_provider_left_the_network_since_submission(
    cap: CapClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    w = await _world(cap, make_org, auth_headers)
    base = f"/v1/capacity/participants/{w.part_a}/distribution-plan"
    r = await cap.http.post(f"{base}/versions", json=plan_body(w.providers), headers=w.h["a"] | idem())
    assert r.status_code == 201, r.text
    link = await session.scalar(
        select(NetworkLink).where(
            NetworkLink.plan_id == w.plan_a.id, NetworkLink.provider_id == w.providers[1]
        )
    )
    assert link is not None
    link.status = "suspended"
    await session.flush()
    problem = assert_problem(
        await cap.http.post(
            f"{base}/decision",
            json={"decision": "approve"},
            headers=w.h["state"] | {"If-Match": r.headers["etag"]},
        ),
        409,
        "allocation-outside-network",
    )
    # plan_body allocates to providers [p1, p2, p1]: row 1 is the suspended CMA.
    errors = cast(list[dict[str, str]], problem["errors"])
    assert [e["path"] for e in errors] == ["body.allocations[1].provider_id"]
    plan = (await cap.http.get(base, headers=w.h["a"])).json()
    assert plan["status"] == "submitted" and plan["approved_version"] is None
    assert await _count(session, CapacityPayment, CapacityPayment.participant_id == uuid.UUID(w.part_a)) == 0
    part = (await cap.http.get(f"/v1/capacity/participants/{w.part_a}", headers=w.h["a"])).json()
    assert part["milestones"][0]["status"] == "open"


# --------------------------------------------------------------------------- quarters accepted before approval


async def _submit_and_accept_quarter(
    c: CapClient, w: World, index: int, progress: list[dict[str, Any]]
) -> dict[str, Any]:
    report = await _quarter_report(c, w, w.part_a, index, w.h["a"])
    url = f"/v1/capacity/reports/{report['id']}"
    etag = (await c.http.get(url, headers=w.h["a"])).headers["etag"]
    r = await c.http.post(
        f"{url}/submission", json={"progress": progress}, headers=w.h["a"] | {"If-Match": etag}
    )
    assert r.status_code == 200, r.text
    r = await c.http.post(
        f"{url}/decision", json={"decision": "accept"}, headers=w.h["state"] | {"If-Match": r.headers["etag"]}
    )
    assert r.status_code == 200, r.text
    accepted: dict[str, Any] = r.json()
    return accepted


async def test_a_quarter_accepted_before_the_plan_is_approved_is_paid_once_on_approval(
    cap: CapClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    """Seed 001: "To qualify for capacity building payments, LME/MCOs must ... receive Departmental approval of
    a Distribution Plan". Quarterly reports are owed on Table 2's dates regardless, so the state may accept one
    first; nothing is paid until the approval, which then pays the quarters already met, once."""
    w = await _world(cap, make_org, auth_headers)
    cap.clock.set(2022, 4, 20)
    report = await _submit_and_accept_quarter(
        cap, w, 1, [{"milestone": 4, "quantity": "12"}, {"milestone": 3, "quantity": "5"}]
    )
    pay_url = f"/v1/capacity/participants/{w.part_a}/payments"
    assert (await cap.http.get(pay_url, headers=w.h["a"])).json() == {
        "participant_id": w.part_a,
        "total": "0.00",
        "items": [],
    }
    cap.clock.set(2022, 5, 2)
    await _approve_plan(cap, w)
    pay = (await cap.http.get(pay_url, headers=w.h["a"])).json()
    by_key: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for p in pay["items"]:
        by_key.setdefault((p["milestone"], p["period_index"]), []).append(p)
    # Milestone 1 on approval; quarter 1 of milestones 3 (5 >= 5) and 4 (12 >= 10) from the accepted report.
    assert sorted(by_key) == [(1, 0), (3, 1), (4, 1)]
    assert sum(Decimal(p["amount"]) for p in by_key[(4, 1)]) == Decimal("100000.00")
    assert [(p["provider_id"], p["amount"]) for p in by_key[(3, 1)]] == [(str(w.providers[0]), "150000.00")]
    for p in by_key[(3, 1)] + by_key[(4, 1)]:
        assert (p["source_type"], p["source_id"], p["earned_on"]) == (
            "capacity_report",
            report["id"],
            "2022-05-02",
        )
    assert pay["total"] == "300000.00"
    # Milestone 3 has one target, now met: achieved on the approval day. Milestone 4 still has quarter 2 ahead.
    summary = (
        await cap.http.get(f"/v1/capacity/participants/{w.part_a}/milestones", headers=w.h["a"])
    ).json()
    by_number = {m["number"]: m for m in summary["milestones"]}
    assert (by_number[3]["status"], by_number[3]["achieved_on"]) == ("achieved", "2022-05-02")
    assert by_number[4]["status"] == "open" and by_number[4]["earned"] == "100000.00"
    # Settling again (a retried approval) writes no second line.
    mine = CapacityPayment.participant_id == uuid.UUID(w.part_a)
    lines = await _count(session, CapacityPayment, mine)
    participant = await session.get_one(CapacityParticipant, uuid.UUID(w.part_a))
    content = await approved_content(session, participant.id)
    assert content is not None
    assert await settle_accepted_quarters(session, participant, content, date(2022, 5, 3)) == 0
    assert await _count(session, CapacityPayment, mine) == lines
    # A quarter accepted after the approval is paid at acceptance as before.
    cap.clock.set(2022, 7, 20)
    await _submit_and_accept_quarter(cap, w, 2, [{"milestone": 4, "quantity": "20"}])
    pay = (await cap.http.get(pay_url, headers=w.h["a"])).json()
    assert pay["total"] == "500000.00"


async def test_approval_racing_an_acceptance_pays_the_quarter_exactly_once(
    committed_client: Any,
    committed_factories: tuple[MakeOrg, MakeKey],
    committed_resources: Resources,
) -> None:
    """The state approves the plan while another admin accepts a met quarterly report: whichever commits
    second sees the other, so the quarter is paid once, never twice and never not at all."""
    import asyncio

    for _ in range(3):
        cw = await _committed_world(committed_client, committed_factories, committed_resources)
        c, hs, hp = committed_client, cw["hs"], cw["hp"]
        base = f"/v1/capacity/participants/{cw['part']}/distribution-plan"
        plan = await c.post(f"{base}/versions", json=plan_body(cw["providers"]), headers=hp | idem())
        assert plan.status_code == 201, plan.text
        url = await _submitted_quarter(c, cw, "10")
        etag = (await c.get(url, headers=hs)).headers["etag"]
        approve, accept = await asyncio.gather(
            c.post(
                f"{base}/decision",
                json={"decision": "approve"},
                headers=hs | {"If-Match": plan.headers["etag"]},
            ),
            c.post(f"{url}/decision", json={"decision": "accept"}, headers=hs | {"If-Match": etag}),
        )
        assert (approve.status_code, accept.status_code) == (200, 200), (approve.text, accept.text)
        pay = (await c.get(f"/v1/capacity/participants/{cw['part']}/payments", headers=hp)).json()
        m4 = [p for p in pay["items"] if p["milestone"] == 4]
        assert sum(Decimal(p["amount"]) for p in m4) == Decimal("100000.00") and len(m4) == 3


# --------------------------------------------------------------------------- reminder offsets are program data


async def test_a_programs_own_reminder_days_schedule_its_reminders(
    cap: CapClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    """Issue 7's 14/7/1 days and overdue the day after are the default; a program may set its own."""
    state, plan = await make_org("state"), await make_org("plan")
    h = await auth_headers(state, "state_admin")
    cap.clock.set(2021, 11, 10)
    bad = NC_PROGRAM | {"reminders": {"days_before": [5, 5]}}
    before = await _count(session, CapacityProgram)
    problem = assert_problem(
        await cap.http.post("/v1/capacity/programs", json=bad, headers=h | idem()), 422, "validation"
    )
    assert [e["path"] for e in cast(list[dict[str, str]], problem["errors"])] == [
        "body.reminders.days_before"
    ]
    assert await _count(session, CapacityProgram) == before
    body = NC_PROGRAM | {"reminders": {"days_before": [5], "overdue_days_after": 3}}
    r = await cap.http.post("/v1/capacity/programs", json=body, headers=h | idem())
    assert r.status_code == 201, r.text
    assert r.json()["spec"]["reminders"] == {"days_before": [5], "overdue_days_after": 3}
    r = await cap.http.post(
        f"/v1/capacity/programs/{r.json()['id']}/participants",
        json={"plan_id": str(plan.id)},
        headers=h | idem(),
    )
    assert r.status_code == 201, r.text
    plan_report = await session.scalar(
        select(CapacityReport.id).where(
            CapacityReport.participant_id == uuid.UUID(r.json()["id"]),
            CapacityReport.kind == "distribution_plan",
        )
    )
    dues = (
        await session.execute(
            select(Deadline.kind, Deadline.due_on)
            .where(Deadline.subject_id == plan_report)
            .order_by(Deadline.due_on)
        )
    ).all()
    # The plan is due 2021-11-30: 5 days before, and overdue 3 days after.
    assert [(k, d.isoformat()) for k, d in dues] == [("reminder_5", "2021-11-25"), ("overdue", "2021-12-03")]
