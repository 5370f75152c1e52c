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
from contextlib import suppress
from dataclasses import dataclass
from fractions import Fraction
from itertools import compress
from typing import NamedTuple, overload

from oversight_domain.tools.models import ToolVersion
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


class RecordScore(NamedTuple):
    """Score of one sampled record over the record-level elements.

    A named tuple (cheap to build for very large samples); ``score`` is computed on access.
    """

    record_id: str
    yes_points: int
    no_points: int
    na_count: int
    failed: bool
    first_draw: bool

    @property
    def score(self) -> Fraction | None:
        return _ratio(self.yes_points, self.no_points)


class RecordScores(Sequence[RecordScore]):
    """The per-record scores, in sample order, decoded on access (a sample of 34,000 records costs
    nothing until read). Compares equal to any sequence with the same :class:`RecordScore` items."""

    __slots__ = ("_failed", "_failing", "_first_draw", "_mask", "_off", "_record_ids", "_values", "_w")

    def __init__(
        self,
        record_ids: Sequence[str],
        values: list[int],
        failing: frozenset[int],
        first_draw: frozenset[str] | None,
        off: int,
        w: int,
        mask: int,
    ) -> None:
        self._record_ids = record_ids
        self._values = values
        self._failing = failing  # the accumulator values of failed records
        self._failed: list[bool] | None = None  # per record, computed on first use
        self._first_draw = first_draw
        self._off = off
        self._w = w
        self._mask = mask

    def __len__(self) -> int:
        return len(self._record_ids)

    def _make(self, i: int) -> RecordScore:
        v, w, m = self._values[i] >> self._off, self._w, self._mask
        rid = self._record_ids[i]
        first = self._first_draw is None or rid in self._first_draw
        failed = self._failed if self._failed is not None else self._failed_list()
        return RecordScore(rid, v & m, (v >> w) & m, (v >> (2 * w)) & m, failed[i], first)

    def _failed_list(self) -> list[bool]:
        if self._failed is None:
            self._failed = list(map(self._failing.__contains__, self._values))
        return self._failed

    @overload
    def __getitem__(self, index: int) -> RecordScore: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[RecordScore, ...]: ...

    def __getitem__(self, index: int | slice) -> RecordScore | tuple[RecordScore, ...]:
        if isinstance(index, slice):
            return tuple(self._make(i) for i in range(*index.indices(len(self))))
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("record index out of range")
        return self._make(index)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"RecordScores({list(self)!r})"

    def by_id(self) -> dict[str, RecordScore]:
        return {r.record_id: r for r in self}

    def failed_ids(self) -> tuple[str, ...]:
        """The failed records' ids, in sample order (without decoding every record)."""
        if not self._failing:
            return ()
        return tuple(compress(self._record_ids, self._failed_list()))


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


class _Compiled:
    """Per-tool lookup tables for the scoring loop (built once per call; tools are small).

    Every finding becomes one integer by a dict lookup (``weights[answer][element_key]``) which is added
    to its record's accumulator (record ``None`` holds the provider-level findings). The integer packs
    fixed-width bit fields, least significant first:

    ``F | record yes, no, N/A | [yes, no, N/A count] per section | element bits (E + g wide) | count``

    ``F`` decides record failure in one comparison: with threshold ``a/b`` each finding adds
    ``K + (b - a) * points`` (yes), ``K - a * points`` (no) or ``K`` (N/A), ``K = a * max_points``, so
    ``F = (b - a) * yes - a * no + K * count`` and a record fails (``yes / (yes + no) < a / b``) exactly
    when ``F < K * count``. (For the ``any_no`` rule, ``F`` is the no points and a record fails when
    ``F > 0``.)

    * Each element owns one bit. A key answered once per element has an element-bit sum equal to the
      OR of the bits; any duplicate makes ``popcount(sum) < count`` (the only way to write a number as
      a sum of ``popcount(n)`` powers of two is its binary expansion, whose terms are distinct).
    * While a key has at most ``E`` findings (E = number of elements), no field exceeds
      ``E * max_points`` and the element-bit sum stays below ``2 ** (E + g)``, so nothing carries into
      the next field. The count is the top field: a carry can only make it larger, so ``count <= E``
      proves the other fields exact; larger counts are duplicates and are rejected.
    * Fields are ``w`` bits wide with room for ``batch`` validated keys to be summed before decoding,
      which is how section totals are accumulated across records.
    """

    def __init__(self, tool: ToolVersion) -> None:
        elements = [(si, e) for si, s in enumerate(tool.sections) for e in s.elements]
        self.keys = [e.key for _, e in elements]
        n_sections = len(tool.sections)
        n_elements = len(elements)
        max_points = max(e.points for _, e in elements)
        per_key_bound = n_elements * max_points
        w = per_key_bound.bit_length() + 7
        self.w = w
        self.mask = (1 << w) - 1
        self.batch = self.mask // per_key_bound
        self.n_elements = n_elements
        rule = tool.policies.scoring.failed_record
        threshold = tool.policies.scoring.failed_record_threshold
        self.any_no = rule.rule == "any_no"
        a, b = threshold.numerator, threshold.denominator
        self.k = 0 if self.any_no else a * max_points
        f_bound = per_key_bound * (1 if self.any_no else b)
        self.f_width = (f_bound * self.batch).bit_length() + 1
        self.f_mask = (1 << self.f_width) - 1
        self.off_rec = self.f_width
        self.off_bits = self.f_width + (3 * n_sections + 3) * w
        self.bits_width = n_elements + n_elements.bit_length()
        self.bits_mask = (1 << self.bits_width) - 1
        self.rec_full = 0
        self.prov_full = 0
        n_rec = 0
        weights: dict[str, dict[str, int]] = {"yes": {}, "no": {}, "na": {}}
        for i, (si, e) in enumerate(elements):
            bit = 1 << i
            is_rec = e.level == "record"
            if is_rec:
                self.rec_full |= bit
                n_rec += 1
            else:
                self.prov_full |= bit
            common = (bit << self.off_bits) | (1 << (self.off_bits + self.bits_width))
            for col, answer in enumerate(("yes", "no", "na")):
                amount = 1 if answer == "na" else e.points
                value = common | (amount << (self.off_rec + (3 + 3 * si + col) * w))
                if is_rec:
                    value |= amount << (self.off_rec + col * w)
                    if self.any_no:
                        value |= e.points if answer == "no" else 0
                    elif answer == "yes":
                        value |= self.k + (b - a) * e.points
                    elif answer == "no":
                        value |= self.k - a * e.points
                    else:
                        value |= self.k
                weights[answer][e.key] = value
        self.weights = weights
        self.complete_record_top = self.rec_full | (n_rec << self.bits_width)

    def section_field(self, value: int, index: int) -> int:
        """Field ``index`` (3 * section + 0/1/2 for yes/no/N/A) of an accumulator."""
        return (value >> (self.off_rec + (3 + index) * self.w)) & self.mask

    def split_top(self, value: int) -> tuple[int, int]:
        """(element bits, count) of an accumulator."""
        top = value >> self.off_bits
        return top & self.bits_mask, top >> self.bits_width

    def failed(self, value: int) -> bool:
        f = value & self.f_mask
        if self.any_no:
            return f > 0
        return f < self.k * self.split_top(value)[1]

    def valid(self, value: int, forbidden_bits: int) -> bool:
        bits, count = self.split_top(value)
        return count <= self.n_elements and bits.bit_count() == count and not bits & forbidden_bits

    def missing(self, bits: int, full: int) -> list[str]:
        return [key for i, key in enumerate(self.keys) if (full >> i) & 1 and not (bits >> i) & 1]


def _diagnose(
    tool: ToolVersion, findings: Iterable[Finding], record_ids: Collection[str]
) -> ScoringInputError:
    """Slow path: find the first bad finding and describe it."""
    levels = {e.key: e.level for s in tool.sections for e in s.elements}
    records = set(record_ids)
    seen: set[tuple[str | None, str]] = set()
    for f in findings:
        level = levels.get(f.element_key)
        if level is None:
            return ScoringInputError(f"unknown element {f.element_key!r}")
        if f.answer not in ("yes", "no", "na"):
            return ScoringInputError(f"unknown answer {f.answer!r} for element {f.element_key!r}")
        if level == "record":
            if f.record_id is None:
                return ScoringInputError(
                    f"record-level element {f.element_key!r} answered without a record id"
                )
            if f.record_id not in records:
                return ScoringInputError(
                    f"element {f.element_key!r} answered for a record not in the sample: {f.record_id!r}"
                )
        elif f.record_id is not None:
            return ScoringInputError(f"provider-level element {f.element_key!r} answered with a record id")
        pair = (f.record_id, f.element_key)
        if pair in seen:
            return ScoringInputError(
                f"duplicate finding for record {f.record_id!r}, element {f.element_key!r}"
            )
        seen.add(pair)
    return ScoringInputError("invalid findings")


def score(
    tool: ToolVersion,
    findings: Iterable[Finding],
    record_ids: Sequence[str],
    first_draw_record_ids: Collection[str] | None = None,
) -> Scorecard:
    """Score ``findings`` for the sampled ``record_ids``.

    ``first_draw_record_ids``: the records of the first draw (default: all ``record_ids``); only their
    failures trigger the expansion draw. Raises :class:`ScoringInputError` for a finding on an unknown
    element, an unknown record, a record-level finding without a record (or a provider-level finding
    with one), an unknown answer, or two findings for the same (record, element).

    Findings may come in any order; they are fastest grouped by record (as ``ORDER BY record`` gives).
    """
    if not isinstance(findings, Sequence):
        findings = list(findings)
    ids = record_ids if isinstance(record_ids, list) else list(record_ids)
    if len(set(ids)) != len(ids):
        raise ScoringInputError("record ids must be unique")
    c = _Compiled(tool)
    weights = c.weights
    # Hot loop: one packed integer per finding, summed over each run of findings with the same record;
    # a finished run costs two list appends. Grouped findings (ORDER BY record) give one run per record
    # and need no dictionary afterwards. Ungrouped findings give many short runs: past ``max_runs`` the
    # loop switches to adding each finding straight into its record's accumulator.
    run_ids: list[str | None] = []
    run_values: list[int] = []
    acc: dict[str | None, int] | None = None
    max_runs = len(ids) + 2  # grouped: one run per record, provider findings in at most two runs
    items = iter(findings)
    current = findings[0].record_id if findings else None
    run = 0
    try:
        for f in items:
            if f.record_id != current:
                run_ids.append(current)
                run_values.append(run)
                if len(run_values) > max_runs:
                    acc = _merge_runs(ids, run_ids, run_values)
                    acc[f.record_id] += weights[f.answer][f.element_key]
                    for g in items:
                        acc[g.record_id] += weights[g.answer][g.element_key]
                    break
                current = f.record_id
                run = 0
            run += weights[f.answer][f.element_key]
        else:
            if findings:
                run_ids.append(current)
                run_values.append(run)
    except (KeyError, TypeError):
        raise _diagnose(tool, findings, record_ids) from None

    owned_ids: Sequence[str]
    if acc is None:
        # The fast path needs no dictionary: provider findings first or last, one run per record, in
        # sample order (comparing the lists is a pointer comparison per record for shared id objects).
        provider_value = 0
        for end in (0, -1):
            if run_ids and run_ids[end] is None:
                del run_ids[end]
                provider_value = run_values.pop(end)
                break
        if run_ids == ids:
            values, owned_ids = run_values, run_ids  # type: ignore[assignment]  # no None left
            return _assemble(tool, c, provider_value, values, owned_ids, first_draw_record_ids, findings)
        run_ids.append(None)
        run_values.append(provider_value)
        try:
            acc = _merge_runs(ids, run_ids, run_values)
        except KeyError:  # findings for a record that is not in the sample
            raise _diagnose(tool, findings, record_ids) from None
    provider_value = acc.pop(None)
    values, owned_ids = list(map(acc.__getitem__, ids)), tuple(ids)
    return _assemble(tool, c, provider_value, values, owned_ids, first_draw_record_ids, findings)


def _positions(values: list[int], targets: Collection[int]) -> list[int]:
    """Sorted indices of the items of ``values`` that are in ``targets``."""
    if not targets:
        return []
    if len(targets) > 4:
        return list(compress(range(len(values)), map(set(targets).__contains__, values)))
    found: list[int] = []
    for target in targets:  # a few rare values: list.index scans in C
        i = -1
        with suppress(ValueError):
            while True:
                i = values.index(target, i + 1)
                found.append(i)
    return sorted(found)


_START = object()
"""Marks "no run yet" in the scoring loop (never equal to a record id or ``None``)."""


def _merge_runs(ids: list[str], run_ids: list[str | None], run_values: list[int]) -> dict[str | None, int]:
    """Per-record accumulators (``None``: provider level) from runs; KeyError for an unknown record."""
    acc: dict[str | None, int] = dict.fromkeys(ids, 0)
    acc[None] = 0
    for rid, value in zip(run_ids, run_values, strict=True):
        acc[rid] += value
    return acc


def _assemble(
    tool: ToolVersion,
    c: _Compiled,
    provider_value: int,
    values: list[int],
    record_ids: Sequence[str],
    first_draw_record_ids: Collection[str] | None,
    findings: Iterable[Finding],
) -> Scorecard:
    policy = tool.policies.scoring
    if not c.valid(provider_value, c.rec_full):
        raise _diagnose(tool, findings, record_ids)

    # Records with the same answers have the same accumulator: check and classify each distinct value
    # once (a large sample of mostly complete, passing records has few), then map back in C.
    off_bits, complete_top = c.off_bits, c.complete_record_top
    distinct = set(values)
    incomplete_values = {v for v in distinct if v >> off_bits != complete_top}
    for v in incomplete_values:
        if not c.valid(v, c.prov_full):
            raise _diagnose(tool, findings, record_ids)
    unanswered: list[tuple[str | None, str]] = []
    for i in _positions(values, incomplete_values):
        bits, _ = c.split_top(values[i])
        unanswered.extend((record_ids[i], key) for key in c.missing(bits, c.rec_full))
    unanswered.extend((None, key) for key in c.missing(c.split_top(provider_value)[0], c.prov_full))

    if first_draw_record_ids is None:
        first_draw: frozenset[str] | None = None
    else:
        first_draw = frozenset(first_draw_record_ids)
        unknown_first = first_draw.difference(record_ids)
        if unknown_first:
            raise ScoringInputError(f"first-draw records not in record_ids: {sorted(unknown_first)!r}")

    mask, w, off_rec = c.mask, c.w, c.off_rec
    # Record failure from the F field (see _Compiled), once per distinct accumulator.
    failing = frozenset(v for v in distinct if c.failed(v))
    records = RecordScores(record_ids, values, failing, first_draw, off_rec, w, mask)
    if first_draw is None:
        expansion_candidates = bool(failing)
    else:
        expansion_candidates = not first_draw.isdisjoint(records.failed_ids())

    # Section totals: sum validated accumulators in batches that cannot overflow a field, then decode.
    n_sections = len(tool.sections)
    sec = [0] * (3 * n_sections)
    batch = c.batch
    chunks = [provider_value] + [sum(values[i : i + batch]) for i in range(0, len(values), batch)]
    # Spread each chunk's section fields over two integers with a free field between neighbours, so
    # up to 2 ** w chunks add up without overflow; decode once per 2 ** w chunks.
    n_fields = 3 * n_sections
    even = sum(mask << (2 * j * w) for j in range((n_fields + 1) // 2))
    shift = off_rec + 3 * w
    for start in range(0, len(chunks), 1 << w):
        evens = odds = 0
        for chunk in chunks[start : start + (1 << w)]:
            chunk >>= shift
            evens += chunk & even
            odds += (chunk >> w) & even
        for j in range(n_fields):
            sec[j] += ((odds if j & 1 else evens) >> ((j & ~1) * w)) & ((1 << (2 * w)) - 1)

    section_threshold = policy.section_threshold
    section_scores: list[SectionScore] = []
    for si, section in enumerate(tool.sections):
        yes, no, na = sec[3 * si], sec[3 * si + 1], sec[3 * si + 2]
        s = _ratio(yes, no)
        section_scores.append(
            SectionScore(
                key=section.key,
                title=section.title,
                yes_points=yes,
                no_points=no,
                na_count=na,
                score=s,
                requires_action=s is not None and s < section_threshold,
            )
        )
    yes_total = sum(s.yes_points for s in section_scores)
    no_total = sum(s.no_points for s in section_scores)
    total = TotalScore(yes_total, yes_total + no_total, _ratio(yes_total, no_total))
    outcome = decide_outcome(total.score, (s.score for s in section_scores), tool)
    requiring_action = tuple(s.key for s in section_scores if s.requires_action)
    expansion_required = tool.policies.sampling.expansion_size > 0 and expansion_candidates
    return Scorecard(
        tool_key=tool.key,
        tool_version=tool.version,
        sections=tuple(section_scores),
        total=total,
        outcome=outcome,
        sections_requiring_action=requiring_action,
        action_plan_required=outcome == "pip" or bool(requiring_action),
        records=records,
        expansion_required=expansion_required,
        unanswered=tuple(unanswered),
    )
