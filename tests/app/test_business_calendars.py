"""Business calendars as data (issue 17): MCUP3041's "15 business days of the date of service" (seed 003)
counted on the plan's own calendar: its state's published schedule (CalHR for CA), not the ``holidays``
package, plus the days the plan closes itself."""

from __future__ import annotations

from datetime import UTC, date, datetime

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from oversight_app.business_calendars.service import for_organization
from oversight_app.calendars import Calendars
from oversight_app.checks.run import plan_jurisdiction, run_checks
from oversight_db.blobs import LocalBlobStore
from oversight_db.models import CheckResult
from oversight_domain.calendars import Calendar, add_days
from tests.app.activity_world import World, activity_world
from tests.app.test_imports import run_import
from tests.conftest import MakeKey, MakeOrg

pytestmark = pytest.mark.asyncio(loop_scope="session")

AS_OF = date(2026, 8, 31)
HEAD = (
    "tar_number,member_number,provider_npi,kind,service_date,received_on,primary_denial_on,"
    "retro_eligibility_on,prior_approval_ends_on,procedure_code,quantity,diagnosis_code,population_of_focus\n"
)
CODES = "G9008,1,Z59.0,adults_high_utilizers"


async def test_the_state_schedules_differ_from_the_package_where_the_test_relies_on_it() -> None:
    import holidays

    package_ca = holidays.country_holidays("US", subdiv="CA", years=2026, observed=True)
    package_nc = holidays.country_holidays("US", subdiv="NC", years=2025, observed=True)
    # The package closes CA on Friday 2026-07-03 for Saturday July 4; CalHR closes nothing (holiday credit).
    assert date(2026, 7, 3) in package_ca and Calendar("US-CA").is_business_day(date(2026, 7, 3))
    # The package closes NC on Washington's Birthday and Juneteenth; NC's OSHR schedule does not.
    assert date(2025, 2, 17) in package_nc and Calendar("US-NC").is_business_day(date(2025, 2, 17))
    assert date(2025, 6, 19) in package_nc and Calendar("US-NC").is_business_day(date(2025, 6, 19))
    # Both close on the holidays their schedules list: CA the day after Thanksgiving, NC Good Friday.
    assert not Calendar("US-CA").is_business_day(date(2025, 11, 28))
    assert not Calendar("US-NC").is_business_day(date(2025, 4, 18))


async def _tar_results(session: AsyncSession, world: World) -> dict[str, tuple[str, int | None]]:
    own = await for_organization(session, Calendars(), world.plan.id)  # as the worker does
    calendar = own.of(await plan_jurisdiction(session, world.plan.id))
    await run_checks(session, world.plan.id, AS_OF, calendar, datetime.now(UTC))
    rows = (
        await session.scalars(
            select(CheckResult).where(CheckResult.plan_id == world.plan.id, CheckResult.rule == "tar_late")
        )
    ).all()
    return {r.subject_key: (r.status, r.details.get("days_late")) for r in rows}


async def test_tar_timeliness_follows_the_plans_calendar(
    client: httpx.AsyncClient,
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    blobs: LocalBlobStore,
    auth_headers: MakeKey,
) -> None:
    world = await activity_world(session, 2)
    headers = await auth_headers(world.plan, "plan_admin")
    m, npi = [x.member_number for x in world.members], world.provider.npi
    tars = [
        # Thu 2025-11-20 + 15 business days across Thanksgiving and the day after (CalHR): due Mon 12-15
        f"T-thanks,{m[0]},{npi},initial,2025-11-20,2025-12-15,,,,{CODES}",
        # Mon 2026-06-29 + 15: Fri 07-03 is a business day in CA (the package would close it): due 07-20,
        # so a TAR received 07-21 is one business day late
        f"T-july,{m[1]},{npi},initial,2026-06-29,2026-07-21,,,,{CODES}",
    ]
    assert (
        await run_import(session, sessions, blobs, world, "tars", HEAD + "\n".join(tars) + "\n")
    ).status == ("succeeded")
    assert add_days(date(2026, 6, 29), 15, "business", Calendar("US-CA")) == date(2026, 7, 20)
    assert await _tar_results(session, world) == {"T-july": ("open", 1)}

    # The plan's calendar: CalHR's schedule, no changes yet (ETag "0").
    url = f"/v1/organizations/{world.plan.id}/calendar"
    got = await client.get(url, headers=headers)
    assert got.status_code == 200 and got.headers["etag"] == '"0"'
    closed = {d["day"] for d in got.json()["closed_days"]}
    assert {"2025-11-27", "2025-11-28", "2026-03-31"} <= closed
    assert "2026-07-03" not in closed and got.json()["base"] == "US-CA"

    # The plan closes Monday 2026-07-13: the TAR's due date moves to 07-21 and the result closes.
    change = {
        "day": "2026-07-13",
        "closed": True,
        "reason": "Offices closed for the move to the new building",
    }
    assert (await client.post(f"{url}/days", json=change, headers=headers)).status_code == 428
    stale = await client.post(f"{url}/days", json=change, headers={**headers, "If-Match": '"3"'})
    assert stale.status_code == 412
    changed = await client.post(f"{url}/days", json=change, headers={**headers, "If-Match": '"0"'})
    assert changed.status_code == 200, changed.text
    assert changed.headers["etag"] == '"1"'
    assert [(c["day"], c["closed"], c["reason"]) for c in changed.json()["changes"]] == [
        ("2026-07-13", True, change["reason"])
    ]
    assert "2026-07-13" in {d["day"] for d in changed.json()["closed_days"]}
    assert await _tar_results(session, world) == {"T-july": ("closed", 1)}

    weekend = {"day": "2026-07-11", "closed": True, "reason": "Saturday"}
    refused = await client.post(f"{url}/days", json=weekend, headers={**headers, "If-Match": '"1"'})
    assert refused.status_code == 422 and refused.headers["content-type"] == "application/problem+json"

    # Changing the day back to the schedule undoes the change; both are in the audit trail with the reason.
    back = {**change, "closed": False, "reason": "The move was postponed"}
    undone = await client.post(f"{url}/days", json=back, headers={**headers, "If-Match": '"1"'})
    assert undone.status_code == 200 and undone.json()["changes"] == []
    audit = await client.get(
        "/v1/audit-events", params={"action": "business_calendar.day_changed"}, headers=headers
    )
    assert [e["changes"]["reason"] for e in audit.json()["items"]][::-1] == [change["reason"], back["reason"]]
    assert await _tar_results(session, world) == {"T-july": ("open", 1)}


async def test_a_closed_day_closed_again_takes_the_new_reason(
    client: httpx.AsyncClient, session: AsyncSession, auth_headers: MakeKey
) -> None:
    # Found by the conformance run's stateful phase: the second change of one day answered 500.
    world = await activity_world(session, 1)
    headers = await auth_headers(world.plan, "plan_admin")
    url = f"/v1/organizations/{world.plan.id}/calendar/days"
    first = {"day": "2026-07-13", "closed": True, "reason": "Move to the new building"}
    again = {**first, "reason": "Move postponed by a week, still closed"}
    assert (await client.post(url, json=first, headers={**headers, "If-Match": '"0"'})).status_code == 200
    second = await client.post(url, json=again, headers={**headers, "If-Match": '"1"'})
    assert second.status_code == 200, second.text
    assert [(c["day"], c["reason"]) for c in second.json()["changes"]] == [("2026-07-13", again["reason"])]


async def test_the_published_schedules_cite_their_source(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    headers = await auth_headers(await make_org("plan", jurisdiction="US-NC"), "viewer")
    listed = await client.get("/v1/business-calendars", headers=headers)
    assert listed.status_code == 200
    by = {c["jurisdiction"]: c for c in listed.json()}
    assert by["US-NC"]["source_url"].startswith("https://oshr.nc.gov/")
    assert by["US-CA"]["source_url"].startswith("https://www.calhr.ca.gov/")
    assert [y["year"] for y in by["US-NC"]["years"]] == [2025, 2026, 2027]
    nc_2025 = {d["day"]: d["reason"] for d in by["US-NC"]["years"][0]["days"]}
    assert len(nc_2025) == 12 and nc_2025["2025-04-18"] == "Good Friday"  # 12 paid holidays (G.S. 126-4)
