"""Test helpers: small hand-built tools and a naive reference scorer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

from oversight_domain.scoring import Finding
from oversight_domain.tools import ToolVersion, load_tool, parse_tool, tool_to_data


def make_tool(
    sections: Sequence[Sequence[tuple[str, str, int]]],
    *,
    expansion_size: int = 8,
    failed_rule: str = "score_below",
    failed_threshold: str | None = None,
) -> ToolVersion:
    """A tool whose sections are lists of (key, level, points), with the seed 003 ECM policies."""
    data: dict[str, Any] = tool_to_data(load_tool("ecm-partnership"))
    data["key"] = "test-tool"
    data["sections"] = [
        {
            "key": f"s{si}",
            "title": f"Section {si}",
            "elements": [
                {"key": key, "title": key, "requirement": key, "level": level, "points": points}
                for key, level, points in elements
            ],
        }
        for si, elements in enumerate(sections)
    ]
    data["policies"]["sampling"]["expansion_size"] = expansion_size
    data["policies"]["scoring"]["failed_record"] = {"rule": failed_rule, "threshold": failed_threshold}
    return parse_tool(data)


def reference_score(
    tool: ToolVersion, findings: Iterable[Finding], record_ids: Sequence[str]
) -> dict[str, Any]:
    """Straightforward re-statement of seed 003's scoring procedure, for comparison."""
    where = {e.key: (si, e) for si, s in enumerate(tool.sections) for e in s.elements}
    sec = [[0, 0, 0] for _ in tool.sections]
    recs = {rid: [0, 0, 0] for rid in record_ids}
    answered: set[tuple[str | None, str]] = set()
    for f in findings:
        si, e = where[f.element_key]
        answered.add((f.record_id, f.element_key))
        col = {"yes": 0, "no": 1, "na": 2}[f.answer]
        sec[si][col] += 1 if col == 2 else e.points
        if f.record_id is not None:
            recs[f.record_id][col] += 1 if col == 2 else e.points
    yes = sum(s[0] for s in sec)
    no = sum(s[1] for s in sec)
    total = Fraction(yes, yes + no) if yes + no else None
    section_scores = [Fraction(s[0], s[0] + s[1]) if s[0] + s[1] else None for s in sec]
    pol = tool.policies.scoring
    if total is None:
        outcome = None
    elif total < pol.conditional_total:
        outcome = "pip"
    elif total >= pol.pass_total and all(s is None or s >= pol.section_threshold for s in section_scores):
        outcome = "pass"
    else:
        outcome = "conditional_pass"
    unanswered = [
        (rid, e.key) for rid in record_ids for e in tool.record_elements if (rid, e.key) not in answered
    ] + [(None, e.key) for e in tool.provider_elements if (None, e.key) not in answered]
    record_scores = {}
    for rid, (y, n, _) in recs.items():
        rs = Fraction(y, y + n) if y + n else None
        if pol.failed_record.rule == "any_no":
            failed = n > 0
        else:
            failed = rs is not None and rs < pol.failed_record_threshold
        record_scores[rid] = (y, n, rs, failed)
    return {
        "sections": [(s[0], s[1], s[2]) for s in sec],
        "section_scores": section_scores,
        "total": total,
        "outcome": outcome,
        "unanswered": unanswered,
        "records": record_scores,
    }
