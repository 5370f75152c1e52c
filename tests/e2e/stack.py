"""Real processes for the end-to-end journeys driven through the generated client (issue 13).

``client_stack()`` gives the journeys their own database and Redis db (``tests.servers.test_servers``: the README's
bootstrap creates a provider with a fixed NPI, which must not meet the one the README test creates in the session's
database), a real ``oversight api`` on a free port, real workers of both pools (``oversight worker`` and
``oversight worker --pool long``) and a local webhook sink, and runs the README's bootstrap (``oversight orgs
create``, ``oversight keys create``) as written.

``api_days_ahead`` starts a second API process on the same database whose clock reads N days later (the app's
``now`` dependency, the seam ``oversight_api.clock`` documents for tests): the only way a real process reaches a
date a journey cannot wait for, such as the day after a dispute window closes.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import httpx
from fastapi import FastAPI
from oversight_client import AuthenticatedClient
from oversight_client.models import Problem
from oversight_client.types import Response

from oversight_api.app import create_app
from oversight_api.clock import now
from tests.conftest import REPO_ROOT
from tests.fault_procs import ServiceProcess, service_env, wait_for
from tests.servers import free_port, test_servers
from tests.sinks import WebhookSink, webhook_sink

README = REPO_ROOT / "README.md"
OVERSIGHT = REPO_ROOT / ".venv" / "bin" / "oversight"
SECTION = re.compile(r"<!-- newcomer:start -->\n(.*?)<!-- newcomer:end -->", re.S)
SHELL_BLOCK = re.compile(r"^```sh\n(.*?)^```$", re.S | re.M)
# The variables the README's bootstrap sets, handed back by a line the test appends.
BOOTSTRAP_VARS = ("STATE_ID", "PLAN_ID", "PROVIDER_ID", "STATE_KEY", "PLAN_KEY", "PROVIDER_KEY")
DAYS_AHEAD_ENV = "OVERSIGHT_E2E_DAYS_AHEAD"
PROBLEM_TYPE = "urn:oversight:problem:"
T = TypeVar("T")


def readme_steps() -> str:
    """The shell blocks of the README's newcomer section, joined."""
    match = SECTION.search(README.read_text())
    assert match, "README.md has no <!-- newcomer:start --> ... <!-- newcomer:end --> section"
    blocks = SHELL_BLOCK.findall(match.group(1))
    assert blocks, "the README's newcomer section has no ```sh block between its markers"
    return "\n".join(blocks)


def readme_bootstrap() -> str:
    """The README's bootstrap as written: every line of its steps before the first API call (``curl``), i.e.
    the organizations and their first keys created with the CLI."""
    lines = readme_steps().splitlines()
    first_call = next(i for i, line in enumerate(lines) if line.lstrip().startswith("curl"))
    script = "\n".join(lines[:first_call])
    assert "oversight orgs create" in script and "oversight keys create" in script, script
    return script


def today_utc() -> date:
    """The API's "today" (UTC), as the API processes compute it."""
    return datetime.now(UTC).date()


@dataclass
class Stack:
    base_url: str
    env: dict[str, str]
    workdir: Path
    sink: WebhookSink
    readme: dict[str, str]  # the README bootstrap's variables: STATE_ID, PLAN_KEY, ...
    api_log: Path
    worker_log: Path
    requests: int = 0  # sent through every client this stack made

    def client(self, token: str, base_url: str | None = None) -> AuthenticatedClient:
        """The generated client with a key; an answer the contract does not declare raises."""
        return AuthenticatedClient(
            base_url=base_url or self.base_url,
            token=token,
            timeout=httpx.Timeout(60.0),
            raise_on_unexpected_status=True,
            httpx_args={"event_hooks": {"request": [self._count]}},
        )

    def _count(self, request: httpx.Request) -> None:
        self.requests += 1

    def cli(self, *args: str) -> str:
        """``oversight <args>`` as an operator runs it (the README's bootstrap commands); its stdout."""
        run = subprocess.run([str(OVERSIGHT), *args], env=self.env, cwd=REPO_ROOT, capture_output=True,
                             text=True, timeout=120)  # fmt: skip
        assert run.returncode == 0, f"oversight {' '.join(args)} failed: {run.stderr}"
        return run.stdout.strip()

    def logs(self) -> str:
        long_log = self.workdir / "worker-long.log"
        return (
            f"--- api log\n{_tail(self.api_log)}\n--- worker log\n{_tail(self.worker_log)}"
            f"\n--- long worker log\n{_tail(long_log)}"
        )

    @contextlib.contextmanager
    def api_days_ahead(self, days: int) -> Iterator[str]:
        """A second API process on the same database and Redis whose clock reads ``days`` days later."""
        proc = ServiceProcess(
            ["-m", "uvicorn", "tests.e2e.stack:app_days_ahead", "--factory", "--host", "127.0.0.1",
             "--port", str(port := free_port()), "--log-level", "warning"],
            {**self.env, DAYS_AHEAD_ENV: str(days)},
            self.workdir / f"api-plus-{days}d.log",
        )  # fmt: skip
        proc.start()
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(lambda: httpx.get(f"{base}/healthz", timeout=2).status_code == 200, 60, "the later API")
            yield base
        finally:
            proc.stop()


def app_days_ahead() -> FastAPI:
    """The API app whose clock reads ``$OVERSIGHT_E2E_DAYS_AHEAD`` days later (uvicorn ``--factory``)."""
    app = create_app()
    shift = timedelta(days=int(os.environ[DAYS_AHEAD_ENV]))
    app.dependency_overrides[now] = lambda: datetime.now(UTC) + shift
    return app


def _tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""


def _bootstrap(env: dict[str, str], workdir: Path) -> dict[str, str]:
    handback = workdir / "bootstrap.out"
    epilogue = 'printf "%s\\n" ' + " ".join(f'"${name}"' for name in BOOTSTRAP_VARS) + ' > "$HANDBACK"\n'
    run = subprocess.run(
        ["bash", "-c", "set -euo pipefail\n" + readme_bootstrap() + "\n" + epilogue],
        env={**env, "HANDBACK": str(handback)},
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, f"the README's bootstrap failed: {run.stderr}"
    return dict(zip(BOOTSTRAP_VARS, handback.read_text().split(), strict=True))


@contextlib.contextmanager
def client_stack(workdir: Path) -> Iterator[Stack]:
    started = time.monotonic()
    with test_servers() as servers, webhook_sink() as sink:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = service_env(servers.database_url, servers.redis_url, workdir / "var",
                          OVERSIGHT_API_PORT=str(port), OVERSIGHT_PUBLIC_BASE_URL=base)  # fmt: skip
        api_log, worker_log = workdir / "api.log", workdir / "worker.log"
        long_worker_log = workdir / "worker-long.log"
        api = ServiceProcess([str(OVERSIGHT), "api"], env, api_log)
        worker = ServiceProcess([str(OVERSIGHT), "worker"], env, worker_log)
        # The long-jobs pool (export builds, import loads, check runs), as `oversight dev` runs it.
        long_worker = ServiceProcess([str(OVERSIGHT), "worker", "--pool", "long"], env, long_worker_log)
        try:
            api.start()
            worker.start()
            long_worker.start()
            wait_for(lambda: api.alive() and httpx.get(f"{base}/healthz", timeout=2).status_code == 200, 60,
                     f"the API on {base}/healthz\n{_tail(api_log)}")  # fmt: skip
            stack = Stack(base, env, workdir, sink, _bootstrap(env, workdir), api_log, worker_log)
            print(
                f"\nclient stack up (database, API, both worker pools, README bootstrap) in {time.monotonic() - started:.1f} s"
            )
            yield stack
        finally:
            api.stop()
            worker.stop()
            long_worker.stop()


# --------------------------------------------------------------------------- reading answers


def ok(response: Response[Any], status: int = 200) -> Any:
    """The parsed body of a ``status`` answer (never a ``Problem``)."""
    assert response.status_code == status and not isinstance(response.parsed, Problem), (
        f"expected {status}, got {response.status_code}: {response.content!r}"
    )
    assert response.parsed is not None
    return response.parsed


def problem(response: Response[Any], status: int, slug: str | None = None) -> Problem:
    """The answer is ``status`` parsed into ``Problem`` (of type ``urn:oversight:problem:<slug>`` when given)."""
    assert response.status_code == status, (
        f"expected {status}, got {response.status_code}: {response.content!r}"
    )
    assert response.headers["content-type"] == "application/problem+json"
    parsed = response.parsed
    assert isinstance(parsed, Problem), f"not parsed into Problem: {parsed!r}"
    assert parsed.status == status
    if slug is not None:
        assert parsed.type_ == PROBLEM_TYPE + slug, parsed.type_
    return parsed


def etag(response: Response[Any]) -> str:
    return response.headers["etag"]


def new_key() -> str:
    """A fresh Idempotency-Key."""
    return str(uuid.uuid4())


def eventually(check: Any, what: str, timeout: float = 60) -> None:
    wait_for(check, timeout, what, interval=0.3)
