"""Export jobs and scheduled reports (issue 16) through the API and the worker: a findings export built by
the worker's job into S3 (moto's server mode), downloaded through its presigned URL, announced with
``report_ready``, expired; a state's statewide export without member identity; scheduled reports firing
once per slot; the findings sheet's "Evidence cited" column filled from ``document_citation``."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from oversight_api.app import create_app
from oversight_api.clock import today
from oversight_db.models import (
    AuditEvent,
    Document,
    DocumentCitation,
    DocumentRequest,
    ExportJob,
    Notice,
    ReviewRecord,
)
from oversight_domain.documents import DOCUMENT_POLICY
from oversight_worker.context import WorkerResources
from oversight_worker.exports import build_export, report_exports
from tests.api.documents_world import S3World
from tests.api.reports_world import ECM, FinalizedReview, finalized_ecm_review
from tests.api.reviews_world import Clock
from tests.conftest import MakeKey, MakeOrg

PROBLEM = "application/problem+json"


@pytest_asyncio.fixture(loop_scope="session")
async def s3app(s3_resources: S3World, clock: Clock) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(resources=s3_resources.resources)
    app.dependency_overrides[today] = lambda: clock.today
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


@pytest.fixture
def worker_ctx(s3_resources: S3World, sessions: async_sessionmaker[AsyncSession]) -> dict[str, Any]:
    """The worker's job context on the test's connection, writing to the same S3 bucket as the API."""
    res = WorkerResources(
        settings=s3_resources.resources.settings,
        engine=s3_resources.resources.engine,
        sessions=sessions,
        blobs=s3_resources.blobs,
        worker_id="test-worker",
    )
    return {"resources": res}


@pytest.fixture
async def finalized(
    s3app: httpx.AsyncClient, session: AsyncSession, clock: Clock, make_org: MakeOrg, auth_headers: MakeKey
) -> FinalizedReview:
    plan = await make_org("plan", jurisdiction="US-CA", name="Partnership HealthPlan")
    provider = await make_org("provider", jurisdiction="US-CA", name="Redwood ECM", npi="1987654328")
    reviewer = await auth_headers(plan, "reviewer")
    return await finalized_ecm_review(s3app, session, clock, plan, provider, reviewer)


def _ok(r: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert r.status_code == status, f"{r.request.method} {r.request.url.path}: {r.status_code} {r.text}"
    body: dict[str, Any] = r.json()
    return body


async def _export(client: httpx.AsyncClient, headers: dict[str, str], body: dict[str, Any]) -> str:
    r = await client.post("/v1/reports/exports", json=body, headers=headers)
    out = _ok(r, 202)
    assert r.headers["location"] == f"/v1/reports/exports/{out['id']}"
    assert out["status"] == "queued"
    return str(out["id"])


async def _download(
    client: httpx.AsyncClient, headers: dict[str, str], export_id: str
) -> list[dict[str, str]]:
    link = _ok(await client.post(f"/v1/reports/exports/{export_id}/download", headers=headers))
    assert export_id in link["url"] and "member" not in link["url"].lower()
    async with httpx.AsyncClient() as plain:  # the presigned GET, straight to the store (moto over HTTP)
        got = await plain.get(link["url"])
    assert got.status_code == 200, got.text
    assert f"findings-{export_id}.csv" in got.headers["content-disposition"]
    return list(csv.DictReader(io.StringIO(got.text)))


async def test_a_findings_export_is_built_by_the_worker_into_s3_downloaded_announced_and_expired(
    s3app: httpx.AsyncClient,
    session: AsyncSession,
    finalized: FinalizedReview,
    worker_ctx: dict[str, Any],
    auth_headers: MakeKey,
) -> None:
    plan = finalized.plan
    admin = await auth_headers(plan, "plan_admin")
    export_id = await _export(
        s3app, admin, {"kind": "findings", "filters": {"program": "ecm"}, "include_member_identity": True}
    )
    # Not built yet: no download.
    r = await s3app.post(f"/v1/reports/exports/{export_id}/download", headers=admin)
    assert r.status_code == 409 and r.headers["content-type"] == PROBLEM

    assert await build_export(worker_ctx, export_id) == "ready"
    assert await build_export(worker_ctx, export_id) == "ready"  # at-least-once: a second run does nothing
    out = _ok(await s3app.get(f"/v1/reports/exports/{export_id}", headers=finalized.reviewer))
    expected = 16 * len(ECM.record_elements) + len(ECM.provider_elements)
    assert (out["status"], out["row_count"]) == ("ready", expected)
    assert out["expires_at"] is not None and out["byte_size"] > 0

    rows = await _download(s3app, admin, export_id)
    assert len(rows) == expected
    assert {row["review_id"] for row in rows} == {finalized.review_id}
    numbers = {row["member_number"] for row in rows if row["level"] == "record"}
    assert numbers == set(finalized.member_numbers)
    peer = next(row for row in rows if row["element_key"] == "qm.peer_sharing_support")
    assert (peer["answer"], peer["comment"], peer["corrected_on"]) == (
        "no",
        "Peer sharing not held",
        "2026-05-01",
    )
    assert peer["provider_npi"] == "1987654328"

    # Identity needs members:read to download too; the viewer is refused, not told it does not exist.
    viewer = await auth_headers(plan, "viewer")
    r = await s3app.post(f"/v1/reports/exports/{export_id}/download", headers=viewer)
    assert r.status_code == 403 and r.headers["content-type"] == PROBLEM

    notices = (
        await session.scalars(
            select(Notice).where(Notice.kind == "report_ready", Notice.subject_id == uuid.UUID(export_id))
        )
    ).all()
    assert len(notices) == 1 and notices[0].recipient_organization_id == plan.id
    assert notices[0].data["row_count"] == expected
    actions = set(
        (await session.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == export_id))).all()
    )
    assert {"report.export_requested", "report.export_built", "report.export_download_issued"} <= actions

    listed = _ok(await s3app.get("/v1/reports/exports", params={"status": "ready"}, headers=viewer))
    assert [e["id"] for e in listed["items"]] == [export_id]

    # Expiry: the worker's cron deletes the file and the export says so; no download any more.
    export = await session.get(ExportJob, uuid.UUID(export_id))
    assert export is not None and export.expires_at is not None and export.blob_key is not None
    key = export.blob_key
    assert await worker_ctx["resources"].blobs.exists(key)
    result = await report_exports(worker_ctx, now=export.expires_at + timedelta(seconds=1))
    assert result["expired"] == 1
    assert not await worker_ctx["resources"].blobs.exists(key)
    assert _ok(await s3app.get(f"/v1/reports/exports/{export_id}", headers=admin))["status"] == "expired"
    r = await s3app.post(f"/v1/reports/exports/{export_id}/download", headers=admin)
    assert r.status_code == 409


async def test_a_states_statewide_findings_export_holds_no_member_identity(
    s3app: httpx.AsyncClient,
    finalized: FinalizedReview,
    worker_ctx: dict[str, Any],
    make_org: MakeOrg,
    auth_headers: MakeKey,
) -> None:
    state = await make_org("state", jurisdiction="US-CA")
    state_admin = await auth_headers(state, "state_admin")
    # A state never reads member data: asking for identity is refused.
    r = await s3app.post(
        "/v1/reports/exports", json={"kind": "findings", "include_member_identity": True}, headers=state_admin
    )
    assert r.status_code == 403 and r.headers["content-type"] == PROBLEM
    export_id = await _export(
        s3app, state_admin, {"kind": "findings", "filters": {"tool_key": "ecm-partnership"}}
    )
    assert await build_export(worker_ctx, export_id) == "ready"
    link = _ok(await s3app.post(f"/v1/reports/exports/{export_id}/download", headers=state_admin))
    async with httpx.AsyncClient() as plain:
        text = (await plain.get(link["url"])).text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 16 * len(ECM.record_elements) + len(ECM.provider_elements)
    assert "member_number" not in rows[0] and "comment" not in rows[0]
    for number in finalized.member_numbers:
        assert number not in text
    assert "Peer sharing not held" not in text  # free text a reviewer wrote stays out of aggregate exports

    # Another state's export of the same kind sees none of this jurisdiction's findings.
    other = await auth_headers(await make_org("state", jurisdiction="US-NC"), "state_admin")
    other_id = await _export(s3app, other, {"kind": "findings"})
    assert await build_export(worker_ctx, other_id) == "ready"
    assert _ok(await s3app.get(f"/v1/reports/exports/{other_id}", headers=other))["row_count"] == 0
    # ... and cannot see the first state's export at all.
    for method, path in (
        ("GET", f"/v1/reports/exports/{export_id}"),
        ("POST", f"/v1/reports/exports/{export_id}/download"),
    ):
        r = await s3app.request(method, path, headers=other)
        assert r.status_code == 404 and r.headers["content-type"] == PROBLEM


async def test_a_plans_year_of_reviews(
    s3app: httpx.AsyncClient, finalized: FinalizedReview, worker_ctx: dict[str, Any], clock: Clock
) -> None:
    year = clock.today.year
    export_id = await _export(s3app, finalized.reviewer, {"kind": "reviews", "filters": {"year": year}})
    assert await build_export(worker_ctx, export_id) == "ready"
    link = _ok(await s3app.post(f"/v1/reports/exports/{export_id}/download", headers=finalized.reviewer))
    async with httpx.AsyncClient() as plain:
        rows = list(csv.DictReader(io.StringIO((await plain.get(link["url"])).text)))
    assert [(r["review_id"], r["status"], r["outcome"]) for r in rows] == [
        (finalized.review_id, "finalized", "conditional_pass")
    ]
    assert rows[0]["total_score"].startswith("0.94")  # a fraction, as stored (254/268)
    empty = await _export(s3app, finalized.reviewer, {"kind": "reviews", "filters": {"year": year - 1}})
    assert await build_export(worker_ctx, empty) == "ready"
    assert _ok(await s3app.get(f"/v1/reports/exports/{empty}", headers=finalized.reviewer))["row_count"] == 0


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"kind": "reviews"}, "filters.year"),
        (
            {"kind": "reviews", "filters": {"year": 2026}, "include_member_identity": True},
            "include_member_identity",
        ),
        ({"kind": "findings", "filters": {"member_number": "123456789A"}}, None),
        (
            {"kind": "findings", "filters": {"finalized_from": "2026-02-01", "finalized_to": "2026-01-01"}},
            None,
        ),
        ({"kind": "findings", "format": "xlsx"}, None),
        ({"kind": "everything"}, None),
        ({"kind": "findings", "filters": {"provider_id": str(uuid.uuid4())}}, "filters.provider_id"),
        ({"kind": "findings", "filters": {"year": 99999}}, None),
    ],
)
async def test_bad_export_requests_are_422_problems(
    s3app: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey, body: dict[str, Any], path: str | None
) -> None:
    admin = await auth_headers(await make_org("plan", jurisdiction="US-CA"), "plan_admin")
    r = await s3app.post("/v1/reports/exports", json=body, headers=admin)
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM, r.text
    if path:
        assert path in {e["path"] for e in r.json()["errors"]}
    assert "123456789A" not in r.text


async def test_an_export_request_is_idempotent(
    s3app: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    admin = await auth_headers(await make_org("plan", jurisdiction="US-CA"), "plan_admin")
    headers = {**admin, "Idempotency-Key": "export-1"}
    first = await s3app.post("/v1/reports/exports", json={"kind": "findings"}, headers=headers)
    again = await s3app.post("/v1/reports/exports", json={"kind": "findings"}, headers=headers)
    assert first.status_code == again.status_code == 202 and first.json()["id"] == again.json()["id"]
    listed = _ok(await s3app.get("/v1/reports/exports", headers=admin))
    assert len(listed["items"]) == 1


# ------------------------------------------------------------------------------------------- schedules


async def test_a_scheduled_report_fires_once_per_slot_and_notifies(
    s3app: httpx.AsyncClient,
    session: AsyncSession,
    finalized: FinalizedReview,
    worker_ctx: dict[str, Any],
    auth_headers: MakeKey,
) -> None:
    admin = await auth_headers(finalized.plan, "plan_admin")
    body = {
        "name": "Weekly findings",
        "kind": "findings",
        "cron": "0 6 * * 1",
        "timezone": "America/Los_Angeles",
    }
    r = await s3app.post("/v1/reports/schedules", json=body, headers=admin)
    schedule = _ok(r, 201)
    assert r.headers["location"] == f"/v1/reports/schedules/{schedule['id']}"
    slot = datetime.fromisoformat(schedule["next_run_at"])
    assert slot.astimezone(UTC).hour in (13, 14) and slot.weekday() == 0  # 06:00 Pacific on a Monday

    # Before the slot nothing fires; at it, one export, however often the cron runs (or how many workers).
    assert (await report_exports(worker_ctx, now=slot - timedelta(minutes=1)))["fired"] == 0
    assert (await report_exports(worker_ctx, now=slot + timedelta(seconds=20)))["fired"] == 1
    assert (await report_exports(worker_ctx, now=slot + timedelta(seconds=80)))["fired"] == 0
    exports = (
        await session.scalars(select(ExportJob).where(ExportJob.schedule_id == uuid.UUID(schedule["id"])))
    ).all()
    assert len(exports) == 1 and exports[0].slot == slot and exports[0].status == "queued"
    after = _ok(await s3app.get(f"/v1/reports/schedules/{schedule['id']}", headers=admin))
    assert datetime.fromisoformat(after["next_run_at"]) == slot + timedelta(days=7)
    assert datetime.fromisoformat(after["last_run_at"]) == slot

    export_id = str(exports[0].id)
    assert await build_export(worker_ctx, export_id) == "ready"
    notice = await session.scalar(select(Notice).where(Notice.subject_id == exports[0].id))
    assert notice is not None and notice.kind == "report_ready"
    assert notice.data["schedule_name"] == "Weekly findings"
    listed = _ok(await s3app.get("/v1/reports/exports", headers=admin))
    assert [e["schedule_id"] for e in listed["items"]] == [schedule["id"]]


async def test_schedule_crud_validation_and_if_match(
    s3app: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    plan = await make_org("plan", jurisdiction="US-CA")
    admin = await auth_headers(plan, "plan_admin")
    base = {"name": "Monthly", "kind": "reviews", "filters": {"year": 2026}, "cron": "0 7 1 * *"}
    for cron in ("* * * * *", "0 6 * *", "61 6 * * *", "0 0 31 2 *"):
        r = await s3app.post("/v1/reports/schedules", json={**base, "cron": cron}, headers=admin)
        assert r.status_code == 422 and r.headers["content-type"] == PROBLEM, cron
        assert r.json()["errors"][0]["path"] == "cron"
    r = await s3app.post("/v1/reports/schedules", json={**base, "timezone": "Mars/Olympus"}, headers=admin)
    assert r.status_code == 422 and r.json()["errors"][0]["path"] == "timezone"
    # A reviewer may read reports but not schedule them.
    r = await s3app.post("/v1/reports/schedules", json=base, headers=await auth_headers(plan, "reviewer"))
    assert r.status_code == 403

    r = await s3app.post("/v1/reports/schedules", json=base, headers=admin)
    created = _ok(r, 201)
    url = f"/v1/reports/schedules/{created['id']}"
    etag = r.headers["etag"]
    assert (await s3app.patch(url, json={"enabled": False}, headers=admin)).status_code == 428
    r = await s3app.patch(url, json={"cron": "0 8 1 * *"}, headers={**admin, "If-Match": etag})
    assert _ok(r)["cron"] == "0 8 1 * *"
    stale = await s3app.patch(url, json={"enabled": False}, headers={**admin, "If-Match": etag})
    assert stale.status_code == 412
    assert [s["id"] for s in _ok(await s3app.get("/v1/reports/schedules", headers=admin))["items"]] == [
        created["id"]
    ]

    other = await auth_headers(await make_org("plan", jurisdiction="US-CA"), "plan_admin")
    assert (await s3app.get(url, headers=other)).status_code == 404
    r = await s3app.delete(url, headers=admin)
    assert r.status_code == 204
    assert (await s3app.get(url, headers=admin)).status_code == 404


# ------------------------------------------------------------------------------------------- evidence cited


async def test_the_findings_sheet_lists_the_evidence_cited(
    s3app: httpx.AsyncClient, session: AsyncSession, finalized: FinalizedReview, auth_headers: MakeKey
) -> None:
    record = await session.scalar(
        select(ReviewRecord)
        .where(ReviewRecord.review_id == uuid.UUID(finalized.review_id))
        .order_by(ReviewRecord.position)
    )
    assert record is not None
    review_id = uuid.UUID(finalized.review_id)

    async def document(kind: str, name: str, record_id: uuid.UUID | None) -> Document:
        request = DocumentRequest(
            review_id=review_id, plan_id=finalized.plan.id, provider_id=finalized.provider.id, record_id=record_id,
            kind=kind, due_on=datetime(2026, 1, 1).date(), day_type="business", requested_by="test",
        )  # fmt: skip
        session.add(request)
        await session.flush()
        doc = Document(
            request_id=request.id, review_id=review_id, plan_id=finalized.plan.id, provider_id=finalized.provider.id,
            record_id=record_id, kind=kind, version_number=2, status="available", object_key=f"documents/{uuid.uuid4()}",
            stored_name=name, original_name="scan.pdf", declared_size=10, declared_sha256="0" * 64,
            declared_type="application/pdf", uploaded_by="test",
        )  # fmt: skip
        session.add(doc)
        await session.flush()
        return doc

    care_plan = await document("care_plan", "Doe91234567A.pdf", record.id)
    policy = await document("policy", "Policy.pdf", None)
    cp_element = ECM.record_elements[0].key
    session.add_all(
        [
            DocumentCitation(review_id=review_id, record_id=record.id, element_key=cp_element, document_id=care_plan.id, pages="3-4", cited_by="test"),
            DocumentCitation(review_id=review_id, record_id=None, element_key="qm.peer_sharing_support", document_id=policy.id, cited_by="test"),
        ]
    )  # fmt: skip
    await session.flush()

    async def cited(headers: dict[str, str]) -> dict[tuple[str, str], str]:
        r = await s3app.get(f"/v1/reviews/{finalized.review_id}/findings/export", headers=headers)
        assert r.status_code == 200, r.text
        rows = list(csv.DictReader(io.StringIO(r.text)))
        return {
            (row["Element key"], row["ECM Record"]): row["Evidence cited"]
            for row in rows
            if row["Evidence cited"]
        }

    # Labelled by kind, version and pages, never by the stored name (seed 003's Last NameCIN is member
    # data), whoever exports: the reviewer and a viewer get the same column.
    care_title = DOCUMENT_POLICY.kinds["care_plan"].title
    policy_title = DOCUMENT_POLICY.kinds["policy"].title
    expected = {
        (cp_element, "1"): f"{care_title} v2, p. 3-4",
        ("qm.peer_sharing_support", ""): f"{policy_title} v2",
    }
    assert await cited(finalized.reviewer) == expected
    assert await cited(await auth_headers(finalized.plan, "viewer")) == expected
