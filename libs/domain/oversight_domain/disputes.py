"""Provider disputes (seed 004, "Provider Dispute Resolution") and follow-up scope (seed 003), as pure rules.

Seed 004: "A network provider can submit a request in writing utilizing the Provider Dispute Form no later
than 21 calendar days from the receipt of the LME/MCO's decision in question." The window counts from the day
of receipt; the last day to file is ``receipt + window_days`` (day 21 is on time, day 22 is late). The numbers
are the tool's :class:`~oversight_domain.tools.models.DisputePolicy`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from oversight_domain.calendars import Calendar, add_days
from oversight_domain.tools.models import DisputePolicy, FollowUpPolicy, ToolVersion


@dataclass(frozen=True, slots=True)
class FilingWindow:
    received_on: date
    closes_on: date
    """The last day a dispute is on time."""

    def open_on(self, day: date) -> bool:
        return self.received_on <= day <= self.closes_on


def filing_window(received_on: date, policy: DisputePolicy, calendar: Calendar) -> FilingWindow:
    return FilingWindow(
        received_on, add_days(received_on, policy.window_days, policy.window_day_type, calendar)
    )


def decision_due_on(filed_on: date, policy: DisputePolicy, calendar: Calendar) -> date:
    """When the plan's decision is due (``decision_days`` after filing; an assumption, see the policy)."""
    return add_days(filed_on, policy.decision_days, policy.decision_day_type, calendar)


# --------------------------------------------------------------------------- follow-up reviews


def follow_up_sections(
    tool: ToolVersion, policy: FollowUpPolicy, sections_requiring_action: Iterable[str]
) -> tuple[str, ...]:
    """The sections a follow-up review answers, in tool order. An empty tuple means the whole tool: the
    policy says so, or the plan names no section the tool has (a PIP recorded from before Oversight)."""
    if policy.scope == "whole_tool":
        return ()
    wanted = set(sections_requiring_action)
    return tuple(s.key for s in tool.sections if s.key in wanted)


def scoped_tool(tool: ToolVersion, sections: Iterable[str]) -> ToolVersion:
    """The tool limited to ``sections`` (all of it when empty): a follow-up's findings, unanswered elements
    and scores cover only these."""
    keep = set(sections)
    if not keep:
        return tool
    return tool.model_copy(update={"sections": tuple(s for s in tool.sections if s.key in keep)})


def follow_up_compliant(total: Fraction | None, policy: FollowUpPolicy) -> bool:
    """Seed 003: compliance shown means the scoped score reaches ``compliant_at`` (100%)."""
    return total is not None and total >= policy.compliant_at
