"""Tenant A's world for the cross-tenant route walk (``test_tenancy_walk.py``).

``build_world`` creates one object of every kind as tenant A and returns their ids keyed by the path
parameter name routes use (``{"provider_id": ..., "member_id": ...}``). Each area appends one builder
function to ``BUILDERS`` (append only; later builders see the ids of earlier ones in ``ctx.ids``).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models import Organization
from tests.conftest import MakeKey, MakeOrg


@dataclass
class WalkContext:
    client: httpx.AsyncClient
    session: AsyncSession
    make_org: MakeOrg
    auth_headers: MakeKey
    plan: Organization  # tenant A, a plan in US-NC
    provider: Organization  # in tenant A's network (tcm); created by the platform builder
    headers: dict[str, dict[str, str]]  # tenant A's keys by role: plan_admin, reviewer, viewer, provider
    ids: dict[str, str] = field(default_factory=dict)


Builder = Callable[[WalkContext], Awaitable[dict[str, str]]]


def ok(r: httpx.Response) -> httpx.Response:
    assert r.is_success, f"{r.request.method} {r.request.url.path}: {r.status_code} {r.text}"
    return r


# --- platform (issue 4): organizations, providers, network links, API keys, members -----------------------
async def platform(ctx: WalkContext) -> dict[str, str]:
    admin = ctx.headers["plan_admin"]
    provider = ok(await ctx.client.get(f"/v1/providers/{ctx.provider.id}", headers=admin)).json()
    key = ok(
        await ctx.client.post("/v1/api-keys", json={"name": "walk", "role": "viewer"}, headers=admin)
    ).json()
    members = {
        "members": [
            {
                "member_number": "123456789A",
                "first_name": "Walk",
                "last_name": "Member",
                "birth_date": "1980-01-01",
                "enrollments": [
                    {"program": "tcm", "provider_id": str(ctx.provider.id), "status": "engaged",
                     "start_date": "2026-01-01"}
                ],
            }
        ]
    }  # fmt: skip
    member = ok(await ctx.client.post("/v1/members/batch", json=members, headers=admin)).json()
    return {
        "organization_id": str(ctx.plan.id),
        "provider_id": str(ctx.provider.id),
        "network_link_id": provider["network"][0]["id"],
        "api_key_id": key["id"],
        "member_id": member["members"][0]["id"],
    }


# --- Capacity Building (issue 7): a state's program with tenant A's plan participating --------------------
async def capacity(ctx: WalkContext) -> dict[str, str]:
    """Tenant A's plan in a Capacity Building program: an approved-for-review distribution plan (version 1) and
    a submitted quarterly report."""
    from tests.api.capacity_helpers import NC_PROGRAM, link_tcm, plan_body

    state = await ctx.make_org("state")
    providers = [(await ctx.make_org("provider")).id, (await ctx.make_org("provider")).id]
    await link_tcm(ctx.session, ctx.plan.id, providers)
    hs = await ctx.auth_headers(state, "state_admin")
    hp = ctx.headers["plan_admin"]
    c = ctx.client

    def key() -> dict[str, str]:
        return {"Idempotency-Key": str(uuid.uuid4())}

    program = ok(await c.post("/v1/capacity/programs", json=NC_PROGRAM, headers=hs | key())).json()["id"]
    participant = ok(
        await c.post(
            f"/v1/capacity/programs/{program}/participants",
            json={"plan_id": str(ctx.plan.id)},
            headers=hs | key(),
        )
    ).json()["id"]
    ok(
        await c.post(
            f"/v1/capacity/participants/{participant}/distribution-plan/versions",
            json=plan_body(providers),
            headers=hp | key(),
        )
    )
    reports = ok(
        await c.get(
            f"/v1/capacity/programs/{program}/reports", params={"kind": "quarterly", "limit": 1}, headers=hp
        )
    ).json()["items"]
    report = reports[0]["id"]
    etag = ok(await c.get(f"/v1/capacity/reports/{report}", headers=hp)).headers["etag"]
    ok(
        await c.post(
            f"/v1/capacity/reports/{report}/submission",
            json={"progress": [{"milestone": 4, "quantity": "1"}]},
            headers=hp | {"If-Match": etag},
        )
    )
    return {"program_id": program, "participant_id": participant, "report_id": report, "version_number": "1"}


BUILDERS: list[Builder] = [platform, capacity]


# --- notices and webhook endpoints (issue 6) ----------------------------------------------------------------
async def notices(ctx: WalkContext) -> dict[str, str]:
    """A notice addressed to tenant A's plan and one of its webhook endpoints."""
    from oversight_db.models import WebhookEndpoint
    from oversight_db.outbox import add_notice

    notice_id = await add_notice(
        ctx.session,
        kind="review_scheduled",
        recipient_organization_id=ctx.plan.id,
        subject_type="review",
        subject_id=uuid.uuid4(),
        data={"review_id": str(uuid.uuid4()), "scheduled_for": "2026-12-01"},
    )
    assert notice_id
    endpoint = WebhookEndpoint(
        organization_id=ctx.plan.id, url="https://hooks.example.org/a", secret="whsec_walk"
    )
    ctx.session.add(endpoint)
    await ctx.session.flush()
    return {"notice_id": str(notice_id), "webhook_endpoint_id": str(endpoint.id)}


BUILDERS.append(notices)


async def tenant_a_context(
    client: httpx.AsyncClient, session: AsyncSession, make_org: MakeOrg, auth_headers: MakeKey
) -> WalkContext:
    """Tenant A: a NC plan with admin, reviewer and viewer keys, and a TCM provider in its network."""
    plan = await make_org("plan", jurisdiction="US-NC")
    headers = {role: await auth_headers(plan, role) for role in ("plan_admin", "reviewer", "viewer")}
    created = ok(
        await client.post(
            "/v1/providers",
            json={
                "npi": "1245319599",
                "name": "Tenant A CMA",
                "program": "tcm",
                "effective_from": "2026-01-01",
            },
            headers=headers["plan_admin"],
        )
    )
    provider = await session.get(Organization, uuid.UUID(created.json()["id"]))
    assert provider is not None
    headers["provider"] = await auth_headers(provider, "provider")
    return WalkContext(client, session, make_org, auth_headers, plan, provider, headers)


# --- reviews (issue 5): tool versions, a review with a drawn sample, an action plan -----------------------
async def reviews(ctx: WalkContext) -> dict[str, str]:
    import uuid as _uuid
    from datetime import UTC, date, datetime, timedelta

    import yaml

    from oversight_db.models import Claim
    from oversight_domain.tools import dump_tool, load_tool

    admin, reviewer = ctx.headers["plan_admin"], ctx.headers["reviewer"]
    tool = yaml.safe_load(dump_tool(load_tool("nc-tcm-monitoring")))
    tool.update(key="walk-tool", version="1")
    ok(
        await ctx.client.post(
            "/v1/tools", content=yaml.safe_dump(tool), headers={**admin, "Content-Type": "application/yaml"}
        )
    )
    # The TCM frame is members with paid claims at the provider in the period (seed 000).
    ctx.session.add(
        Claim(
            plan_id=ctx.plan.id,
            claim_number=f"WALK{_uuid.uuid4().hex[:8]}",
            member_id=_uuid.UUID(ctx.ids["member_id"]),
            provider_id=ctx.provider.id,
            date_of_service=date(2026, 2, 1),
            paid_date=date(2026, 3, 1),
            population_segment="walk",
        )
    )
    await ctx.session.flush()
    today = datetime.now(UTC).date()
    review = ok(
        await ctx.client.post(
            "/v1/reviews",
            json={
                "provider_id": str(ctx.provider.id),
                "tool_key": "nc-tcm-monitoring",
                "purpose": "monitoring",
                "period_start": "2026-01-01",
                "period_end": "2026-06-30",
                "scheduled_for": (today + timedelta(days=40)).isoformat(),
            },
            headers=reviewer,
        )
    ).json()
    ok(await ctx.client.post(f"/v1/reviews/{review['id']}/samples", json={}, headers=reviewer))
    records = ok(await ctx.client.get(f"/v1/reviews/{review['id']}/records", headers=reviewer)).json()
    plan = ok(
        await ctx.client.post(
            "/v1/action-plans",
            json={
                "provider_id": str(ctx.provider.id),
                "tool_key": "nc-tcm-monitoring",
                "issued_on": today.isoformat(),
            },
            headers=reviewer,
        )
    ).json()
    return {
        "tool_key": "walk-tool",
        "version": "1",
        "review_id": review["id"],
        "record_id": records["items"][0]["id"],
        "action_plan_id": plan["id"],
    }


BUILDERS.append(reviews)


# --- provider sites (issue 12): tenant A's own site for its provider ---------------------------------------
async def sites(ctx: WalkContext) -> dict[str, str]:
    admin = ctx.headers["plan_admin"]
    url = f"/v1/providers/{ctx.provider.id}/sites"
    site = ok(await ctx.client.post(url, json={"name": "Tenant A site"}, headers=admin)).json()
    return {"site_id": site["id"]}


BUILDERS.append(sites)


# --- follow-ups and disputes (issue 14): a scorecard version of the review, a provider's dispute -------------
async def disputes(ctx: WalkContext) -> dict[str, str]:
    """Written as rows: the walk's review is not finalized, and the routes only read or change these."""
    from datetime import UTC, datetime, timedelta

    from oversight_db.models import Dispute, Review, ScorecardVersion

    review = await ctx.session.get(Review, uuid.UUID(ctx.ids["review_id"]))
    assert review is not None
    card: dict[str, Any] = {"review_id": str(review.id), "tool_key": review.tool_key, "tool_version": review.tool_version,
            "sections": [], "total": {"yes_points": 0, "possible_points": 0, "score": None}, "outcome": None,
            "sections_requiring_action": [], "records": [], "expansion_required": False, "unanswered": [],
            "final": True}  # fmt: skip
    ctx.session.add(
        ScorecardVersion(
            review_id=review.id, version_number=1, scorecard=card, reason="finalized", created_by="walk"
        )
    )
    today = datetime.now(UTC).date()
    dispute = Dispute(
        id=uuid.uuid4(),
        plan_id=ctx.plan.id,
        provider_id=ctx.provider.id,
        subject="review_result",
        review_id=review.id,
        tool_version_id=review.tool_version_id,
        received_on=today,
        window_closes_on=today + timedelta(days=21),
        filed_on=today,
        reason="walk",
        evidence=[],
        status="open",
        decision_due_on=today + timedelta(days=30),
        changes={},
        filed_by="walk",
    )
    ctx.session.add(dispute)
    await ctx.session.flush()
    return {"dispute_id": str(dispute.id), "version_number": "1"}


BUILDERS.append(disputes)


# --- provider obligations (issue 14): tenant A's provider in its ECM network with an enrolled member ---------
async def obligations(ctx: WalkContext) -> dict[str, str]:
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    from oversight_app.obligations.materialise import materialise_obligations
    from oversight_db.models import Enrollment, NetworkLink, ProviderObligation

    today = datetime.now(UTC).date()
    ctx.session.add(
        NetworkLink(
            plan_id=ctx.plan.id,
            provider_id=ctx.provider.id,
            program="ecm",
            status="active",
            effective_from=today - timedelta(days=60),
        )
    )
    ctx.session.add(
        Enrollment(
            member_id=uuid.UUID(ctx.ids["member_id"]), plan_id=ctx.plan.id, provider_id=ctx.provider.id,
            program="ecm", status="enrolled", start_date=today - timedelta(days=30),
        )
    )  # fmt: skip
    await ctx.session.flush()
    await materialise_obligations(ctx.session, today, ZoneInfo("America/New_York"))
    obligation = await ctx.session.scalar(
        select(ProviderObligation.id).where(
            ProviderObligation.plan_id == ctx.plan.id, ProviderObligation.kind == "program_narrative"
        )
    )
    assert obligation is not None
    return {"obligation_id": str(obligation)}


BUILDERS.append(obligations)


# --- evidence documents (issue 15): a request for a sampled record's care plan and an uploaded version ------
async def documents(ctx: WalkContext) -> dict[str, str]:
    import hashlib

    reviewer, provider = ctx.headers["reviewer"], ctx.headers["provider"]
    request = ok(
        await ctx.client.post(
            f"/v1/reviews/{ctx.ids['review_id']}/document-requests",
            json={"kind": "care_plan", "record_id": ctx.ids["record_id"]},
            headers=reviewer,
        )
    ).json()
    content = b"%PDF-1.4 walk"
    upload = ok(
        await ctx.client.post(
            f"/v1/document-requests/{request['id']}/uploads",
            json={
                "file_name": "walk.pdf",
                "size": len(content),
                "content_type": "application/pdf",
                "sha256": hashlib.sha256(content).hexdigest(),
            },
            headers=provider,
        )
    ).json()
    return {"document_request_id": request["id"], "document_id": upload["document"]["id"]}


BUILDERS.append(documents)


# --- reports (issue 16): an export job and a report schedule ---------------------------------------------
async def reports(ctx: WalkContext) -> dict[str, str]:
    admin = ctx.headers["plan_admin"]
    export = ok(await ctx.client.post("/v1/reports/exports", json={"kind": "findings"}, headers=admin)).json()
    schedule = ok(
        await ctx.client.post(
            "/v1/reports/schedules",
            json={"name": "walk", "kind": "findings", "cron": "0 6 * * 1"},
            headers=admin,
        )
    ).json()
    return {"export_id": export["id"], "schedule_id": schedule["id"]}


BUILDERS.append(reports)


# --- activity imports (issue 17): a file of interactions sent by the plan ----------------------------------
async def imports(ctx: WalkContext) -> dict[str, str]:
    provider = ok(await ctx.client.get(f"/v1/providers/{ctx.provider.id}", headers=ctx.headers["plan_admin"]))
    body = (
        "interaction_id,member_number,provider_npi,occurred_on,kind,duration_minutes,outcome,enrolled\n"
        f"W-1,123456789A,{provider.json()['npi']},2026-01-06,contact,20,reached,true\n"
    )
    created = ok(
        await ctx.client.post(
            "/v1/imports",
            params={"kind": "interactions", "file_format": "csv"},
            content=body.encode(),
            headers={**ctx.headers["plan_admin"], "Content-Type": "text/csv"},
        )
    )
    return {"import_id": created.json()["id"]}


BUILDERS.append(imports)


# --- suggested findings (issue 17): a pending suggestion on the walk's review ------------------------------
async def suggestions(ctx: WalkContext) -> dict[str, str]:
    """Written as a row: the walk's TCM provider has no check results to suggest from."""
    from datetime import UTC, datetime

    from oversight_db.models import FindingSuggestion

    now = datetime.now(UTC)
    row = FindingSuggestion(
        id=uuid.uuid4(),
        review_id=uuid.UUID(ctx.ids["review_id"]),
        record_id=uuid.UUID(ctx.ids["record_id"]),
        element_key="tcm.assessment_documented",
        suggested_answer="no",
        reasons=[],
        status="pending",
        created_at=now,
        updated_at=now,
    )
    ctx.session.add(row)
    await ctx.session.flush()
    return {"suggestion_id": str(row.id)}


BUILDERS.append(suggestions)


async def build_world(ctx: WalkContext) -> dict[str, str]:
    for builder in BUILDERS:
        ctx.ids.update(await builder(ctx))
    return ctx.ids
