"""Review tools as data: a versioned instrument (sections -> elements) plus its policies.

A tool version is immutable (frozen pydantic models, tuples instead of lists) and rejects unknown
fields (``extra="forbid"``). Cross-field rules (unique keys, threshold ordering, ...) are checked by
model validators that report the exact path of the offending value, see :class:`ToolValidationError`
in :mod:`oversight_domain.tools.loader`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)
from pydantic_core import PydanticCustomError

from oversight_domain.types import DayType, ExactFraction, Level, Program

KEY_PATTERN = r"^[a-z0-9][a-z0-9_.\-]*$"

# Bounds on the numbers that drive loops (sample draws, scoring, business-day counting, reminders), named so
# the limits are found in one place. Each is far above the seeds' figures and keeps the work small: scoring
# is records x record-level elements, and counting business days walks the calendar one day at a time.
MAX_SECTIONS = 25
"""Sections in a tool (the shipped tools have 4 and 6)."""
MAX_ELEMENTS = 250
"""Elements in a tool, all sections together (the shipped tools have 13 and 41)."""
MAX_EVIDENCE_SOURCES = 20
MAX_SAMPLE_SIZE = 1000
"""Records per stratum, the cap, the up-front sample, the expansion draw and the oversample (seeds: 8, 10, 30)."""
MAX_POLICY_DAYS = 730
"""Any day count in a policy (notice 28, PIP 90, CAP 30, TAR 60 in the seeds); two years at most."""
MAX_REMINDERS = 10
MAX_REVIEW_FREQUENCY_MONTHS = 120
MAX_ENGAGEMENT_COUNT = 100
"""Attempts or contacts required in an engagement window (seed 003: 3 and 1)."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def semantic_error(errors: list[dict[str, str]]) -> PydanticCustomError:
    """A validation error carrying exact paths (relative to the model validated) in its context."""
    text = "; ".join(f"{e['path']}: {e['message']}" for e in errors)
    return PydanticCustomError("tool_semantic", "{summary}", {"summary": text, "errors": errors})


def _prefix(prefix: str, errors: list[dict[str, str]]) -> list[dict[str, str]]:
    return [
        {"path": f"{prefix}.{e['path']}" if e["path"] else prefix, "message": e["message"]} for e in errors
    ]


# --------------------------------------------------------------------------- instrument


class Element(_Model):
    """One scored question of the tool.

    ``level="record"``: answered once per sampled member record; ``level="provider"``: once per review.
    """

    key: str = Field(pattern=KEY_PATTERN, max_length=80)
    title: str = Field(min_length=1)
    requirement: str = Field(min_length=1)
    evidence_sources: tuple[str, ...] = Field(default=(), max_length=MAX_EVIDENCE_SOURCES)
    level: Level
    points: int = Field(ge=1, le=1000)


class Section(_Model):
    key: str = Field(pattern=KEY_PATTERN, max_length=80)
    title: str = Field(min_length=1)
    elements: tuple[Element, ...] = Field(min_length=1, max_length=MAX_ELEMENTS)


# --------------------------------------------------------------------------- policies


class FailedRecordPolicy(_Model):
    """When a sampled record counts as failed (drives the ECM expansion draw, seed 003).

    ``score_below``: the record's score (its yes points / its scorable points over record-level
    elements) is below ``threshold`` (default: the scoring policy's ``section_threshold``).
    ``any_no``: any record-level element answered ``no``.
    A record with nothing scorable (all N/A or unanswered) never fails.
    """

    rule: Literal["score_below", "any_no"] = "score_below"
    threshold: ExactFraction | None = None


class ScoringPolicy(_Model):
    """Outcome thresholds, compared as exact fractions (no rounding).

    ``pass``: total >= ``pass_total`` and every scorable section >= ``section_threshold``.
    ``conditional_pass``: total >= ``conditional_total`` but not a pass.
    ``pip``: total < ``conditional_total``.
    Sections below ``section_threshold`` require action whatever the outcome.
    """

    pass_total: ExactFraction
    conditional_total: ExactFraction
    section_threshold: ExactFraction
    failed_record: FailedRecordPolicy = FailedRecordPolicy()

    @model_validator(mode="after")
    def _check(self) -> ScoringPolicy:
        errors: list[dict[str, str]] = []
        for name in ("pass_total", "conditional_total", "section_threshold"):
            value: Fraction = getattr(self, name)
            if not 0 <= value <= 1:
                errors.append({"path": name, "message": f"must be between 0 and 1, got {value}"})
        if self.conditional_total > self.pass_total:
            errors.append({"path": "conditional_total", "message": "must not exceed pass_total"})
        threshold = self.failed_record.threshold
        if threshold is not None and not 0 <= threshold <= 1:
            errors.append({"path": "failed_record.threshold", "message": "must be between 0 and 1"})
        if errors:
            raise semantic_error(errors)
        return self

    @property
    def failed_record_threshold(self) -> Fraction:
        t = self.failed_record.threshold
        return self.section_threshold if t is None else t


SamplingMethod = Literal["fixed", "upfront", "percentage"]

# Policy fields a tool written before the sampling methods does not have; left out of the tool's dump while they
# hold their defaults, so a stored tool's document (and its content hash) stays what it was.
_METHOD_FIELDS = ("method", "upfront_size", "percent", "min_size")


class SamplingPolicy(_Model):
    """How member records are drawn (see :mod:`oversight_domain.sampling`, the README's "Sampling methods").

    ``strata="single"``: one pool; ``strata="by_stratum"``: one pool per stratum (NC population segment).

    ``method`` (default ``fixed``, what every tool before the methods did):

    * ``fixed``: ``per_stratum`` records from each pool, the total capped at ``cap``
      (ECM: one pool of 8, seed 003; NC: 10 per population segment, cap 30 per provider, seed 000).
    * ``upfront``: ``upfront_size`` members drawn from the pool at once, the first ``per_stratum`` of them
      reviewed; if one of those fails, the rest of the up-front sample is due (NCQA "8/30": 30 drawn, 8 reviewed).
    * ``percentage``: ``percent`` of the frame (rounded up), at least ``min_size`` and at most ``cap``
      ("5% or 50 files, whichever is less").

    ``expansion_size``: size of the second draw when a first-draw record fails (ECM: 8 more, 16 in all); the
    ``upfront`` method's second stage is the rest of its up-front sample instead.
    ``oversample``: ordered replacement candidates kept per pool (HEDIS style).
    ``eligibility_min_enrolled``: providers with fewer enrolled members are not sampled (ECM: 10).
    """

    strata: Literal["single", "by_stratum"]
    method: SamplingMethod = "fixed"
    per_stratum: int | None = Field(default=None, ge=1, le=MAX_SAMPLE_SIZE)
    cap: int | None = Field(default=None, ge=1, le=MAX_SAMPLE_SIZE)
    upfront_size: int | None = Field(default=None, ge=2, le=MAX_SAMPLE_SIZE)
    percent: ExactFraction | None = None
    min_size: int | None = Field(default=None, ge=1, le=MAX_SAMPLE_SIZE)
    expansion_size: int = Field(default=0, ge=0, le=MAX_SAMPLE_SIZE)
    oversample: int = Field(default=0, ge=0, le=MAX_SAMPLE_SIZE)
    eligibility_min_enrolled: int | None = Field(default=None, ge=1)
    frame: str = Field(default="", description="What the sampling frame is (documentation for reviewers).")

    @model_validator(mode="after")
    def _check(self) -> SamplingPolicy:
        errors = self._method_errors()
        if self.strata == "single" and self.cap is not None and self.cap < (self.per_stratum or 0):
            errors.append({"path": "cap", "message": "must be >= per_stratum"})
        if errors:
            raise semantic_error(errors)
        return self

    def _method_errors(self) -> list[dict[str, str]]:
        """Each method's own fields are required, and the others' fields are refused (a tool that says
        ``percent`` under the fixed method would be read as something it is not)."""
        needs: dict[str, tuple[str, ...]] = {
            "fixed": ("per_stratum",),
            "upfront": ("per_stratum", "upfront_size"),
            "percentage": ("percent", "cap"),
        }
        refuses: dict[str, tuple[str, ...]] = {
            "fixed": ("upfront_size", "percent", "min_size"),
            "upfront": ("cap", "percent", "min_size", "expansion_size"),
            "percentage": ("per_stratum", "upfront_size"),
        }
        errors = [
            {"path": name, "message": f"required by the {self.method} method"}
            for name in needs[self.method]
            if getattr(self, name) is None
        ]
        errors += [
            {"path": name, "message": f"not used by the {self.method} method"}
            for name in refuses[self.method]
            if getattr(self, name) not in (None, 0)
        ]
        if self.method != "fixed" and self.strata != "single":
            errors.append(
                {"path": "strata", "message": f"the {self.method} method draws from one pool: single"}
            )
        if (
            self.upfront_size is not None
            and self.per_stratum is not None
            and self.upfront_size <= self.per_stratum
        ):
            errors.append(
                {
                    "path": "upfront_size",
                    "message": "must be more than per_stratum (the records reviewed first)",
                }
            )
        if self.percent is not None and not 0 < self.percent <= 1:
            errors.append({"path": "percent", "message": "must be above 0 and at most 1 (100%)"})
        if self.min_size is not None and self.cap is not None and self.min_size > self.cap:
            errors.append({"path": "min_size", "message": "must not exceed cap"})
        return errors

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        for name in _METHOD_FIELDS:
            if data.get(name) == SamplingPolicy.model_fields[name].default:
                del data[name]
        return data

    @property
    def has_second_stage(self) -> bool:
        """A failed first-stage record makes more records due (an expansion draw, or the up-front rest)."""
        return self.method == "upfront" or self.expansion_size > 0


class NoticePolicy(_Model):
    """Advance notice of a monitoring review (NC: 28 days, seed 000).

    ``reminder_days_before``: when the provider is reminded of the visit (issue 6: 7 days before); ``None``
    sends no reminder.
    """

    days: int = Field(ge=0, le=MAX_POLICY_DAYS)
    day_type: DayType = "calendar"
    reminder_days_before: int | None = Field(default=7, ge=1, le=MAX_POLICY_DAYS)


class EscalationPolicy(_Model):
    """Clocks and consequences of action plans (seed 003 for ECM, seed 000 for the TCM TA rule).

    ``pip_days`` / ``cap_days`` may be ``None`` when the source documents give no number; opening
    such a plan raises :class:`oversight_domain.escalation.EscalationConfigError`.
    ``reminder_offsets``: calendar days before the due date at which ``action_plan_due_soon`` is owed.
    """

    pip_days: int | None = Field(ge=1, le=MAX_POLICY_DAYS)
    cap_days: int | None = Field(ge=1, le=MAX_POLICY_DAYS)
    day_type: DayType = "calendar"
    calendar: str = Field(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
    technical_assistance_exempt: bool = True
    first_review_is_technical_assistance: bool = False
    holds_on_cap: tuple[str, ...] = ("new_enrollment", "authorizations")
    reminder_offsets: tuple[int, ...] = Field(default=(14, 7, 1), max_length=MAX_REMINDERS)
    on_cap_overdue: Literal["termination_recommended"] = "termination_recommended"

    @model_validator(mode="after")
    def _check(self) -> EscalationPolicy:
        errors: list[dict[str, str]] = []
        for i, off in enumerate(self.reminder_offsets):
            if not 1 <= off <= MAX_POLICY_DAYS:
                errors.append({"path": f"reminder_offsets[{i}]", "message": f"must be 1-{MAX_POLICY_DAYS}"})
        if len(set(self.reminder_offsets)) != len(self.reminder_offsets):
            errors.append({"path": "reminder_offsets", "message": "offsets must be unique"})
        if errors:
            raise semantic_error(errors)
        return self


class ReviewFrequency(_Model):
    """How often a provider is reviewed (ECM: every other year = 24 months, seed 003)."""

    months: int | None = Field(default=None, ge=1, le=MAX_REVIEW_FREQUENCY_MONTHS)
    note: str = ""


class EngagementPolicy(_Model):
    """Seed 003 "Engagement Requirements Met": non-enrolled 3 attempts / 30 days; enrolled >= 1 / 30 days."""

    window_days: int = Field(default=30, ge=1, le=MAX_POLICY_DAYS)
    not_enrolled_min_attempts: int = Field(default=3, ge=0, le=MAX_ENGAGEMENT_COUNT)
    enrolled_min_contacts: int = Field(default=1, ge=0, le=MAX_ENGAGEMENT_COUNT)


class TarTimelinessPolicy(_Model):
    """Seed 003, Partnership policy MCUP3041."""

    service_days: int = Field(default=15, ge=0, le=MAX_POLICY_DAYS)
    service_day_type: DayType = "business"
    denial_or_retro_days: int = Field(default=60, ge=0, le=MAX_POLICY_DAYS)
    denial_or_retro_day_type: DayType = "calendar"
    renewal_days_before_end: int = Field(default=10, ge=0, le=MAX_POLICY_DAYS)
    renewal_day_type: DayType = "calendar"


class DuplicationPolicy(_Model):
    """Programs that duplicate the checked program (seed 003 "Duplication of Services Prevention")."""

    program: str = "ECM"
    conflicting_programs: dict[str, str] = Field(default_factory=dict)


class StalenessPolicy(_Model):
    """Maximum age, in calendar days, of the latest document of each kind (e.g. assessment, care plan)."""

    max_age_days: dict[str, int] = Field(default_factory=dict)
    note: str = ""

    @model_validator(mode="after")
    def _check(self) -> StalenessPolicy:
        errors = [
            {"path": f"max_age_days.{k}", "message": f"must be 1-{MAX_POLICY_DAYS}"}
            for k, v in self.max_age_days.items()
            if not 1 <= v <= MAX_POLICY_DAYS
        ]
        if errors:
            raise semantic_error(errors)
        return self


class CompliancePolicy(_Model):
    engagement: EngagementPolicy | None = None
    tar_timeliness: TarTimelinessPolicy | None = None
    duplication: DuplicationPolicy | None = None
    staleness: StalenessPolicy | None = None


class FollowUpPolicy(_Model):
    """Follow-up reviews ("Visit Purpose: Follow-up" on seed 003's ECM Review Tool) of an open action plan.

    ``scope``: which sections a follow-up answers and scores - the action plan's sections requiring action
    (the default), or the whole tool. Its sample is drawn by the sampling policy as for any review.
    ``compliant_at``: the score over the scoped sections that shows compliance and closes the plan; seed
    003 lifts a CAP's holds only "until 100% compliant", so 1 (100%).
    """

    scope: Literal["sections_requiring_action", "whole_tool"] = "sections_requiring_action"
    compliant_at: ExactFraction = Fraction(1)

    @model_validator(mode="after")
    def _check(self) -> FollowUpPolicy:
        if not 0 < self.compliant_at <= 1:
            raise semantic_error([{"path": "compliant_at", "message": "must be above 0 and at most 1"}])
        return self


class DisputePolicy(_Model):
    """Provider disputes of a plan's decisions.

    Seed 004: a network provider disputes "no later than 21 calendar days from the receipt of the
    LME/MCO's decision in question" (``window_days``, ``window_day_type``). The seeds set no time for the
    plan's decision: ``decision_days`` (30 calendar days from filing) is an assumption, kept here as data.
    """

    window_days: int = Field(default=21, ge=1, le=MAX_POLICY_DAYS)
    window_day_type: DayType = "calendar"
    decision_days: int = Field(default=30, ge=1, le=MAX_POLICY_DAYS)
    decision_day_type: DayType = "calendar"


class Policies(_Model):
    scoring: ScoringPolicy
    sampling: SamplingPolicy
    notice: NoticePolicy | None = None
    escalation: EscalationPolicy
    review_frequency: ReviewFrequency = ReviewFrequency()
    compliance: CompliancePolicy = CompliancePolicy()
    follow_up: FollowUpPolicy = FollowUpPolicy()
    disputes: DisputePolicy = DisputePolicy()

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # Policies added after tool versions were stored are left out while they hold their defaults: a stored
        # version's document and content hash stay what they were, so `tools sync` sees no conflict.
        data: dict[str, Any] = handler(self)
        for name in _LATER_POLICIES:
            if getattr(self, name) == Policies.model_fields[name].default:
                del data[name]
        return data


_LATER_POLICIES = ("follow_up", "disputes")


# --------------------------------------------------------------------------- tool version


class ToolVersion(_Model):
    """One immutable version of a review tool."""

    key: str = Field(pattern=KEY_PATTERN, max_length=80)
    version: str = Field(min_length=1, max_length=40)
    title: str = Field(min_length=1)
    program: Program
    jurisdiction: str = Field(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
    source: str = ""
    sections: tuple[Section, ...] = Field(min_length=1, max_length=MAX_SECTIONS)
    policies: Policies

    @model_validator(mode="after")
    def _check(self) -> ToolVersion:
        errors: list[dict[str, str]] = []
        seen_sections: dict[str, int] = {}
        seen_elements: dict[str, str] = {}
        for si, section in enumerate(self.sections):
            if section.key in seen_sections:
                first = f"sections[{seen_sections[section.key]}]"
                errors.append(
                    {
                        "path": f"sections[{si}].key",
                        "message": f"duplicate section key {section.key!r} (first at {first})",
                    }
                )
            else:
                seen_sections[section.key] = si
            for ei, element in enumerate(section.elements):
                here = f"sections[{si}].elements[{ei}]"
                if element.key in seen_elements:
                    first = seen_elements[element.key]
                    errors.append(
                        {
                            "path": f"{here}.key",
                            "message": f"duplicate element key {element.key!r} (first at {first})",
                        }
                    )
                else:
                    seen_elements[element.key] = here
        elements = sum(len(section.elements) for section in self.sections)
        if elements > MAX_ELEMENTS:
            errors.append({"path": "sections", "message": f"{elements} elements; at most {MAX_ELEMENTS}"})
        if errors:
            raise semantic_error(errors)
        return self

    # convenience -------------------------------------------------------------------

    def element(self, key: str) -> Element:
        for section in self.sections:
            for element in section.elements:
                if element.key == key:
                    return element
        raise KeyError(key)

    @property
    def record_elements(self) -> tuple[Element, ...]:
        return tuple(e for s in self.sections for e in s.elements if e.level == "record")

    @property
    def provider_elements(self) -> tuple[Element, ...]:
        return tuple(e for s in self.sections for e in s.elements if e.level == "provider")


def errors_from_pydantic(raw: list[Any]) -> list[dict[str, str]]:
    """Turn pydantic error dicts into ``{"path": "sections[2].elements[0].points", "message": ...}``."""
    out: list[dict[str, str]] = []
    for err in raw:
        path = _loc_to_path(err.get("loc", ()))
        ctx = err.get("ctx") or {}
        if err.get("type") == "tool_semantic" and isinstance(ctx.get("errors"), list):
            out.extend(_prefix(path, ctx["errors"]) if path else ctx["errors"])
        else:
            out.append({"path": path, "message": str(err.get("msg", "invalid"))})
    return out


def _loc_to_path(loc: Any) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path
