"""The CLI refuses bad configuration with one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "oversight_api.cli", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_malformed_database_url_exits_non_zero_with_one_line() -> None:
    result = _run("migrate", OVERSIGHT_DATABASE_URL="not a url at all")
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "OVERSIGHT_DATABASE_URL" in lines[0]
    assert "Traceback" not in result.stderr


def test_non_postgres_database_url_is_refused() -> None:
    result = _run("migrate", OVERSIGHT_DATABASE_URL="mysql://root@localhost/db")
    assert result.returncode == 2
    assert "PostgreSQL" in result.stderr


def test_bad_port_is_refused_for_the_api() -> None:
    result = _run("api", OVERSIGHT_API_PORT="99999")
    assert result.returncode == 2
    assert "OVERSIGHT_API_PORT" in result.stderr


def test_an_admin_command_against_an_empty_data_dir_says_where_it_looked_in_one_line(tmp_path: Path) -> None:
    """From outside the checkout the embedded database is a new, empty one: say so, never a traceback."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OVERSIGHT_")}
    result = subprocess.run(
        [sys.executable, "-m", "oversight_api.cli", "orgs", "create", "--kind", "state", "--name", "S"],
        env={**env, "OVERSIGHT_DATA_DIR": str(tmp_path / "elsewhere")},
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "OVERSIGHT_DATA_DIR" in lines[0] and "no Oversight schema" in lines[0]
    assert "Traceback" not in result.stderr
