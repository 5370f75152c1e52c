"""Dashboards as CSV (for scheduled jobs and spreadsheets): each dashboard's main table, one row a line."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from oversight_app.reports.schemas import PlanDashboard, ProviderDashboard, StateDashboard


def _csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue().encode("utf-8")


def _section_keys(maps: Iterable[dict[str, float | None]]) -> list[str]:
    keys: dict[str, None] = {}
    for m in maps:
        keys.update(dict.fromkeys(m))
    return list(keys)


def plan_csv(d: PlanDashboard) -> bytes:
    keys = _section_keys(p.sections for p in d.providers)
    columns = ["provider_id", "name", "npi", "review_id", "finalized_on", "tool_key", "outcome", "total",
               *keys, "open_action_plans", "next_review_due", "review_due"]  # fmt: skip
    return _csv(
        columns,
        (
            [p.provider_id, p.name, p.npi, p.review_id, p.finalized_on, p.tool_key, p.outcome, p.total,
             *(p.sections.get(k) for k in keys), p.open_action_plans, p.next_review_due, p.review_due]
            for p in d.providers
        ),
    )  # fmt: skip


def provider_csv(d: ProviderDashboard) -> bytes:
    keys = _section_keys(h.sections for h in d.history)
    columns = ["review_id", "plan_id", "plan_name", "tool_key", "purpose", "scheduled_for", "finalized_on",
               "outcome", "total", *keys, "next_review_due"]  # fmt: skip
    return _csv(
        columns,
        (
            [h.review_id, h.plan_id, h.plan_name, h.tool_key, h.purpose, h.scheduled_for, h.finalized_on,
             h.outcome, h.total, *(h.sections.get(k) for k in keys), h.next_review_due]
            for h in d.history
        ),
    )  # fmt: skip


def state_csv(d: StateDashboard) -> bytes:
    rows = [["total", "Total", d.total.count, d.total.minimum, d.total.q1, d.total.median, d.total.q3,
             d.total.maximum]]  # fmt: skip
    rows += [[s.key, s.title, s.count, s.minimum, s.q1, s.median, s.q3, s.maximum] for s in d.sections]
    return _csv(["section", "title", "reviews", "minimum", "q1", "median", "q3", "maximum"], rows)
