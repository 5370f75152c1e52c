"""Checking findings against a tool and a sample (seed 003: findings are answered per sampled record for
record-level elements and once per review for provider-level elements).

:func:`check_findings` is the one statement of what makes a finding invalid; the scorer raises on the
first problem it reports, the API reports every problem with its position in the request body.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, Protocol

from oversight_domain.tools.models import ToolVersion

ANSWERS = frozenset({"yes", "no", "na"})


class FindingLike(Protocol):
    """Anything with a record id (``None`` for a provider-level element), an element key and an answer:
    the domain's :class:`~oversight_domain.scoring.Finding`, an API input model, a database row."""

    @property
    def record_id(self) -> Hashable | None: ...

    @property
    def element_key(self) -> str: ...

    @property
    def answer(self) -> str: ...


class FindingError(StrEnum):
    UNKNOWN_ELEMENT = "unknown_element"
    """The tool has no element with this key."""
    UNKNOWN_ANSWER = "unknown_answer"
    """The answer is not ``yes``, ``no`` or ``na``."""
    RECORD_REQUIRED = "record_required"
    """A record-level element answered without a record."""
    RECORD_NOT_SAMPLED = "record_not_sampled"
    """A record-level element answered for a record that is not in the sample."""
    RECORD_NOT_ALLOWED = "record_not_allowed"
    """A provider-level element answered with a record."""
    DUPLICATE = "duplicate"
    """A second answer for the same (record, element)."""


FindingField = Literal["element_key", "answer", "record_id"]


@dataclass(frozen=True, slots=True)
class FindingProblem:
    """What is wrong with the finding at ``index`` (its position in the findings checked).

    ``field`` names the offending field (``None``: the finding as a whole, for a duplicate);
    ``duplicate_of`` is the index of the first finding for the same (record, element).
    """

    index: int
    error: FindingError
    field: FindingField | None
    element_key: str
    record_id: Hashable | None
    answer: str
    duplicate_of: int | None = None

    @property
    def message(self) -> str:
        key, rid = self.element_key, self.record_id
        match self.error:
            case FindingError.UNKNOWN_ELEMENT:
                return f"unknown element {key!r}"
            case FindingError.UNKNOWN_ANSWER:
                return f"unknown answer {self.answer!r} for element {key!r}"
            case FindingError.RECORD_REQUIRED:
                return f"record-level element {key!r} answered without a record id"
            case FindingError.RECORD_NOT_SAMPLED:
                return f"element {key!r} answered for a record not in the sample: {rid!r}"
            case FindingError.RECORD_NOT_ALLOWED:
                return f"provider-level element {key!r} answered with a record id"
            case FindingError.DUPLICATE:
                return f"duplicate finding for record {rid!r}, element {key!r}"


def _problem_of(
    finding: FindingLike, level: str | None, sampled: Collection[Hashable]
) -> tuple[FindingError, FindingField | None] | None:
    """The first thing wrong with one finding on its own (duplicates aside)."""
    if level is None:
        return FindingError.UNKNOWN_ELEMENT, "element_key"
    if finding.answer not in ANSWERS:
        return FindingError.UNKNOWN_ANSWER, "answer"
    if level == "record":
        if finding.record_id is None:
            return FindingError.RECORD_REQUIRED, "record_id"
        if finding.record_id not in sampled:
            return FindingError.RECORD_NOT_SAMPLED, "record_id"
    elif finding.record_id is not None:
        return FindingError.RECORD_NOT_ALLOWED, "record_id"
    return None


def check_findings(
    tool: ToolVersion, findings: Iterable[FindingLike], sampled_ids: Collection[Hashable]
) -> list[FindingProblem]:
    """Every invalid finding, at most one problem each, in the order given (empty: all valid).

    A finding is checked for, in this order: an element the tool has, a known answer, and a record id
    that fits the element's level (record-level: one of ``sampled_ids``; provider-level: none). A finding
    that passes is a duplicate if an earlier valid finding has the same (record, element), whatever the
    answers.
    """
    levels = {e.key: e.level for s in tool.sections for e in s.elements}
    sampled = sampled_ids if isinstance(sampled_ids, set | frozenset) else frozenset(sampled_ids)
    first_seen: dict[Hashable | None, dict[str, int]] = {}  # record id -> element key -> index
    problems: list[FindingProblem] = []
    for index, finding in enumerate(findings):
        found = _problem_of(finding, levels.get(finding.element_key), sampled)
        duplicate_of = None
        if found is None:
            seen_in_record = first_seen.setdefault(finding.record_id, {})
            duplicate_of = seen_in_record.setdefault(finding.element_key, index)
            if duplicate_of == index:
                continue
            found = (FindingError.DUPLICATE, None)
        error, field = found
        problems.append(
            FindingProblem(
                index=index,
                error=error,
                field=field,
                element_key=finding.element_key,
                record_id=finding.record_id,
                answer=finding.answer,
                duplicate_of=duplicate_of,
            )
        )
    return problems
