"""Dashboards for a plan, a provider and the state, over a real finalized ECM review and frozen scorecards."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, date, datetime
from typing import Any

import httpx
from oversight_client import AuthenticatedClient
from oversight_client.api.reports import (
    reports_plan_dashboard_csv,
    reports_provider_dashboard_csv,
    reports_state_dashboard_csv,
)
from oversight_client.models import Problem
from oversight_client.types import File
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_api.app import create_app
from oversight_api.resources import Resources
from oversight_app.reviews.stored_scores import freeze_scorecard
from oversight_db.models import Organization, Review, ToolVersionRecord
from oversight_domain.reports import distribution
from tests.api.reports_world import finalized_ecm_review
from tests.api.reviews_world import Clock, link
from tests.conftest import MakeKey, MakeOrg


async def add_finalized(
    session: AsyncSession,
    plan: Organization,
    provider: Organization,
    total: float,
    sections: dict[str, float],
    finalized: datetime,
    outcome: str = "pass",
) -> None:
    """A finalized review with its frozen scorecard, written directly with the scores stored beside it as
    finalization stores them (the dashboards read only these)."""
    tool = await session.scalar(select(ToolVersionRecord).where(ToolVersionRecord.key == "ecm-partnership"))
    assert tool is not None
    card: dict[str, Any] = {
        "total": {"score": total},
        "sections": [{"key": k, "title": k.title(), "score": v} for k, v in sections.items()],
    }
    review = Review(
        plan_id=plan.id, provider_id=provider.id, tool_version_id=tool.id, tool_key="ecm-partnership",
        tool_version=tool.version, program="ecm", purpose="monitoring", status="finalized",
        period_start=date(2025, 1, 1), period_end=date(2025, 12, 31), scheduled_for=finalized.date(),
        notified_on=finalized.date(), created_by="test", finalized_at=finalized, finalized_by="test",
        outcome=outcome, next_review_due=date(finalized.year + 2, finalized.month, 1),
    )  # fmt: skip
    session.add(review)
    await session.flush()
    await freeze_scorecard(session, review, card)


async def test_plan_and_provider_dashboards_show_the_finalized_review(
    rclient: httpx.AsyncClient, session: AsyncSession, clock: Clock, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    plan = await make_org("plan", jurisdiction="US-CA")
    provider = await make_org("provider", jurisdiction="US-CA", npi="1987654328")
    never = await make_org("provider", jurisdiction="US-CA", name="Never Reviewed")
    reviewer = await auth_headers(plan, "reviewer")
    done = await finalized_ecm_review(rclient, session, clock, plan, provider, reviewer)
    await link(session, plan, never, "ecm")

    r = await rclient.get("/v1/reports/dashboards/plan", headers=reviewer)
    assert r.status_code == 200, r.text
    board = r.json()
    rows = {p["provider_id"]: p for p in board["providers"]}
    row = rows[str(provider.id)]
    assert (row["outcome"], row["total"], row["review_id"]) == ("conditional_pass", 0.9478, done.review_id)
    assert row["sections"]["assessment_care_plan"] == 0.7969
    assert (row["open_action_plans"], row["next_review_due"], row["review_due"]) == (
        1,
        "2028-04-01",
        "current",
    )
    assert rows[str(never.id)]["review_due"] == "never_reviewed"
    assert [p["provider_id"] for p in board["reviews_due"]] == [str(never.id)]
    [pip] = board["action_plans"]
    assert (pip["kind"], pip["overdue"]) == ("pip", False) and pip["days_left"] == 90
    assert [(t["reviews"], t["conditional_pass"]) for t in board["trend"]] == [(1, 1)]

    r = await rclient.get("/v1/reports/dashboards/plan", params={"format": "csv"}, headers=reviewer)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.text.splitlines()[0].startswith(
        "provider_id,name,npi,review_id,finalized_on,tool_key,outcome,total"
    )

    own = await auth_headers(provider, "provider")
    r = await rclient.get(f"/v1/reports/dashboards/providers/{provider.id}", headers=own)
    assert r.status_code == 200, r.text
    history = r.json()["history"]
    assert [(h["review_id"], h["outcome"], h["total"]) for h in history] == [
        (done.review_id, "conditional_pass", 0.9478)
    ]
    other = await auth_headers(await make_org("plan", jurisdiction="US-CA"), "plan_admin")
    for url in (
        f"/v1/reports/dashboards/providers/{provider.id}",
        f"/v1/reports/dashboards/providers/{uuid.uuid4()}",
    ):
        r = await rclient.get(url, headers=other)
        assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    r = await rclient.get("/v1/reports/dashboards/plan", headers=own)
    assert r.status_code == 404  # a provider has no plan dashboard (its own is /providers/{id})


async def test_state_compares_plans_providers_and_sections(
    rclient: httpx.AsyncClient, session: AsyncSession, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    state = await make_org("state", jurisdiction="US-WY")
    plans = [await make_org("plan", jurisdiction="US-WY", name=f"Plan {i}") for i in range(2)]
    elsewhere = await make_org("plan", jurisdiction="US-CA")
    scores: list[float] = []
    for p_index, plan in enumerate(plans):
        for i in range(5):
            provider = await make_org("provider", jurisdiction="US-WY")
            await link(session, plan, provider, "ecm")
            score = 0.5 + 0.1 * i + 0.01 * p_index
            scores.append(score)
            # An older review of the same pair does not count: only the latest.
            await add_finalized(session, plan, provider, 0.1, {"oe": 0.1}, datetime(2025, 1, 5, tzinfo=UTC))
            await add_finalized(session, plan, provider, score, {"oe": score, "cp": 1.0},
                                datetime(2025, 4 + i, 5, tzinfo=UTC))  # fmt: skip
    outsider = await make_org("provider", jurisdiction="US-CA")
    await add_finalized(session, elsewhere, outsider, 0.0, {"oe": 0.0}, datetime(2025, 5, 5, tzinfo=UTC))

    r = await rclient.get(
        "/v1/reports/dashboards/state", params={"tool_key": "ecm-partnership"},
        headers=await auth_headers(state, "state_admin"),
    )  # fmt: skip
    assert r.status_code == 200, r.text
    board = r.json()
    assert board["reviews"] == 10
    oe = next(s for s in board["sections"] if s["key"] == "oe")
    expected = distribution(scores)
    assert expected is not None
    assert oe["count"] == 10
    for name in ("minimum", "q1", "median", "q3", "maximum"):  # percentile_cont equals the domain's quartiles
        assert abs(oe[name] - getattr(expected, name)) < 1e-9, name
    assert [(p["name"], p["providers"]) for p in board["by_plan"]] == [("Plan 0", 5), ("Plan 1", 5)]
    assert board["providers"][0]["total"] == 0.5  # lowest first
    assert all(t["plan_id"] in {str(p.id) for p in plans} for t in board["trend"])

    # A plan sees the same statewide distribution and only its own plan and network.
    r = await rclient.get(
        "/v1/reports/dashboards/state", params={"tool_key": "ecm-partnership"},
        headers=await auth_headers(plans[0], "viewer"),
    )  # fmt: skip
    mine = r.json()
    assert mine["sections"] == board["sections"]
    assert [p["name"] for p in mine["by_plan"]] == ["Plan 0"]
    assert {p["plan_id"] for p in mine["providers"]} == {str(plans[0].id)}
    r = await rclient.get(
        "/v1/reports/dashboards/state", params={"tool_key": "ecm-partnership", "format": "csv"},
        headers=await auth_headers(state, "viewer"),
    )  # fmt: skip
    assert r.text.splitlines()[0] == "section,title,reviews,minimum,q1,median,q3,maximum"
    r = await rclient.get("/v1/reports/dashboards/state", headers=await auth_headers(state, "viewer"))
    assert r.status_code == 422


async def test_the_generated_client_fetches_the_dashboards_as_csv(
    resources: Resources, rclient: httpx.AsyncClient, session: AsyncSession, make_org: MakeOrg,
    auth_headers: MakeKey,
) -> None:  # fmt: skip
    """The shipped client receives each dashboard's CSV as a File (the JSON operation's format=csv it
    would parse as JSON): the same bytes as format=csv, and another tenant's provider is a Problem 404."""
    plan = await make_org("plan", jurisdiction="US-OR", name="Plan OR")
    provider = await make_org("provider", jurisdiction="US-OR", name="Cascade ECM")
    await link(session, plan, provider, "ecm")
    await add_finalized(
        session, plan, provider, 0.875, {"oe": 0.8, "cp": 0.95}, datetime(2025, 5, 5, tzinfo=UTC)
    )
    headers = await auth_headers(plan, "viewer")
    transport = httpx.ASGITransport(app=create_app(resources=resources), raise_app_exceptions=False)
    token = headers["Authorization"].removeprefix("Bearer ")
    async with AuthenticatedClient(
        base_url="http://test", token=token, httpx_args={"transport": transport}
    ) as api:
        plan_csv = await reports_plan_dashboard_csv.asyncio_detailed(client=api)
        provider_csv = await reports_provider_dashboard_csv.asyncio_detailed(provider.id, client=api)
        state_csv = await reports_state_dashboard_csv.asyncio_detailed(client=api, tool_key="ecm-partnership")
        elsewhere = await reports_provider_dashboard_csv.asyncio_detailed(uuid.uuid4(), client=api)
    for response, same_as in (
        (plan_csv, ("/v1/reports/dashboards/plan", {})),
        (provider_csv, (f"/v1/reports/dashboards/providers/{provider.id}", {})),
        (state_csv, ("/v1/reports/dashboards/state", {"tool_key": "ecm-partnership"})),
    ):
        assert response.status_code == 200 and isinstance(response.parsed, File), response.content
        assert response.headers["content-type"].startswith("text/csv")
        path, params = same_as
        old = await rclient.get(path, params={**params, "format": "csv"}, headers=headers)
        assert response.parsed.payload.read() == old.content
    assert isinstance(plan_csv.parsed, File)
    rows = list(csv.DictReader(io.StringIO(plan_csv.content.decode())))
    assert [(r["name"], r["outcome"], float(r["total"])) for r in rows] == [("Cascade ECM", "pass", 0.875)]
    assert isinstance(elsewhere.parsed, Problem) and elsewhere.parsed.status == 404


async def test_state_sections_without_a_score_count_nothing(
    rclient: httpx.AsyncClient, session: AsyncSession, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    """A section all of whose reviews scored it N/A (score null) is listed with a count of 0, and the
    other sections' figures ignore it; a state with no reviews of the tool has empty distributions."""
    state = await make_org("state", jurisdiction="US-NV")
    plan = await make_org("plan", jurisdiction="US-NV")
    for total in (0.7, 0.9):
        provider = await make_org("provider", jurisdiction="US-NV")
        await link(session, plan, provider, "ecm")
        await add_finalized(session, plan, provider, total, {"oe": total}, datetime(2025, 6, 1, tzinfo=UTC))
    review = await session.scalar(select(Review).where(Review.plan_id == plan.id).limit(1))
    assert review is not None and review.scorecard is not None
    # Re-scored as a dispute would: through the one writer of a scorecard and its stored scores.
    await freeze_scorecard(
        session,
        review,
        {
            **review.scorecard,
            "sections": [*review.scorecard["sections"], {"key": "na", "title": "Na", "score": None}],
        },
    )
    headers = await auth_headers(state, "viewer")
    r = await rclient.get(
        "/v1/reports/dashboards/state", params={"tool_key": "ecm-partnership"}, headers=headers
    )
    assert r.status_code == 200, r.text
    sections = {s["key"]: s for s in r.json()["sections"]}
    assert sections["na"]["count"] == 0 and sections["na"]["median"] is None
    assert (sections["oe"]["count"], sections["oe"]["median"]) == (2, 0.8)
    r = await rclient.get(
        "/v1/reports/dashboards/state", params={"tool_key": "no-such-tool"}, headers=headers
    )
    assert r.status_code == 200 and r.json()["reviews"] == 0 and r.json()["sections"] == []
