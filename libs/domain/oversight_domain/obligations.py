"""Provider obligations: dated things a provider owes the plan that oversees it, on a cadence (seed 003).

The kinds and their cadences are policy data (``policies/ecm-provider-obligations.yaml``): the program
narrative, six months after the provider's first enrolled member and yearly after that, owed once per
plan-provider network link; peer sharing support, every two months during a site's first six months and every
six months after, owed per site. This module turns a kind's cadence and an anchor date into due dates and
reminder dates, and says what an occurrence's status is on a given day. Pure: plain values in and out.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from oversight_domain.calendars import add_months

# A thousand occurrences of the shortest cadence is a century and a half: far beyond any contract.
MAX_SEQUENCE = 1000


class ObligationStatus(StrEnum):
    """What is stored; ``due`` and ``returned`` are owed, and read as ``overdue`` once the due date passed."""

    DUE = "due"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"
    COMPLETED = "completed"


class ObligationView(StrEnum):
    """What callers see and filter on: the stored status, with owed-and-past-due shown as ``overdue``."""

    DUE = "due"
    OVERDUE = "overdue"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"
    COMPLETED = "completed"


OWED = frozenset({ObligationStatus.DUE, ObligationStatus.RETURNED})
"""The provider still has to submit."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Phase(_Strict):
    every_months: int = Field(ge=1, le=120)
    times: int | None = Field(default=None, ge=1, le=MAX_SEQUENCE)


class Reminders(_Strict):
    days_before: tuple[int, ...] = Field(default=(), max_length=10)
    overdue_days_after: int = Field(default=1, ge=1, le=365)

    @model_validator(mode="after")
    def _positive(self) -> Reminders:
        if any(not 1 <= d <= 365 for d in self.days_before):
            raise ValueError("days_before must be 1..365")
        return self


class ObligationKind(_Strict):
    title: str
    per: Literal["network_link", "site"]
    anchor: Literal["first_enrollment", "site_added"]
    cadence: tuple[Phase, ...] = Field(min_length=1)
    review: bool
    contents: tuple[str, ...] = ()
    reminders: Reminders = Reminders()

    @model_validator(mode="after")
    def _open_ended(self) -> ObligationKind:
        # Only the last phase may run for ever; an earlier open-ended one would hide the rest.
        if any(p.times is None for p in self.cadence[:-1]):
            raise ValueError("only the last phase of a cadence may omit times")
        return self


class ObligationPolicy(_Strict):
    program: str
    source: str
    kinds: dict[str, ObligationKind]


@cache
def load_policy(program: str = "ecm") -> ObligationPolicy:
    """The shipped obligations of a program (only ECM has any: seed 003)."""
    name = f"{program}-provider-obligations.yaml"
    try:
        text = resources.files("oversight_domain.policies").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise KeyError(f"no obligations policy for {program!r}") from exc
    return parse_policy(yaml.safe_load(text))


def parse_policy(data: Mapping[str, Any]) -> ObligationPolicy:
    return ObligationPolicy.model_validate(dict(data))


def months_after_anchor(kind: ObligationKind, sequence: int) -> int:
    """How many months after the anchor occurrence ``sequence`` (1-based) falls."""
    if not 1 <= sequence <= MAX_SEQUENCE:
        raise ValueError(f"sequence must be 1..{MAX_SEQUENCE}")
    months, left = 0, sequence
    for phase in kind.cadence:
        steps = left if phase.times is None else min(left, phase.times)
        months += steps * phase.every_months
        left -= steps
        if left == 0:
            return months
    # The cadence ended (every phase has ``times``): there is no such occurrence.
    raise ValueError(f"the cadence has no occurrence {sequence}")


def due_on(kind: ObligationKind, anchor: date, sequence: int) -> date:
    """Occurrence ``sequence``'s due date, from the anchor (never from the previous due date, so a clamped
    month end does not drift: anchor 2026-08-31 -> 2027-02-28, 2027-08-31)."""
    return add_months(anchor, months_after_anchor(kind, sequence))


def has_occurrence(kind: ObligationKind, sequence: int) -> bool:
    try:
        months_after_anchor(kind, sequence)
    except ValueError:
        return False
    return True


def first_owed(kind: ObligationKind, anchor: date, today: date) -> tuple[int, date] | None:
    """The first occurrence due today or later: where a newly found anchor starts its series. Occurrences
    whose date passed before Oversight knew of the anchor are not invented as overdue."""
    sequence = 1
    while has_occurrence(kind, sequence):
        due = due_on(kind, anchor, sequence)
        if due >= today:
            return sequence, due
        sequence += 1
    return None


def reminder_dates(kind: ObligationKind, due: date) -> dict[str, date]:
    """Deadline kind -> the day it fires: ``reminder_<n>`` n days before, ``due`` on the day (the next
    occurrence is created), ``overdue`` the configured days after."""
    dates = {f"reminder_{d}": due - timedelta(days=d) for d in kind.reminders.days_before}
    dates["due"] = due
    dates["overdue"] = due + timedelta(days=kind.reminders.overdue_days_after)
    return dates


def view(status: ObligationStatus | str, due: date, today: date) -> ObligationView:
    """What an occurrence reads as on ``today``."""
    stored = ObligationStatus(status)
    if stored in OWED and due < today:
        return ObligationView.OVERDUE
    return ObligationView(stored.value)


def after_submission(kind: ObligationKind) -> ObligationStatus:
    """A kind the plan reviews waits for its decision; any other is complete once reported."""
    return ObligationStatus.SUBMITTED if kind.review else ObligationStatus.COMPLETED
