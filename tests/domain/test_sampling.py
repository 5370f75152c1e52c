"""Sampling: seed 000 (NC: 10 per population segment, cap 30) and seed 003 (ECM: 8, then 8 more)."""

from __future__ import annotations

import hashlib
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oversight_domain.sampling import (
    FrameMember,
    allocate_quotas,
    check_ecm_eligibility,
    draw_sample,
    frame_fingerprint,
    next_replacement,
    order_key,
)
from oversight_domain.tools import load_tool

NC = load_tool("nc-tcm-monitoring").policies.sampling
ECM = load_tool("ecm-partnership").policies.sampling


def frame_of(sizes: dict[str, int]) -> list[FrameMember]:
    return [FrameMember(f"{s}-{i:04d}", s) for s, n in sizes.items() for i in range(n)]


def test_order_key_is_md5_of_seed_colon_member_id() -> None:
    assert order_key("2024-Q3", "CIN123") == hashlib.md5(b"2024-Q3:CIN123").hexdigest()
    assert order_key("s", "é") == hashlib.md5("s:é".encode()).hexdigest()


def test_selected_members_are_the_lowest_order_keys_in_each_stratum() -> None:
    frame = frame_of({"a": 40, "b": 25})
    sel = draw_sample(frame, NC, "seed")
    for stratum in ("a", "b"):
        ids = [m.member_id for m in frame if m.stratum == stratum]
        expected = sorted(ids, key=lambda m: (order_key("seed", m), m))
        got = sel.stratum(stratum)
        assert [m.member_id for m in got.selected] == expected[:10]
        assert [m.member_id for m in got.oversample] == expected[10:15]
        assert [m.position for m in got.selected + got.oversample] == list(range(1, 16))


def test_seed000_nc_ten_per_segment_when_under_the_cap() -> None:
    sel = draw_sample(frame_of({"adult_smi": 50, "idd": 50}), NC, "s")
    assert sel.quotas == {"adult_smi": 10, "idd": 10}
    assert len(sel.selected) == 20


def test_seed000_nc_cap_of_30_is_shared_across_segments() -> None:
    sel = draw_sample(frame_of({"A": 50, "B": 40, "C": 5, "D": 30}), NC, "s")
    assert sel.quotas == {"A": 9, "B": 8, "C": 5, "D": 8}
    assert len(sel.selected) == 30


def test_allocation_rule_examples() -> None:
    assert allocate_quotas({"A": 50, "B": 40, "C": 5, "D": 30}, 10, 30) == {"A": 9, "B": 8, "C": 5, "D": 8}
    # four full segments: 7 each, two leftovers to the larger frames
    assert allocate_quotas({"w": 11, "x": 90, "y": 12, "z": 90}, 10, 30) == {"w": 7, "x": 8, "y": 7, "z": 8}
    # ties on size are broken by name
    assert allocate_quotas({"b": 20, "a": 20, "c": 20, "d": 20}, 10, 30) == {"a": 8, "b": 8, "c": 7, "d": 7}
    # more segments than the cap: one each to the largest
    many = {f"s{i:02d}": 100 - i for i in range(40)}
    q = allocate_quotas(many, 10, 30)
    assert sum(q.values()) == 30 and all(q[f"s{i:02d}"] == (1 if i < 30 else 0) for i in range(40))
    # small strata give all they have; no cap
    assert allocate_quotas({"a": 3, "b": 0}, 10, None) == {"a": 3, "b": 0}


def test_seed003_ecm_eight_then_an_expansion_of_eight_excluding_the_first() -> None:
    frame = [FrameMember(f"CIN{i:03d}", random.Random(i).choice(["homeless", "smh"])) for i in range(60)]
    first = draw_sample(frame, ECM, "ecm-2024")
    assert len(first.selected) == 8 and first.quotas == {"all": 8}
    assert len(first.oversample) == 8
    second = draw_sample(frame, ECM, "ecm-2024", draw=2, already_selected=first.member_ids)
    assert len(second.selected) == 8
    assert not set(second.member_ids) & set(first.member_ids)
    # the expansion continues the same order
    order = sorted((m.member_id for m in frame), key=lambda m: (order_key("ecm-2024", m), m))
    assert list(first.member_ids) + list(second.member_ids) == order[:16]
    # members keep their own stratum (population of focus) in a single-pool draw
    assert {m.stratum for m in first.selected} <= {"homeless", "smh"}


def test_expansion_needs_a_policy_with_one_and_draw_must_be_1_or_2() -> None:
    frame = frame_of({"a": 20})
    with pytest.raises(ValueError, match="no expansion"):
        draw_sample(frame, NC, "s", draw=2)
    with pytest.raises(ValueError):
        draw_sample(frame, ECM, "s", draw=3)
    with pytest.raises(ValueError):
        draw_sample(frame, ECM, "")


def test_duplicate_member_in_frame_is_rejected() -> None:
    with pytest.raises(ValueError, match="twice"):
        draw_sample([FrameMember("x", "a"), FrameMember("x", "b")], NC, "s")


def test_hedis_replacement_is_next_in_order_within_the_stratum() -> None:
    sel = draw_sample(frame_of({"a": 30, "b": 30}), NC, "s")
    over = sel.stratum("b").oversample
    assert next_replacement(sel, "b") == over[0]
    assert next_replacement(sel, "b", {over[0].member_id}) == over[1]
    assert next_replacement(sel, "b", {m.member_id for m in over}) is None


def test_small_stratum_gives_everything_it_has() -> None:
    sel = draw_sample(frame_of({"tiny": 3, "big": 100}), NC, "s")
    assert sel.stratum("tiny").quota == 3 and len(sel.stratum("tiny").selected) == 3
    assert sel.stratum("tiny").oversample == ()


def test_frame_fingerprint_is_sha256_of_sorted_tab_separated_lines() -> None:
    frame = [FrameMember("b", "x"), FrameMember("a", "y")]
    assert frame_fingerprint(frame) == hashlib.sha256(b"a\ty\nb\tx\n").hexdigest()
    assert frame_fingerprint(reversed(frame)) == frame_fingerprint(frame)
    assert frame_fingerprint([]) == hashlib.sha256(b"").hexdigest()
    with pytest.raises(ValueError):
        frame_fingerprint([FrameMember("a\tb", "x")])


@pytest.mark.parametrize(("count", "eligible"), [(9, False), (10, True), (250, True), (0, False)])
def test_seed003_ecm_oversight_needs_10_or_more_enrolled(count, eligible) -> None:
    assert check_ecm_eligibility(count, ECM).eligible is eligible
    assert check_ecm_eligibility(count, NC).eligible  # NC tool sets no minimum


frames = st.dictionaries(
    st.text("abc", min_size=1, max_size=2), st.integers(0, 25), min_size=1, max_size=6
).map(frame_of)


@settings(max_examples=150, deadline=None)
@given(frames, st.text(min_size=1, max_size=8), st.randoms(use_true_random=False))
def test_property_samples_are_deterministic_duplicate_free_within_quota_and_cap(frame, seed, rnd) -> None:
    sel = draw_sample(frame, NC, seed)
    shuffled = list(frame)
    rnd.shuffle(shuffled)
    assert draw_sample(shuffled, NC, seed) == sel
    ids = [m.member_id for m in sel.selected] + [m.member_id for m in sel.oversample]
    assert len(ids) == len(set(ids))
    assert len(sel.selected) <= 30
    sizes: dict[str, int] = {}
    for m in frame:
        sizes[m.stratum] = sizes.get(m.stratum, 0) + 1
    for s in sel.strata:
        assert len(s.selected) == s.quota <= min(10, sizes[s.stratum])
        assert all(m.stratum == s.stratum for m in s.selected)
    # the cap is used fully when the segments have enough members
    assert len(sel.selected) == min(30, sum(min(10, n) for n in sizes.values()))


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(st.text("abcdef", min_size=1, max_size=3), st.integers(0, 40), max_size=12),
    st.integers(1, 40),
)
def test_property_allocation_respects_cap_and_is_as_even_as_possible(available, cap) -> None:
    q = allocate_quotas(available, 10, cap)
    want = {s: min(10, n) for s, n in available.items()}
    assert all(0 <= q[s] <= want[s] for s in available)
    assert sum(q.values()) == min(cap, sum(want.values()))
    # nobody who wants more is more than one below anyone else
    short = [s for s in available if q[s] < want[s]]
    if short:
        assert max(q.values()) - min(q[s] for s in short) <= 1
