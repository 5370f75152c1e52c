"""`make lint`: clients/python is exactly what openapi-python-client makes of openapi.json, with no warning.

Run as ``python -m tests.client_check`` from the checkout. It regenerates the client into a temporary
directory with the arguments `make client` uses and compares the trees file by file; any warning the
generator prints (an operation or schema it skipped) fails too, because a skipped part is a part partners
cannot call.
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "clients" / "python"
# What the generator prints when it leaves something out (its warnings and errors), or skips a post hook.
WARNING_MARKERS = ("WARNING", "Warning", "Unable to", "Skipping", "ERROR", "Error")
IGNORED = {"__pycache__", ".ruff_cache", "oversight_client.egg-info", ".pdm-build"}


def generate(output: Path) -> str:
    """Generate the client into ``output``; the generator's printed output."""
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [
            str(bin_dir / "openapi-python-client"),
            "generate",
            "--path",
            "openapi.json",
            "--meta",
            "pdm",
            "--config",
            "clients/python-config.yaml",
            "--fail-on-warning",
            "--output-path",
            str(output),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    printed = result.stdout + result.stderr
    if result.returncode != 0:
        raise SystemExit(f"client check: the generator failed (exit {result.returncode}):\n{printed}")
    return printed


def differences(left: Path, right: Path) -> list[str]:
    """Paths (relative to ``left``) that differ, exist on one side only, or are not byte-equal."""
    found: list[str] = []
    comparison = filecmp.dircmp(left, right, ignore=list(IGNORED))
    found += [f"only in the committed client: {name}" for name in comparison.left_only]
    found += [f"missing from the committed client: {name}" for name in comparison.right_only]
    _, mismatch, errors = filecmp.cmpfiles(left, right, comparison.common_files, shallow=False)
    found += [f"differs: {name}" for name in mismatch + errors]
    for name in comparison.common_dirs:
        found += [f"{name}/{item}" for item in differences(left / name, right / name)]
    return found


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "python"
        printed = generate(fresh)
        warnings = [line for line in printed.splitlines() if any(m in line for m in WARNING_MARKERS)]
        if warnings:
            print("client check: the generator warned (fix the document):", *warnings, sep="\n  ")
            return 1
        if not COMMITTED.is_dir():
            print("client check: clients/python is missing; run `make client`")
            return 1
        diff = differences(COMMITTED, fresh)
    if diff:
        print("client check: clients/python is not what openapi.json generates; run `make client`:")
        print("\n".join(f"  {line}" for line in diff))
        return 1
    print("client check: clients/python matches openapi.json, no generator warnings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
