"""The file formats of activity imports: per kind, its columns, their types and whether they are required.

A file is CSV (a header line naming the columns, in any order; RFC 4180 quoting; UTF-8) or NDJSON (one
JSON object per line, keys = column names). The README's "Care-management activity imports" section is
generated from nothing: keep it in step with this table.

Types: ``text`` (up to ``max_len`` characters), ``date`` (``YYYY-MM-DD``, 1900-2199), ``int``
(0-999999), ``bool`` (``true``/``false``), ``choice`` (one of ``choices``), ``npi`` (10 digits: a
provider in the plan's network), ``member`` (a member number the plan has sent).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ColumnType = Literal["text", "date", "int", "bool", "choice", "npi", "member"]


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    required: bool = True
    max_len: int = 64
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class FileFormat:
    kind: str
    source_id: str
    """The column holding the id the plan's own system gives the row (the merge key)."""
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


INTERACTIONS = FileFormat(
    "interactions",
    "interaction_id",
    (
        Column("interaction_id", "text"),
        Column("member_number", "member"),
        Column("provider_npi", "npi"),
        Column("occurred_on", "date"),
        Column("kind", "choice", choices=("outreach", "contact", "appointment")),
        Column("duration_minutes", "int", required=False),
        Column("outcome", "choice", choices=("reached", "not_reached", "kept", "missed", "cancelled")),
        Column("enrolled", "bool"),
    ),
)

TARS = FileFormat(
    "tars",
    "tar_number",
    (
        Column("tar_number", "text"),
        Column("member_number", "member"),
        Column("provider_npi", "npi"),
        Column("kind", "choice", choices=("initial", "renewal")),
        Column("service_date", "date", required=False),
        Column("received_on", "date"),
        Column("primary_denial_on", "date", required=False),
        Column("retro_eligibility_on", "date", required=False),
        Column("prior_approval_ends_on", "date", required=False),
        Column("procedure_code", "text", required=False, max_len=20),
        Column("modifier", "text", required=False, max_len=20),
        Column("quantity", "int", required=False),
        Column("diagnosis_code", "text", required=False, max_len=20),
        Column("population_of_focus", "text", required=False, max_len=100),
    ),
)

CARE_DOCUMENTS = FileFormat(
    "care_documents",
    "document_id",
    (
        Column("document_id", "text"),
        Column("member_number", "member"),
        Column("provider_npi", "npi"),
        Column("kind", "choice", choices=("assessment", "care_plan")),
        Column("completed_on", "date"),
        Column("updated_on", "date", required=False),
    ),
)

PROGRAM_SPANS = FileFormat(
    "program_spans",
    "span_id",
    (
        Column("span_id", "text"),
        Column("member_number", "member"),
        Column("program", "text", max_len=16),
        Column("start_date", "date"),
        Column("end_date", "date", required=False),
        Column("data_source", "choice", choices=("internal", "external")),
    ),
)

CLAIMS = FileFormat(
    "claims",
    "claim_number",
    (
        Column("claim_number", "text", max_len=50),
        Column("member_number", "member"),
        Column("provider_npi", "npi"),
        Column("date_of_service", "date"),
        Column("paid_date", "date"),
        Column("population_segment", "text", required=False, max_len=100),
        Column("procedure_code", "text", required=False, max_len=20),
    ),
)

# The file path for ``POST /v1/members/batch`` (its schema: oversight_app.members.schemas): the member's
# columns, then at most one enrollment per line. A member with several enrollments takes a line for each,
# repeating the member's columns (which must then agree); a line whose enrollment columns are all blank
# sends the member alone. ``member_number`` is checked against the plan's jurisdiction's form
# (oversight_app/members/member_numbers.yaml) and is the merge key.
MEMBERS = FileFormat(
    "members",
    "member_number",
    (
        Column("member_number", "text", max_len=20),
        Column("first_name", "text", max_len=100),
        Column("last_name", "text", max_len=100),
        Column("birth_date", "date"),
        Column("gender", "text", required=False, max_len=20),
        Column("plan_code", "text", required=False, max_len=20),
        Column("program", "choice", required=False, choices=("ecm", "tcm")),
        Column("provider_npi", "npi", required=False),
        Column(
            "status", "choice", required=False, choices=("engaged", "enrolled", "not_enrolled", "disenrolled")
        ),
        Column("start_date", "date", required=False),
        Column("end_date", "date", required=False),
        Column("population", "text", required=False, max_len=100),
    ),
)
MEMBER_COLUMNS = ("first_name", "last_name", "birth_date", "gender", "plan_code")
ENROLLMENT_COLUMNS = ("program", "provider_npi", "status", "start_date", "end_date", "population")
# What an enrollment line must hold (the batch's EnrollmentIn requires these).
ENROLLMENT_REQUIRED = ("program", "provider_npi", "status", "start_date")

FORMATS: dict[str, FileFormat] = {
    f.kind: f for f in (INTERACTIONS, TARS, CARE_DOCUMENTS, PROGRAM_SPANS, CLAIMS, MEMBERS)
}
