"""Loading an import: the file streamed with ``COPY`` into a staging table, validated in SQL per row, then
merged into its table all or nothing.

1. **Claim** (short transaction): the oldest pending import becomes ``loading`` (``FOR UPDATE SKIP
   LOCKED``, so several workers never load the same file), its attempt number ``attempts`` + 1. While the
   load runs it renews its claim every few seconds on a second connection (``oversight_app.claims``).
2. **Stream** the file from blob storage in chunks of ``CHUNK_BYTES`` (each read in a thread), straight
   into ``COPY``: memory stays flat whatever the file's size. The CSV header is checked from the first
   chunk, before any transaction; NDJSON is turned into CSV chunk by chunk in a thread (a line that is
   not a JSON object is an error naming the line).
3. **One transaction** (open while the chunks stream in): a temporary staging table of text columns (``line``: the
   file's line number, given by the NDJSON converter or counted for CSV) is filled by asyncpg's
   ``copy_to_table``; one ``SELECT`` lists every row's problems by line and column; with none, the rows are
   merged (``merge``: a plain ``INSERT`` when the plan has none of the file's source ids yet, else ``INSERT ...
   ON CONFLICT (plan_id, source id) DO UPDATE``, a row whose values did not change not rewritten) and the
   import records its counts, if the import is still claimed under the load's attempt number (else a later
   claim has it: the whole transaction is rolled back). With any problem the transaction is rolled back:
   nothing is written but the import's status and its errors (a second short transaction, on the same
   condition). A member file (``kind=members``) has checks and a merge of its own (``merge_members``: the
   batch's rules, then the members and their enrollments), in the same transaction.

Errors name the line (the header is line 1) and the column, never the value: the values are member data.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import aclosing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

import asyncpg
import structlog
from sqlalchemy import CursorResult, Update, and_, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from oversight_app.audit import current_request_id
from oversight_app.claims import CLAIM_LEASE, Lease, last_alive, renewing
from oversight_app.imports.formats import (
    ENROLLMENT_COLUMNS,
    ENROLLMENT_REQUIRED,
    FORMATS,
    MEMBER_COLUMNS,
    Column,
    FileFormat,
)
from oversight_app.members.numbers import MemberNumberFormat, format_for
from oversight_db import audit
from oversight_db.blobs import BlobStore
from oversight_db.db import unit_of_work
from oversight_db.models.activity import ActivityImport
from oversight_db.models.organizations import Organization

log = structlog.get_logger("oversight.imports")

MAX_LISTED_ERRORS = 1000
WORK_MEM = "256MB"
STAGE = "import_stage"
_DATE_RE = r"^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


@dataclass(frozen=True)
class LoadOutcome:
    import_id: uuid.UUID
    plan_id: uuid.UUID
    status: str
    rows: int


class ImportFileError(Exception):
    """The file cannot be staged at all (header, encoding, a row's shape); carries line-and-column errors."""

    def __init__(self, errors: list[dict[str, Any]], total: int | None = None, rows: int = 0) -> None:
        super().__init__(f"{total or len(errors)} error(s) in the file")
        self.errors = errors
        self.total = total or len(errors)
        self.rows = rows


def _error(line: int, column: str, message: str) -> dict[str, Any]:
    return {"line": line, "column": column, "message": message}


# --------------------------------------------------------------------------- reading the file


def _header(fmt: FileFormat, names: list[str]) -> list[str]:
    errors: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, name in enumerate(names):
        if name not in fmt.names:
            errors.append(_error(1, f"#{i + 1}", "is not a column of this kind of file"))
        elif name in seen:
            errors.append(_error(1, name, "appears twice in the header"))
        seen.add(name)
    errors += [_error(1, c.name, "is missing") for c in fmt.columns if c.required and c.name not in seen]
    if errors:
        raise ImportFileError(errors)
    return names


# A header line (or an NDJSON line) longer than this is refused rather than held in memory.
MAX_LINE_BYTES = 1024 * 1024


@dataclass
class Source:
    """What ``COPY`` reads: the file's columns in the order of its rows, the rows as CSV in chunks, and the
    errors found while converting them (NDJSON: known only once the chunks have been read)."""

    names: list[str]
    chunks: AsyncIterator[bytes]
    errors: list[dict[str, Any]] = field(default_factory=list)
    numbered: bool = False
    """The rows carry their file line number first (NDJSON: blank lines are skipped, so the row count
    is not the line); else a CSV row's line is its place after the header."""


async def csv_source(fmt: FileFormat, chunks: AsyncIterator[bytes]) -> Source:
    """The header's columns, then the data after the header line passed on in the blob's own chunks (CSV
    is what ``COPY`` reads: no byte is looked at twice in Python)."""
    head = b""
    async for chunk in chunks:
        head += chunk
        if b"\n" in head:
            break
        if len(head) > MAX_LINE_BYTES:
            raise ImportFileError([_error(1, "-", "is longer than a header can be")])
    first, _, rest = head.partition(b"\n")
    try:
        line = first.decode("utf-8-sig").rstrip("\r")
    except UnicodeDecodeError:
        raise ImportFileError([_error(1, "-", "is not valid UTF-8")]) from None
    names = _header(fmt, [n.strip() for n in next(csv.reader([line]), [])])

    async def body() -> AsyncIterator[bytes]:
        if rest:
            yield rest
        async for chunk in chunks:  # resumes where the header's loop stopped
            yield chunk

    return Source(names, body())


class NdjsonRows:
    """NDJSON turned into CSV rows of every column of the format (missing keys: empty), one chunk at a time:
    a line cut by a chunk's end waits in ``tail`` for the next chunk. ``convert`` runs in a thread."""

    def __init__(self, fmt: FileFormat) -> None:
        self.fmt = fmt
        self.errors: list[dict[str, Any]] = []
        self.number = 0
        self.tail = b""

    def convert(self, chunk: bytes, final: bool) -> bytes:
        lines = (self.tail + chunk).split(b"\n")
        self.tail = b"" if final else lines.pop()
        if len(self.tail) > MAX_LINE_BYTES:
            self.errors.append(_error(self.number + 1, "-", "is longer than a line can be"))
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for raw in lines:
            self.number += 1
            if raw.strip() and len(self.errors) < MAX_LISTED_ERRORS and (row := self._row(raw)) is not None:
                writer.writerow([self.number, *row])
        return out.getvalue().encode()

    def _row(self, raw: bytes) -> list[str] | None:
        try:
            doc = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            doc = None
        if not isinstance(doc, dict):
            self.errors.append(_error(self.number, "-", "is not a JSON object"))
            return None
        if any(k not in self.fmt.names for k in doc):
            self.errors.append(
                _error(self.number, "-", "has a key that is not a column of this kind of file")
            )
        row = []
        for name in self.fmt.names:
            value = doc.get(name)
            if isinstance(value, bool):
                value = "true" if value else "false"
            elif isinstance(value, dict | list):
                self.errors.append(_error(self.number, name, "is not a single value"))
                value = None
            row.append("" if value is None else str(value))
        return row


def ndjson_source(fmt: FileFormat, chunks: AsyncIterator[bytes]) -> Source:
    rows = NdjsonRows(fmt)
    return Source(["line", *fmt.names], _ndjson_chunks(rows, chunks), rows.errors, numbered=True)


async def _ndjson_chunks(rows: NdjsonRows, chunks: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    async for chunk in chunks:
        yield await asyncio.to_thread(rows.convert, chunk, False)
        if len(rows.errors) >= MAX_LISTED_ERRORS or len(rows.tail) > MAX_LINE_BYTES:
            return  # the file fails anyway: no point reading the rest
    yield await asyncio.to_thread(rows.convert, b"", True)


# --------------------------------------------------------------------------- validation in SQL


def _q(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _problem(column: Column) -> str:
    """A SQL expression: NULL when ``s.<column>`` is acceptable, else the message."""
    c = f"s.{column.name}"
    blank = f"nullif(btrim({c}), '') IS NULL"
    checks: list[tuple[str, str]] = []
    if column.required:
        checks.append((blank, "is required"))
    else:
        checks.append((blank, ""))  # blank optional value: nothing more to check
    match column.type:
        case "date":
            checks.append(
                (
                    f"{c} !~ {_q(_DATE_RE)} OR substr({c}, 9, 2)::int > extract(day from "
                    f"make_date(substr({c}, 1, 4)::int, substr({c}, 6, 2)::int, 1) + interval '1 month - 1 day')",
                    "is not a date (YYYY-MM-DD, 1900-2199)",
                )
            )
        case "int":
            checks.append((f"{c} !~ '^[0-9]{{1,6}}$'", "is not a whole number from 0 to 999999"))
        case "bool":
            checks.append((f"lower({c}) NOT IN ('true', 'false')", "is not true or false"))
        case "choice":
            options = ", ".join(_q(v) for v in column.choices)
            checks.append((f"{c} NOT IN ({options})", f"is not one of {', '.join(column.choices)}"))
        case "npi":
            checks.append(("s.provider_id IS NULL", "is not a provider in your network"))
        case "member":
            checks.append(("s.member_id IS NULL", "is not one of your members; send the member first"))
        case "text":
            checks.append((f"length({c}) > {column.max_len}", f"is longer than {column.max_len} characters"))
    whens = " ".join(f"WHEN {cond} THEN {'NULL' if not message else _q(message)}" for cond, message in checks)
    return f"CASE {whens} END"


def _row_rules(fmt: FileFormat) -> list[tuple[str, str, str]]:
    """Rules across columns: (column, condition on valid values, message)."""
    if fmt.kind == "tars":
        return [
            (
                "service_date",
                "s.kind = 'initial' AND nullif(s.service_date, '') IS NULL",
                "is required for an initial TAR",
            ),
            (
                "prior_approval_ends_on",
                "s.kind = 'renewal' AND nullif(s.prior_approval_ends_on, '') IS NULL",
                "is required for a renewal TAR",
            ),
        ]
    if fmt.kind == "program_spans":
        return [("end_date", "s.end_date::date < s.start_date::date", "is before start_date")]
    return []


def _joins(fmt: FileFormat) -> str:
    joins = "LEFT JOIN member m ON m.plan_id = :plan_id AND m.member_number = s.member_number"
    if "provider_npi" in fmt.names:
        joins += (
            " LEFT JOIN (SELECT DISTINCT o.id, o.npi FROM organization o JOIN network_link l"
            " ON l.provider_id = o.id WHERE l.plan_id = :plan_id) n ON n.npi = s.provider_npi"
        )
    return joins


def validation_sql(fmt: FileFormat) -> str:
    """Every row's problems, by line and column: one pass over the staging table. Each check is computed
    once per row as a column; only the rows with a problem are turned into one row per problem (a million
    good rows are not multiplied by their columns first)."""
    checks = [(c.name, _problem(c)) for c in fmt.columns]
    checks.append((fmt.source_id, "CASE WHEN s.first_line < s.line THEN 'repeats line ' || s.first_line END"))
    computed = ", ".join(f"{expr} AS p{i}" for i, (_, expr) in enumerate(checks))
    unpivot = ", ".join(f"({_q(name)}, c.p{i})" for i, (name, _) in enumerate(checks))
    any_problem = f"num_nonnulls({', '.join(f'c.p{i}' for i in range(len(checks)))}) > 0"
    # Rules across columns apply only to rows whose single values are all valid (their casts are safe).
    rules = _row_rules(fmt)
    rule_sql = ""
    if rules:
        rule_values = ", ".join(
            f"({_q(col)}, CASE WHEN {cond} THEN {_q(msg)} END)" for col, cond, msg in rules
        )
        rule_sql = (
            f" UNION ALL SELECT s.line, r.col, r.msg FROM staged s CROSS JOIN LATERAL (VALUES {rule_values})"
            " r(col, msg) WHERE r.msg IS NOT NULL AND NOT EXISTS (SELECT 1 FROM errs e WHERE e.line = s.line)"
        )
    return (
        f"WITH staged AS (SELECT s.*, m.id AS member_id{', n.id AS provider_id' if 'provider_npi' in fmt.names else ''},"
        f" min(s.line) OVER (PARTITION BY s.{fmt.source_id}) AS first_line FROM {STAGE} s {_joins(fmt)}),"
        f" checked AS (SELECT s.line, {computed} FROM staged s),"
        f" errs AS (SELECT c.line, e.col, e.msg FROM checked c CROSS JOIN LATERAL (VALUES {unpivot}) e(col, msg)"
        f" WHERE {any_problem} AND e.msg IS NOT NULL),"
        f" every_error AS (SELECT line, col, msg FROM errs{rule_sql})"
        " SELECT line, col, msg, count(*) OVER () AS total FROM every_error"
        f" ORDER BY line, col LIMIT {MAX_LISTED_ERRORS}"
    )


# --------------------------------------------------------------------------- merging


def _cast(column: Column) -> str:
    c = f"s.{column.name}"
    match column.type:
        case "date":
            return f"nullif({c}, '')::date"
        case "int":
            return f"nullif({c}, '')::int"
        case "bool":
            return f"lower({c})::boolean"
        case _:
            return f"nullif({c}, '')"


@dataclass(frozen=True)
class _Target:
    table: str
    key: str  # the table's column for the file's source id
    columns: dict[str, str]  # table column -> file column


_TARGETS: dict[str, _Target] = {
    "interactions": _Target(
        "member_interaction",
        "source_id",
        {c: c for c in ("occurred_on", "kind", "duration_minutes", "outcome", "enrolled")},
    ),
    "tars": _Target(
        "treatment_authorization",
        "source_id",
        {
            c: c
            for c in (
                "kind",
                "service_date",
                "received_on",
                "primary_denial_on",
                "retro_eligibility_on",
                "prior_approval_ends_on",
                "procedure_code",
                "modifier",
                "quantity",
                "diagnosis_code",
                "population_of_focus",
            )
        },
    ),
    "care_documents": _Target(
        "care_document", "source_id", {c: c for c in ("kind", "completed_on", "updated_on")}
    ),
    "program_spans": _Target(
        "program_span", "source_id", {c: c for c in ("program", "start_date", "end_date", "data_source")}
    ),
    "claims": _Target(
        "claim",
        "claim_number",
        {c: c for c in ("date_of_service", "paid_date", "population_segment", "procedure_code")},
    ),
}


# A row's id: a UUID version 7 (RFC 9562: 48 bits of Unix milliseconds, then random bits) made in SQL
# (Postgres 15 has no ``uuidv7()``). Ids that grow with time land at the right edge of the primary key's
# index instead of on a random leaf page each: inserting the 1M-row interactions benchmark file took 6.4M
# buffer visits against 8.1M with ``gen_random_uuid()`` (EXPLAIN BUFFERS, foreign keys aside). The id
# carries its creation time to the millisecond, nothing else.
ROW_ID = (
    "encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor("
    "extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid"
)


def _merge_parts(fmt: FileFormat) -> tuple[_Target, list[str], list[str], list[str]]:
    """The target, its columns, the staged expressions for them, and the columns a re-sent row may change."""
    target = _TARGETS[fmt.kind]
    cols = ["id", "plan_id", "member_id", target.key, *target.columns]
    exprs = [ROW_ID, ":plan_id", "m.id", f"s.{fmt.source_id}"]
    exprs += [_cast(fmt.column(src)) for src in target.columns.values()]
    changed = ["member_id", *target.columns]
    if "provider_npi" in fmt.names:
        cols.append("provider_id")
        exprs.append("n.id")
        changed.append("provider_id")
    if fmt.kind != "claims":
        cols.append("import_id")
        exprs.append(":import_id")
    return target, cols, exprs, changed


def _staged_rows(fmt: FileFormat, exprs: list[str]) -> str:
    return f"SELECT {', '.join(exprs)} FROM {STAGE} s {_joins(fmt).replace('LEFT JOIN', 'JOIN')}"


def merge_sql(fmt: FileFormat) -> str:
    """Insert new rows, update changed ones, leave unchanged ones alone; returns (inserted, updated)."""
    target, cols, exprs, changed = _merge_parts(fmt)
    sets = [f"{c} = EXCLUDED.{c}" for c in changed]
    if fmt.kind == "claims":
        sets.append("updated_at = now()")
    else:
        sets.append("import_id = EXCLUDED.import_id")
    differs = f"({', '.join('t.' + c for c in changed)}) IS DISTINCT FROM ({', '.join('EXCLUDED.' + c for c in changed)})"
    return (
        f"WITH merged AS (INSERT INTO {target.table} AS t ({', '.join(cols)}) {_staged_rows(fmt, exprs)}"
        f" ON CONFLICT (plan_id, {target.key}) DO UPDATE SET {', '.join(sets)} WHERE {differs}"
        " RETURNING (xmax = 0) AS inserted)"
        " SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM merged"
    )


def insert_sql(fmt: FileFormat) -> str:
    """Every staged row inserted, for a file none of whose source ids the plan has yet (``resent_sql``)."""
    target, cols, exprs, _ = _merge_parts(fmt)
    return f"INSERT INTO {target.table} ({', '.join(cols)}) {_staged_rows(fmt, exprs)}"


def resent_sql(fmt: FileFormat) -> str:
    """Whether any staged row's source id is already the plan's: an index-only probe per staged row at worst
    (1M new rows against a plan holding 1M: 1.1 s, the probe ``ON CONFLICT`` would have made anyway), none
    on a plan with no rows yet, and it stops at the first row found."""
    target = _TARGETS[fmt.kind]
    return (
        f"SELECT EXISTS (SELECT 1 FROM {STAGE} s JOIN {target.table} t"
        f" ON t.plan_id = :plan_id AND t.{target.key} = s.{fmt.source_id})"
    )


async def merge(session: AsyncSession, fmt: FileFormat, params: dict[str, Any]) -> tuple[int, int]:
    """Merge the staged rows; (inserted, updated). A file that only brings new rows (a plan's first file,
    a month of new interactions) is a plain ``INSERT``: ``ON CONFLICT`` costs an extra probe of the unique
    index and a WAL record per row (1M interactions: 12.0M buffer visits against 8.1M, 5.0M WAL records
    against 4.0M). Only when the plan already has some of the file's source ids does the merge compare rows.
    Merges of one table for one plan take turns (a transaction-scoped advisory lock, taken after the file
    is staged, so no lock is held while it streams): between the check and the insert no other import can
    add one of these source ids, so the counts stay exact and the insert cannot hit a duplicate."""
    lock_key = f"{_TARGETS[fmt.kind].table}:{params['plan_id']}"
    await session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": lock_key})
    if await session.scalar(text(resent_sql(fmt)), params):
        inserted, updated = (await session.execute(text(merge_sql(fmt)), params)).one()
        return int(inserted), int(updated)
    result = await session.execute(text(insert_sql(fmt)), params)
    return cast(CursorResult[Any], result).rowcount, 0


# --------------------------------------------------------------------------- member files


# A provider of the plan's network for the line's program (a terminated contract takes no enrollment, as in
# the batch), by NPI.
_MEMBER_NETWORK = (
    " LEFT JOIN (SELECT o.id, o.npi, l.program FROM organization o JOIN network_link l ON l.provider_id = o.id"
    " WHERE l.plan_id = :plan_id AND l.status <> 'terminated') n"
    " ON n.npi = btrim(s.provider_npi) AND n.program = s.program"
)


def _blank(column: str) -> str:
    return f"nullif(btrim(s.{column}), '') IS NULL"


def _member_problem(column: Column, has_enrollment: str, number_format: MemberNumberFormat) -> str:
    """``_problem`` of a member file's column, with the rules that look at the rest of the line or file."""
    name = column.name
    if name in ENROLLMENT_REQUIRED:  # required on a line that has an enrollment
        required = f"({has_enrollment}) AND {_blank(name)}"
        return f"CASE WHEN {required} THEN 'is required for an enrollment' ELSE {_problem(column)} END"
    more: list[tuple[str, str]] = []
    if name == "member_number":
        more = [
            ("btrim(s.member_number) !~ :member_pattern", _q(number_format.problem)),
            ("s.first_line < s.line", "'repeats line ' || s.first_line"),
        ]
    elif name in MEMBER_COLUMNS:  # the member's first line says who the member is
        first = "'differs from line ' || s.member_line || ', the member''s first line'"
        more = [(f"s.{name} IS DISTINCT FROM s.member_{name}", first)]
    if not more:
        return _problem(column)
    cases = " ".join(f"WHEN {condition} THEN {message}" for condition, message in more)
    return f"coalesce({_problem(column)}, CASE {cases} END)"


def members_validation_sql(number_format: MemberNumberFormat) -> str:
    """Every line's problems, by line and column, with the batch's rules (oversight_app.members.service):
    the member number's form per jurisdiction (the pattern is the ``:member_pattern`` parameter), an
    enrollment's provider in the plan's network for its program, no enrollment twice, dates in order. A
    member on several lines (one per enrollment) must have the same member columns on each."""
    has_enrollment = " OR ".join(f"NOT {_blank(c)}" for c in ENROLLMENT_COLUMNS)
    checks = [(c.name, _member_problem(c, has_enrollment, number_format)) for c in FORMATS["members"].columns]
    firsts = ", ".join(f"first_value(btrim(s.{c})) OVER member AS member_{c}" for c in MEMBER_COLUMNS)
    trimmed = ", ".join(f"btrim(s.{c}) AS {c}" for c in MEMBER_COLUMNS)
    computed = ", ".join(f"{expr} AS p{i}" for i, (_, expr) in enumerate(checks))
    unpivot = ", ".join(f"({_q(name)}, c.p{i})" for i, (name, _) in enumerate(checks))
    any_problem = f"num_nonnulls({', '.join(f'c.p{i}' for i in range(len(checks)))}) > 0"
    return (
        # The member's columns compared trimmed, as the batch strips them.
        f"WITH staged AS (SELECT s.line, s.member_number, {trimmed},"
        f" {', '.join(f's.{c}' for c in ENROLLMENT_COLUMNS)}, n.id AS provider_id, {firsts},"
        " min(s.line) OVER member AS member_line,"
        # The same member and enrollment (or the member alone) on an earlier line.
        " min(s.line) OVER (PARTITION BY btrim(s.member_number), s.program, btrim(s.provider_npi), s.start_date)"
        f" AS first_line FROM {STAGE} s {_MEMBER_NETWORK}"
        " WINDOW member AS (PARTITION BY btrim(s.member_number) ORDER BY s.line)),"
        f" checked AS (SELECT s.line, s.start_date, s.end_date, {computed} FROM staged s),"
        f" errs AS (SELECT c.line, e.col, e.msg FROM checked c CROSS JOIN LATERAL (VALUES {unpivot}) e(col, msg)"
        f" WHERE {any_problem} AND e.msg IS NOT NULL),"
        # Across columns, once the line's single values are valid (the casts are safe then).
        " every_error AS (SELECT line, col, msg FROM errs UNION ALL SELECT c.line, 'end_date', 'is before start_date'"
        " FROM checked c WHERE NOT (" + any_problem + ") AND nullif(btrim(c.end_date), '')::date"
        " < nullif(btrim(c.start_date), '')::date)"
        " SELECT line, col, msg, count(*) OVER () AS total FROM every_error"
        f" ORDER BY line, col LIMIT {MAX_LISTED_ERRORS}"
    )


MERGED_MEMBERS = "import_members_merged"


def _sets(columns: tuple[str, ...]) -> tuple[str, str]:
    """``SET`` of an upsert's columns, and its ``WHERE``: a row is rewritten only when one of them changed."""
    sets = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns)
    old, new = ", ".join(f"t.{c}" for c in columns), ", ".join(f"EXCLUDED.{c}" for c in columns)
    return f"{sets}, updated_at = now()", f"({old}) IS DISTINCT FROM ({new})"


def members_merge_sql() -> str:
    """The file's members upserted on (plan, member number), each from its first line: a member whose
    columns changed is rewritten and its ``version`` bumped (an unchanged one is left alone); the members
    written are noted in ``MERGED_MEMBERS`` (for the lines' counts). Answers members created and updated."""
    cols = MEMBER_COLUMNS
    values = ", ".join(
        [
            "btrim(s.member_number) AS member_number",
            *(f"nullif(btrim(s.{c}), '') AS {c}" for c in cols if c != "birth_date"),
            "btrim(s.birth_date)::date AS birth_date",
        ]
    )
    sets, changed = _sets(cols)
    return (
        f"WITH src AS (SELECT DISTINCT ON (btrim(s.member_number)) {values} FROM {STAGE} s"
        " ORDER BY btrim(s.member_number), s.line),"
        f" merged AS (INSERT INTO member AS t (id, plan_id, member_number, {', '.join(cols)}, version)"
        f" SELECT gen_random_uuid(), :plan_id, member_number, {', '.join(cols)}, 1 FROM src"
        f" ON CONFLICT (plan_id, member_number) DO UPDATE SET {sets}, version = t.version + 1 WHERE {changed}"
        " RETURNING t.member_number, (xmax = 0) AS inserted),"
        f" noted AS (INSERT INTO {MERGED_MEMBERS} SELECT member_number, inserted FROM merged RETURNING inserted)"
        " SELECT count(*) FILTER (WHERE inserted) AS created, count(*) FILTER (WHERE NOT inserted) AS updated"
        " FROM noted"
    )


def enrollments_merge_sql() -> str:
    """Each line's enrollment upserted on (member, provider, program, start date) as the batch does it
    (status, end date, population), once the members are stored: a statement of its own, so it sees a member
    another transaction committed meanwhile. Answers the lines' counts (``inserted`` when a line created its
    member or its enrollment, ``updated`` when it changed either) and the enrollment rows written."""
    cols = ("status", "end_date", "population")
    sets, changed = _sets(cols)
    return (
        "WITH src AS (SELECT btrim(s.member_number) AS member_number, m.id AS member_id,"
        " nullif(s.program, '') AS program, n.id AS provider_id, nullif(s.status, '') AS status,"
        " nullif(btrim(s.start_date), '')::date AS start_date, nullif(btrim(s.end_date), '')::date AS end_date,"
        f" nullif(btrim(s.population), '') AS population FROM {STAGE} s"
        " JOIN member m ON m.plan_id = :plan_id AND m.member_number = btrim(s.member_number)"
        f"{_MEMBER_NETWORK}),"
        " merged AS (INSERT INTO enrollment AS t (id, member_id, plan_id, provider_id, program, start_date,"
        f" {', '.join(cols)}) SELECT gen_random_uuid(), member_id, :plan_id, provider_id, program, start_date,"
        f" {', '.join(cols)} FROM src WHERE program IS NOT NULL"
        f" ON CONFLICT (member_id, provider_id, program, start_date) DO UPDATE SET {sets} WHERE {changed}"
        " RETURNING t.member_id, t.provider_id, t.program, t.start_date, (xmax = 0) AS inserted),"
        " lines AS (SELECT coalesce(mm.inserted, false) OR coalesce(e.inserted, false) AS inserted,"
        " mm.member_number IS NOT NULL OR e.member_id IS NOT NULL AS written"
        f" FROM src LEFT JOIN {MERGED_MEMBERS} mm USING (member_number)"
        " LEFT JOIN merged e ON e.member_id = src.member_id AND e.provider_id = src.provider_id"
        " AND e.program = src.program AND e.start_date = src.start_date)"
        " SELECT count(*) FILTER (WHERE inserted) AS inserted,"
        " count(*) FILTER (WHERE written AND NOT inserted) AS updated,"
        " (SELECT count(*) FROM merged) AS enrollments FROM lines"
    )


async def merge_members(
    session: AsyncSession, record: ActivityImport, rows: int, params: dict[str, Any]
) -> tuple[int, int, int]:
    """Validate and merge a staged member file (``stage_and_merge`` for ``kind=members``), and record the
    batch's audit event ``member.batch_upserted`` with counts only."""
    jurisdiction = await session.scalar(
        select(Organization.jurisdiction).where(Organization.id == record.plan_id)
    )
    number_format = format_for(jurisdiction or "")
    params = params | {"member_pattern": number_format.pattern.pattern}
    found = (await session.execute(text(members_validation_sql(number_format)), params)).all()
    if found:
        errors = [_error(int(r.line), r.col, r.msg) for r in found]
        raise ImportFileError(errors, int(found[0].total), rows)
    await session.execute(text(f"DROP TABLE IF EXISTS {MERGED_MEMBERS}"))
    await session.execute(
        text(
            f"CREATE TEMP TABLE {MERGED_MEMBERS} (member_number text PRIMARY KEY, inserted boolean) ON COMMIT DROP"
        )
    )
    members = (await session.execute(text(members_merge_sql()), params)).one()
    lines = (await session.execute(text(enrollments_merge_sql()), params)).one()
    await audit.record(
        session,
        organization_id=record.plan_id,
        actor=record.created_by,
        action="member.batch_upserted",
        entity_type="member",
        entity_id=None,
        request_id=current_request_id(),
        changes={
            "created": int(members.created),
            "updated": int(members.updated),
            "enrollments": int(lines.enrollments),
            "import_id": str(record.id),
        },
    )
    return rows, int(lines.inserted), int(lines.updated)


# --------------------------------------------------------------------------- the steps


# A load cut mid-way (its worker killed, or cut at the long pool's timeout) leaves its import ``loading``
# and stops renewing its claim; once the claim has not been renewed within the lease (a minute,
# ``oversight_app.claims.CLAIM_LEASE``) the import is claimed again and loaded from its blob afresh (the
# merge is one transaction: the cut load wrote nothing, and a load that lost its claim commits nothing).
MAX_LOAD_ATTEMPTS = 3
GAVE_UP = "was not loaded: every attempt was cut off (too large for the time limit, or the worker stopped)"


async def claim_next(
    sessions: async_sessionmaker[AsyncSession], lease: Lease = CLAIM_LEASE
) -> uuid.UUID | None:
    """The oldest pending import (or one whose load stopped renewing its claim), now ``loading``; an
    import cut off ``MAX_LOAD_ATTEMPTS`` times becomes ``failed`` instead."""
    async with unit_of_work(sessions) as session:
        while True:
            now = datetime.now(UTC)
            row = await session.scalar(
                select(ActivityImport)
                .where(
                    or_(
                        ActivityImport.status == "pending",
                        and_(
                            ActivityImport.status == "loading",
                            last_alive(ActivityImport.started_at, ActivityImport.heartbeat_at)
                            < now - lease.expires,
                        ),
                    )
                )
                .order_by(ActivityImport.created_at)
                .limit(1)
                .with_for_update(skip_locked=True)
            )
            if row is None:
                return None
            if row.attempts >= MAX_LOAD_ATTEMPTS:
                row.status, row.finished_at, row.error_count = "failed", now, 1
                row.errors = [_error(0, "-", GAVE_UP)]
                await session.flush()
                continue
            row.status, row.started_at, row.heartbeat_at, row.attempts = "loading", now, now, row.attempts + 1
            return row.id


def _copy_error(exc: asyncpg.PostgresError) -> list[dict[str, Any]]:
    """A COPY failure as line errors, from the error's context (never its message: it quotes the line)."""
    context = getattr(exc, "context", None) or ""
    found = re.search(r"line (\d+)", context)
    line = int(found.group(1)) + 1 if found else 0
    column = re.search(r"column (\w+)", context)
    if isinstance(exc, asyncpg.CharacterNotInRepertoireError | asyncpg.UntranslatableCharacterError):
        message = "is not valid UTF-8"
    else:
        message = "does not have the header's number of fields"
    return [_error(line, column.group(1) if column and message.startswith("is not") else "-", message)]


async def stage_and_merge(
    session: AsyncSession, record: ActivityImport, source: Source
) -> tuple[int, int, int]:
    """In the caller's transaction: rows, inserted, updated; raises ``ImportFileError`` (the caller rolls
    back) when any row has a problem. While the chunks stream in, the transaction holds nothing but its
    own temporary table: the rows other sessions use are touched only by the merge, after the last byte."""
    fmt = FORMATS[record.kind]
    columns = ", ".join(f"{c} text" for c in fmt.names)
    # ``line`` is the file's line number, which errors name: given by an NDJSON source, counted for CSV from
    # 2 (the header is line 1; a quoted value spanning lines makes a later row's number its record number).
    line = "NOT NULL" if source.numbered else "GENERATED ALWAYS AS IDENTITY (START WITH 2)"
    # Room to sort and hash a large file's rows in memory rather than on disk (this transaction only).
    await session.execute(text(f"SET LOCAL work_mem = '{WORK_MEM}'"))
    await session.execute(text(f"DROP TABLE IF EXISTS {STAGE}"))
    await session.execute(text(f"CREATE TEMP TABLE {STAGE} (line bigint {line}, {columns}) ON COMMIT DROP"))
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    driver: Any = raw.driver_connection
    try:
        status = await driver.copy_to_table(
            STAGE, source=source.chunks, columns=source.names, format="csv", header=False
        )
    except asyncpg.PostgresError as exc:
        raise ImportFileError(_copy_error(exc)) from None
    if source.errors:
        raise ImportFileError(source.errors)
    rows = int(str(status).rsplit(" ", 1)[-1])
    params = {"plan_id": record.plan_id, "import_id": record.id}
    await session.execute(text(f"ANALYZE {STAGE}"))
    if fmt.kind == "members":
        return await merge_members(session, record, rows, params)
    found = (await session.execute(text(validation_sql(fmt)), params)).all()
    if found:
        errors = [_error(int(r.line), r.col, r.msg) for r in found]
        raise ImportFileError(errors, int(found[0].total), rows)
    inserted, updated = await merge(session, fmt, params)
    return rows, inserted, updated


class ClaimLostError(Exception):
    """The import was claimed again while this load ran (taken for dead): the later claim's load counts."""


async def _still_ours(session: AsyncSession, import_id: uuid.UUID, attempt: int) -> ActivityImport:
    """The import, locked, if it is still ``loading`` under this load's attempt; else ``ClaimLostError``."""
    record = await session.scalar(
        select(ActivityImport)
        .where(
            ActivityImport.id == import_id,
            ActivityImport.status == "loading",
            ActivityImport.attempts == attempt,
        )
        .with_for_update()
    )
    if record is None:
        raise ClaimLostError
    return record


def _renewal(import_id: uuid.UUID, attempt: int) -> Callable[[datetime], Update]:
    def renewal(at: datetime) -> Update:
        return (
            update(ActivityImport)
            .where(
                ActivityImport.id == import_id,
                ActivityImport.status == "loading",
                ActivityImport.attempts == attempt,
            )
            .values(heartbeat_at=at)
            .returning(ActivityImport.id)
        )

    return renewal


async def _finish(
    sessions: async_sessionmaker[AsyncSession], import_id: uuid.UUID, attempt: int, **values: Any
) -> None:
    async with unit_of_work(sessions) as session:
        record = await _still_ours(session, import_id, attempt)
        for key, value in values.items():
            setattr(record, key, value)
        record.finished_at = datetime.now(UTC)


async def load_import(
    sessions: async_sessionmaker[AsyncSession],
    blobs: BlobStore,
    import_id: uuid.UUID,
    *,
    lease: Lease = CLAIM_LEASE,
) -> LoadOutcome:
    """Load a claimed (``loading``) import; idempotent: anything but ``loading`` is left as it is. Status
    ``busy``: the import was claimed again while this load ran, and this load wrote nothing."""
    async with sessions() as session:
        record = await session.get_one(ActivityImport, import_id)
    if record.status != "loading":
        return LoadOutcome(record.id, record.plan_id, record.status, record.rows or 0)
    fmt, attempt = FORMATS[record.kind], record.attempts
    try:
        async with (
            renewing(sessions, _renewal(import_id, attempt), lease, _now, import_id=str(import_id)),
            aclosing(blobs.read_chunks(record.blob_key)) as chunks,
        ):
            if record.file_format == "csv":
                source = await csv_source(fmt, chunks)
            else:
                source = ndjson_source(fmt, chunks)
            async with sessions() as session, session.begin():
                rows, inserted, updated = await stage_and_merge(session, record, source)
                record = await _still_ours(session, import_id, attempt)
                record.status = "succeeded"
                record.rows, record.inserted, record.updated = rows, inserted, updated
                record.unchanged = rows - inserted - updated
                record.finished_at = datetime.now(UTC)
                return LoadOutcome(record.id, record.plan_id, "succeeded", rows)
    except ImportFileError as exc:
        try:
            await _finish(
                sessions,
                import_id,
                attempt,
                status="failed",
                rows=exc.rows,
                errors=exc.errors,
                error_count=exc.total,
            )
        except ClaimLostError:
            return LoadOutcome(import_id, record.plan_id, "busy", 0)
        return LoadOutcome(import_id, record.plan_id, "failed", exc.rows)
    except ClaimLostError:
        log.warning("import_claim_lost", import_id=str(import_id), attempt=attempt)
        return LoadOutcome(import_id, record.plan_id, "busy", 0)


def _now() -> datetime:
    return datetime.now(UTC)
