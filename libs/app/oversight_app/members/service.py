"""Member and claim batches (set-based upserts) and member reads (each read is audited).

A batch is validated whole before anything is written: every row's problems come back with its index, and
a batch with any problem writes nothing. Messages never quote the values (they are PHI).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, and_, exists, func, literal_column, select, text
from sqlalchemy.dialects.postgresql import aggregate_order_by, insert
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app import tenancy
from oversight_app.audit import audit_event
from oversight_app.caller import Caller
from oversight_app.errors import ProblemError, not_found, unprocessable
from oversight_app.members.numbers import MemberNumberFormat, format_for
from oversight_app.members.schemas import (
    ClaimBatchIn,
    ClaimBatchOut,
    MemberBatchIn,
    MemberBatchOut,
    MemberIn,
    MemberOut,
    RowResult,
)
from oversight_app.pagination import PageParams, keyset_page
from oversight_db.models.members import Claim, Enrollment, Member
from oversight_db.models.organizations import NetworkLink, Organization

ENROLLMENT_CHUNK = 3000  # rows per INSERT: 9 parameters each stays well under Postgres' 32,767
Network = set[tuple[uuid.UUID, str]]  # (provider, program) pairs a plan may enroll members with


def _plan_only(caller: Caller) -> None:
    if caller.organization_kind != "plan":
        raise ProblemError(403, "only a plan sends member and claim data", slug="forbidden")


def _error(index: int, path: str, message: str) -> dict[str, Any]:
    return {"index": index, "path": path, "message": message}


async def _plan_jurisdiction(session: AsyncSession, plan_id: uuid.UUID) -> str:
    value = await session.scalar(select(Organization.jurisdiction).where(Organization.id == plan_id))
    assert value is not None
    return value


def _fail(errors: list[dict[str, Any]]) -> ProblemError:
    rows = len({e["index"] for e in errors})
    return unprocessable(f"{rows} row(s) are invalid; nothing was written", errors, slug="batch-invalid")


async def upsert_members(session: AsyncSession, caller: Caller, body: MemberBatchIn) -> MemberBatchOut:
    _plan_only(caller)
    plan_id = caller.organization_id
    number_format = format_for(await _plan_jurisdiction(session, plan_id))
    network: Network = {
        (row.provider_id, row.program)
        for row in await session.execute(
            select(NetworkLink.provider_id, NetworkLink.program).where(
                NetworkLink.plan_id == plan_id, NetworkLink.status != "terminated"
            )
        )
    }
    errors = _member_errors(body, number_format, network)
    if errors:
        raise _fail(errors)
    ids, created, updated = await _upsert_member_rows(session, plan_id, body)
    enrollments = await _upsert_enrollments(session, plan_id, body, ids)
    await audit_event(
        session,
        caller,
        "member.batch_upserted",
        "member",
        None,
        {"created": created, "updated": updated, "enrollments": enrollments},
    )
    return MemberBatchOut(
        created=created,
        updated=updated,
        enrollments=enrollments,
        members=[RowResult(index=i, id=ids[m.member_number]) for i, m in enumerate(body.members)],
    )


def _member_errors(
    body: MemberBatchIn, number_format: MemberNumberFormat, network: Network
) -> list[dict[str, Any]]:
    """Every row's problems, so the plan fixes the whole batch at once."""
    errors: list[dict[str, Any]] = []
    first_seen: dict[str, int] = {}
    for i, m in enumerate(body.members):
        base = f"body.members[{i}]"
        if (problem := number_format.check(m.member_number)) is not None:
            errors.append(_error(i, f"{base}.member_number", problem))
        if m.member_number in first_seen:
            errors.append(_error(i, f"{base}.member_number", f"repeats row {first_seen[m.member_number]}"))
        first_seen.setdefault(m.member_number, i)
        errors += _enrollment_errors(i, m, network)
    return errors


def _enrollment_errors(index: int, member: MemberIn, network: Network) -> list[dict[str, Any]]:
    errors: list[dict[str, Any]] = []
    keys: set[tuple[uuid.UUID, str, Any]] = set()
    for j, e in enumerate(member.enrollments):
        path = f"body.members[{index}].enrollments[{j}]"
        if (e.provider_id, e.program) not in network:
            errors.append(_error(index, f"{path}.provider_id", f"is not in your {e.program} network"))
        key = (e.provider_id, e.program, e.start_date)
        if key in keys:
            errors.append(_error(index, path, "repeats another enrollment of this member"))
        keys.add(key)
    return errors


async def _upsert_member_rows(
    session: AsyncSession, plan_id: uuid.UUID, body: MemberBatchIn
) -> tuple[dict[str, uuid.UUID], int, int]:
    """One statement for the batch; returns each member number's id and how many were created / updated."""
    stmt = insert(Member).values(
        [
            {
                "id": uuid.uuid4(),
                "plan_id": plan_id,
                "version": 1,
                **m.model_dump(
                    include={"member_number", "first_name", "last_name", "birth_date", "gender", "plan_code"}
                ),
            }
            for m in body.members
        ]
    )
    upsert: Any = stmt.on_conflict_do_update(
        index_elements=[Member.plan_id, Member.member_number],
        set_={
            "first_name": stmt.excluded.first_name,
            "last_name": stmt.excluded.last_name,
            "birth_date": stmt.excluded.birth_date,
            "gender": stmt.excluded.gender,
            "plan_code": stmt.excluded.plan_code,
            "version": Member.version + 1,
            "updated_at": func.now(),
        },
    ).returning(Member.id, Member.member_number, literal_column("xmax = 0").label("inserted"))
    returned = (await session.execute(upsert)).all()
    created = sum(1 for row in returned if row.inserted)
    return {row.member_number: row.id for row in returned}, created, len(returned) - created


async def _upsert_enrollments(
    session: AsyncSession, plan_id: uuid.UUID, body: MemberBatchIn, ids: dict[str, uuid.UUID]
) -> int:
    """Returns the number of enrollment rows written (inserted or updated)."""
    enrollment_rows = [
        {"id": uuid.uuid4(), "member_id": ids[m.member_number], "plan_id": plan_id, **e.model_dump()}
        for m in body.members
        for e in m.enrollments
    ]
    for start in range(0, len(enrollment_rows), ENROLLMENT_CHUNK):
        chunk = insert(Enrollment).values(enrollment_rows[start : start + ENROLLMENT_CHUNK])
        await session.execute(
            chunk.on_conflict_do_update(
                index_elements=[
                    Enrollment.member_id,
                    Enrollment.provider_id,
                    Enrollment.program,
                    Enrollment.start_date,
                ],
                set_={
                    "status": chunk.excluded.status,
                    "end_date": chunk.excluded.end_date,
                    "population": chunk.excluded.population,
                    "updated_at": func.now(),
                },
            )
        )
    return len(enrollment_rows)


async def upsert_claims(session: AsyncSession, caller: Caller, body: ClaimBatchIn) -> ClaimBatchOut:
    _plan_only(caller)
    plan_id = caller.organization_id
    numbers = {c.member_number for c in body.claims}
    found = await session.execute(
        select(Member.member_number, Member.id).where(
            Member.plan_id == plan_id, Member.member_number.in_(numbers)
        )
    )
    members = {number: member_id for number, member_id in found}
    # Claims are history: a provider whose contract has since ended still had its claims paid.
    network = set(
        (await session.scalars(select(NetworkLink.provider_id).where(NetworkLink.plan_id == plan_id))).all()
    )
    errors = _claim_errors(body, members, network)
    if errors:
        raise _fail(errors)
    ids, created, updated = await _upsert_claim_rows(session, plan_id, body, members)
    await audit_event(
        session, caller, "claim.batch_upserted", "claim", None, {"created": created, "updated": updated}
    )
    return ClaimBatchOut(
        created=created,
        updated=updated,
        claims=[RowResult(index=i, id=ids[c.claim_number]) for i, c in enumerate(body.claims)],
    )


def _claim_errors(
    body: ClaimBatchIn, members: dict[str, uuid.UUID], network: set[uuid.UUID]
) -> list[dict[str, Any]]:
    errors: list[dict[str, Any]] = []
    first_seen: dict[str, int] = {}
    for i, c in enumerate(body.claims):
        base = f"body.claims[{i}]"
        if c.member_number not in members:
            errors.append(
                _error(i, f"{base}.member_number", "is not one of your members; send the member first")
            )
        if c.provider_id not in network:
            errors.append(_error(i, f"{base}.provider_id", "is not in your network"))
        if c.claim_number in first_seen:
            errors.append(_error(i, f"{base}.claim_number", f"repeats row {first_seen[c.claim_number]}"))
        first_seen.setdefault(c.claim_number, i)
    return errors


async def _upsert_claim_rows(
    session: AsyncSession, plan_id: uuid.UUID, body: ClaimBatchIn, members: dict[str, uuid.UUID]
) -> tuple[dict[str, uuid.UUID], int, int]:
    """One statement for the batch; returns each claim number's id and how many were created / updated."""
    stmt = insert(Claim).values(
        [
            {
                "id": uuid.uuid4(),
                "plan_id": plan_id,
                "member_id": members[c.member_number],
                **c.model_dump(exclude={"member_number"}),
            }
            for c in body.claims
        ]
    )
    upsert: Any = stmt.on_conflict_do_update(
        index_elements=[Claim.plan_id, Claim.claim_number],
        set_={
            col: stmt.excluded[col]
            for col in (
                "member_id",
                "provider_id",
                "date_of_service",
                "paid_date",
                "population_segment",
                "procedure_code",
            )
        }
        | {"updated_at": func.now()},
    ).returning(Claim.id, Claim.claim_number, literal_column("xmax = 0").label("inserted"))
    returned = (await session.execute(upsert)).all()
    created = sum(1 for row in returned if row.inserted)
    return {row.claim_number: row.id for row in returned}, created, len(returned) - created


def _enrollments_json() -> Any:
    row = func.jsonb_build_object(
        "id",
        Enrollment.id,
        "program",
        Enrollment.program,
        "provider_id",
        Enrollment.provider_id,
        "status",
        Enrollment.status,
        "start_date",
        Enrollment.start_date,
        "end_date",
        Enrollment.end_date,
        "population",
        Enrollment.population,
    )
    return (
        select(
            func.coalesce(func.jsonb_agg(aggregate_order_by(row, Enrollment.start_date)), text("'[]'::jsonb"))
        )
        .where(Enrollment.member_id == Member.id)
        .correlate(Member)
        .scalar_subquery()
    )


def _member_select(caller: Caller) -> Select[Any]:
    """Members with their enrollments in one statement."""
    return select(
        Member.id,
        Member.plan_id,
        Member.member_number,
        Member.first_name,
        Member.last_name,
        Member.birth_date,
        Member.gender,
        Member.plan_code,
        Member.version,
        Member.created_at,
        Member.updated_at,
        _enrollments_json().label("enrollments"),
    ).where(tenancy.member_clause(caller))


async def get_member(session: AsyncSession, caller: Caller, member_id: uuid.UUID) -> MemberOut:
    row = (await session.execute(_member_select(caller).where(Member.id == member_id))).one_or_none()
    if row is None:
        raise not_found("member")
    await audit_event(session, caller, "member.read", "member", member_id)
    return MemberOut.model_validate(row, from_attributes=True)


async def list_members(
    session: AsyncSession,
    caller: Caller,
    page: PageParams,
    provider_id: uuid.UUID | None,
    program: str | None,
    status: str | None,
) -> tuple[list[MemberOut], str | None]:
    stmt = _member_select(caller)
    if provider_id is not None or program is not None or status is not None:
        conditions = [Enrollment.member_id == Member.id]
        if provider_id is not None:
            conditions.append(Enrollment.provider_id == provider_id)
        if program is not None:
            conditions.append(Enrollment.program == program)
        if status is not None:
            conditions.append(Enrollment.status == status)
        stmt = stmt.where(exists().where(and_(*conditions)))
    # Ordered by the internal id only: a cursor built from names or member numbers would put PHI in URLs.
    rows, cursor = await keyset_page(session, stmt, [Member.id], page, scalars=False)
    items = [MemberOut.model_validate(r, from_attributes=True) for r in rows]
    if items:
        await audit_event(
            session,
            caller,
            "member.read",
            "member",
            None,
            {"member_ids": [str(m.id) for m in items], "count": len(items)},
        )
    return items, cursor
