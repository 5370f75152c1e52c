"""Suggested findings (issue 17): activity with known gaps goes in through the import path, the checks run,
a review of the provider is sampled; its suggestions are exactly those the data supports, with their
reasons; nothing is a finding until the reviewer accepts or overrides, both are audited, a decision is
final, and the suggestions follow later check runs while they are pending."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from oversight_app.checks.run import run_checks
from oversight_db.blobs import LocalBlobStore
from oversight_db.models import AuditEvent
from oversight_domain.calendars import Calendar
from tests.api.reviews_world import Clock
from tests.api.test_problems import assert_problem
from tests.app.activity_world import World, activity_world
from tests.app.test_imports import interactions_csv, run_import
from tests.conftest import MakeKey, MakeOrg

pytestmark = pytest.mark.asyncio(loop_scope="session")

AS_OF = date(2025, 12, 31)
CA = Calendar.for_jurisdiction("US-CA")
ENGAGEMENT = "oe.engagement_requirements_met"
TARS = "qm.treatment_authorization_reports"
CARE_PLAN = "cp.care_plans_goal_progress"
UPDATES = "cp.timely_updates"


def contact_rows(members: range, skip: set[tuple[int, int]], outcome: str = "reached") -> list[Any]:
    """A contact in each of the twelve whole 30-day windows of 2025 from 01-01, except (member, window)."""
    return [
        (
            f"c{m}-{w}",
            m,
            (date(2025, 1, 1) + timedelta(days=30 * w + 5)).isoformat(),
            "contact",
            outcome,
            "true",
        )
        for m in members
        for w in range(12)
        if (m, w) not in skip
    ]


async def load_activity(
    session: AsyncSession, sessions: async_sessionmaker[AsyncSession], blobs: LocalBlobStore, world: World
) -> None:
    """Members 0-9: 0 misses its March window; 1 has a late TAR, 2 an incorrect one; 3 has no care plan;
    4 an assessment 425 days old; 5 missed an appointment (no element of the tool rests on that)."""
    rows = [*contact_rows(range(10), skip={(0, 2)}), ("a5", 5, "2025-04-10", "appointment", "missed", "true")]
    imported = await run_import(
        session, sessions, blobs, world, "interactions", interactions_csv(world, rows)
    )
    assert imported.status == "succeeded"
    m = [x.member_number for x in world.members]
    npi, codes = world.provider.npi, "G9008,1,Z59.0,adults_high_utilizers"
    tars = (
        "tar_number,member_number,provider_npi,kind,service_date,received_on,primary_denial_on,"
        "retro_eligibility_on,prior_approval_ends_on,procedure_code,quantity,diagnosis_code,population_of_focus\n"
        f"T-svc,{m[1]},{npi},initial,2025-11-20,2025-12-16,,,,{codes}\n"
        f"T-ok,{m[6]},{npi},initial,2025-11-20,2025-12-15,,,,{codes}\n"
        f"T-bad,{m[2]},{npi},initial,2025-01-06,2025-01-10,,,,G9008,1,,adults_high_utilizers\n"
    )
    assert (await run_import(session, sessions, blobs, world, "tars", tars)).status == "succeeded"
    docs = ["document_id,member_number,provider_npi,kind,completed_on,updated_on"]
    for i in range(10):
        docs.append(f"a{i},{m[i]},{npi},assessment,{'2024-11-01' if i == 4 else '2025-06-01'},")
        if i != 3:
            docs.append(f"p{i},{m[i]},{npi},care_plan,2025-06-01,")
    imported = await run_import(session, sessions, blobs, world, "care_documents", "\n".join(docs) + "\n")
    assert imported.status == "succeeded"
    await run_checks(session, world.plan.id, AS_OF, CA, datetime(2026, 1, 1, tzinfo=UTC))


def expected(sampled: set[int]) -> set[tuple[int | None, str, str, tuple[str, ...]]]:
    """(member index or None, element, answer, reason rules) the data above supports, for the sample."""
    out: set[tuple[int | None, str, str, tuple[str, ...]]] = {
        (None, TARS, "no", ("tar_incorrect", "tar_late"))
    }
    for i in sampled:
        if i == 0:
            out.add((0, ENGAGEMENT, "no", ("engagement_gap",)))
        else:
            out.add((i, ENGAGEMENT, "yes", ("engagement_windows_met",)))
    if 3 in sampled:
        out |= {(3, CARE_PLAN, "no", ("stale_document",)), (3, UPDATES, "no", ("stale_document",))}
    if 4 in sampled:
        out.add((4, UPDATES, "no", ("stale_document",)))
    return out


async def all_suggestions(
    client: httpx.AsyncClient, review_id: str, headers: dict[str, str], **params: Any
) -> list[dict[str, Any]]:
    items, cursor = [], None
    while True:
        page = await client.get(
            f"/v1/reviews/{review_id}/suggestions",
            params={**params, "limit": 5, **({"cursor": cursor} if cursor else {})},
            headers=headers,
        )
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            return items


def summary(
    items: list[dict[str, Any]], member_of: dict[str, int]
) -> set[tuple[int | None, str, str, tuple[str, ...]]]:
    return {
        (
            member_of[s["record_id"]] if s["record_id"] else None,
            s["element_key"],
            s["suggested_answer"],
            tuple(sorted({r["rule"] for r in s["reasons"]})),
        )
        for s in items
    }


async def test_suggestions_from_imported_data_accept_override_and_refresh(
    rclient: httpx.AsyncClient,
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    tmp_path: Path,
    clock: Clock,
    auth_headers: MakeKey,
    make_org: MakeOrg,
) -> None:
    blobs = LocalBlobStore(tmp_path / "blobs")
    world = await activity_world(session, 10)
    await load_activity(session, sessions, blobs, world)
    reviewer = await auth_headers(world.plan, "reviewer")
    body = {
        "provider_id": str(world.provider.id),
        "tool_key": "ecm-partnership",
        "purpose": "monitoring",
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "scheduled_for": (clock.today + timedelta(days=35)).isoformat(),
    }
    review = (await rclient.post("/v1/reviews", json=body, headers=reviewer)).json()
    rid = review["id"]
    url = f"/v1/reviews/{rid}/suggestions"
    assert (await rclient.get(url, headers=reviewer)).json()["items"] == []  # nothing before the sample

    drawn = await rclient.post(f"/v1/reviews/{rid}/samples", json={}, headers=reviewer)
    assert drawn.status_code == 201, drawn.text
    index = {m.id: i for i, m in enumerate(world.members)}
    records = (
        await rclient.get(f"/v1/reviews/{rid}/records", params={"status": "sampled"}, headers=reviewer)
    ).json()
    member_of = {r["id"]: index[uuid.UUID(r["member"]["id"])] for r in records["items"]}
    sampled = set(member_of.values())
    assert len(sampled) == 8

    items = await all_suggestions(rclient, rid, reviewer)
    assert summary(items, member_of) == expected(sampled)
    assert {s["status"] for s in items} == {"pending"}
    tar = next(s for s in items if s["element_key"] == TARS)
    late = next(r for r in tar["reasons"] if r["rule"] == "tar_late")
    assert late["clause"] == "service_date_15_business_days" and late["details"]["days_late"] == 1
    assert late["details"]["due_on"] == "2025-12-15" and "MCUP3041" in late["source"]
    yes = next(s for s in items if s["suggested_answer"] == "yes")
    assert yes["reasons"][0]["details"] == {"windows": 12, "phases": ["enrolled"], "window_days": 30}
    assert (yes["reasons"][0]["starts_on"], yes["reasons"][0]["ends_on"]) == ("2025-01-01", "2025-12-26")
    # No member identity in a suggestion: the record id is how the reviewer finds the member.
    text = str(items)
    assert not any(m.member_number in text or m.last_name in text for m in world.members)
    filtered = await all_suggestions(rclient, rid, reviewer, element_key=TARS, status="pending")
    assert [s["id"] for s in filtered] == [tar["id"]]

    # Nothing is pre-filled: the findings are empty until the reviewer decides.
    findings = await rclient.get(f"/v1/reviews/{rid}/findings", headers=reviewer)
    assert findings.json()["items"] == []
    etag = findings.headers["etag"]

    # Refused: no If-Match, a stale one, a provider's key, a viewer, another plan; nothing changes.
    accept = f"{url}/{tar['id']}/accept"
    assert_problem(await rclient.post(accept, headers=reviewer), 428, "precondition-required")
    assert_problem(
        await rclient.post(accept, headers={**reviewer, "If-Match": '"999"'}), 412, "precondition-failed"
    )
    provider_key = await auth_headers(world.provider, "provider")
    assert_problem(await rclient.post(accept, headers={**provider_key, "If-Match": etag}), 403, "forbidden")
    assert_problem(await rclient.get(url, headers=provider_key), 403, "forbidden")
    viewer = await auth_headers(world.plan, "viewer")
    assert_problem(await rclient.get(url, headers=viewer), 403, "forbidden")
    assert_problem(await rclient.post(accept, headers={**viewer, "If-Match": etag}), 403, "forbidden")
    other = await auth_headers(await make_org("plan"), "reviewer")
    assert_problem(await rclient.get(url, headers=other), 404, "not-found")
    assert_problem(await rclient.post(accept, headers={**other, "If-Match": etag}), 404, "not-found")
    assert_problem(
        await rclient.post(f"{url}/{uuid.uuid4()}/accept", headers={**reviewer, "If-Match": etag}),
        404,
        "not-found",
    )
    assert (await rclient.get(f"/v1/reviews/{rid}/findings", headers=reviewer)).json()["items"] == []

    # Accept the provider-level "no".
    accepted = await rclient.post(accept, headers={**reviewer, "If-Match": etag})
    assert accepted.status_code == 200, accepted.text
    assert (accepted.json()["status"], accepted.json()["final_answer"]) == ("accepted", "no")
    etag = accepted.headers["etag"]
    assert etag == (await rclient.get(f"/v1/reviews/{rid}", headers=reviewer)).headers["etag"]
    assert_problem(
        await rclient.post(accept, headers={**reviewer, "If-Match": etag}), 409, "suggestion-decided"
    )

    # Override a record-level "yes"; the suggested answer itself is not an override.
    chosen = next(s for s in items if s["element_key"] == ENGAGEMENT and s["suggested_answer"] == "yes")
    override = f"{url}/{chosen['id']}/override"
    same = {"answer": "yes", "comment": "agreed"}
    assert_problem(
        await rclient.post(override, json=same, headers={**reviewer, "If-Match": etag}), 422, "validation"
    )
    assert_problem(
        await rclient.post(override, json={"answer": "no"}, headers={**reviewer, "If-Match": etag}),
        422,
        "validation",
    )
    note = "Two of the contacts in the export are not in the member's chart."
    overridden = await rclient.post(
        override, json={"answer": "no", "comment": note}, headers={**reviewer, "If-Match": etag}
    )
    assert overridden.status_code == 200, overridden.text
    assert (overridden.json()["status"], overridden.json()["final_answer"], overridden.json()["comment"]) == (
        "overridden",
        "no",
        note,
    )

    # The findings and the scorecard hold the two decisions, and only those.
    got = (await rclient.get(f"/v1/reviews/{rid}/findings", headers=reviewer)).json()["items"]
    assert {(f["record_id"], f["element_key"], f["answer"]) for f in got} == {
        (None, TARS, "no"),
        (chosen["record_id"], ENGAGEMENT, "no"),
    }
    assert next(f for f in got if f["element_key"] == ENGAGEMENT)["comment"] == note
    card = (await rclient.get(f"/v1/reviews/{rid}/scorecard", headers=reviewer)).json()
    sections = {s["key"]: (s["yes_points"], s["no_points"]) for s in card["sections"]}
    assert sections["quality_monitoring_reports"] == (0, 1) and sections["outreach_engagement"] == (0, 1)

    # The audit trail holds both: the suggestion, the suggested and the final answer, who.
    events = list(
        await session.scalars(
            select(AuditEvent).where(AuditEvent.entity_type == "finding_suggestion").order_by(AuditEvent.seq)
        )
    )
    assert [
        (e.action, e.entity_id, e.changes["suggested_answer"], e.changes["final_answer"]) for e in events
    ] == [
        ("review.suggestion_accepted", tar["id"], "no", "no"),
        ("review.suggestion_overridden", chosen["id"], "yes", "no"),
    ]
    assert all(e.actor.startswith("api_key:") and e.changes["review_id"] == rid for e in events)

    # The checks run again on changed data: pending suggestions follow it, decided ones never move.
    member = next(i for i in sorted(sampled) if i not in (0, member_of[chosen["record_id"]]))
    changed = [*contact_rows(range(member, member + 1), set(), "not_reached")[4:5]]
    changed += contact_rows(
        range(member_of[chosen["record_id"]], member_of[chosen["record_id"]] + 1), set(), "not_reached"
    )[4:5]
    assert (
        await run_import(session, sessions, blobs, world, "interactions", interactions_csv(world, changed))
    ).status == "succeeded"
    await run_checks(session, world.plan.id, AS_OF, CA, datetime(2026, 1, 2, tzinfo=UTC))
    after = {(s["record_id"], s["element_key"]): s for s in await all_suggestions(rclient, rid, reviewer)}
    record_of = {i: r for r, i in member_of.items()}
    now_no = after[(record_of[member], ENGAGEMENT)]
    assert (now_no["status"], now_no["suggested_answer"]) == ("pending", "no")
    assert now_no["reasons"][0]["starts_on"] == "2025-05-01"
    kept = after[(chosen["record_id"], ENGAGEMENT)]
    assert (kept["status"], kept["suggested_answer"], kept["final_answer"]) == ("overridden", "yes", "no")
    assert len(after) == len(items)
    # Running again with nothing new changes nothing.
    await run_checks(session, world.plan.id, AS_OF, CA, datetime(2026, 1, 3, tzinfo=UTC))
    assert {(k, s["updated_at"]) for k, s in ((k, after[k]) for k in after)} == {
        ((s["record_id"], s["element_key"]), s["updated_at"])
        for s in await all_suggestions(rclient, rid, reviewer)
    }

    # An excluded record's pending suggestions go; its replacement's come.
    leaving = record_of[member]
    excluded = await rclient.post(
        f"/v1/reviews/{rid}/records/{leaving}/exclude",
        json={"reason": "not in ECM that month"},
        headers=reviewer,
    )
    assert excluded.status_code == 200, excluded.text
    arriving = excluded.json()["replacement"]
    newcomer = index[uuid.UUID(arriving["member"]["id"])]
    final = {(s["record_id"], s["element_key"]): s for s in await all_suggestions(rclient, rid, reviewer)}
    assert (leaving, ENGAGEMENT) not in final
    assert {k[1] for k in final if k[0] == arriving["id"]} == {
        e for (i, e, _, _) in expected({newcomer}) if i == newcomer
    }


async def test_a_closed_review_keeps_its_suggestions_as_they_were(
    rclient: httpx.AsyncClient,
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    tmp_path: Path,
    clock: Clock,
    auth_headers: MakeKey,
) -> None:
    """Once a review is no longer in progress (cancelled here; finalized takes the same path) a check run
    leaves its suggestions alone and nobody decides them."""
    blobs = LocalBlobStore(tmp_path / "blobs")
    world = await activity_world(session, 10)
    await load_activity(session, sessions, blobs, world)
    reviewer = await auth_headers(world.plan, "reviewer")
    body = {
        "provider_id": str(world.provider.id),
        "tool_key": "ecm-partnership",
        "purpose": "monitoring",
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "scheduled_for": (clock.today + timedelta(days=35)).isoformat(),
    }
    rid = (await rclient.post("/v1/reviews", json=body, headers=reviewer)).json()["id"]
    drawn = await rclient.post(f"/v1/reviews/{rid}/samples", json={}, headers=reviewer)
    before = await all_suggestions(rclient, rid, reviewer)
    assert before
    cancel = {"status": "cancelled", "cancel_reason": "provider closed"}
    patched = await rclient.patch(
        f"/v1/reviews/{rid}", json=cancel, headers={**reviewer, "If-Match": drawn.headers["etag"]}
    )
    assert patched.status_code == 200, patched.text

    # Every member now misses May: were the review in progress, every "yes" would turn to "no".
    missed = contact_rows(range(10), set(), "not_reached")
    missed = [r for r in missed if r[0].endswith("-4")]
    imported = await run_import(
        session, sessions, blobs, world, "interactions", interactions_csv(world, missed)
    )
    assert imported.status == "succeeded"
    await run_checks(session, world.plan.id, AS_OF, CA, datetime(2026, 1, 2, tzinfo=UTC))
    assert await all_suggestions(rclient, rid, reviewer) == before

    accept = f"/v1/reviews/{rid}/suggestions/{before[0]['id']}/accept"
    headers = {**reviewer, "If-Match": patched.headers["etag"]}
    assert_problem(await rclient.post(accept, headers=headers), 409, "review-cancelled")
