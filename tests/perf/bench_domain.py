"""Domain benchmarks (``make bench``; not collected by pytest). Run: ``python tests/perf/bench_domain.py``.

1. P4 in the domain: ``score()`` of 30 records x 60 elements (the scorecard ``bench_reviews.py`` measures
   through the API; the whole request's target is <= 20 ms median). Also, for information only, scoring
   1,000,000 findings (ECM tool) grouped by record and shuffled.
2. Drawing samples from a 1,000,000-member frame. Target: < 2 s.

Best or median of several runs; figures are printed, never asserted.
"""

from __future__ import annotations

import gc
import random
import statistics
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
from oversight_domain.tools import ToolVersion, load_tool, parse_tool, tool_to_data
from oversight_domain.types import Answer

N_FINDINGS = 1_000_000
N_FRAME = 1_000_000
P4_RUNS = 200


def best_of(runs: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def p4_sections() -> list[dict[str, Any]]:
    """6 sections x 10 record-level elements of 1-3 points: the P4 tool's body (also ``bench_reviews.py``)."""
    return [
        {
            "key": f"s{s}",
            "title": f"Section {s}",
            "elements": [
                {
                    "key": f"s{s}.e{e}",
                    "title": f"Element {s}.{e}",
                    "requirement": "Documented",
                    "level": "record",
                    "points": 1 + (e % 3),
                }
                for e in range(10)
            ],
        }
        for s in range(6)
    ]


def p4_case() -> tuple[ToolVersion, list[Finding], list[str]]:
    """The P4 scorecard: 6 sections x 10 record-level elements (1-3 points), 30 records, every element
    answered (3/5 yes, 1/5 no, 1/5 N/A), as in ``bench_reviews.py``."""
    data: dict[str, Any] = tool_to_data(load_tool("ecm-partnership"))
    data.update(key="bench-60", version="1", title="Benchmark tool, 60 elements", sections=p4_sections())
    tool = parse_tool(data)
    record_ids = [f"R{i:02d}" for i in range(30)]
    answers: tuple[Answer, ...] = ("yes", "yes", "yes", "no", "na")
    findings = [
        Finding(rid, f"s{s}.e{e}", answers[(i + s + e) % 5])
        for i, rid in enumerate(record_ids)
        for s in range(6)
        for e in range(10)
    ]
    return tool, findings, record_ids


def bench_p4() -> None:
    tool, findings, record_ids = p4_case()
    times = []
    for _ in range(P4_RUNS):
        start = time.perf_counter()
        score(tool, findings, record_ids, record_ids)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(
        f"P4 domain score() of 30 records x 60 elements ({len(findings)} findings): "
        f"median {statistics.median(times):.2f} ms, best {times[0]:.2f} ms "
        "(the API request's target is <= 20 ms median; see bench_reviews.py)"
    )


def bench_scoring() -> None:
    """For information: the scorer on a very large input (no target)."""
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
    score_s, card = best_of(3, lambda: score(tool, findings, record_ids))
    print(f"scoring {len(findings):,} findings over {len(record_ids):,} records (ECM tool; information only)")
    print(f"  grouped by record : {score_s:.3f} s")
    print(f"  outcome {card.outcome}, total {card.total.score}, failed records {len(card.failed_records)}")
    shuffled = list(findings)
    rng.shuffle(shuffled)
    shuffled_s, _ = best_of(3, lambda: score(tool, shuffled, record_ids))
    print(f"  shuffled          : {shuffled_s:.3f} s")


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
    bench_p4()
    bench_scoring()
    bench_sampling()


if __name__ == "__main__":
    main()
