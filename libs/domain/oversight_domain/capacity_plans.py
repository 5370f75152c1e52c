"""Capacity Building distribution plans and payments (seed 001), as pure rules.

A participant's distribution plan (milestone 1) gives a budget per milestone, quarterly targets per milestone
(each with the payment it earns when met) and allocations of each milestone's budget to the AMH+ practices
and CMAs it funds, from its needs assessment. Seed 002 describes what the health-IT milestone (3) buys: the
care management data system an AMH+/CMA enhances, licenses from a CIN/partner, or licenses from a plan.

Money is ``Decimal`` in cents; nothing here uses floats. :func:`split_payment` divides an earned payment over
the providers in proportion to their allocation of the milestone's budget (the unallocated share stays with
the plan) with the largest-remainder method, so the lines always add up to the payment exactly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_DOWN, Decimal
from zoneinfo import ZoneInfo

from oversight_domain.capacity import MILESTONES, CapacityError

CENT = Decimal("0.01")
PLAN_MILESTONE = 1
"""Milestone 1 is the distribution plan itself: it is achieved (and its budget earned) on approval."""

_TIMEZONES = {"US-NC": "America/New_York", "US-CA": "America/Los_Angeles", "US": "America/New_York"}


@dataclass(frozen=True, slots=True)
class Budget:
    milestone: int
    amount: Decimal


@dataclass(frozen=True, slots=True)
class QuarterTarget:
    milestone: int
    period_index: int
    target: Decimal
    payment: Decimal


@dataclass(frozen=True, slots=True)
class Allocation:
    provider_id: str
    milestone: int
    amount: Decimal


def _money_errors(path: str, value: Decimal) -> list[dict[str, str]]:
    errors = []
    if value < 0:
        errors.append({"path": path, "message": f"must be >= 0, got {value}"})
    if value != value.quantize(CENT):
        errors.append({"path": path, "message": "must be whole cents"})
    return errors


def _budgets_by_milestone(budgets: Sequence[Budget]) -> tuple[dict[int, Decimal], list[dict[str, str]]]:
    """Each milestone's budget (the last one winning) and the problems with the budgets."""
    known = {m.number for m in MILESTONES}
    errors: list[dict[str, str]] = []
    budget_of: dict[int, Decimal] = {}
    for i, b in enumerate(budgets):
        path = f"budgets[{i}]"
        if b.milestone not in known:
            errors.append({"path": f"{path}.milestone", "message": f"no milestone {b.milestone} (1-6)"})
        if b.milestone in budget_of:
            errors.append({"path": f"{path}.milestone", "message": "duplicate budget for this milestone"})
        errors += _money_errors(f"{path}.amount", b.amount)
        budget_of[b.milestone] = b.amount
    return budget_of, errors


def _over_budgets_by_milestone(
    path: str, what: str, totals: dict[int, Decimal], budget_of: dict[int, Decimal]
) -> list[dict[str, str]]:
    """One error per budgeted milestone, in milestone order, whose ``totals`` exceed its budget."""
    return [
        {
            "path": path,
            "message": f"milestone {milestone}: {what} {total} exceed its budget {budget_of[milestone]}",
        }
        for milestone, total in sorted(totals.items())
        if milestone in budget_of and total > budget_of[milestone]
    ]


def _target_errors(
    path: str, t: QuarterTarget, budget_of: dict[int, Decimal], quarters: set[int]
) -> list[dict[str, str]]:
    """Problems with one quarterly target on its own (not duplicates or totals)."""
    errors: list[dict[str, str]] = []
    if t.milestone == PLAN_MILESTONE:
        errors.append({"path": f"{path}.milestone", "message": "milestone 1 is met by the plan's approval"})
    elif t.milestone not in budget_of:
        errors.append({"path": f"{path}.milestone", "message": f"milestone {t.milestone} has no budget"})
    if t.period_index not in quarters:
        errors.append({"path": f"{path}.quarter", "message": f"no quarter {t.period_index} in the program"})
    return errors


def _targets_errors(
    targets: Sequence[QuarterTarget], budget_of: dict[int, Decimal], quarters: set[int]
) -> list[dict[str, str]]:
    """Problems with the quarterly targets, then any milestone whose payments exceed its budget."""
    errors: list[dict[str, str]] = []
    paid: dict[int, Decimal] = defaultdict(Decimal)
    seen: set[tuple[int, int]] = set()
    for i, t in enumerate(targets):
        path = f"targets[{i}]"
        errors += _target_errors(path, t, budget_of, quarters)
        if (t.milestone, t.period_index) in seen:
            errors.append({"path": path, "message": "duplicate target for this milestone and quarter"})
        seen.add((t.milestone, t.period_index))
        if t.target < 0:
            errors.append({"path": f"{path}.target", "message": f"must be >= 0, got {t.target}"})
        errors += _money_errors(f"{path}.payment", t.payment)
        paid[t.milestone] += t.payment
    return errors + _over_budgets_by_milestone("targets", "quarterly payments", paid, budget_of)


def _allocations_errors(
    allocations: Sequence[Allocation], budget_of: dict[int, Decimal]
) -> list[dict[str, str]]:
    """Problems with the provider allocations, then any milestone whose allocations exceed its budget."""
    errors: list[dict[str, str]] = []
    allocated: dict[int, Decimal] = defaultdict(Decimal)
    seen: set[tuple[str, int]] = set()
    for i, a in enumerate(allocations):
        path = f"allocations[{i}]"
        if a.milestone not in budget_of:
            errors.append({"path": f"{path}.milestone", "message": f"milestone {a.milestone} has no budget"})
        if (a.provider_id, a.milestone) in seen:
            errors.append({"path": path, "message": "duplicate allocation for this provider and milestone"})
        seen.add((a.provider_id, a.milestone))
        errors += _money_errors(f"{path}.amount", a.amount)
        allocated[a.milestone] += a.amount
    return errors + _over_budgets_by_milestone("allocations", "allocations", allocated, budget_of)


def validate_plan(
    budgets: Sequence[Budget],
    targets: Sequence[QuarterTarget],
    allocations: Sequence[Allocation],
    quarters: Iterable[int],
) -> None:
    """Raise :class:`CapacityError` listing every problem with a distribution plan, or return None."""
    quarter_set = set(quarters)
    budget_of, errors = _budgets_by_milestone(budgets)
    errors += _targets_errors(targets, budget_of, quarter_set)
    errors += _allocations_errors(allocations, budget_of)
    if errors:
        raise CapacityError(errors)


def split_payment(
    amount: Decimal, budget: Decimal, allocations: Sequence[tuple[str, Decimal]]
) -> list[tuple[str | None, Decimal]]:
    """Divide ``amount`` over ``allocations`` (provider id, allocated amount of a milestone ``budget``) pro
    rata; the unallocated share goes to the plan (``None``). Lines are whole cents, zero lines are dropped,
    and they add up to ``amount`` exactly (largest remainder; ties go to the earlier allocation)."""
    if amount <= 0:
        return []
    if budget <= 0:
        return [(None, amount)]
    parties: list[tuple[str | None, Decimal]] = list(allocations)
    unallocated = budget - sum((a for _, a in allocations), Decimal(0))
    if unallocated > 0:
        parties.append((None, unallocated))
    exact = [amount * share / budget for _, share in parties]
    floors = [e.quantize(CENT, rounding=ROUND_DOWN) for e in exact]
    left = int((amount - sum(floors, Decimal(0))) / CENT)
    order = sorted(range(len(parties)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += CENT
    return [(parties[i][0], floors[i]) for i in range(len(parties)) if floors[i] > 0]


def local_date(moment: datetime, jurisdiction: str) -> date:
    """The calendar date of ``moment`` where the program runs: a report due on the 30th is on time until
    midnight in North Carolina, not in UTC."""
    zone = _TIMEZONES.get(jurisdiction) or _TIMEZONES.get(jurisdiction.split("-", 1)[0], "UTC")
    return moment.astimezone(ZoneInfo(zone)).date()


@dataclass(frozen=True, slots=True)
class Progress:
    milestone: int
    quantity: Decimal


def validate_progress(progress: Sequence[Progress]) -> None:
    """A report's progress: milestones 1-6, each at most once, quantities >= 0."""
    known = {m.number for m in MILESTONES}
    errors: list[dict[str, str]] = []
    seen: set[int] = set()
    for i, p in enumerate(progress):
        path = f"progress[{i}]"
        if p.milestone not in known:
            errors.append({"path": f"{path}.milestone", "message": f"no milestone {p.milestone} (1-6)"})
        if p.milestone in seen:
            errors.append({"path": f"{path}.milestone", "message": "duplicate progress for this milestone"})
        seen.add(p.milestone)
        if p.quantity < 0:
            errors.append({"path": f"{path}.quantity", "message": f"must be >= 0, got {p.quantity}"})
    if errors:
        raise CapacityError(errors)
