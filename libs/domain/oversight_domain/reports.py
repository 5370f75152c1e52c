"""What the reports print: the ECM Review Tool's fixed parts (seed 003) and the statistics dashboards use.

Seed 003's ECM Review Tool / Audit Scorecard is a header, "Visit Purpose" check boxes, "Populations of Focus"
check boxes (13), the "ECM Record Scores" table (per section Yes, No, N/A, Section Score %, then the Yes Points,
No Points, N/A totals), the "Scoring Procedure" and "Compliance Rate" texts, "Next Review Due" and the "ECM
Records Reference". The texts are written from a tool's own policies, so any tool prints the same structure;
for the ECM tool they say what the seed says.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from oversight_domain.display import percent
from oversight_domain.statuses import ReviewPurpose
from oversight_domain.tools.models import ToolVersion

# Seed 003, "Visit Purpose", in the tool's order.
VISIT_PURPOSES: tuple[tuple[ReviewPurpose, str], ...] = (
    (ReviewPurpose.INITIAL, "Initial Audit"),
    (ReviewPurpose.MONITORING, "Monitoring"),
    (ReviewPurpose.FOLLOW_UP, "Follow-up"),
    (ReviewPurpose.TECHNICAL_ASSISTANCE, "Technical Assistance"),
    (ReviewPurpose.OTHER, "Other"),
)

# Seed 003, "Populations of Focus" (CalAIM), in the tool's order: (key, label). A review stores its
# populations as text; a stored value matches a box by key or by label (case and spacing ignored).
POPULATIONS_OF_FOCUS: tuple[tuple[str, str], ...] = (
    ("adults_families_homelessness", "Adults and Families - Homelessness"),
    ("adults_high_utilizers", "Adults - At Risk for Avoidable Hospital or ED Utilization"),
    ("adults_smh_sud", "Adults - SMH and/or SUD"),
    ("adults_at_risk_ltc", "Adults - At Risk for LTC"),
    ("adults_transitioning_incarceration", "Adults - Transitioning from Incarceration"),
    ("adults_youth_pregnancy_postpartum", "Adults and Youth - Pregnancy and Postpartum"),
    ("adults_youth_birth_equity", "Adults and Youth - Birth Equity"),
    ("children_youth_homelessness", "Children and Youth - Homelessness"),
    ("children_youth_smh_sud", "Children and Youth - SMH and/or SUD"),
    (
        "children_youth_high_utilizers",
        "Children and Youth - At Risk for Avoidable Hospital or ED Utilization",
    ),
    (
        "children_youth_transitioning_youth_correctional",
        "Children and Youth - Transitioning from Youth Correctional Facility",
    ),
    ("children_youth_child_welfare", "Children and Youth - Involved in Child Welfare"),
    ("children_youth_ccs", "Children and Youth - Enrolled in CCS"),
)

# The records reference's footnote (seed 003).
ENROLLMENT_DATE_NOTE = "*More recent date should be noted in column."


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2013", "-").replace("_", " ").lower().split())


def populations_checked(values: Sequence[str]) -> list[tuple[str, bool]]:
    """Every population of focus of the tool with whether the review names it (by key or label)."""
    named = {_norm(v) for v in values}
    return [(label, _norm(key) in named or _norm(label) in named) for key, label in POPULATIONS_OF_FOCUS]


def purposes_checked(purpose: str) -> list[tuple[str, bool]]:
    return [(label, value == purpose) for value, label in VISIT_PURPOSES]


def _pct(value: Fraction) -> str:
    text = percent(value, 0) or ""
    return f"{text}%"


def scoring_procedure(tool: ToolVersion) -> str:
    """The "Scoring Procedure" text, from the tool's sampling and section count (seed 003's wording)."""
    sampling = tool.policies.sampling
    first = sampling.per_stratum or sampling.min_size or 0
    sections = len(tool.sections)
    lines = []
    if first:
        lines.append(f"Scoring is based on first {first} records pulled.")
    if sampling.expansion_size:
        lines.append(
            f"If any of the first {first} pulled fails, another {sampling.expansion_size} records will be "
            f"pulled for a total of {first + sampling.expansion_size} records."
        )
    lines.append(f"1) Add points given for all {sections} sections.")
    lines.append("2) Divide total points given by total points possible.")
    return " ".join(lines)


def compliance_rate(tool: ToolVersion) -> str:
    """The "Compliance Rate" text, from the tool's thresholds (seed 003's wording for the ECM tool)."""
    scoring = tool.policies.scoring
    pass_at, conditional_at, section = (
        scoring.pass_total,
        scoring.conditional_total,
        scoring.section_threshold,
    )
    below = _pct(conditional_at - Fraction(1, 100))
    return (
        f"Note: Any section score < {_pct(section)} requires a PIP. "
        f"Pass: {_pct(pass_at)} or above (Total score is >= {_pct(pass_at)} and all section scores are "
        f"{_pct(section)} or above). "
        f"Conditional Pass: {_pct(conditional_at)}-{_pct(pass_at - Fraction(1, 100))} (Total is "
        f"{_pct(conditional_at)}-{_pct(pass_at - Fraction(1, 100))} OR any section(s) score is < {_pct(section)}). "
        f"PIP: {below} and Below."
    )


def age_years_months(birth: date, on: date) -> tuple[int, int]:
    """Completed years and months of age on ``on`` (seed 003's "Age (Year/Month)")."""
    months = (on.year - birth.year) * 12 + (on.month - birth.month)
    if on.day < birth.day:
        months -= 1
    months = max(months, 0)
    return months // 12, months % 12


@dataclass(frozen=True)
class Distribution:
    """Where the scores of one section (or the total) lie: quartiles by linear interpolation, the same
    figures as SQL's ``percentile_cont`` (so a plan can check them)."""

    count: int
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float


def distribution(values: Sequence[float]) -> Distribution | None:
    if not values:
        return None
    ordered = sorted(values)
    if len(ordered) == 1:
        v = ordered[0]
        return Distribution(1, v, v, v, v, v)
    q1, median, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    return Distribution(len(ordered), ordered[0], q1, median, q3, ordered[-1])


def review_due_status(next_due: date | None, today: date, soon_days: int = 90) -> str:
    """``never_reviewed`` (no finalized review), ``overdue``, ``due_soon`` (within ``soon_days``) or ``current``."""
    if next_due is None:
        return "never_reviewed"
    if next_due < today:
        return "overdue"
    if (next_due - today).days <= soon_days:
        return "due_soon"
    return "current"
