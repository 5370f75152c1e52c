"""The README's "From a clean clone to a finished review", run as written against real processes.

The section's shell blocks between ``<!-- newcomer:start -->`` and ``<!-- newcomer:end -->`` are run with bash
from the checkout, exactly as a newcomer pastes them into a second terminal. In place of ``make run`` the test
starts what it starts — a real ``oversight api`` on a free port and a real ``oversight worker`` — on the test
session's database and Redis, and hands the script the same ``OVERSIGHT_*`` variables the README says
``make run`` takes. Afterwards the test reads the review, the standing and the provider's notices through the
API itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import delete

from oversight_db.db import create_engine, create_sessionmaker
from oversight_db.models import WorkerHeartbeat
from oversight_domain.calendars import add_months
from tests.conftest import REPO_ROOT
from tests.e2e.stack import OVERSIGHT, readme_steps
from tests.servers import TestServers, free_port, in_thread

pytestmark = pytest.mark.e2e

# Appended by the test (not part of the README): hands the script's variables back for the checks below.
EPILOGUE = (
    'printf "%s\\n" "$PLAN_KEY" "$PROVIDER_KEY" "$PROVIDER_ID" "$REVIEW_ID" "$SCHEDULED" > "$HANDBACK"\n'
)


def _tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""


@contextlib.contextmanager
def started(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A process in its own process group (``oversight worker`` runs the worker as a child), stopped with it."""
    with log.open("ab") as handle:
        proc = subprocess.Popen(
            args, env=env, cwd=REPO_ROOT, stdout=handle, stderr=handle, start_new_session=True
        )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)


def wait_until(check: Any, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.suppress(httpx.HTTPError):
            result = check()
            if result:
                return result
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not reached within {timeout:.0f} s")
        time.sleep(0.3)


async def _forget_worker_heartbeats(database_url: str) -> None:
    # The worker's heartbeat would make /readyz green for later tests of this session that expect no worker.
    engine = create_engine(database_url, pool_size=1)
    try:
        async with create_sessionmaker(engine)() as s, s.begin():
            await s.execute(delete(WorkerHeartbeat))
    finally:
        await engine.dispose()


def test_the_readme_newcomer_path_runs_as_written(servers: TestServers, tmp_path: Path) -> None:
    missing = [tool for tool in ("bash", "curl", "jq", "python3") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"the README's steps need {', '.join(missing)}, not installed on this machine")
    if not OVERSIGHT.exists():
        pytest.skip("no .venv/bin/oversight in the checkout (the README's steps call it): run `make install`")
    script = readme_steps()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("OVERSIGHT_") or k == "OVERSIGHT_AUDIT_KEY"
    }
    env.update(
        {
            # What `make run` would read: the test's servers instead of the embedded ones, a free port.
            "OVERSIGHT_DATABASE_URL": servers.database_url,
            "OVERSIGHT_REDIS_URL": servers.redis_url,
            "OVERSIGHT_API_PORT": str(port),
            "OVERSIGHT_PUBLIC_BASE_URL": base,
            "OVERSIGHT_DATA_DIR": str(tmp_path / "var"),
            "OVERSIGHT_LOG_LEVEL": "warning",
        }
    )
    handback = tmp_path / "handback"
    api_log, worker_log = tmp_path / "api.log", tmp_path / "worker.log"
    started_at = time.monotonic()
    try:
        with (
            started([str(OVERSIGHT), "api"], env, api_log) as api,
            started([str(OVERSIGHT), "worker"], env, worker_log),
        ):
            wait_until(
                lambda: api.poll() is None and httpx.get(f"{base}/healthz", timeout=2).status_code == 200,
                60,
                f"the API on {base}/healthz\n{_tail(api_log)}",
            )
            run = subprocess.run(
                ["bash", "-c", "set -euo pipefail\n" + script + "\n" + EPILOGUE],
                env={**env, "HANDBACK": str(handback)},
                cwd=REPO_ROOT,
                capture_output=True,
                text=True,
                timeout=180,
            )
            assert run.returncode == 0, (
                f"the README's steps failed (exit {run.returncode})\n--- stdout\n{run.stdout}\n"
                f"--- stderr\n{run.stderr}\n--- api log\n{_tail(api_log)}"
            )
            plan_key, provider_key, provider_id, review_id, scheduled = handback.read_text().split()
            print(f"\nREADME steps ran in {time.monotonic() - started_at:.1f} s:\n{run.stdout}")

            # Every step printed its compact JSON line; the ones a newcomer reads for the result:
            assert '"outcome":"pass"' in run.stdout and '"status":"finalized"' in run.stdout
            plan = {"Authorization": f"Bearer {plan_key}"}
            provider = {"Authorization": f"Bearer {provider_key}"}
            with httpx.Client(base_url=base, timeout=10) as http:
                review = http.get(f"/v1/reviews/{review_id}", headers=plan).json()
                next_due = add_months(date.fromisoformat(scheduled), 24).isoformat()  # ECM: every other year
                assert (review["status"], review["outcome"], review["next_review_due"]) == (
                    "finalized",
                    "pass",
                    next_due,
                )
                assert http.get(f"/v1/providers/{provider_id}/standing", headers=provider).json() == {
                    "provider_id": provider_id,
                    "status": "good",
                    "can_enroll_members": True,
                    "can_submit_authorizations": True,
                    "open_action_plans": 0,
                    "next_review_due": next_due,
                }

                # The real worker delivers every notice the steps wrote (the provider's and any for the plan).
                def delivered(headers: dict[str, str]) -> Any:
                    items = http.get("/v1/notices", headers=headers).json()["items"]
                    statuses = {n["kind"]: n["delivery_status"] for n in items}
                    return statuses if set(statuses.values()) <= {"delivered"} else None

                waiting = f"the notices delivered by the worker\n{_tail(worker_log)}"
                kinds = wait_until(lambda: delivered(provider), 60, waiting)
                assert set(kinds) == {"review_scheduled", "review_result"}
                wait_until(lambda: delivered(plan) is not None, 60, waiting)
        print(f"whole test with the API and the worker: {time.monotonic() - started_at:.1f} s")
    finally:
        in_thread(asyncio.run, _forget_worker_heartbeats(servers.database_url))
