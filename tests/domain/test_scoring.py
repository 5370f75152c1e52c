"""Scoring: seed 003 ECM Review Tool "Scoring Procedure" and "Compliance Rate"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oversight_domain.display import percent
from oversight_domain.scoring import OUTCOME_RANK, Finding, ScoringInputError, score
from oversight_domain.tools import ToolVersion, load_tool
from oversight_domain.types import Answer, Outcome

from .helpers import make_tool, reference_score

ECM = load_tool("ecm-partnership")
RECORDS = [f"CIN{i}" for i in range(1, 9)]


def all_answers(
    tool: ToolVersion,
    record_ids: Sequence[str],
    answer: Answer = "yes",
    overrides: Mapping[tuple[str | None, str], Answer] | None = None,
) -> list[Finding]:
    overrides = overrides or {}
    out: list[Finding] = []
    for rid in record_ids:
        for e in tool.record_elements:
            out.append(Finding(rid, e.key, overrides.get((rid, e.key), answer)))
    for e in tool.provider_elements:
        out.append(Finding(None, e.key, overrides.get((None, e.key), answer)))
    return out


# --------------------------------------------------------------------------- worked examples


def test_seed003_all_yes_on_eight_records_is_a_pass() -> None:
    card = score(ECM, all_answers(ECM, RECORDS), RECORDS)
    # 16 record-level elements x 8 records + 13 provider-level elements, 1 point each
    assert card.total.yes_points == 16 * 8 + 13
    assert card.total.score == 1
    assert card.outcome == "pass"
    assert card.sections_requiring_action == ()
    assert not card.action_plan_required
    assert card.complete and card.unanswered == ()
    assert not card.expansion_required
    assert len(card.records) == 8 and all(r.score == 1 and not r.failed for r in card.records)


def test_seed003_total_is_yes_points_over_possible_points_with_na_excluded() -> None:
    # one section of 10 one-point provider elements: 6 yes, 2 no, 2 N/A -> 6/8 = 75%
    tool = make_tool([[(f"e{i}", "provider", 1) for i in range(10)]])
    answers: list[Answer] = ["yes"] * 6
    answers += ["no"] * 2
    answers += ["na"] * 2
    card = score(tool, [Finding(None, f"e{i}", a) for i, a in enumerate(answers)], [])
    assert (card.total.yes_points, card.total.possible_points) == (6, 8)
    assert card.total.score == Fraction(3, 4)
    assert card.sections[0].na_count == 2
    assert card.outcome == "pip"


def _two_section_tool() -> ToolVersion:
    # section 0: 100 points (100 x 1), section 1: 100 points
    return make_tool(
        [[(f"a{i}", "provider", 1) for i in range(100)], [(f"b{i}", "provider", 1) for i in range(100)]]
    )


def _answers(no_a: int, no_b: int) -> list[Finding]:
    return [Finding(None, f"a{i}", "no" if i < no_a else "yes") for i in range(100)] + [
        Finding(None, f"b{i}", "no" if i < no_b else "yes") for i in range(100)
    ]


@pytest.mark.parametrize(
    ("no_a", "no_b", "total", "outcome", "action"),
    [
        (10, 10, Fraction(90, 100), "pass", ()),  # exactly 90% total, sections 90% -> Pass
        (0, 20, Fraction(90, 100), "pass", ()),  # a section at exactly 80% is not "< 80%"
        (0, 21, Fraction(179, 200), "conditional_pass", ("s1",)),  # 89.5%: below 90 -> conditional
        (20, 20, Fraction(80, 100), "conditional_pass", ()),  # exactly 80% -> conditional pass
        (0, 40, Fraction(80, 100), "conditional_pass", ("s1",)),
        (20, 21, Fraction(159, 200), "pip", ("s1",)),  # 79.5% -> PIP (below 80%), never rounded up
        (40, 0, Fraction(80, 100), "conditional_pass", ("s0",)),
    ],
)
def test_seed003_outcome_thresholds_compare_exact_fractions(
    no_a: int, no_b: int, total: Fraction, outcome: Outcome, action: tuple[str, ...]
) -> None:
    card = score(_two_section_tool(), _answers(no_a, no_b), [])
    assert card.total.score == total
    assert card.outcome == outcome
    assert card.sections_requiring_action == action
    assert card.action_plan_required == (outcome == "pip" or bool(action))


def test_seed003_pass_requires_90_total_and_every_section_80() -> None:
    # total 95% but one section at 75% -> Conditional Pass and that section requires action
    tool = make_tool(
        [[(f"a{i}", "provider", 1) for i in range(36)], [(f"b{i}", "provider", 1) for i in range(4)]]
    )
    findings = [Finding(None, f"a{i}", "yes") for i in range(36)] + [
        Finding(None, f"b{i}", "no" if i == 0 else "yes") for i in range(4)
    ]
    card = score(tool, findings, [])
    assert card.total.score == Fraction(39, 40)
    assert card.sections[1].score == Fraction(3, 4)
    assert card.outcome == "conditional_pass"
    assert card.sections_requiring_action == ("s1",)
    assert card.action_plan_required


def test_seed003_79_5_percent_displays_as_79_5_and_is_a_pip() -> None:
    card = score(_two_section_tool(), _answers(20, 21), [])
    assert percent(card.total.score) == "79.5"
    assert card.outcome == "pip"


def test_points_weight_record_level_elements_per_record() -> None:
    tool = make_tool([[("r1", "record", 3), ("p1", "provider", 2)]])
    findings = [
        Finding("A", "r1", "yes"),
        Finding("B", "r1", "no"),
        Finding(None, "p1", "yes"),
    ]
    card = score(tool, findings, ["A", "B"])
    assert (card.total.yes_points, card.total.possible_points) == (5, 8)
    by_id = card.records.by_id()
    assert by_id["A"].score == 1 and not by_id["A"].failed
    assert by_id["B"].score == 0 and by_id["B"].failed


def test_seed003_a_failed_record_in_the_first_eight_requires_the_expansion_draw() -> None:
    # CIN3 answers 4 of 16 record-level elements "no": 12/16 = 75% < 80% -> failed record
    no_keys = [e.key for e in ECM.record_elements[:4]]
    card = score(ECM, all_answers(ECM, RECORDS, overrides={("CIN3", k): "no" for k in no_keys}), RECORDS)
    assert card.failed_records == ("CIN3",)
    assert card.expansion_required
    # the same failure in an expansion record does not trigger another draw
    card2 = score(
        ECM,
        all_answers(ECM, RECORDS, overrides={("CIN3", k): "no" for k in no_keys}),
        RECORDS,
        first_draw_record_ids=[r for r in RECORDS if r != "CIN3"],
    )
    assert card2.failed_records == ("CIN3",)
    assert not card2.expansion_required
    assert not card2.records.by_id()["CIN3"].first_draw


def test_record_at_exactly_80_percent_does_not_fail() -> None:
    no_keys = [e.key for e in ECM.record_elements[:3]]  # 13/16 = 81.25%
    card = score(ECM, all_answers(ECM, RECORDS, overrides={("CIN1", k): "no" for k in no_keys}), RECORDS)
    assert card.failed_records == ()
    tool = make_tool([[(f"r{i}", "record", 1) for i in range(5)]])
    findings = [Finding("A", f"r{i}", "no" if i == 0 else "yes") for i in range(5)]  # 4/5 = 80%
    assert not score(tool, findings, ["A"]).records[0].failed


def test_any_no_failed_record_rule() -> None:
    tool = make_tool([[(f"r{i}", "record", 1) for i in range(10)]], failed_rule="any_no")
    findings = [Finding("A", f"r{i}", "no" if i == 0 else "yes") for i in range(10)]
    findings += [Finding("B", f"r{i}", "yes") for i in range(10)]
    card = score(tool, findings, ["A", "B"])
    assert card.failed_records == ("A",)


def test_tool_without_expansion_never_requires_one() -> None:
    tool = load_tool("nc-tcm-monitoring")
    rec = tool.record_elements
    findings = [Finding("M1", e.key, "no") for e in rec] + [
        Finding(None, e.key, "yes") for e in tool.provider_elements
    ]
    card = score(tool, findings, ["M1"])
    assert card.failed_records == ("M1",)
    assert not card.expansion_required


def test_unanswered_elements_are_listed_and_the_card_is_incomplete() -> None:
    findings = [
        f
        for f in all_answers(ECM, RECORDS)
        if not (f.record_id == "CIN2" and f.element_key == "cp.valid_roi")
    ]
    findings = [f for f in findings if f.element_key != "qm.program_narrative"]
    card = score(ECM, findings, RECORDS)
    assert card.unanswered == (("CIN2", "cp.valid_roi"), (None, "qm.program_narrative"))
    assert not card.complete
    assert card.outcome == "pass"


def test_nothing_scorable_gives_none_scores_and_no_outcome() -> None:
    card = score(ECM, all_answers(ECM, RECORDS, answer="na"), RECORDS)
    assert card.total.score is None
    assert all(s.score is None for s in card.sections)
    assert card.outcome is None
    assert not card.action_plan_required
    assert all(r.score is None and not r.failed for r in card.records)
    empty = score(ECM, [], [])
    assert empty.outcome is None and len(empty.unanswered) == len(ECM.provider_elements)


def test_findings_may_arrive_in_any_order_and_as_an_iterator() -> None:
    findings = all_answers(ECM, RECORDS, overrides={("CIN1", "cp.valid_roi"): "no"})
    a = score(ECM, findings, RECORDS)
    b = score(ECM, iter(list(reversed(findings))), RECORDS)
    assert a == b


@pytest.mark.parametrize(
    ("finding", "message"),
    [
        (Finding("CIN1", "no.such.element", "yes"), "unknown element"),
        (Finding("CIN99", "cp.valid_roi", "yes"), "not in the sample"),
        (Finding(None, "cp.valid_roi", "yes"), "without a record id"),
        (Finding("CIN1", "qm.program_narrative", "yes"), "with a record id"),
        # deliberately not an Answer: the scorer must reject data that bypassed the type checker
        (Finding("CIN1", "cp.valid_roi", "maybe"), "unknown answer"),  # type: ignore[arg-type]
    ],
)
def test_invalid_findings_are_rejected(finding: Finding, message: str) -> None:
    findings = [f for f in all_answers(ECM, RECORDS) if f.element_key != finding.element_key]
    with pytest.raises(ScoringInputError, match=message):
        score(ECM, [*findings, finding], RECORDS)


def test_duplicate_findings_are_rejected_even_when_answers_differ() -> None:
    findings = all_answers(ECM, RECORDS)
    with pytest.raises(ScoringInputError, match="duplicate"):
        score(ECM, [*findings, Finding("CIN4", "cp.valid_roi", "no")], RECORDS)
    with pytest.raises(ScoringInputError, match="duplicate"):
        score(ECM, [*findings, Finding(None, "qm.program_narrative", "yes")], RECORDS)
    # a duplicate plus a missing element in the same record still counts as a duplicate
    partial = [f for f in findings if not (f.record_id == "CIN4" and f.element_key == "cp.timely_updates")]
    with pytest.raises(ScoringInputError, match="duplicate"):
        score(ECM, [*partial, Finding("CIN4", "cp.valid_roi", "no")], RECORDS)


def test_duplicate_record_ids_and_unknown_first_draw_are_rejected() -> None:
    with pytest.raises(ScoringInputError):
        score(ECM, [], ["A", "A"])
    # each run of findings is a complete record on its own: still one record id twice
    twice = [*all_answers(ECM, ["A"]), *all_answers(ECM, ["B"])[: len(ECM.record_elements)]]
    twice += [f for f in all_answers(ECM, ["A"]) if f.record_id == "A"]
    with pytest.raises(ScoringInputError, match="unique"):
        score(ECM, twice, ["A", "B", "A"])
    with pytest.raises(ScoringInputError):
        score(ECM, [], ["A"], first_draw_record_ids=["B"])


# --------------------------------------------------------------------------- properties

ANSWERS: st.SearchStrategy[Answer] = st.sampled_from(["yes", "no", "na"])

Case = tuple[ToolVersion, list[Finding], list[str]]


@st.composite
def tool_and_findings(draw: st.DrawFn) -> Case:
    n_sections = draw(st.integers(1, 4))
    sections: list[list[tuple[str, str, int]]] = []
    counter = 0
    for _ in range(n_sections):
        elements: list[tuple[str, str, int]] = []
        for _ in range(draw(st.integers(1, 4))):
            elements.append(
                (f"e{counter}", draw(st.sampled_from(["record", "provider"])), draw(st.integers(1, 5)))
            )
            counter += 1
        sections.append(elements)
    tool = make_tool(sections, failed_rule=draw(st.sampled_from(["score_below", "any_no"])))
    record_ids = [f"R{i}" for i in range(draw(st.integers(0, 5)))]
    findings: list[Finding] = []
    for e in tool.record_elements:
        for rid in record_ids:
            if draw(st.booleans()) or draw(st.booleans()):
                findings.append(Finding(rid, e.key, draw(ANSWERS)))
    for e in tool.provider_elements:
        if draw(st.booleans()) or draw(st.booleans()):
            findings.append(Finding(None, e.key, draw(ANSWERS)))
    findings = draw(st.permutations(findings))
    return tool, findings, record_ids


@settings(max_examples=300, deadline=None)
@given(tool_and_findings())
def test_property_scorer_matches_the_reference_statement_of_seed003(case: Case) -> None:
    tool, findings, record_ids = case
    card = score(tool, findings, record_ids)
    ref = reference_score(tool, findings, record_ids)
    assert [(s.yes_points, s.no_points, s.na_count) for s in card.sections] == ref["sections"]
    assert [s.score for s in card.sections] == ref["section_scores"]
    assert card.total.score == ref["total"]
    assert card.outcome == ref["outcome"]
    assert list(card.unanswered) == ref["unanswered"]
    for r in card.records:
        y, n, rs, failed = ref["records"][r.record_id]
        assert (r.yes_points, r.no_points, r.score, r.failed) == (y, n, rs, failed)
    assert card.expansion_required == any(f for *_, f in ref["records"].values())


@settings(max_examples=200, deadline=None)
@given(tool_and_findings())
def test_property_scores_stay_between_0_and_1(case: Case) -> None:
    tool, findings, record_ids = case
    card = score(tool, findings, record_ids)
    values = [card.total.score, *(s.score for s in card.sections), *(r.score for r in card.records)]
    assert all(v is None or 0 <= v <= 1 for v in values)


@settings(max_examples=200, deadline=None)
@given(tool_and_findings(), st.data())
def test_property_adding_na_never_changes_a_score(case: Case, data: st.DataObject) -> None:
    tool, findings, record_ids = case
    card = score(tool, findings, record_ids)
    if not card.unanswered:
        return
    rid, key = data.draw(st.sampled_from(card.unanswered))
    card2 = score(tool, [*findings, Finding(rid, key, "na")], record_ids)
    assert card2.total.score == card.total.score
    assert [s.score for s in card2.sections] == [s.score for s in card.sections]
    assert [r.score for r in card2.records] == [r.score for r in card.records]
    assert card2.outcome == card.outcome


@settings(max_examples=200, deadline=None)
@given(tool_and_findings(), st.data())
def test_property_turning_no_into_yes_never_lowers_a_score_or_worsens_the_outcome(
    case: Case, data: st.DataObject
) -> None:
    tool, findings, record_ids = case
    noes = [i for i, f in enumerate(findings) if f.answer == "no"]
    if not noes:
        return
    i = data.draw(st.sampled_from(noes))
    better = list(findings)
    better[i] = Finding(findings[i].record_id, findings[i].element_key, "yes")
    before, after = score(tool, findings, record_ids), score(tool, better, record_ids)
    # a "no" was answered, so there are points to score before and after
    assert before.total.score is not None and after.total.score is not None
    assert after.total.score >= before.total.score
    for s0, s1 in zip(before.sections, after.sections, strict=True):
        assert s0.score is None or (s1.score is not None and s1.score >= s0.score)
    for r0, r1 in zip(before.records, after.records, strict=True):
        assert r0.score is None or (r1.score is not None and r1.score >= r0.score)
        assert r1.failed <= r0.failed
    assert before.outcome is not None and after.outcome is not None
    assert OUTCOME_RANK[after.outcome] >= OUTCOME_RANK[before.outcome]
    assert set(after.sections_requiring_action) <= set(before.sections_requiring_action)


@settings(max_examples=200, deadline=None)
@given(tool_and_findings(), st.data())
def test_property_findings_grouped_in_sample_order_score_the_same(case: Case, data: st.DataObject) -> None:
    """Findings grouped by record in sample order (the scorer's fast path), with the provider-level
    findings first, last or in between, give the same scorecard as any other order."""
    tool, findings, record_ids = case
    provider = [f for f in findings if f.record_id is None]
    grouped = [f for rid in record_ids for f in findings if f.record_id == rid]
    at = data.draw(st.integers(0, len(grouped)))
    grouped[at:at] = provider
    assert score(tool, grouped, record_ids) == score(tool, findings, record_ids)
