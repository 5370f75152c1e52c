"""check_findings: seed 003 answers record-level elements per sampled record, provider-level elements once
per review; the scorer and the API share this one statement of what is invalid."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from oversight_domain.findings import FindingError, check_findings
from oversight_domain.scoring import Finding, ScoringInputError, score
from oversight_domain.tools import load_tool

from .helpers import make_tool

ECM = load_tool("ecm-partnership")
TOOL = make_tool([[("r1", "record", 1), ("r2", "record", 2)], [("p1", "provider", 1)]])
SAMPLE = ["A", "B"]


def test_each_problem_names_the_finding_its_field_and_the_first_of_a_duplicate() -> None:
    findings = [
        Finding("A", "r1", "yes"),  # valid
        Finding("A", "nope", "yes"),  # unknown element
        Finding("A", "r2", "maybe"),  # type: ignore[arg-type]  # unknown answer
        Finding(None, "r2", "yes"),  # record-level without a record
        Finding("Z", "r2", "yes"),  # not sampled
        Finding("A", "p1", "yes"),  # provider-level with a record
        Finding("A", "r1", "no"),  # duplicate of 0, whatever the answer
        Finding(None, "p1", "na"),  # valid
    ]
    problems = check_findings(TOOL, findings, SAMPLE)
    assert [(p.index, p.error, p.field) for p in problems] == [
        (1, FindingError.UNKNOWN_ELEMENT, "element_key"),
        (2, FindingError.UNKNOWN_ANSWER, "answer"),
        (3, FindingError.RECORD_REQUIRED, "record_id"),
        (4, FindingError.RECORD_NOT_SAMPLED, "record_id"),
        (5, FindingError.RECORD_NOT_ALLOWED, "record_id"),
        (6, FindingError.DUPLICATE, None),
    ]
    assert problems[-1].duplicate_of == 0
    assert "unknown element 'nope'" in problems[0].message


def test_an_invalid_finding_does_not_make_a_later_one_a_duplicate() -> None:
    findings = [Finding("Z", "r1", "yes"), Finding("Z", "r1", "yes"), Finding("A", "r1", "yes")]
    problems = check_findings(TOOL, findings, SAMPLE)
    assert [p.error for p in problems] == [FindingError.RECORD_NOT_SAMPLED] * 2


def test_record_ids_of_any_hashable_type() -> None:
    # The API checks UUIDs; the scorer strings.
    assert check_findings(TOOL, [Finding(7, "r1", "yes")], {7}) == []  # type: ignore[arg-type]


ANSWERS = st.sampled_from(["yes", "no", "na", "maybe"])
KEYS = st.sampled_from(["r1", "r2", "p1", "zz"])
RIDS = st.sampled_from([None, "A", "B", "Z"])
FINDINGS = st.lists(st.builds(Finding, RIDS, KEYS, ANSWERS), max_size=12)


@settings(max_examples=300, deadline=None)
@given(FINDINGS)
def test_property_the_scorer_rejects_exactly_what_check_findings_reports(findings: list[Finding]) -> None:
    problems = check_findings(TOOL, findings, SAMPLE)
    try:
        score(TOOL, findings, SAMPLE)
    except ScoringInputError as exc:
        assert problems and str(exc) == problems[0].message
    else:
        assert problems == []


@settings(max_examples=300, deadline=None)
@given(FINDINGS)
def test_property_at_most_one_problem_per_finding_and_the_rest_are_distinct_valid_pairs(
    findings: list[Finding],
) -> None:
    problems = check_findings(TOOL, findings, SAMPLE)
    bad = [p.index for p in problems]
    assert bad == sorted(set(bad))
    good = [f for i, f in enumerate(findings) if i not in set(bad)]
    assert check_findings(TOOL, good, SAMPLE) == []
    assert len({(f.record_id, f.element_key) for f in good}) == len(good)
    for p in problems:
        if p.error is FindingError.DUPLICATE:
            assert p.duplicate_of is not None and p.duplicate_of < p.index
            first = findings[p.duplicate_of]
            assert (first.record_id, first.element_key) == (findings[p.index].record_id, p.element_key)


@settings(max_examples=100, deadline=None)
@given(FINDINGS, st.permutations(SAMPLE))
def test_property_the_sample_order_does_not_matter(findings: list[Finding], sample: list[str]) -> None:
    assert check_findings(TOOL, findings, sample) == check_findings(TOOL, findings, frozenset(SAMPLE))
