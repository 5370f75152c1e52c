"""Reports (issue 16): the scorecard XLSX and PDF of a 16-record ECM review (target < 1 s each).

Renders a scorecard report of the shipped ECM tool with 16 records and every finding answered (the size of a
seed 003 review after its expansion), the same renderers the API runs in a thread. Prints median and worst
of several runs. Not yet measured here: the streaming findings export and the dashboards over 2,000
providers (their export jobs and fixtures are unfinished, see the README).
"""

from __future__ import annotations

import statistics
import time
import uuid
from datetime import date
from decimal import Decimal

from oversight_app.reports.render import render_pdf, render_xlsx
from oversight_app.reports.scorecard import FindingRow, Header, RecordRow, ScorecardReport, SectionRow
from oversight_domain.reports import compliance_rate, populations_checked, purposes_checked, scoring_procedure
from oversight_domain.tools import load_tool

RUNS = 7


def sixteen_record_report() -> ScorecardReport:
    tool = load_tool("ecm-partnership")
    records = [
        RecordRow(i, uuid.uuid4(), 1 if i <= 8 else 2, Decimal("0.9375"), False, cin=f"9{i:07d}A", age="46/10",
                  gender="F", plan_code="PC1", enrollment_date=date(2025, 6, 1))
        for i in range(1, 17)
    ]  # fmt: skip
    findings = [
        FindingRow(s.title, e.key, e.title, e.level, r, "Yes", 1, 1, "Seen in the care plan", False, None)
        for s in tool.sections
        for e in s.elements
        for r in (range(1, 17) if e.level == "record" else [None])
    ]
    header = Header("Redwood ECM", date(2026, 4, 1), "", "1987654328", "1 Redwood Way, CA", "Santa Rosa 95401",
                    "api_key:abc", "", "", "", "lead@redwood.example", 16, "Partnership", tool.title, "2024.1",
                    "finalized")  # fmt: skip
    return ScorecardReport(
        review_id=uuid.uuid4(), header=header, visit_purpose=purposes_checked("monitoring"),
        populations=populations_checked(["adults_high_utilizers"]),
        sections=[SectionRow(s.title, 60, 4, 0, Decimal("0.9375")) for s in tool.sections],
        total_yes=254, total_no=14, total_na=1, total_score=Decimal("0.9478"), outcome="conditional_pass",
        sections_requiring_action=[], scoring_procedure=scoring_procedure(tool), compliance_rate=compliance_rate(tool),
        next_review_due=date(2028, 4, 1), final=True, identity=True, records=records, findings=findings,
    )  # fmt: skip


def main() -> None:
    report = sixteen_record_report()
    for name, render in (("XLSX", render_xlsx), ("PDF", render_pdf)):
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            size = len(render(report))
            times.append(time.perf_counter() - start)
        print(
            f"scorecard {name} of a 16-record review ({len(report.findings)} findings, {size:,} bytes): "
            f"median {statistics.median(times) * 1000:.0f} ms, worst {max(times) * 1000:.0f} ms "
            f"(target < 1000 ms: {'met' if max(times) < 1 else 'NOT met'})"
        )


if __name__ == "__main__":
    main()
