"""Distribution plan rules and the payment split (seed 001: budgets, quarterly targets, provider allocations)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oversight_domain.capacity import CapacityError
from oversight_domain.capacity_plans import (
    Allocation,
    Budget,
    Progress,
    QuarterTarget,
    local_date,
    split_payment,
    validate_plan,
    validate_progress,
)

D = Decimal


def test_a_valid_plan_passes() -> None:
    validate_plan(
        [Budget(1, D("50000.00")), Budget(4, D("600000.00"))],
        [QuarterTarget(4, 1, D("10"), D("100000.00")), QuarterTarget(4, 2, D("20"), D("500000.00"))],
        [Allocation("p1", 4, D("600000.00"))],
        range(1, 7),
    )


def test_every_problem_is_listed_with_its_path() -> None:
    with pytest.raises(CapacityError) as info:
        validate_plan(
            [Budget(4, D("100.00")), Budget(4, D("1.00")), Budget(7, D("-1.005"))],
            [
                QuarterTarget(1, 1, D("1"), D("0")),
                QuarterTarget(4, 9, D("-1"), D("150.00")),
                QuarterTarget(3, 1, D("1"), D("1.00")),
            ],
            [Allocation("p1", 4, D("90.00")), Allocation("p1", 4, D("20.00"))],
            range(1, 7),
        )
    paths = {e["path"] for e in info.value.errors}
    assert {
        "budgets[1].milestone",
        "budgets[2].milestone",
        "budgets[2].amount",
        "targets[0].milestone",
        "targets[1].quarter",
        "targets[1].target",
        "targets[2].milestone",
        "allocations[1]",
        "allocations",
    } <= paths
    messages = " ".join(e["message"] for e in info.value.errors)
    assert "must be whole cents" in messages and "exceed its budget" in messages


def test_negative_progress_and_unknown_milestones_are_refused() -> None:
    validate_progress([Progress(4, D("12")), Progress(2, D("0"))])
    with pytest.raises(CapacityError) as info:
        validate_progress([Progress(4, D("-1")), Progress(4, D("1")), Progress(0, D("1"))])
    assert [e["path"] for e in info.value.errors] == [
        "progress[0].quantity",
        "progress[1].milestone",
        "progress[2].milestone",
    ]


def test_split_worked_example_thirds() -> None:
    # 100000.00 over two providers holding 200000 each of a 600000 budget, the plan keeping the rest.
    lines = split_payment(D("100000.00"), D("600000.00"), [("p1", D("200000.00")), ("p2", D("200000.00"))])
    assert lines == [("p1", D("33333.34")), ("p2", D("33333.33")), (None, D("33333.33"))]


def test_split_without_allocations_is_the_plans() -> None:
    assert split_payment(D("50000.00"), D("50000.00"), []) == [(None, D("50000.00"))]
    assert split_payment(D("0.00"), D("1.00"), [("p", D("1.00"))]) == []


@given(
    amount_cents=st.integers(min_value=1, max_value=10**11),
    shares=st.lists(st.integers(min_value=0, max_value=10**9), min_size=0, max_size=8),
    spare=st.integers(min_value=0, max_value=10**9),
)
def test_split_adds_up_exactly_and_each_line_is_within_a_cent_of_its_share(
    amount_cents: int, shares: list[int], spare: int
) -> None:
    amount = D(amount_cents) / 100
    allocs = [(f"p{i}", D(c) / 100) for i, c in enumerate(shares)]
    budget = sum((a for _, a in allocs), D(0)) + D(spare) / 100
    if budget == 0:
        return
    lines = split_payment(amount, budget, allocs)
    assert sum((a for _, a in lines), D(0)) == amount
    assert all(a > 0 and a == a.quantize(D("0.01")) for _, a in lines)
    for key, share in allocs:
        got = sum((a for k, a in lines if k == key), D(0))
        assert abs(got - amount * share / budget) < D("0.01")


def test_local_date_is_north_carolinas() -> None:
    # 2022-05-01 03:30 UTC is still April 30 in North Carolina: a report due then is on time.
    assert local_date(datetime(2022, 5, 1, 3, 30, tzinfo=UTC), "US-NC") == date(2022, 4, 30)


def test_every_problem_is_listed_in_order_with_its_path_and_message() -> None:
    with pytest.raises(CapacityError) as info:
        validate_plan(
            [Budget(1, D("10.00")), Budget(4, D("100.00")), Budget(4, D("1.00")), Budget(7, D("-1.005"))],
            [
                QuarterTarget(1, 1, D("1"), D("20")),
                QuarterTarget(4, 9, D("-1"), D("150.00")),
                QuarterTarget(4, 9, D("1"), D("0.001")),
                QuarterTarget(3, 1, D("1"), D("-1.00")),
            ],
            [
                Allocation("p1", 4, D("90.00")),
                Allocation("p1", 4, D("20.00")),
                Allocation("p2", 5, D("-0.505")),
                Allocation("p3", 1, D("11.00")),
            ],
            iter(range(1, 7)),
        )
    assert info.value.errors == [
        {"path": "budgets[2].milestone", "message": "duplicate budget for this milestone"},
        {"path": "budgets[3].milestone", "message": "no milestone 7 (1-6)"},
        {"path": "budgets[3].amount", "message": "must be >= 0, got -1.005"},
        {"path": "budgets[3].amount", "message": "must be whole cents"},
        {"path": "targets[0].milestone", "message": "milestone 1 is met by the plan's approval"},
        {"path": "targets[1].quarter", "message": "no quarter 9 in the program"},
        {"path": "targets[1].target", "message": "must be >= 0, got -1"},
        {"path": "targets[2].quarter", "message": "no quarter 9 in the program"},
        {"path": "targets[2]", "message": "duplicate target for this milestone and quarter"},
        {"path": "targets[2].payment", "message": "must be whole cents"},
        {"path": "targets[3].milestone", "message": "milestone 3 has no budget"},
        {"path": "targets[3].payment", "message": "must be >= 0, got -1.00"},
        {"path": "targets", "message": "milestone 1: quarterly payments 20 exceed its budget 10.00"},
        {"path": "targets", "message": "milestone 4: quarterly payments 150.001 exceed its budget 1.00"},
        {"path": "allocations[1]", "message": "duplicate allocation for this provider and milestone"},
        {"path": "allocations[2].milestone", "message": "milestone 5 has no budget"},
        {"path": "allocations[2].amount", "message": "must be >= 0, got -0.505"},
        {"path": "allocations[2].amount", "message": "must be whole cents"},
        {"path": "allocations", "message": "milestone 1: allocations 11.00 exceed its budget 10.00"},
        {"path": "allocations", "message": "milestone 4: allocations 110.00 exceed its budget 1.00"},
    ]
