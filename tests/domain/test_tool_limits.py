"""Tool documents and capacity programs are bounded: every bad input is a ToolValidationError or a
CapacityError naming where, never another exception, and the limits are far above the seeds' figures."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
import yaml

from oversight_domain.capacity import (
    MAX_DUE_DAYS,
    MAX_MONTHLY_REPORTS,
    MAX_PERIODS,
    CapacityError,
    generate_schedule,
    load_program,
)
from oversight_domain.tools import ToolValidationError, parse_tool
from oversight_domain.tools.loader import MAX_DEPTH, MAX_DOCUMENT_BYTES, MAX_NUMBER_CHARS
from oversight_domain.tools.models import MAX_ELEMENTS, MAX_POLICY_DAYS, MAX_SAMPLE_SIZE
from tests import worst_inputs


def refused(raw: bytes | str, fmt: str = "yaml") -> list[dict[str, str]]:
    with pytest.raises(ToolValidationError) as caught:
        parse_tool(raw, fmt)  # type: ignore[arg-type]
    return caught.value.errors


def messages(errors: list[dict[str, str]]) -> str:
    return " | ".join(f"{e['path']}: {e['message']}" for e in errors)


def test_yaml_aliases_are_refused_with_their_position() -> None:
    assert "aliases (*name) are not accepted (line 2" in messages(refused(worst_inputs.alias_bomb(100_000)))
    # the 600 KB document is over the size limit before anything is parsed
    assert f"larger than {MAX_DOCUMENT_BYTES} bytes" in messages(refused(worst_inputs.alias_bomb()))


def test_deep_nesting_is_refused() -> None:
    assert f"nested more than {MAX_DEPTH} levels deep (line 1, column 21)" in messages(
        refused(worst_inputs.deep_json(50_000), "json")
    )
    assert "nesting depth" in messages(refused(worst_inputs.deep_yaml(50_000)))
    # the 100,000 levels are over the size limit before anything is parsed
    assert f"larger than {MAX_DOCUMENT_BYTES} bytes" in messages(refused(worst_inputs.deep_json(), "json"))
    # the mapping is level 1, so the 20th bracket (column 25) is level 21 (libyaml's own limit is 1000)
    deep = "key: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    assert f"nested more than {MAX_DEPTH} levels deep (line 1, column {5 + MAX_DEPTH})" in messages(
        refused(deep)
    )


def test_long_numbers_are_refused_with_their_position() -> None:
    json_errors = messages(refused(worst_inputs.long_integer_json(), "json"))
    assert f"a number longer than {MAX_NUMBER_CHARS} characters (line 1, column" in json_errors
    yaml_errors = messages(refused(worst_inputs.long_integer_yaml()))
    assert f"a number longer than {MAX_NUMBER_CHARS} characters" in yaml_errors and "line 19" in yaml_errors
    # digits inside a JSON string are text, not a number
    data = worst_inputs.tool_data()
    data["source"] = "9" * 100
    assert parse_tool(json.dumps(data), "json").source == "9" * 100


def test_decode_errors_and_unstorable_text() -> None:
    assert (
        messages(refused(worst_inputs.INVALID_UTF8))
        == ": not valid UTF-8 (byte 26: invalid continuation byte)"
    )
    data = worst_inputs.tool_data()
    data["sections"][1]["title"] = "a\u0000b"
    errors = refused(json.dumps(data), "json")
    assert errors == [
        {"path": "sections[1].title", "message": "contains a NUL character or a lone surrogate"}
    ]
    surrogate = json.dumps(worst_inputs.tool_data()).replace('"title": "', '"title": "\\ud800', 1)
    assert refused(surrogate, "json")[0]["path"] == "title"
    assert "month must be in 1..12" in messages(refused("key: 2024-13-45\n"))


def test_the_largest_tool_allowed_parses() -> None:
    tool = parse_tool(worst_inputs.largest_tool())
    assert sum(len(s.elements) for s in tool.sections) == MAX_ELEMENTS


def _with(path: list[str | int], value: Any) -> dict[str, Any]:
    data = worst_inputs.tool_data()
    here: Any = data
    for step in path[:-1]:
        here = here[step]
    here[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "where"),
    [
        (["policies", "sampling", "per_stratum"], MAX_SAMPLE_SIZE + 1, "policies.sampling.per_stratum"),
        (["policies", "sampling", "oversample"], MAX_SAMPLE_SIZE + 1, "policies.sampling.oversample"),
        (["policies", "escalation", "pip_days"], MAX_POLICY_DAYS + 1, "policies.escalation.pip_days"),
        (["policies", "escalation", "reminder_offsets"], [10**6], "policies.escalation.reminder_offsets[0]"),
        (
            ["policies", "escalation", "reminder_offsets"],
            list(range(1, 12)),
            "policies.escalation.reminder_offsets",
        ),
        (["policies", "notice"], {"days": 2_000_000, "day_type": "business"}, "policies.notice.days"),
    ],
)
def test_policy_numbers_that_drive_loops_are_bounded(path: list[str | int], value: Any, where: str) -> None:
    errors = refused(yaml.safe_dump(_with(path, value)))
    assert where in [e["path"] for e in errors], errors


def test_too_many_elements() -> None:
    data = worst_inputs.tool_data()
    element = {"title": "T", "requirement": "R", "level": "record", "points": 1}
    data["sections"] = [
        {"key": f"s{s}", "title": "S", "elements": [{**element, "key": f"e{s}.{e}"} for e in range(100)]}
        for s in range(3)
    ]
    errors = refused(json.dumps(data), "json")
    assert {"path": "sections", "message": f"300 elements; at most {MAX_ELEMENTS}"} in errors


# --------------------------------------------------------------------------- capacity programs


def _program(quarterly: dict[str, Any], monthly: dict[str, Any] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"key": "k", "title": "t", "quarterly": quarterly}
    if monthly is not None:
        data["monthly"] = monthly
    return data


def _capacity_errors(data: dict[str, Any]) -> list[dict[str, str]]:
    with pytest.raises(CapacityError) as caught:
        generate_schedule(data)
    return caught.value.errors


@pytest.mark.parametrize("days", [MAX_DUE_DAYS + 1, 2_000_000, 10**12])
def test_due_rule_days_are_bounded(days: int) -> None:
    rule = {"kind": "days_after_end", "days": days, "day_type": "business"}
    errors = _capacity_errors(
        _program({"first_start": "2022-01-01", "last_end": "2023-06-30", "due_rule": rule})
    )
    assert errors[0]["path"] == "quarterly.due_rule.days_after_end.days"


def test_period_and_month_counts_are_bounded() -> None:
    rule = {"kind": "last_day_of_month"}
    errors = _capacity_errors(
        _program({"first_start": "2022-01-01", "last_end": "9999-12-31", "due_rule": rule})
    )
    assert errors == [{"path": "quarterly", "message": f"31912 periods; at most {MAX_PERIODS}"}]
    months = _capacity_errors(
        _program(
            {"first_start": "2022-01-01", "last_end": "2023-06-30", "due_rule": rule},
            {"first_month": "2000-01-01", "last_month": "9999-12-01", "due_rule": rule},
        )
    )
    assert months == [{"path": "monthly", "message": f"96000 monthly reports; at most {MAX_MONTHLY_REPORTS}"}]


def test_due_dates_past_9999_are_refused() -> None:
    errors = _capacity_errors(
        _program(
            {
                "first_start": "9999-01-01",
                "last_end": "9999-12-31",
                "due_rule": {"kind": "last_day_of_month", "months_after": 1},
            }
        )
    )
    assert errors == [{"path": "quarterly.due_rule", "message": "the due date falls after 9999-12-31"}]


def test_the_largest_program_allowed_generates() -> None:
    rule = {"kind": "days_after_end", "days": MAX_DUE_DAYS, "day_type": "business"}
    schedule = generate_schedule(
        _program(
            {"first_start": "2022-01-01", "last_end": "2036-12-31", "due_rule": rule},
            {"first_month": "2022-01-01", "last_month": "2026-12-01", "due_rule": rule},
        )
    )
    assert len(schedule.of_kind("quarterly")) == MAX_PERIODS
    assert len(schedule.of_kind("monthly")) == MAX_MONTHLY_REPORTS
    # the shipped program (seed 001 Table 2) is far inside the limits
    nc = generate_schedule(load_program("nc-tcm-capacity-building"))
    assert nc.quarter(6).due_on == date(2023, 7, 30)
