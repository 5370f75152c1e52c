"""Review tools as data: the shipped tools (seeds 000, 002, 003), validation paths, round trips."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oversight_domain.tools import (
    ToolValidationError,
    dump_tool,
    load_tool,
    parse_tool,
    shipped_tools,
    tool_to_data,
)

ECM = load_tool("ecm-partnership")
TCM = load_tool("nc-tcm-monitoring")


def test_seed003_ecm_tool_has_the_eight_sections_of_the_review_tool() -> None:
    assert [s.title for s in ECM.sections] == [
        "Outreach and Engagement",
        "Comprehensive Assessment and Care Management Plan",
        "Enhanced Coordination of Care",
        "Health Promotion",
        "Comprehensive Transitional Care",
        "Member and Family Supports",
        "Coordination of/and Referral to Community and Social Support Services",
        "Quality and Monitoring Reports",
    ]
    assert ECM.program == "ecm" and ECM.jurisdiction == "US-CA"
    assert ECM.element("cp.valid_roi").level == "record"  # ROI in member's file
    assert ECM.element("qm.treatment_authorization_reports").level == "provider"  # TAR data
    assert ECM.element("oe.education_materials").level == "provider"  # materials


def test_seed003_ecm_policies() -> None:
    p = ECM.policies
    assert (p.scoring.pass_total, p.scoring.conditional_total, p.scoring.section_threshold) == (
        Fraction(9, 10),
        Fraction(4, 5),
        Fraction(4, 5),
    )
    assert (p.sampling.strata, p.sampling.per_stratum, p.sampling.expansion_size) == ("single", 8, 8)
    assert p.sampling.eligibility_min_enrolled == 10
    assert (p.escalation.pip_days, p.escalation.cap_days) == (90, 30)
    assert p.escalation.holds_on_cap == ("new_enrollment", "authorizations")
    assert p.review_frequency.months == 24


def test_seed000_nc_tcm_policies() -> None:
    p = TCM.policies
    assert (p.sampling.strata, p.sampling.per_stratum, p.sampling.cap) == ("by_stratum", 10, 30)
    assert p.notice is not None and (p.notice.days, p.notice.day_type) == (28, "calendar")
    assert p.escalation.first_review_is_technical_assistance
    assert TCM.program == "tcm" and TCM.jurisdiction == "US-NC"
    assert "derived from the seeds" in TCM.title or "derived" in TCM.version


def test_seed002_tcm_elements_cover_the_data_system_duties() -> None:
    keys = {e.key for s in TCM.sections for e in s.elements}
    for duty in (
        "assigned_member_record",
        "interactions_documented",
        "assessment_documented",
        "care_plan_documented",
        "care_gaps_flagged",
        "adt_events_tracked",
        "external_reporting",
        "records_shared",
    ):
        assert f"tcm.{duty}" in keys


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_round_trip_is_exact(fmt) -> None:
    for tool in shipped_tools():
        text = dump_tool(tool, fmt)
        again = parse_tool(text, fmt)
        assert again == tool
        assert dump_tool(again, fmt) == text


def test_validation_errors_name_the_exact_path() -> None:
    data = tool_to_data(ECM)
    data["sections"][2]["elements"][0]["points"] = 0
    data["sections"][0]["elements"][1]["level"] = "member"
    data["policies"]["sampling"]["per_stratum"] = -1
    data["surprise"] = True
    with pytest.raises(ToolValidationError) as info:
        parse_tool(data)
    paths = {e["path"] for e in info.value.errors}
    assert paths == {
        "sections[2].elements[0].points",
        "sections[0].elements[1].level",
        "policies.sampling.per_stratum",
        "surprise",
    }


def test_semantic_errors_name_the_exact_path() -> None:
    data = tool_to_data(ECM)
    data["sections"][1]["elements"][1]["key"] = data["sections"][0]["elements"][0]["key"]
    with pytest.raises(ToolValidationError) as info:
        parse_tool(data)
    assert info.value.errors == [
        {
            "path": "sections[1].elements[1].key",
            "message": "duplicate element key 'oe.member_visit_documentation' "
            "(first at sections[0].elements[0])",
        }
    ]
    data = tool_to_data(ECM)
    data["policies"]["scoring"]["conditional_total"] = "0.95"
    with pytest.raises(ToolValidationError) as info:
        parse_tool(data)
    assert info.value.errors[0]["path"] == "policies.scoring.conditional_total"


def test_thresholds_read_exactly_from_decimals_percent_and_floats() -> None:
    for value in ("0.9", "90%", 0.9, "9/10"):
        data = tool_to_data(ECM)
        data["policies"]["scoring"]["pass_total"] = value
        assert parse_tool(data).policies.scoring.pass_total == Fraction(9, 10)
    data = tool_to_data(ECM)
    data["policies"]["scoring"]["pass_total"] = True
    with pytest.raises(ToolValidationError):
        parse_tool(data)


def test_bad_documents() -> None:
    with pytest.raises(ToolValidationError):
        parse_tool("- just\n- a list\n")
    with pytest.raises(ToolValidationError):
        parse_tool("{not json", "json")
    with pytest.raises(KeyError):
        load_tool("nope")


def test_tools_are_immutable() -> None:
    with pytest.raises(Exception):  # noqa: B017 - pydantic raises ValidationError for frozen models
        ECM.key = "other"  # type: ignore[misc]


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.integers(1, 20), min_size=1, max_size=6),
    st.fractions(min_value=0, max_value=1, max_denominator=1000),
    st.sampled_from(["yaml", "json"]),
)
def test_property_round_trip_of_varied_tools(points, threshold, fmt) -> None:
    data = tool_to_data(ECM)
    data["sections"] = [
        {
            "key": f"s{i}",
            "title": f"S {i}",
            "elements": [{"key": f"e{i}", "title": "t", "requirement": "r", "level": "record", "points": p}],
        }
        for i, p in enumerate(points)
    ]
    data["policies"]["scoring"]["section_threshold"] = str(threshold)
    tool = parse_tool(data)
    assert parse_tool(dump_tool(tool, fmt), fmt) == tool
    assert tool.policies.scoring.section_threshold == threshold
