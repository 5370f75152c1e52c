"""Scoring a review: findings -> scorecard (seed 003, ECM Review Tool "Scoring Procedure").

Rules (seed 003):

* A score is the sum of ``yes`` points divided by the sum of possible points; N/A answers are
  excluded from both. Record-level elements are answered once per sampled record, provider-level
  elements once per review, so a record-level element of ``p`` points contributes ``p`` per record.
* Section score: the same ratio over the section's answers. Total: over all answers.
* Outcome, compared as exact :class:`~fractions.Fraction` values, never rounded:

  - ``pass``: total >= ``pass_total`` (90%) and every scorable section >= ``section_threshold`` (80%);
  - ``conditional_pass``: total >= ``conditional_total`` (80%) and not a pass (total 80-89%, or a
    section below 80%);
  - ``pip``: total < ``conditional_total``. The seed writes "79% and below = Failure" and "80-89% =
    Conditional Pass"; with exact fractions everything strictly below 80% (79.5%, 79.99%) is ``pip``
    and everything from 80% up to, but excluding, 90% (89.5%, 89.99%) is ``conditional_pass``.
    Display rounding (:mod:`oversight_domain.display`) may show 79.95% as "80.0" - the outcome still
    is ``pip``.

* Any scorable section below ``section_threshold`` requires action ("Any section score < 80%
  requires a PIP"), so ``action_plan_required`` is true for ``pip`` and for any such section.
* A record fails per the tool's :class:`~oversight_domain.tools.models.FailedRecordPolicy`
  (default: its record-level score is below the section threshold). If a first-draw record fails
  and the sampling policy has an expansion, ``expansion_required`` is true ("If any of the first 8
  pulled fails, another 8 records will be pulled").
* A score with nothing scorable (everything N/A or unanswered) is ``None``; when the total is
  ``None`` the outcome is ``None`` too.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from oversight_domain.findings import check_findings
from oversight_domain.tools.models import Element, ToolVersion
from oversight_domain.types import Answer, Outcome

OUTCOME_RANK: dict[Outcome, int] = {"pip": 0, "conditional_pass": 1, "pass": 2}
"""Higher is better; used to compare outcomes."""


class ScoringInputError(ValueError):
    """Findings that do not fit the tool or the sample (unknown element, wrong level, duplicate, ...)."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One answer. ``record_id`` is the sampled record for record-level elements, ``None`` for
    provider-level elements."""

    record_id: str | None
    element_key: str
    answer: Answer


@dataclass(frozen=True, slots=True)
class SectionScore:
    key: str
    title: str
    yes_points: int
    no_points: int
    na_count: int
    score: Fraction | None
    requires_action: bool

    @property
    def possible_points(self) -> int:
        return self.yes_points + self.no_points


@dataclass(frozen=True, slots=True)
class TotalScore:
    yes_points: int
    possible_points: int
    score: Fraction | None

    @property
    def no_points(self) -> int:
        return self.possible_points - self.yes_points


@dataclass(frozen=True, slots=True)
class RecordScore:
    """Score of one sampled record over the record-level elements."""

    record_id: str
    yes_points: int
    no_points: int
    na_count: int
    failed: bool
    first_draw: bool

    @property
    def score(self) -> Fraction | None:
        return _ratio(self.yes_points, self.no_points)


class RecordScores(tuple[RecordScore, ...]):
    """The per-record scores, in sample order (a tuple, with two look-ups)."""

    __slots__ = ()

    def by_id(self) -> dict[str, RecordScore]:
        return {r.record_id: r for r in self}

    def failed_ids(self) -> tuple[str, ...]:
        """The failed records' ids, in sample order."""
        return tuple(r.record_id for r in self if r.failed)


@dataclass(frozen=True, slots=True)
class Scorecard:
    tool_key: str
    tool_version: str
    sections: tuple[SectionScore, ...]
    total: TotalScore
    outcome: Outcome | None
    sections_requiring_action: tuple[str, ...]
    action_plan_required: bool
    records: RecordScores
    expansion_required: bool
    unanswered: tuple[tuple[str | None, str], ...]

    @property
    def complete(self) -> bool:
        return not self.unanswered

    @property
    def failed_records(self) -> tuple[str, ...]:
        return self.records.failed_ids()


def _ratio(yes: int, no: int) -> Fraction | None:
    possible = yes + no
    return Fraction(yes, possible) if possible else None


def decide_outcome(
    total: Fraction | None, section_scores: Iterable[Fraction | None], tool: ToolVersion
) -> Outcome | None:
    """Seed 003 outcome from exact scores (see the module docstring)."""
    if total is None:
        return None
    policy = tool.policies.scoring
    if total < policy.conditional_total:
        return "pip"
    all_sections_ok = all(s is None or s >= policy.section_threshold for s in section_scores)
    if total >= policy.pass_total and all_sections_ok:
        return "pass"
    return "conditional_pass"


@dataclass(slots=True)
class _Tally:
    """Yes points, no points and N/A answers added up over some findings."""

    yes: int = 0
    no: int = 0
    na: int = 0

    def add(self, answer: str, points: int) -> None:
        if answer == "yes":
            self.yes += points
        elif answer == "no":
            self.no += points
        else:
            self.na += 1


@dataclass(slots=True)
class _Tallies:
    """Per section (in tool order) and per sampled record (record-level elements only)."""

    sections: list[_Tally]
    records: dict[str, _Tally]
    answered: dict[str | None, set[str]] = field(default_factory=dict)
    """Element keys answered, per record id (``None``: the provider-level elements)."""


def _tally(tool: ToolVersion, findings: Iterable[Finding], record_ids: Sequence[str]) -> _Tallies:
    """Add up validated findings."""
    where: dict[str, tuple[int, Element]] = {
        e.key: (index, e) for index, s in enumerate(tool.sections) for e in s.elements
    }
    tallies = _Tallies([_Tally() for _ in tool.sections], {rid: _Tally() for rid in record_ids})
    for f in findings:
        section_index, element = where[f.element_key]
        tallies.sections[section_index].add(f.answer, element.points)
        if f.record_id is not None:
            tallies.records[f.record_id].add(f.answer, element.points)
        tallies.answered.setdefault(f.record_id, set()).add(f.element_key)
    return tallies


def _record_failed(tool: ToolVersion, tally: _Tally) -> bool:
    """Seed 003's failed record, per the tool's failed-record policy; nothing scorable never fails."""
    policy = tool.policies.scoring
    if policy.failed_record.rule == "any_no":
        return tally.no > 0
    record_score = _ratio(tally.yes, tally.no)
    return record_score is not None and record_score < policy.failed_record_threshold


def _first_draw(record_ids: Sequence[str], first_draw_record_ids: Collection[str] | None) -> frozenset[str]:
    if first_draw_record_ids is None:
        return frozenset(record_ids)
    first_draw = frozenset(first_draw_record_ids)
    unknown = first_draw.difference(record_ids)
    if unknown:
        raise ScoringInputError(f"first-draw records not in record_ids: {sorted(unknown)!r}")
    return first_draw


def _unanswered(
    tool: ToolVersion, record_ids: Sequence[str], answered: dict[str | None, set[str]]
) -> tuple[tuple[str | None, str], ...]:
    """Record-level gaps per record in sample order, then provider-level gaps, in tool order."""
    record_keys = [e.key for e in tool.record_elements]
    provider_keys = [e.key for e in tool.provider_elements]
    gaps: list[tuple[str | None, str]] = [
        (rid, key) for rid in record_ids for key in record_keys if key not in answered.get(rid, ())
    ]
    gaps += [(None, key) for key in provider_keys if key not in answered.get(None, ())]
    return tuple(gaps)


def score(
    tool: ToolVersion,
    findings: Iterable[Finding],
    record_ids: Sequence[str],
    first_draw_record_ids: Collection[str] | None = None,
) -> Scorecard:
    """Score ``findings`` for the sampled ``record_ids``.

    ``first_draw_record_ids``: the records of the first draw (default: all ``record_ids``); only their
    failures trigger the expansion draw. Raises :class:`ScoringInputError` for duplicate record ids,
    first-draw records not in ``record_ids``, or the first problem
    :func:`~oversight_domain.findings.check_findings` reports (unknown element or answer, a record that
    is not in the sample, a finding at the wrong level, two findings for the same (record, element)).
    Findings may come in any order.
    """
    findings = list(findings)
    if len(set(record_ids)) != len(record_ids):
        raise ScoringInputError("record ids must be unique")
    problems = check_findings(tool, findings, record_ids)
    if problems:
        raise ScoringInputError(problems[0].message)
    first_draw = _first_draw(record_ids, first_draw_record_ids)
    tallies = _tally(tool, findings, record_ids)

    section_threshold = tool.policies.scoring.section_threshold
    sections: list[SectionScore] = []
    for section, tally in zip(tool.sections, tallies.sections, strict=True):
        section_score = _ratio(tally.yes, tally.no)
        sections.append(
            SectionScore(
                key=section.key,
                title=section.title,
                yes_points=tally.yes,
                no_points=tally.no,
                na_count=tally.na,
                score=section_score,
                requires_action=section_score is not None and section_score < section_threshold,
            )
        )
    yes_total = sum(s.yes_points for s in sections)
    no_total = sum(s.no_points for s in sections)
    total = TotalScore(yes_total, yes_total + no_total, _ratio(yes_total, no_total))

    records = RecordScores(
        RecordScore(
            record_id=rid,
            yes_points=tally.yes,
            no_points=tally.no,
            na_count=tally.na,
            failed=_record_failed(tool, tally),
            first_draw=rid in first_draw,
        )
        for rid, tally in tallies.records.items()
    )
    outcome = decide_outcome(total.score, (s.score for s in sections), tool)
    requiring_action = tuple(s.key for s in sections if s.requires_action)
    has_expansion = tool.policies.sampling.has_second_stage
    return Scorecard(
        tool_key=tool.key,
        tool_version=tool.version,
        sections=tuple(sections),
        total=total,
        outcome=outcome,
        sections_requiring_action=requiring_action,
        action_plan_required=outcome == "pip" or bool(requiring_action),
        records=records,
        expansion_required=has_expansion and any(r.failed and r.first_draw for r in records),
        unanswered=_unanswered(tool, record_ids, tallies.answered),
    )
