"""``make bench``: run every benchmark module in tests/perf and print its figures.

Benchmarks print measured ratios against a baseline measured in the same run; they are never asserted
in the test suite (machines differ; ratios within one run do not).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time

import tests.perf


def main() -> int:
    names = sorted(m.name for m in pkgutil.iter_modules(tests.perf.__path__) if m.name.startswith("bench_"))
    failed = 0
    for name in names:
        module = importlib.import_module(f"tests.perf.{name}")
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        try:
            module.main()
        except Exception as exc:  # keep going: one broken benchmark should not hide the others
            failed += 1
            print(f"   FAILED: {type(exc).__name__}: {exc}", flush=True)
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
