"""Domain benchmarks (``make bench``; not collected by pytest). Run: ``python tests/perf/bench_domain.py``.

1. Scoring 1,000,000 findings (ECM tool, findings grouped by record as ``ORDER BY record`` returns
   them) against a bare Python loop that only sums the same points. Target: scorer <= 3x the loop.
2. Drawing samples from a 1,000,000-member frame. Target: < 2 s.

Best of several runs of each; figures are printed, never asserted.
"""

from __future__ import annotations

import gc
import random
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

try:
    import oversight_domain  # noqa: F401
except ImportError:  # running from a checkout without the package installed
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "libs" / "domain"))

from oversight_domain.sampling import FrameMember, draw_sample, frame_fingerprint
from oversight_domain.scoring import Finding, score
from oversight_domain.tools import load_tool

N_FINDINGS = 1_000_000
N_FRAME = 1_000_000


def best_of(runs: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def bench_scoring() -> None:
    tool = load_tool("ecm-partnership")
    record_elements, provider_elements = tool.record_elements, tool.provider_elements
    rng = random.Random(2024)
    findings = [Finding(None, e.key, "yes") for e in provider_elements]
    record_ids: list[str] = []
    i = 0
    while len(findings) < N_FINDINGS:
        rid = f"CIN{i:07d}"
        record_ids.append(rid)
        for e in record_elements:
            if len(findings) == N_FINDINGS:
                break
            findings.append(Finding(rid, e.key, rng.choices(("yes", "no", "na"), (94, 3, 3))[0]))
        i += 1
    points = {e.key: e.points for s in tool.sections for e in s.elements}

    def bare() -> int:
        total = 0
        for f in findings:
            total += points[f.element_key]
        return total

    bare_s, _ = best_of(7, bare)
    score_s, card = best_of(7, lambda: score(tool, findings, record_ids))
    print(
        f"scoring {len(findings):,} findings over {len(record_ids):,} records (ECM tool, grouped by record)"
    )
    print(f"  bare loop summing points : {bare_s:.3f} s")
    print(f"  score()                  : {score_s:.3f} s   ratio {score_s / bare_s:.2f}x (target <= 3x)")
    print(f"  outcome {card.outcome}, total {card.total.score}, failed records {len(card.failed_records)}")
    materialise_s, _ = best_of(3, lambda: list(card.records))
    print(f"  reading all {len(card.records):,} RecordScore objects afterwards: {materialise_s:.3f} s")
    shuffled = list(findings)
    rng.shuffle(shuffled)

    def bare_shuffled() -> int:
        total = 0
        for f in shuffled:
            total += points[f.element_key]
        return total

    bare_sh_s, _ = best_of(3, bare_shuffled)
    shuffled_s, _ = best_of(3, lambda: score(tool, shuffled, record_ids))
    print("  shuffled findings (not grouped by record; memory access dominates both):")
    print(f"    bare loop {bare_sh_s:.3f} s, score() {shuffled_s:.3f} s, ratio {shuffled_s / bare_sh_s:.2f}x")


def bench_sampling() -> None:
    rng = random.Random(7)
    segments = ["adult_smi", "adult_sud", "child_sed", "idd", "tbi"]
    frame = [FrameMember(f"M{rng.randrange(10**12):012d}-{n}", rng.choice(segments)) for n in range(N_FRAME)]
    print(f"sampling a {len(frame):,}-member frame (target < 2 s)")
    for key in ("nc-tcm-monitoring", "ecm-partnership"):
        policy = load_tool(key).policies.sampling
        seconds, sel = best_of(3, partial(draw_sample, frame, policy, "bench-seed"))
        print(f"  draw_sample {key:<18}: {seconds:.3f} s   quotas {sel.quotas}")
    seconds, _ = best_of(3, lambda: frame_fingerprint(frame))
    print(f"  frame_fingerprint         : {seconds:.3f} s")


def main() -> None:
    print(f"Python {sys.version.split()[0]}")
    bench_scoring()
    bench_sampling()


if __name__ == "__main__":
    main()
