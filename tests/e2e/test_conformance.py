"""The conformance run (issue 13): schemathesis over the committed openapi.json against a real server.

A real ``oversight api`` and ``oversight worker`` run on the test session's Postgres and Redis. Two tenants
are bootstrapped as an operator does it, with the CLI (``oversight orgs create``, ``oversight keys create``):
plan A (its admin and a provider in its network) and plan B (its admin). Plan A then builds a small world
through the API (network link, members, a scheduled review with a drawn sample, a site, an API key, a webhook
endpoint), whose ids are handed to schemathesis as path parameters so requests reach real objects.

``st run`` (schemathesis' own CLI, configured by ``schemathesis.toml`` at the repository root) then runs every
check (``--checks all``) with a fixed seed and a bounded number of examples, once per caller: plan A's admin over
every operation and phase, then the provider and plan B's admin over the reads with fewer examples (for B, A's
ids must be 404s). Any failure fails the test. The figures (operations, cases, failures by check, wall time) are
printed, and each run's full output is written to a file whose path is printed. Run it alone with ``pytest -m conformance -s``.

The server runs with rate limits (per caller, and failed authentications per address) far above what the run
sends: the 429 is declared on every operation, but a run throttled by it would test nothing else.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import REPO_ROOT
from tests.fault_procs import ServiceProcess, service_env, wait_for, worker_process
from tests.servers import TestServers, free_port
from tests.servers import test_servers as start_servers  # not collected as a test

pytestmark = pytest.mark.conformance

OVERSIGHT = REPO_ROOT / ".venv" / "bin" / "oversight"
SCHEMATHESIS = REPO_ROOT / ".venv" / "bin" / "st"
CONFIG = REPO_ROOT / "schemathesis.toml"
DOCUMENT = REPO_ROOT / "openapi.json"
EXAMPLES = int(os.environ.get("CONFORMANCE_EXAMPLES", "8"))
SEED = 13
# Path parameters schemathesis takes from the environment (schemathesis.toml: [parameters]).
IDS = (
    "organization_id",
    "provider_id",
    "network_link_id",
    "site_id",
    "member_id",
    "review_id",
    "record_id",
    "api_key_id",
    "webhook_endpoint_id",
    # What each DELETE of the run names (schemathesis.toml): objects of their own, so the pinned ones stay.
    "site_id_to_delete",
    "webhook_endpoint_id_to_delete",
    "review_id_to_release",
)
NPI_A = "1987654328"


@dataclass
class Server:
    base: str
    env: dict[str, str]
    log: Path


def _tail(path: Path, lines: int = 60) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""


def cli(env: dict[str, str], *args: str) -> str:
    run = subprocess.run(
        [str(OVERSIGHT), *args], env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, f"oversight {' '.join(args)}: {run.stderr}"
    return run.stdout.strip()


@pytest.fixture(scope="module")
def own_servers() -> Iterator[TestServers]:
    """A database and Redis db of its own: the run commits organizations (with fixed NPIs), keys and reviews that
    would otherwise meet the README's bootstrap and the in-process tests of the session's database."""
    with start_servers() as servers:
        yield servers


@pytest.fixture(scope="module")
def server(own_servers: TestServers, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    servers = own_servers
    tmp = tmp_path_factory.mktemp("conformance")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = service_env(
        servers.database_url,
        servers.redis_url,
        tmp / "var",
        OVERSIGHT_API_PORT=str(port),
        OVERSIGHT_PUBLIC_BASE_URL=base,
        OVERSIGHT_RATE_LIMIT_PER_CALLER="1000000/minute",
        # ignored_auth sends wrong keys on purpose; past this limit the whole address would get 429s.
        OVERSIGHT_RATE_LIMIT_FAILED_AUTH="1000000/minute",
    )
    api_log = tmp / "api.log"
    api = ServiceProcess(["-m", "oversight_api.cli", "api"], env, api_log)
    worker = worker_process(env, tmp / "worker.log")
    api.start()
    worker.start()
    try:
        wait_for(lambda: httpx.get(f"{base}/healthz", timeout=2).status_code == 200, 60, "API /healthz")
        # Ready means the worker's heartbeat is in too: /readyz is fuzzed like every other operation.
        wait_for(lambda: httpx.get(f"{base}/readyz", timeout=5).status_code == 200, 60, "API /readyz")
        yield Server(base, env, api_log)
    finally:
        api.stop()
        worker.stop()


def _ok(r: httpx.Response) -> dict[str, Any]:
    assert r.is_success, f"{r.request.method} {r.request.url.path}: {r.status_code} {r.text}"
    body: dict[str, Any] = r.json()
    return body


def bootstrap(server: Server) -> tuple[dict[str, str], dict[str, str]]:
    """Two tenants with the CLI, then plan A's small world through the API: (keys by caller, ids)."""
    env = server.env
    suffix = os.urandom(3).hex()
    plan_a = cli(
        env, "orgs", "create", "--kind", "plan", "--name", f"Plan A {suffix}", "--jurisdiction", "US-CA"
    )
    plan_b = cli(
        env, "orgs", "create", "--kind", "plan", "--name", f"Plan B {suffix}", "--jurisdiction", "US-CA"
    )
    provider = cli(env, "orgs", "create", "--kind", "provider", "--name", f"CMA {suffix}", "--npi", NPI_A,
                   "--jurisdiction", "US-CA")  # fmt: skip
    keys = {
        "plan_a_admin": cli(env, "keys", "create", "--org", plan_a, "--role", "plan_admin"),
        "provider": cli(env, "keys", "create", "--org", provider, "--role", "provider"),
        "plan_b_admin": cli(env, "keys", "create", "--org", plan_b, "--role", "plan_admin"),
    }
    admin = {"Authorization": f"Bearer {keys['plan_a_admin']}"}
    with httpx.Client(base_url=server.base, headers=admin, timeout=30) as api:
        joined = _ok(api.post("/v1/providers", json={"npi": NPI_A, "name": "CMA", "program": "ecm",
                                                     "effective_from": "2025-01-01"}))  # fmt: skip
        site = _ok(api.post(f"/v1/providers/{provider}/sites", json=_site()))
        # The provider's own site: plan A sees it and may not delete it (403), so the pinned DELETE never removes
        # anything a later step names (see schemathesis.toml).
        providers_own = _ok(
            api.post(
                f"/v1/providers/{provider}/sites",
                json=_site() | {"name": "Provider HQ"},
                headers={"Authorization": f"Bearer {keys['provider']}"},
            )
        )
        members = _ok(api.post("/v1/members/batch", json=_members(provider)))
        review = _ok(api.post("/v1/reviews", json=_review(provider)))
        _ok(api.post(f"/v1/reviews/{review['id']}/samples", json={}))
        records = _ok(api.get(f"/v1/reviews/{review['id']}/records"))
        key = _ok(api.post("/v1/api-keys", json={"name": "conformance", "role": "viewer"}))
        hook = _ok(api.post("/v1/webhook-endpoints", json={"url": "https://hooks.example.org/conformance"}))
        other_hook = _ok(api.post("/v1/webhook-endpoints", json={"url": "https://hooks.example.org/deleted"}))
        other_review = _ok(api.post("/v1/reviews", json=_review(provider, year=2024)))
    ids = {
        "organization_id": plan_a,
        "provider_id": provider,
        "network_link_id": joined["network"][0]["id"],
        "site_id": site["id"],
        "member_id": members["members"][0]["id"],
        "review_id": review["id"],
        "record_id": records["items"][0]["id"],
        "api_key_id": key["id"],
        "webhook_endpoint_id": hook["id"],
        "site_id_to_delete": providers_own["id"],
        "webhook_endpoint_id_to_delete": other_hook["id"],
        "review_id_to_release": other_review["id"],
    }
    return keys, ids


def _site() -> dict[str, Any]:
    return {"name": "Main office", "address_line": "1 Main St", "city": "Eureka", "state": "CA",
            "postal_code": "95501"}  # fmt: skip


def _members(provider: str) -> dict[str, Any]:
    enrollment = {"program": "ecm", "provider_id": provider, "status": "enrolled", "start_date": "2024-01-01"}
    return {
        "members": [
            {"member_number": f"9100000{i}A", "first_name": "Member", "last_name": f"Number{i}",
             "birth_date": "1980-01-01", "enrollments": [enrollment]}
            for i in range(10)
        ]
    }  # fmt: skip


def _review(provider: str, year: int = 2025) -> dict[str, Any]:
    return {
        "provider_id": provider,
        "tool_key": "ecm-partnership",
        "purpose": "monitoring",
        "period_start": f"{year}-01-01",
        "period_end": f"{year}-12-31",
        "scheduled_for": (date.today() + timedelta(days=35)).isoformat(),
    }


# Plan A's admin reaches every operation: all phases, every check. The provider and plan B's admin run the reads
# (what they can reach of plan A's world, as 404s for B) with fewer examples, to keep the test near four minutes.
RUNS: dict[str, tuple[str, ...]] = {
    "plan_a_admin": ("--max-examples", str(EXAMPLES)),
    "provider": ("--max-examples", "3", "--include-method", "GET", "--phases", "examples,coverage,fuzzing"),
    "plan_b_admin": (
        "--max-examples",
        "3",
        "--include-method",
        "GET",
        "--phases",
        "examples,coverage,fuzzing",
    ),
}


@dataclass
class Figures:
    """Read from schemathesis' own summary (the lines it prints after ``SUMMARY``)."""

    operations: str = "?"
    cases: str = "?"
    failures: dict[str, int] = field(default_factory=dict)
    summary: str = ""


def run_schemathesis(
    server: Server, key: str, ids: dict[str, str], output: Path, extra: tuple[str, ...]
) -> int:
    """Runs ``st run``; its whole output goes to ``output``. Returns the exit code."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OVERSIGHT_")}
    env.update({f"OVERSIGHT_CONFORMANCE_{name.upper()}": value for name, value in ids.items()})
    env["OVERSIGHT_CONFORMANCE_KEY"] = key
    args = [
        str(SCHEMATHESIS), "--config-file", str(CONFIG), "--no-color", "run", str(DOCUMENT),
        "--url", server.base, "--checks", "all", "--seed", str(SEED), "--generation-deterministic", *extra,
    ]  # fmt: skip
    with output.open("w") as out:
        run = subprocess.run(args, env=env, cwd=REPO_ROOT, stdout=out, stderr=subprocess.STDOUT, timeout=900)
    return run.returncode


def figures(output: Path) -> Figures:
    text = output.read_text(errors="replace")
    found = Figures()
    if (selected := re.search(r"Selected: (\d+/\d+)", text)) is not None:
        found.operations = selected.group(1)
    if (cases := re.search(r"(\d+) generated", text)) is not None:
        found.cases = cases.group(1)
    for code, name, count in re.findall(r"❌ (ST\d+) ([^:\n]+): (\d+)", text):
        found.failures[f"{code} {name}"] = int(count)
    summary = text.split("SUMMARY", 1)[-1].splitlines()
    found.summary = "\n".join(line for line in summary if line.strip() and not line.startswith("="))
    return found


def test_the_committed_document_conforms_with_every_check(server: Server, tmp_path: Path) -> None:
    keys, ids = bootstrap(server)
    started = time.monotonic()
    summaries, failed = [], []
    for caller, extra in RUNS.items():
        output = tmp_path / f"{caller}.txt"
        began = time.monotonic()
        code = run_schemathesis(server, keys[caller], ids, output, extra)
        found = figures(output)
        summary = (
            f"conformance as {caller}: exit {code}, {found.operations} operations, {found.cases} cases, "
            f"failures {found.failures or 'none'}, {time.monotonic() - began:.0f} s; full output: {output}"
        )
        summaries.append(summary)
        print("\n" + summary)
        if code != 0:
            failed.append(f"--- {summary}\n{found.summary}")
    print(f"conformance: {len(RUNS)} runs in {time.monotonic() - started:.0f} s")
    with contextlib.suppress(OSError):
        (Path(os.environ.get("CONFORMANCE_OUTPUT_DIR", tmp_path)) / "summary.txt").write_text(
            "\n".join(summaries) + "\n\n" + "\n".join(failed)
        )
    assert not failed, "\n\n".join(failed) + f"\n--- api log (tail)\n{_tail(server.log)}"
