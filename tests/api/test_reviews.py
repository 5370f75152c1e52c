"""Reviews: scheduling rules, scoping, exclusions, concurrency, and bad input on every endpoint.

Every bad request answers ``application/problem+json`` and changes nothing (counted in the database).
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models import ActionPlan, AuditEvent, Finding, Notice, Review, ReviewRecord, SampleDraw
from tests.api.reviews_world import Clock, ecm_frame, link, tcm_frame
from tests.api.test_problems import assert_problem
from tests.conftest import MakeKey, MakeOrg


async def counts(session: AsyncSession) -> dict[str, int]:
    out = {}
    for model in (Review, Notice, SampleDraw, ReviewRecord, Finding, ActionPlan):
        out[model.__name__] = int(await session.scalar(select(func.count()).select_from(model)) or 0)
    return out


def review_body(provider_id: uuid.UUID, clock: Clock, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "provider_id": str(provider_id),
        "tool_key": "ecm-partnership",
        "purpose": "monitoring",
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "scheduled_for": (clock.today + timedelta(days=35)).isoformat(),
    }
    body.update(changes)
    return body


async def etag_of(client: httpx.AsyncClient, review_id: str, headers: dict[str, str]) -> str:
    return (await client.get(f"/v1/reviews/{review_id}", headers=headers)).headers["etag"]


async def test_create_review_bad_input_changes_nothing(
    rclient: httpx.AsyncClient,
    clock: Clock,
    make_org: MakeOrg,
    auth_headers: MakeKey,
    session: AsyncSession,
) -> None:
    plan = await make_org("plan")
    provider = await make_org("provider")
    small = await make_org("provider")
    stranger = await make_org("provider")
    await link(session, plan, provider, "ecm")
    await link(session, plan, small, "ecm")
    await ecm_frame(session, plan, provider, 12)
    await ecm_frame(session, plan, small, 9)
    reviewer = await auth_headers(plan, "reviewer")
    before = await counts(session)

    cases: list[tuple[dict[str, Any], int, str]] = [
        ({**review_body(provider.id, clock), "color": "red"}, 422, "validation"),
        (review_body(provider.id, clock, period_end="2024-12-31"), 422, "validation"),
        (review_body(provider.id, clock, purpose="audit"), 422, "validation"),
        (review_body(provider.id, clock, tool_key="no-such-tool"), 422, "validation"),
        (review_body(provider.id, clock, tool_version="9.9"), 422, "validation"),
        (review_body(stranger.id, clock), 422, "provider-not-in-network"),
        (
            review_body(provider.id, clock, scheduled_for=(clock.today + timedelta(days=27)).isoformat()),
            422,
            "notice-period",
        ),
        (
            review_body(provider.id, clock, scheduled_for=(clock.today - timedelta(days=1)).isoformat()),
            422,
            "validation",
        ),
    ]
    for body, status, slug in cases:
        assert_problem(await rclient.post("/v1/reviews", json=body, headers=reviewer), status, slug)
    # Seed 003: providers with fewer than 10 enrolled ECM members are not reviewed.
    problem = assert_problem(
        await rclient.post("/v1/reviews", json=review_body(small.id, clock), headers=reviewer),
        422,
        "provider-not-eligible",
    )
    assert problem["enrolled_count"] == 9 and problem["minimum"] == 10
    assert "9 enrolled" in str(problem["detail"])
    # Viewers and providers cannot schedule.
    viewer = await auth_headers(plan, "viewer")
    assert_problem(
        await rclient.post("/v1/reviews", json=review_body(provider.id, clock), headers=viewer),
        403,
        "forbidden",
    )
    assert await counts(session) == before


async def test_waiver_is_audited_and_idempotent_create(
    rclient: httpx.AsyncClient,
    clock: Clock,
    make_org: MakeOrg,
    auth_headers: MakeKey,
    session: AsyncSession,
) -> None:
    plan = await make_org("plan")
    provider = await make_org("provider")
    await link(session, plan, provider, "ecm")
    await ecm_frame(session, plan, provider, 10)
    reviewer = await auth_headers(plan, "reviewer")
    body = review_body(
        provider.id,
        clock,
        scheduled_for=(clock.today + timedelta(days=7)).isoformat(),
        notice_waived_reason="Provider asked for an earlier date",
    )
    headers = {**reviewer, "Idempotency-Key": "create-1"}
    first = await rclient.post("/v1/reviews", json=body, headers=headers)
    assert first.status_code == 201, first.text
    again = await rclient.post("/v1/reviews", json=body, headers=headers)
    assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
    assert again.headers["idempotent-replayed"] == "true"
    waiver = await session.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "review.notice_waived", AuditEvent.entity_id == first.json()["id"]
        )
    )
    assert waiver is not None and waiver.changes["days_short"] == 21
    assert (
        await session.scalar(select(func.count()).select_from(Review).where(Review.plan_id == plan.id)) == 1
    )


async def test_patch_reschedule_cancel_and_if_match(
    rclient: httpx.AsyncClient,
    clock: Clock,
    make_org: MakeOrg,
    auth_headers: MakeKey,
    session: AsyncSession,
) -> None:
    plan = await make_org("plan")
    provider = await make_org("provider")
    await link(session, plan, provider, "ecm")
    await ecm_frame(session, plan, provider, 10)
    reviewer = await auth_headers(plan, "reviewer")
    review = (
        await rclient.post("/v1/reviews", json=review_body(provider.id, clock), headers=reviewer)
    ).json()
    url = f"/v1/reviews/{review['id']}"
    later = (clock.today + timedelta(days=60)).isoformat()
    assert_problem(
        await rclient.patch(url, json={"scheduled_for": later}, headers=reviewer),
        428,
        "precondition-required",
    )
    assert_problem(
        await rclient.patch(url, json={"scheduled_for": later}, headers={**reviewer, "If-Match": '"7"'}),
        412,
        "precondition-failed",
    )
    # A week later the plan moves the date: 28 days' notice counts from the day of the new notice.
    clock.today += timedelta(days=7)
    too_soon = (clock.today + timedelta(days=20)).isoformat()
    assert_problem(
        await rclient.patch(url, json={"scheduled_for": too_soon}, headers={**reviewer, "If-Match": '"1"'}),
        422,
        "notice-period",
    )
    assert_problem(
        await rclient.patch(url, json={}, headers={**reviewer, "If-Match": '"1"'}), 422, "validation"
    )
    assert_problem(
        await rclient.patch(url, json={"status": "cancelled"}, headers={**reviewer, "If-Match": '"1"'}),
        422,
        "validation",
    )
    assert_problem(
        await rclient.patch(url, json={"status": "finalized"}, headers={**reviewer, "If-Match": '"1"'}),
        422,
        "validation",
    )
    assert (await rclient.get(url, headers=reviewer)).json()["version"] == 1
    r = await rclient.patch(url, json={"scheduled_for": later}, headers={**reviewer, "If-Match": '"1"'})
    assert r.status_code == 200, r.text
    assert (r.json()["scheduled_for"], r.json()["notified_on"], r.headers["etag"]) == (
        later,
        clock.today.isoformat(),
        '"2"',
    )
    kinds = set(
        await session.scalars(select(Notice.kind).where(Notice.subject_id == uuid.UUID(review["id"])))
    )
    assert kinds == {"review_scheduled", "review_rescheduled"}
    r = await rclient.patch(
        url,
        json={"status": "cancelled", "cancel_reason": "Provider closed"},
        headers={**reviewer, "If-Match": '"2"'},
    )
    assert r.status_code == 200 and r.json()["status"] == "cancelled"
    assert_problem(await rclient.post(f"{url}/samples", json={}, headers=reviewer), 409, "review-cancelled")


async def test_provider_reads_its_own_reviews_only(
    rclient: httpx.AsyncClient,
    clock: Clock,
    make_org: MakeOrg,
    auth_headers: MakeKey,
    session: AsyncSession,
) -> None:
    plan = await make_org("plan")
    mine, other = await make_org("provider"), await make_org("provider")
    for p in (mine, other):
        await link(session, plan, p, "ecm")
        await ecm_frame(session, plan, p, 10)
    reviewer = await auth_headers(plan, "reviewer")
    r1 = (await rclient.post("/v1/reviews", json=review_body(mine.id, clock), headers=reviewer)).json()
    r2 = (await rclient.post("/v1/reviews", json=review_body(other.id, clock), headers=reviewer)).json()
    provider = await auth_headers(mine, "provider")
    listed = (await rclient.get("/v1/reviews", headers=provider)).json()["items"]
    assert [r["id"] for r in listed] == [r1["id"]]
    assert (await rclient.get(f"/v1/reviews/{r1['id']}", headers=provider)).status_code == 200
    assert_problem(await rclient.get(f"/v1/reviews/{r2['id']}", headers=provider), 404, "not-found")
    # Plans list with filters and a cursor.
    page = (await rclient.get("/v1/reviews", params={"limit": 1}, headers=reviewer)).json()
    assert len(page["items"]) == 1 and page["next_cursor"]
    rest = (
        await rclient.get("/v1/reviews", params={"limit": 1, "cursor": page["next_cursor"]}, headers=reviewer)
    ).json()
    assert {page["items"][0]["id"], rest["items"][0]["id"]} == {r1["id"], r2["id"]}
    only = (await rclient.get("/v1/reviews", params={"provider_id": str(other.id)}, headers=reviewer)).json()[
        "items"
    ]
    assert [r["id"] for r in only] == [r2["id"]]
    assert_problem(
        await rclient.get("/v1/reviews", params={"status": "open"}, headers=reviewer), 422, "validation"
    )
    assert_problem(
        await rclient.get("/v1/reviews", params={"cursor": "garbage"}, headers=reviewer),
        422,
        "invalid-cursor",
    )


async def test_samples_records_exclusion_and_findings_rules(
    rclient: httpx.AsyncClient,
    clock: Clock,
    make_org: MakeOrg,
    auth_headers: MakeKey,
    session: AsyncSession,
) -> None:
    plan = await make_org("plan")
    provider = await make_org("provider")
    await link(session, plan, provider, "tcm")
    await tcm_frame(session, plan, provider, {"A": 12})
    reviewer = await auth_headers(plan, "reviewer")
    body = review_body(provider.id, clock, tool_key="nc-tcm-monitoring", period_start="2025-01-01")
    review_id = (await rclient.post("/v1/reviews", json=body, headers=reviewer)).json()["id"]
    base = f"/v1/reviews/{review_id}"

    before = await counts(session)
    assert_problem(
        await rclient.post(f"{base}/samples", json={"seed": "bad seed!"}, headers=reviewer), 422, "validation"
    )
    assert_problem(
        await rclient.post(f"{base}/samples", json={"size": 3}, headers=reviewer), 422, "validation"
    )
    assert await counts(session) == before

    draw = (await rclient.post(f"{base}/samples", json={"seed": "s1"}, headers=reviewer)).json()
    assert (draw["sampled"], draw["reserve"]) == (10, 2)  # 10 per segment, 2 left of the 5 oversample
    records = (await rclient.get(f"{base}/records", headers=reviewer)).json()["items"]
    sampled = [r for r in records if r["status"] == "sampled"]
    reserve = sorted((r for r in records if r["status"] == "reserve"), key=lambda r: r["position"])
    assert_problem(
        await rclient.get(f"{base}/records", params={"status": "gone"}, headers=reviewer), 422, "validation"
    )

    # Exclusion: the next member of the stratum's oversample replaces the record.
    target = sampled[0]
    assert_problem(
        await rclient.post(f"{base}/records/{target['id']}/exclude", json={}, headers=reviewer),
        422,
        "validation",
    )
    assert_problem(
        await rclient.post(
            f"{base}/records/{uuid.uuid4()}/exclude", json={"reason": "moved away"}, headers=reviewer
        ),
        404,
        "not-found",
    )
    assert_problem(
        await rclient.post(
            f"{base}/records/{reserve[0]['id']}/exclude", json={"reason": "moved away"}, headers=reviewer
        ),
        409,
        "record-not-sampled",
    )
    r = await rclient.post(
        f"{base}/records/{target['id']}/exclude", json={"reason": "Member moved away"}, headers=reviewer
    )
    assert r.status_code == 200, r.text
    out = r.json()
    assert (
        out["excluded"]["status"] == "excluded" and out["excluded"]["exclusion_reason"] == "Member moved away"
    )
    assert out["replacement"]["id"] == reserve[0]["id"]
    assert out["replacement"]["replaces_record_id"] == target["id"]
    excluded_again = await rclient.post(
        f"{base}/records/{target['id']}/exclude", json={"reason": "again"}, headers=reviewer
    )
    assert_problem(excluded_again, 409, "record-not-sampled")

    # Findings: every bad item is reported with its index and nothing is saved.
    etag = await etag_of(rclient, review_id, reviewer)
    before = await counts(session)
    bad = [
        {"element_key": "tcm.patient_data_stored", "answer": "yes"},
        {"element_key": "no.such.element", "answer": "yes"},
        {"element_key": "tcm.assigned_member_record", "answer": "yes"},
        {"record_id": sampled[1]["id"], "element_key": "tcm.internal_reporting", "answer": "no"},
        {"record_id": target["id"], "element_key": "tcm.assigned_member_record", "answer": "yes"},
        {"record_id": str(uuid.uuid4()), "element_key": "tcm.assigned_member_record", "answer": "yes"},
        {"element_key": "tcm.patient_data_stored", "answer": "no"},
    ]
    problem = assert_problem(
        await rclient.put(f"{base}/findings", json=bad, headers={**reviewer, "If-Match": etag}),
        422,
        "validation",
    )
    errors: list[dict[str, str]] = problem["errors"]  # type: ignore[assignment]
    paths = [e["path"] for e in errors]
    assert paths == [
        "body[1].element_key",
        "body[2].record_id",
        "body[3].record_id",
        "body[4].record_id",
        "body[5].record_id",
        "body[6]",
    ]
    problem = assert_problem(
        await rclient.put(
            f"{base}/findings",
            json=[{"element_key": "x", "answer": "maybe"}],
            headers={**reviewer, "If-Match": etag},
        ),
        422,
        "validation",
    )
    assert problem["errors"][0]["path"] == "body[0].answer"  # type: ignore[index]
    assert_problem(
        await rclient.put(f"{base}/findings", json=[], headers={**reviewer, "If-Match": etag}),
        422,
        "validation",
    )
    assert_problem(
        await rclient.put(f"{base}/findings", json=bad[:1], headers=reviewer), 428, "precondition-required"
    )
    assert await counts(session) == before

    # Two reviewers with the same ETag: the second is refused instead of overwriting silently.
    first = await rclient.put(f"{base}/findings", json=bad[:1], headers={**reviewer, "If-Match": etag})
    assert first.status_code == 200 and first.headers["etag"] != etag
    second = await rclient.put(f"{base}/findings", json=bad[6:7], headers={**reviewer, "If-Match": etag})
    assert_problem(second, 412, "precondition-failed")
    stored = (await rclient.get(f"{base}/findings", headers=reviewer)).json()["items"]
    assert [(f["element_key"], f["answer"]) for f in stored] == [("tcm.patient_data_stored", "yes")]
    # An update with the fresh ETag upserts the same finding.
    r = await rclient.put(
        f"{base}/findings", json=bad[6:7], headers={**reviewer, "If-Match": first.headers["etag"]}
    )
    assert r.status_code == 200
    assert [(f["element_key"], f["answer"]) for f in r.json()["items"]] == [("tcm.patient_data_stored", "no")]

    # Finalize refuses while elements are unanswered; nothing is frozen.
    problem = assert_problem(
        await rclient.post(f"{base}/finalize", headers={**reviewer, "If-Match": r.headers["etag"]}),
        422,
        "unanswered-elements",
    )
    assert problem["unanswered_count"] == 10 * 8 + 3
    assert_problem(await rclient.post(f"{base}/finalize", headers=reviewer), 428, "precondition-required")
    assert (await rclient.get(base, headers=reviewer)).json()["status"] == "in_progress"


async def test_action_plan_and_standing_bad_input(
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
    before = await counts(session)
    body = {
        "provider_id": str(provider.id),
        "tool_key": "ecm-partnership",
        "issued_on": clock.today.isoformat(),
    }
    for bad, slug in [
        ({**body, "issued_on": (clock.today + timedelta(days=1)).isoformat()}, "validation"),
        ({**body, "tool_key": "nope"}, "validation"),
        ({**body, "provider_id": str(uuid.uuid4())}, "provider-not-in-network"),
        ({**body, "review_id": str(uuid.uuid4())}, "validation"),
        ({**body, "extra": 1}, "validation"),
    ]:
        assert_problem(await rclient.post("/v1/action-plans", json=bad, headers=reviewer), 422, slug)
    assert await counts(session) == before
    plan_id = (await rclient.post("/v1/action-plans", json=body, headers=reviewer)).json()["id"]
    url = f"/v1/action-plans/{plan_id}"
    assert_problem(
        await rclient.post(f"{url}/submissions", json={"response": ""}, headers=provider_headers),
        422,
        "validation",
    )
    assert_problem(
        await rclient.post(
            f"{url}/decision",
            json={"decision": "maybe", "comment": "x"},
            headers={**reviewer, "If-Match": '"1"'},
        ),
        422,
        "validation",
    )
    # Nothing was submitted, so there is nothing to decide on.
    assert_problem(
        await rclient.post(
            f"{url}/decision",
            json={"decision": "accept", "comment": "x"},
            headers={**reviewer, "If-Match": '"1"'},
        ),
        409,
        "invalid-transition",
    )
    assert_problem(
        await rclient.get("/v1/action-plans", params={"status": "open"}, headers=reviewer), 422, "validation"
    )
    assert_problem(
        await rclient.get(f"/v1/providers/{uuid.uuid4()}/standing", headers=reviewer), 404, "not-found"
    )
    assert (await rclient.get(url, headers=reviewer)).json()["status"] == "pip_open"
