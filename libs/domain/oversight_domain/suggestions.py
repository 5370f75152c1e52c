"""Suggested findings (issue 17): automated check results as suggested answers to a tool's elements.

Which rule suggests which answer is data, one file per tool beside the shipped tools
(``tools/suggestions/<tool key>.yaml``), validated when read against the tool's elements and the rules the
checks produce. A suggestion is only a suggestion: the reviewer accepts or overrides it, and it becomes a
finding then (``oversight_app.reviews.suggestions``).

* ``no``: an open check result of a listed rule (clause, document kind) within the review period, for the
  record's member (record-level element) or any member of the provider (provider-level element).
* ``yes``: only where the data positively supports it - ``engagement_windows_met``: at least one whole
  30-day window of the member's time was judged in the period, and every one met the cadence.
* otherwise nothing: a missing result is not evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from oversight_domain.compliance import CHECK_RULES, EngagementWindow
from oversight_domain.tools import SHIPPED_TOOL_KEYS, ToolVersion, load_tool

Answer = Literal["yes", "no"]
YesRule = Literal["engagement_windows_met"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RuleMatch(_Model):
    """Check results of ``rule``; when given, only those with one of ``clauses`` / document ``kinds``."""

    rule: str
    clauses: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()


class ElementRule(_Model):
    element: str
    source: str = Field(min_length=1, description="The seed sentence the element rests on")
    no_when: tuple[RuleMatch, ...] = ()
    yes_when: YesRule | None = None


class SuggestionMap(_Model):
    tool: str
    elements: tuple[ElementRule, ...]


class SuggestionMapError(ValueError):
    pass


def map_errors(rules: SuggestionMap, tool: ToolVersion) -> list[str]:
    """What is wrong with a map for a tool: unknown elements or rules, ``yes_when`` on a provider element."""
    levels = {e.key: e.level for s in tool.sections for e in s.elements}
    errors = []
    for r in rules.elements:
        if r.element not in levels:
            errors.append(f"{r.element}: not an element of {tool.key}")
        elif r.yes_when is not None and levels[r.element] != "record":
            errors.append(f"{r.element}: yes_when needs a record-level element")
        errors += [f"{r.element}: unknown rule {m.rule!r}" for m in r.no_when if m.rule not in CHECK_RULES]
        if not r.no_when and r.yes_when is None:
            errors.append(f"{r.element}: suggests nothing")
    return errors


@cache
def suggestion_map(tool_key: str) -> SuggestionMap | None:
    """The shipped map of a tool key (it applies to every version of the tool; elements a version lacks are
    skipped), or None. Raises :class:`SuggestionMapError` when the file does not fit the shipped tool."""
    if tool_key not in SHIPPED_TOOL_KEYS:
        return None
    path = resources.files("oversight_domain.tools").joinpath(f"suggestions/{tool_key}.yaml")
    if not path.is_file():
        return None
    rules = SuggestionMap.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = [] if rules.tool == tool_key else [f"tool: {rules.tool!r} in the file of {tool_key!r}"]
    errors += map_errors(rules, load_tool(tool_key))
    if errors:
        raise SuggestionMapError("; ".join(errors))
    return rules


@dataclass(frozen=True, slots=True)
class CheckFact:
    """An open check result as the suggester sees it (``details`` hold non-PHI facts only)."""

    result_id: str
    member_id: str
    rule: str
    clause: str | None
    starts_on: date
    ends_on: date | None
    details: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Suggested:
    member_id: str | None
    """The record's member; None for a provider-level element."""
    element_key: str
    answer: Answer
    reasons: tuple[dict[str, Any], ...]


def _matches(fact: CheckFact, match: RuleMatch) -> bool:
    return (
        fact.rule == match.rule
        and (not match.clauses or fact.clause in match.clauses)
        and (not match.kinds or fact.details.get("kind") in match.kinds)
    )


def _in_period(fact: CheckFact, start: date, end: date) -> bool:
    return fact.starts_on <= end and (fact.ends_on or fact.starts_on) >= start


def _reason(fact: CheckFact, source: str) -> dict[str, Any]:
    return {
        "rule": fact.rule,
        "clause": fact.clause,
        "check_result_id": fact.result_id,
        "starts_on": fact.starts_on.isoformat(),
        "ends_on": fact.ends_on.isoformat() if fact.ends_on else None,
        "details": dict(fact.details),
        "source": source,
    }


def _windows_reason(windows: Sequence[EngagementWindow], source: str) -> dict[str, Any]:
    return {
        "rule": "engagement_windows_met",
        "clause": None,
        "check_result_id": None,
        "starts_on": min(w.window_start for w in windows).isoformat(),
        "ends_on": max(w.window_end for w in windows).isoformat(),
        "details": {
            "windows": len(windows),
            "phases": sorted({w.phase for w in windows}),
            "window_days": (windows[0].window_end - windows[0].window_start).days + 1,
        },
        "source": source,
    }


def _one(
    rule: ElementRule,
    facts: Iterable[CheckFact],
    windows: Sequence[EngagementWindow],
    member_id: str | None,
) -> Suggested | None:
    found = [f for f in facts if any(_matches(f, m) for m in rule.no_when)]
    if found:
        found.sort(key=lambda f: (f.starts_on, f.rule, f.result_id))
        return Suggested(member_id, rule.element, "no", tuple(_reason(f, rule.source) for f in found))
    if rule.yes_when == "engagement_windows_met" and windows and all(w.met for w in windows):
        return Suggested(member_id, rule.element, "yes", (_windows_reason(windows, rule.source),))
    return None


def suggest(
    rules: SuggestionMap,
    tool: ToolVersion,
    members: Iterable[str],
    facts: Iterable[CheckFact],
    windows: Mapping[str, Sequence[EngagementWindow]],
    period_start: date,
    period_end: date,
) -> list[Suggested]:
    """The suggestions for a review: one per sampled member and mapped record-level element, one per mapped
    provider-level element, where the facts (open results) or the engagement windows say something.
    ``tool`` is the review's (scoped) tool version: elements it lacks, or holds at another level, are skipped.
    ``windows``: each member's whole engagement windows within the period."""
    levels = {e.key: e.level for s in tool.sections for e in s.elements}
    in_period = [f for f in facts if _in_period(f, period_start, period_end)]
    by_member: dict[str, list[CheckFact]] = {}
    for f in in_period:
        by_member.setdefault(f.member_id, []).append(f)
    out: list[Suggested] = []
    sampled = sorted(set(members))
    for rule in rules.elements:
        level = levels.get(rule.element)
        if level == "provider" and rule.yes_when is None:
            one = _one(rule, in_period, (), None)
            out += [one] if one else []
        elif level == "record":
            for member in sampled:
                one = _one(rule, by_member.get(member, ()), windows.get(member, ()), member)
                out += [one] if one else []
    return out
