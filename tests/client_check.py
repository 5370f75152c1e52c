"""`make lint`: clients/python is exactly what openapi-python-client makes of openapi.json, with no warning.

Run as ``python -m tests.client_check`` from the checkout. It regenerates the client into a temporary
directory with the arguments `make client` uses and compares the trees file by file; any warning the
generator prints (an operation or schema it skipped) fails too, because a skipped part is a part partners
cannot call. Then every generated module is imported, in a fresh interpreter over the generated tree: a
module the generator wrote but Python cannot import (a name it forgot to import, as ``Unset`` once in
``imports_create``) is an operation partners cannot call either.
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


# Run in a fresh interpreter with the generated tree first on the path: imports every module of the package
# and prints one line per module that fails.
IMPORT_ALL = """
import importlib, pkgutil, sys
import oversight_client
for info in pkgutil.walk_packages(oversight_client.__path__, "oversight_client."):
    try:
        importlib.import_module(info.name)
    except Exception as exc:
        print(f"{info.name}: {type(exc).__name__}: {exc}")
"""


def unimportable(tree: Path) -> list[str]:
    """The modules of the client generated in ``tree`` that fail to import, each with its error."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL], cwd=tree, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        return [f"the import run failed (exit {result.returncode}): {result.stderr.strip()}"]
    return result.stdout.splitlines()


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
        broken = unimportable(fresh)
    if broken:
        print("client check: generated modules that do not import (fix the document):", *broken, sep="\n  ")
        return 1
    if diff:
        print("client check: clients/python is not what openapi.json generates; run `make client`:")
        print("\n".join(f"  {line}" for line in diff))
        return 1
    print("client check: clients/python matches openapi.json, no generator warnings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
