"""Suggested findings as data: the shipped maps fit their tools and the checks' rules; what suggests "no",
what suggests "yes", and what suggests nothing."""

from __future__ import annotations

from datetime import date
from typing import get_args

import pytest

from oversight_domain.compliance import CHECK_RULES, EngagementWindow
from oversight_domain.suggestions import (
    CheckFact,
    ElementRule,
    RuleMatch,
    SuggestionMap,
    map_errors,
    suggest,
    suggestion_map,
)
from oversight_domain.tools import SHIPPED_TOOL_KEYS, load_tool

ECM = load_tool("ecm-partnership")
START, END = date(2025, 1, 1), date(2025, 12, 31)


@pytest.mark.parametrize("key", SHIPPED_TOOL_KEYS)
def test_every_shipped_tool_has_a_map_that_fits_it(key: str) -> None:
    rules = suggestion_map(key)
    assert rules is not None and rules.tool == key and rules.elements
    assert map_errors(rules, load_tool(key)) == []
    assert all(r.source.startswith("seed 00") for r in rules.elements)


def test_a_map_naming_what_does_not_exist_is_refused() -> None:
    bad = SuggestionMap(
        tool="ecm-partnership",
        elements=(
            ElementRule(element="oe.nope", source="s", no_when=(RuleMatch(rule="engagement_gap"),)),
            ElementRule(
                element="qm.treatment_authorization_reports",
                source="s",
                no_when=(RuleMatch(rule="tar_lateness"),),
                yes_when="engagement_windows_met",
            ),
            ElementRule(element="cp.timely_updates", source="s"),
        ),
    )
    assert map_errors(bad, ECM) == [
        "oe.nope: not an element of ecm-partnership",
        "qm.treatment_authorization_reports: yes_when needs a record-level element",
        "qm.treatment_authorization_reports: unknown rule 'tar_lateness'",
        "cp.timely_updates: suggests nothing",
    ]
    assert "tar_late" in CHECK_RULES


def fact(
    member: str, rule: str, starts: date, ends: date | None, clause: str | None = None, **details: object
) -> CheckFact:
    return CheckFact(f"r-{member}-{rule}-{starts}", member, rule, clause, starts, ends, details)


def window(member: str, start: date, found: int) -> EngagementWindow:
    return EngagementWindow(member, "enrolled", start, date.fromordinal(start.toordinal() + 29), 1, found)


def test_no_from_results_in_the_period_yes_only_from_met_windows() -> None:
    rules = suggestion_map("ecm-partnership")
    assert rules is not None
    facts = [
        fact("a", "engagement_gap", date(2025, 3, 2), date(2025, 3, 31), "enrolled", required=1, found=0),
        # before the period: not this review's
        fact("b", "engagement_gap", date(2024, 3, 2), date(2024, 3, 31), "enrolled", required=1, found=0),
        fact("c", "stale_document", date(2025, 12, 31), date(2025, 12, 31), "missing", kind="care_plan"),
        fact("x", "tar_late", date(2025, 11, 20), date(2025, 12, 16), "service_date_15_business_days"),
        # not sampled, and not mapped: a missed appointment suggests nothing
        fact("x", "missed_appointment", date(2025, 4, 10), date(2025, 4, 10)),
    ]
    windows = {
        "a": [window("a", date(2025, 1, 1), 1), window("a", date(2025, 3, 2), 0)],
        "b": [window("b", date(2025, 1, 1), 1), window("b", date(2025, 1, 31), 2)],
        "c": [],  # no whole window judged: nothing positive to say
    }
    got = {
        (s.member_id, s.element_key): (s.answer, [r["rule"] for r in s.reasons])
        for s in suggest(rules, ECM, ["a", "b", "c"], facts, windows, START, END)
    }
    assert got == {
        ("a", "oe.engagement_requirements_met"): ("no", ["engagement_gap"]),
        ("b", "oe.engagement_requirements_met"): ("yes", ["engagement_windows_met"]),
        ("c", "cp.care_plans_goal_progress"): ("no", ["stale_document"]),
        ("c", "cp.timely_updates"): ("no", ["stale_document"]),
        (None, "qm.treatment_authorization_reports"): ("no", ["tar_late"]),
    }
    yes = next(s for s in suggest(rules, ECM, ["b"], [], windows, START, END))
    assert yes.reasons[0]["details"] == {"windows": 2, "phases": ["enrolled"], "window_days": 30}
    assert (yes.reasons[0]["starts_on"], yes.reasons[0]["ends_on"]) == ("2025-01-01", "2025-03-01")


def test_the_domain_knows_the_rules_the_checks_produce() -> None:
    """Maps are validated against ``CHECK_RULES``; the checks' own list of rules must be the same."""
    from oversight_app.checks.service import Rule

    assert set(CHECK_RULES) == set(get_args(Rule))
