"""Many processes at once on one Postgres and one Redis (issue 18): three ``oversight api`` processes with no
balancer (the test spreads its requests over them) and three workers.

1. Throughput: NOTICES notices handed to the queue, delivered by one worker, then as many by three.
2. Mixed load through the three APIs: REVIEWS reviews (each a ``review_scheduled`` notice), FINALIZED of them
   drawn, answered and finalized, each finalize sent twice at once to two different API processes with the
   same ``If-Match``; an import of IMPORTED members; DEADLINES due deadlines (review reminders, several per
   review) for the workers' sweeps, started as three workers at once.
3. Then: every notice delivered exactly once per destination (the sink's ``Idempotency-Key`` headers), every
   deadline fired once and each review reminded once, one action plan per finalized review, and
   ``oversight audit verify`` finds every audit chain intact.

At the issue's scale: 5,000 notices per throughput run and a sweep of 10,000 due deadlines. The test prints
notices/s with one and three workers and the sweeps' deadlines/s; run with ``-s`` to see them.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import delete, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from oversight_db.db import create_engine, create_sessionmaker
from oversight_db.models import ActionPlan, Deadline, Notice, Organization, WebhookEndpoint, WorkerHeartbeat
from oversight_db.settings import Settings
from oversight_domain.tools import load_tool
from tests.api.reviews_world import ecm_frame
from tests.conftest import REPO_ROOT, TEST_AUDIT_KEY, _make_key
from tests.fault_procs import RedisProcess, ServiceProcess, api_process, hand_off, service_env, worker_process
from tests.sinks import WebhookSink, webhook_sink
from tests.worker.fault_reviews import FaultWorld, make_plan_and_providers

pytestmark = [pytest.mark.scale, pytest.mark.fault]

APIS = 3
WORKERS = 3
NOTICES = 5_000  # per throughput run
PROVIDERS = 8
REVIEWS = 200
FINALIZED = 8  # one per provider: a review's sample comes from its provider's members
# Due review reminders, DEADLINES // REVIEWS per review, due on as many past days: every sweep batch holds
# reminders of most reviews, so the three start-up sweeps contend for the same subjects.
DEADLINES = 10_000
IMPORTED = 500
MEMBERS_PER_PROVIDER = 20
ECM = load_tool("ecm-partnership")
LIMIT_SECONDS = 240.0


@pytest.fixture
def sink() -> Iterator[WebhookSink]:
    with webhook_sink() as s:
        yield s


@pytest_asyncio.fixture(loop_scope="session")
async def committed(settings: Settings) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    assert settings.database_url
    engine = create_engine(settings.database_url, pool_size=5)
    sessions = create_sessionmaker(engine)
    yield sessions
    # Other tests expect no live worker: drop the heartbeats these workers wrote.
    async with sessions() as s, s.begin():
        await s.execute(delete(WorkerHeartbeat))
    await engine.dispose()


async def eventually(check: Callable[[], Awaitable[bool]], limit: float, what: str) -> float:
    started = time.monotonic()
    while not await check():
        if time.monotonic() - started > limit:
            raise TimeoutError(f"{what} not reached within {limit:.0f} s")
        await asyncio.sleep(0.2)
    return time.monotonic() - started


class Apis:
    """Round-robin over the API processes: no balancer, the test spreads the requests."""

    def __init__(self, clients: list[httpx.AsyncClient]) -> None:
        self.clients = clients
        self._next = itertools.cycle(range(len(clients)))

    def next(self) -> httpx.AsyncClient:
        return self.clients[next(self._next)]


async def _throughput_org(sessions: async_sessionmaker[AsyncSession], url: str) -> uuid.UUID:
    async with sessions() as s, s.begin():
        org = Organization(id=uuid.uuid4(), kind="provider", name=f"scale {uuid.uuid4().hex[:6]}",
                           settings={"notice_channels": ["webhook"]})  # fmt: skip
        s.add(org)
        await s.flush()
        # Standard Webhooks secrets are base64 after whsec_ (an undecodable one fails its deliveries).
        s.add(
            WebhookEndpoint(
                organization_id=org.id,
                url=url,
                secret="whsec_" + "c2NhbGUtdGVzdC1zZWNyZXQtMDEyMzQ1Njc4OWFiY2Q=",
            )
        )
        return org.id


async def _bulk_notices(
    sessions: async_sessionmaker[AsyncSession], org_id: uuid.UUID, n: int
) -> list[uuid.UUID]:
    async with sessions() as s, s.begin():
        await s.execute(
            text(
                "INSERT INTO notice (id, kind, recipient_organization_id, subject_type, subject_id, data) "
                "SELECT gen_random_uuid(), 'review_reminder', :org, 'review', gen_random_uuid(), "
                "jsonb_build_object('review_id', gen_random_uuid()::text, 'scheduled_for', '2027-01-11') "
                "FROM generate_series(1, :n)"
            ),
            {"org": org_id, "n": n},
        )
        return list(await s.scalars(select(Notice.id).where(Notice.recipient_organization_id == org_id)))


async def _undelivered(sessions: async_sessionmaker[AsyncSession], org_ids: list[uuid.UUID]) -> int:
    async with sessions() as s:
        count = await s.scalar(
            select(func.count()).where(
                Notice.recipient_organization_id.in_(org_ids), Notice.delivery_status != "delivered"
            )
        )
    return int(count or 0)


async def _deliver_with(
    workers: list[ServiceProcess], sessions: async_sessionmaker[AsyncSession], org_id: uuid.UUID
) -> float:
    """Start the workers, wait until the org's notices are all delivered; notices per second."""
    started = time.monotonic()
    for w in workers:
        w.start()
    await eventually(lambda: _none_left(sessions, [org_id]), LIMIT_SECONDS, f"{NOTICES} notices delivered")
    return NOTICES / (time.monotonic() - started)


async def _none_left(sessions: async_sessionmaker[AsyncSession], org_ids: list[uuid.UUID]) -> bool:
    return await _undelivered(sessions, org_ids) == 0


async def _create_reviews(apis: Apis, world: FaultWorld) -> list[dict[str, Any]]:
    sem = asyncio.Semaphore(12)
    scheduled = date.today() + timedelta(days=40)

    async def create(i: int) -> dict[str, Any]:
        provider = world.providers[i % len(world.providers)]
        body = {
            "provider_id": str(provider.id),
            "tool_key": "ecm-partnership",
            "purpose": "monitoring",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "scheduled_for": (scheduled + timedelta(days=i // len(world.providers))).isoformat(),
        }
        async with sem:
            r = await apis.next().post("/v1/reviews", json=body)
        assert r.status_code == 201, r.text
        review: dict[str, Any] = r.json()
        return review

    return list(await asyncio.gather(*(create(i) for i in range(REVIEWS))))


async def _answer(apis: Apis, review_id: str) -> str:
    """Draw the sample and answer every element: records all yes, provider level all no (an action plan)."""
    r = await apis.next().post(f"/v1/reviews/{review_id}/samples", json={"seed": "scale"})
    assert r.status_code == 201, r.text
    r = await apis.next().get(f"/v1/reviews/{review_id}/records", params={"status": "sampled"})
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = [{"element_key": e.key, "answer": "no"} for e in ECM.provider_elements]
    items += [
        {"record_id": rec["id"], "element_key": e.key, "answer": "yes"}
        for rec in r.json()["items"]
        for e in ECM.record_elements
    ]
    etag = (await apis.next().get(f"/v1/reviews/{review_id}")).headers["etag"]
    r = await apis.next().put(f"/v1/reviews/{review_id}/findings", json=items, headers={"If-Match": etag})
    assert r.status_code == 200, r.text
    return str((await apis.next().get(f"/v1/reviews/{review_id}")).headers["etag"])


async def _finalize_twice(apis: Apis, review_id: str, etag: str) -> list[int]:
    """The same finalize sent at once to two different API processes: one wins, one is refused."""
    first, second = apis.clients[0], apis.clients[1]
    responses = await asyncio.gather(
        *(c.post(f"/v1/reviews/{review_id}/finalize", headers={"If-Match": etag}) for c in (first, second))
    )
    return sorted(r.status_code for r in responses)


async def _import(apis: Apis) -> None:
    members = [
        {"member_number": f"{91000000 + i}A", "first_name": "Imported", "last_name": f"Member{i}",
         "birth_date": "1980-01-01"}
        for i in range(IMPORTED)
    ]  # fmt: skip
    r = await apis.next().post("/v1/members/batch", json={"members": members})
    assert r.status_code in (200, 201), r.text[:2000]


async def _due_deadlines(
    sessions: async_sessionmaker[AsyncSession], plan_id: uuid.UUID, review_ids: list[str], timezone: str
) -> date:
    """DEADLINES due review reminders, spread over the reviews (due on different past days). "Today" is the
    workers' (OVERSIGHT_DEADLINE_TIMEZONE), which can be a day behind UTC."""
    today = datetime.now(ZoneInfo(timezone)).date()
    per_review = DEADLINES // len(review_ids)
    async with sessions() as s, s.begin():
        await s.execute(
            text(
                "INSERT INTO deadline (id, organization_id, subject_type, subject_id, kind, due_on, day_type, "
                "calendar) SELECT gen_random_uuid(), :plan, 'review', r::uuid, 'review_reminder', "
                "CAST(:today AS date) - d, 'calendar', 'US' FROM unnest(CAST(:reviews AS text[])) AS r, "
                "generate_series(0, :days - 1) AS d"
            ),
            {"plan": plan_id, "reviews": review_ids, "today": today, "days": per_review},
        )
    return today


async def _deadlines_left(sessions: async_sessionmaker[AsyncSession], plan_id: uuid.UUID, today: date) -> int:
    async with sessions() as s:
        count = await s.scalar(
            select(func.count()).where(
                Deadline.organization_id == plan_id, Deadline.due_on <= today, Deadline.state == "pending"
            )
        )
    return int(count or 0)


def _audit_verify(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from oversight_api.cli import main; main()", "audit", "verify"],
                          env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300, check=False)  # fmt: skip


async def test_three_apis_three_workers_every_effect_once(
    settings: Settings, committed: async_sessionmaker[AsyncSession], sink: WebhookSink, tmp_path: Path
) -> None:
    assert settings.database_url
    redis = RedisProcess(tmp_path)
    redis.start()
    env = service_env(settings.database_url, redis.url, tmp_path, OVERSIGHT_AUDIT_KEY=TEST_AUDIT_KEY,
                      OVERSIGHT_RATE_LIMITS_ENABLED="false")  # fmt: skip
    processes: list[ServiceProcess] = []
    try:
        # 1. Throughput: one worker, then three.
        figures: dict[int, float] = {}
        for n_workers in (1, WORKERS):
            org_id = await _throughput_org(committed, sink.url(f"/throughput-{n_workers}"))
            await hand_off(committed, redis.url, await _bulk_notices(committed, org_id, NOTICES))
            workers = [
                worker_process(env, tmp_path / f"worker-{n_workers}-{i}.log") for i in range(n_workers)
            ]
            processes += workers
            figures[n_workers] = await _deliver_with(workers, committed, org_id)
            print(
                f"\nSCALE progress: {NOTICES} notices by {n_workers} worker(s): {figures[n_workers]:.0f}/s",
                flush=True,
            )
            for w in workers:
                w.stop()

        # 2. Mixed load through three API processes, the workers stopped until the deadlines are due.
        world = await make_plan_and_providers(
            committed, sink.url("/world"), providers=PROVIDERS, program="ecm"
        )
        async with committed() as s, s.begin():
            for provider in world.providers:
                await ecm_frame(s, world.plan, provider, MEMBERS_PER_PROVIDER)
            headers = await _make_key(s, world.plan, "plan_admin")
        started = time.monotonic()
        bases = []
        for i in range(APIS):
            api, base = api_process(env, tmp_path / f"api-{i}.log")
            processes.append(api)
            bases.append(base)
        async with contextlib.AsyncExitStack() as stack:
            clients = [
                await stack.enter_async_context(httpx.AsyncClient(base_url=b, headers=headers, timeout=60))
                for b in bases
            ]
            apis = Apis(clients)
            reviews = await _create_reviews(apis, world)
            print(f"SCALE progress: {REVIEWS} reviews in {time.monotonic() - started:.1f} s", flush=True)
            finalized: dict[str, list[int]] = {}
            for review in [
                next(r for r in reviews if r["provider_id"] == str(p.id)) for p in world.providers
            ]:
                etag = await _answer(apis, review["id"])
                finalized[review["id"]] = await _finalize_twice(apis, review["id"], etag)
            print(
                f"SCALE progress: {len(finalized)} finalized at {time.monotonic() - started:.1f} s",
                flush=True,
            )
            await _import(apis)
        review_ids = [r["id"] for r in reviews]
        today = await _due_deadlines(committed, world.plan.id, review_ids, settings.deadline_timezone)
        api_seconds = time.monotonic() - started

        # 3. Three workers at once: their start-up sweeps race for the due deadlines.
        started = time.monotonic()
        workers = [worker_process(env, tmp_path / f"worker-mixed-{i}.log") for i in range(WORKERS)]
        processes += workers
        for w in workers:
            w.start()
        swept_in = await eventually(lambda: _zero(_deadlines_left(committed, world.plan.id, today)),
                                    LIMIT_SECONDS, "every due deadline fired")  # fmt: skip
        await eventually(lambda: _none_left(committed, world.all_org_ids), LIMIT_SECONDS,
                         "every notice delivered")  # fmt: skip
        worker_seconds = time.monotonic() - started
        for p in processes:
            p.stop()
        verified = _audit_verify(env)
        # Sweeps racing for the same subjects wait for each other; none deadlocked (a handler failure) or
        # outlasted the job's timeout (arq's "cron:sweep failed").
        sweep_errors = [
            line
            for w in workers
            for line in w.log.read_text().splitlines()
            if "deadline_handler_failed" in line or "cron:sweep failed" in line
        ]
    finally:
        for p in processes:
            p.stop()
        redis.stop()

    # Every notice delivered exactly once per destination, as the sink saw it.
    async with committed() as s:
        notices = list(
            await s.scalars(select(Notice).where(Notice.recipient_organization_id.in_(world.all_org_ids)))
        )
        plans = list(await s.scalars(select(ActionPlan).where(ActionPlan.plan_id == world.plan.id)))
        fired = int(await s.scalar(select(func.count()).where(
            Deadline.organization_id == world.plan.id, Deadline.due_on <= today, Deadline.state == "done",
            Deadline.fired_at.is_not(None))) or 0)  # fmt: skip
    received = [r for r in sink.received if r.status == 200]
    keys = [(r.path, r.headers["idempotency-key"]) for r in received]
    world_keys = {k for p, k in keys if p == "/world"}
    for n_workers in (1, WORKERS):
        path_keys = [k for p, k in keys if p == f"/throughput-{n_workers}"]
        assert len(path_keys) == len(set(path_keys)) == NOTICES
    assert len(keys) == len(set(keys)), "a notice was delivered twice to one destination"
    assert world_keys == {str(n.id) for n in notices}
    assert all(n.delivery_status == "delivered" for n in notices)
    # Every deadline fired once; each review was reminded once (dedupe), whichever worker swept it.
    assert fired == DEADLINES // len(review_ids) * len(review_ids)
    reminders = [n for n in notices if n.kind == "review_reminder"]
    # A finalized review is no longer "scheduled": its reminders send nothing.
    assert sorted(str(n.subject_id) for n in reminders) == sorted(set(review_ids) - set(finalized))
    # One action plan per finalized review; each double finalize: one 200, the other refused.
    assert sorted(str(p.review_id) for p in plans) == sorted(finalized)
    assert all(codes[0] == 200 and codes[1] in (409, 412) for codes in finalized.values()), finalized
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert sweep_errors == [], sweep_errors[:3]

    kinds = {k: sum(1 for n in notices if n.kind == k) for k in sorted({n.kind for n in notices})}
    print(
        f"\nSCALE {APIS} API processes, {WORKERS} workers, one Postgres, one Redis"
        f"\n  throughput: {NOTICES} notices by 1 worker {figures[1]:.0f}/s; by {WORKERS} workers"
        f" {figures[WORKERS]:.0f}/s (x{figures[WORKERS] / figures[1]:.2f}, 2 cores shared)"
        f"\n  mixed load through the APIs in {api_seconds:.1f} s: {REVIEWS} reviews, {len(finalized)} finalized"
        f" (each finalize sent to two APIs at once), {IMPORTED} members imported, {fired} due deadlines"
        f"\n  sweeps: {fired} due deadlines fired {swept_in:.1f} s after three workers started"
        f" ({fired / swept_in:.0f}/s, start-up included)"
        f"\n  workers: every deadline fired and {len(notices)} notices delivered in {worker_seconds:.1f} s {kinds}"
        f"\n  {len(plans)} action plans for {len(finalized)} finalized reviews; audit verify: {verified.stdout.strip()}"
    )


async def _zero(count: Awaitable[int]) -> bool:
    return await count == 0
