"""Imports and check results over HTTP: upload, the same file again, a wrong type, and the plan's results."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.checks.run import run_checks
from oversight_domain.calendars import Calendar
from tests.app.activity_world import activity_world
from tests.conftest import MakeKey, MakeOrg

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_upload_poll_and_read_results(
    client: httpx.AsyncClient, session: AsyncSession, auth_headers: MakeKey, make_org: MakeOrg
) -> None:
    world = await activity_world(session)
    headers = await auth_headers(world.plan, "plan_admin")
    m = world.members[0].member_number
    body = (
        "interaction_id,member_number,provider_npi,occurred_on,kind,duration_minutes,outcome,enrolled\n"
        f"a1,{m},{world.provider.npi},2025-04-10,appointment,,missed,true\n"
    )
    csv_headers = {**headers, "Content-Type": "text/csv"}
    url = "/v1/imports?kind=interactions&file_format=csv"
    first = await client.post(url, content=body, headers=csv_headers)
    assert first.status_code == 202, first.text
    assert first.json()["status"] == "pending"
    again = await client.post(url, content=body, headers=csv_headers)
    assert (again.status_code, again.json()["id"]) == (200, first.json()["id"])
    # The format is the query's: without it nothing is stored (a 422 naming it), and a Content-Type that
    # names the other format is refused rather than guessed between.
    unsaid = await client.post("/v1/imports?kind=interactions", content=body, headers=csv_headers)
    assert unsaid.status_code == 422 and unsaid.headers["content-type"] == "application/problem+json"
    assert [e["path"] for e in unsaid.json()["errors"]] == ["query.file_format"]
    wrong = await client.post(url, content=body, headers={**headers, "Content-Type": "application/x-ndjson"})
    assert wrong.status_code == 415 and wrong.headers["content-type"] == "application/problem+json"
    assert (await client.get(f"/v1/imports/{first.json()['id']}", headers=headers)).status_code == 200

    await run_checks(
        session, world.plan.id, date(2025, 12, 31), Calendar.for_jurisdiction("US-CA"), datetime.now(UTC)
    )
    listed = await client.get("/v1/check-results", params={"rule": "stale_document"}, headers=headers)
    assert listed.status_code == 200 and len(listed.json()["items"]) == 6  # 3 members x 2 missing documents
    summary = await client.get(f"/v1/providers/{world.provider.id}/check-summary", headers=headers)
    # the file is still pending (no worker here): no contacts, so every 30-day window is a gap (3 x 12)
    assert {r["rule"]: r["open"] for r in summary.json()["rules"]} == {
        "engagement_gap": 36,
        "stale_document": 6,
    }
    # The plan dashboard shows the provider's open results next to its reviews and action plans.
    dashboard = await client.get("/v1/reports/dashboards/plan", headers=headers)
    row = next(p for p in dashboard.json()["providers"] if p["provider_id"] == str(world.provider.id))
    assert row["open_check_results"] == 42

    other = await make_org("plan")
    other_headers = await auth_headers(other, "plan_admin")
    assert (await client.get(f"/v1/imports/{first.json()['id']}", headers=other_headers)).status_code == 404
    assert (
        await client.get(f"/v1/providers/{world.provider.id}/check-summary", headers=other_headers)
    ).status_code == 404
    assert (
        await client.get(f"/v1/providers/{uuid.uuid4()}/check-summary", headers=headers)
    ).status_code == 404
