"""Sampling methods (issue 14) against samples worked by hand on a small frame.

The frame: members m01..m12. Their order under the seed "hand" is md5("hand:<id>") ascending, which anyone can
check with ``printf 'hand:m01' | md5sum``:

    11ec69b3 m06, 1b2d02e6 m11, 28a5a4ed m01, 3da9fd7c m05, 54960ecd m08, 6cc378bc m04,
    9c630bd3 m02, a3781361 m03, a455b5ef m09, da0c55bb m07, dff17825 m10, e0d8f5f4 m12
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oversight_db.tools import content_hash
from oversight_domain.sampling import FrameMember, draw_sample, draw_size, percentage_size
from oversight_domain.tools import SamplingPolicy, ToolValidationError, load_tool, parse_tool, tool_to_data

FRAME = [FrameMember(f"m{i:02d}", "a" if i <= 6 else "b") for i in range(1, 13)]
ORDER = ["m06", "m11", "m01", "m05", "m08", "m04", "m02", "m03", "m09", "m07", "m10", "m12"]


def ids(members: Any) -> list[str]:
    return [m.member_id for m in members]


def test_fixed_then_an_expansion_that_draws_the_first_reserves_again() -> None:
    policy = SamplingPolicy(strata="single", per_stratum=4, expansion_size=4, oversample=2)
    first = draw_sample(FRAME, policy, "hand")
    assert ids(first.selected) == ["m06", "m11", "m01", "m05"]
    assert ids(first.oversample) == ["m08", "m04"]
    assert (first.requested, first.limited_by_frame) == (4, False)
    # The expansion leaves out the sampled members only: the unused reserves m08, m04 come first again.
    second = draw_sample(FRAME, policy, "hand", draw=2, already_selected=ids(first.selected))
    assert ids(second.selected) == ["m08", "m04", "m02", "m03"]
    assert ids(second.oversample) == ["m09", "m07"]
    assert [m.position for m in second.selected] == [1, 2, 3, 4]
    assert (second.requested, second.limited_by_frame) == (4, False)


def test_an_expansion_larger_than_what_is_left_takes_all_of_it() -> None:
    policy = SamplingPolicy(strata="single", per_stratum=4, expansion_size=10, oversample=2)
    first = draw_sample(FRAME, policy, "hand")
    second = draw_sample(FRAME, policy, "hand", draw=2, already_selected=ids(first.selected))
    assert ids(second.selected) == ORDER[4:]  # the 8 members left, in order
    assert second.oversample == ()
    assert (second.requested, sum(second.quotas.values()), second.limited_by_frame) == (10, 8, True)


def test_per_stratum_quota_with_a_cap() -> None:
    # a = m01..m06 in order m06, m01, m05, m04, m02, m03; b = m07..m12 in order m11, m08, m09, m07, m10, m12.
    # 2 each would be 4 > cap 3: one each, and the last one to the larger stratum, ties by name: a.
    policy = SamplingPolicy(strata="by_stratum", per_stratum=2, cap=3, oversample=1)
    sel = draw_sample(FRAME, policy, "hand")
    assert sel.quotas == {"a": 2, "b": 1}
    assert ids(sel.stratum("a").selected) == ["m06", "m01"] and ids(sel.stratum("a").oversample) == ["m05"]
    assert ids(sel.stratum("b").selected) == ["m11"] and ids(sel.stratum("b").oversample) == ["m08"]
    assert (sel.requested, sel.limited_by_frame) == (3, False)


def test_upfront_sample_reviews_a_prefix_and_holds_the_rest() -> None:
    policy = SamplingPolicy(strata="single", method="upfront", per_stratum=3, upfront_size=8, oversample=2)
    sel = draw_sample(FRAME, policy, "hand")
    assert ids(sel.selected) == ["m06", "m11", "m01"]
    assert ids(sel.held) == ["m05", "m08", "m04", "m02", "m03"]
    assert ids(sel.oversample) == ["m09", "m07"]
    assert [m.position for m in sel.held] == [4, 5, 6, 7, 8]
    assert (sel.requested, sel.limited_by_frame) == (3, False)
    # The second stage draws nothing: it takes the 5 held members, all that it asks for.
    stage2 = draw_size(policy, 2, {"all": 5})
    assert (stage2.quotas, stage2.requested, stage2.limited_by_frame) == ({"all": 5}, 5, False)
    with pytest.raises(ValueError, match="draws nothing"):
        draw_sample(FRAME, policy, "hand", draw=2)


def test_upfront_sample_on_a_frame_smaller_than_it() -> None:
    policy = SamplingPolicy(strata="single", method="upfront", per_stratum=8, upfront_size=30, oversample=8)
    sel = draw_sample(FRAME, policy, "hand")
    assert ids(sel.selected) == ORDER[:8] and ids(sel.held) == ORDER[8:] and sel.oversample == ()
    stage2 = draw_size(policy, 2, {"all": len(sel.held)})
    assert (stage2.requested, stage2.drawn, stage2.limited_by_frame) == (22, 4, True)


@pytest.mark.parametrize(
    ("percent", "min_size", "cap", "expected"),
    [
        ("25%", 2, 5, ORDER[:3]),  # ceil(12 x 25%) = 3
        ("50%", None, 5, ORDER[:5]),  # 6, but at most 5
        ("5%", 4, 50, ORDER[:4]),  # ceil(0.6) = 1, but at least 4
    ],
)
def test_percentage_or_maximum(percent: str, min_size: int | None, cap: int, expected: list[str]) -> None:
    policy = SamplingPolicy.model_validate(
        {"strata": "single", "method": "percentage", "percent": percent, "min_size": min_size, "cap": cap}
    )
    sel = draw_sample(FRAME, policy, "hand")
    assert ids(sel.selected) == expected and not sel.limited_by_frame


def test_percentage_minimum_above_the_frame_takes_the_whole_frame() -> None:
    policy = SamplingPolicy.model_validate(
        {
            "strata": "single",
            "method": "percentage",
            "percent": "5%",
            "min_size": 20,
            "cap": 50,
            "oversample": 3,
        }
    )
    sel = draw_sample(FRAME, policy, "hand")
    assert ids(sel.selected) == ORDER and sel.oversample == ()
    assert (sel.requested, sel.limited_by_frame) == (20, True)


def test_five_percent_or_fifty_whichever_is_less() -> None:
    policy = SamplingPolicy.model_validate(
        {"strata": "single", "method": "percentage", "percent": "5%", "min_size": 10, "cap": 50}
    )
    # 5% of 400 = 20; of 410 = 20.5 -> 21 (rounded up); of 1,000 = 50; of 2,000 = 100 -> 50; of 100 = 5 -> 10.
    assert [percentage_size(policy, n) for n in (400, 410, 1000, 2000, 100)] == [20, 21, 50, 50, 10]


def _sampling_errors(sampling: dict[str, Any]) -> list[dict[str, str]]:
    data = tool_to_data(load_tool("ecm-partnership"))
    data["policies"]["sampling"] = sampling
    with pytest.raises(ToolValidationError) as info:
        parse_tool(data)
    return info.value.errors


@pytest.mark.parametrize(
    ("sampling", "path"),
    [
        ({"strata": "single", "method": "upfront", "per_stratum": 8}, "policies.sampling.upfront_size"),
        (
            {"strata": "single", "method": "upfront", "per_stratum": 8, "upfront_size": 8},
            "policies.sampling.upfront_size",
        ),
        (
            {"strata": "by_stratum", "method": "upfront", "per_stratum": 8, "upfront_size": 30},
            "policies.sampling.strata",
        ),
        (
            {
                "strata": "single",
                "method": "upfront",
                "per_stratum": 8,
                "upfront_size": 30,
                "expansion_size": 8,
            },
            "policies.sampling.expansion_size",
        ),
        ({"strata": "single", "method": "percentage", "percent": "5%"}, "policies.sampling.cap"),
        (
            {"strata": "single", "method": "percentage", "percent": "0", "cap": 50},
            "policies.sampling.percent",
        ),
        (
            {"strata": "single", "method": "percentage", "percent": "5%", "cap": 50, "per_stratum": 8},
            "policies.sampling.per_stratum",
        ),
        (
            {"strata": "single", "method": "percentage", "percent": "5%", "cap": 50, "min_size": 60},
            "policies.sampling.min_size",
        ),
        ({"strata": "single", "per_stratum": 8, "percent": "5%"}, "policies.sampling.percent"),
        ({"strata": "single"}, "policies.sampling.per_stratum"),
        ({"strata": "single", "per_stratum": 8, "cap": 4}, "policies.sampling.cap"),
    ],
)
def test_each_method_requires_its_fields_and_refuses_the_others(sampling: dict[str, Any], path: str) -> None:
    assert path in [e["path"] for e in _sampling_errors(sampling)]


def test_shipped_tools_keep_their_documents() -> None:
    """A stored tool's document (and content hash) must not change under a review that uses it: the method's
    fields are left out of the dump while they hold their defaults."""
    for key in ("ecm-partnership", "nc-tcm-monitoring"):
        sampling = tool_to_data(load_tool(key))["policies"]["sampling"]
        assert set(sampling) == {
            "strata",
            "per_stratum",
            "cap",
            "expansion_size",
            "oversample",
            "eligibility_min_enrolled",
            "frame",
        }
        assert load_tool(key).policies.sampling.method == "fixed"


# The content hashes the shipped versions were stored with (migration 0004, `tools sync`). A shipped version is
# immutable once a review uses it: changing its document needs a new version, and a new policy must leave out
# its defaults (or every existing database sees a conflict on `tools sync`).
STORED_HASHES = {
    "ecm-partnership": "8ee79484b5b58bc15cdd63e153138ed952d4aaeaf961c12e1aa3dbcc33076467",
    "nc-tcm-monitoring": "c83cca01ce72d336147682c4af6cb3e8af140599e1e4512452d86e05c045ddbf",
}


def test_shipped_versions_keep_their_stored_content_hash() -> None:
    for key, stored in STORED_HASHES.items():
        assert content_hash(tool_to_data(load_tool(key))) == stored, key


def test_the_example_8_30_tool_parses() -> None:
    text = resources.files("oversight_domain.tools").joinpath("examples/ecm-ncqa-8-30.yaml").read_text()
    sampling = parse_tool(text).policies.sampling
    assert (sampling.method, sampling.per_stratum, sampling.upfront_size) == ("upfront", 8, 30)
    assert sampling.has_second_stage


@given(n=st.integers(0, 60), per=st.integers(1, 12), extra=st.integers(1, 12), over=st.integers(0, 10))
@settings(max_examples=150, deadline=None)
def test_two_draws_take_what_they_ask_or_the_whole_frame(n: int, per: int, extra: int, over: int) -> None:
    """Whatever the reserves, the first draw and the expansion sample min(n, per + extra) distinct members, and a
    draw says it was limited exactly when it took fewer than it asked for."""
    policy = SamplingPolicy(strata="single", per_stratum=per, expansion_size=extra, oversample=over)
    frame = [FrameMember(f"p{i}", "") for i in range(n)]
    first = draw_sample(frame, policy, "prop")
    second = draw_sample(frame, policy, "prop", draw=2, already_selected=ids(first.selected))
    chosen = ids(first.selected) + ids(second.selected)
    assert len(chosen) == len(set(chosen)) == min(n, per + extra)
    assert first.limited_by_frame == (n < per)
    assert second.limited_by_frame == (n - len(first.selected) < extra)
