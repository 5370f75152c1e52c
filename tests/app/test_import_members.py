"""Member files (``kind=members``): the file path for ``POST /v1/members/batch``. The same rules as the batch,
checked in SQL per line; merged all or nothing on the member number; the batch's audit event."""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from oversight_app.caller import Caller
from oversight_app.imports import loader, service
from oversight_app.members.schemas import MemberBatchIn
from oversight_app.members.service import upsert_members
from oversight_app.permissions import Role
from oversight_db.blobs import LocalBlobStore
from oversight_db.models import AuditEvent, Enrollment, Member, Organization
from tests.api.reviews_world import link
from tests.app.activity_world import World, npi
from tests.app.test_imports import run_import

pytestmark = pytest.mark.asyncio(loop_scope="session")

HEADER = (
    "member_number,first_name,last_name,birth_date,gender,plan_code,program,provider_npi,status,start_date,"
    "end_date,population"
)


@dataclass
class Plans:
    """Two CA plans contracting with the same ECM and TCM providers, and a provider only the other plan has."""

    plan: World
    other: World
    ecm: Organization
    tcm: Organization
    strangers: Organization


def cin() -> str:
    """A Medi-Cal CIN (8 digits and a letter), unique enough for a test."""
    return f"{random.randrange(10**8):08d}{random.choice('ABCDEFGH')}"


async def two_plans(session: AsyncSession) -> Plans:
    plan, other = (Organization(id=uuid.uuid4(), kind="plan", name=n, jurisdiction="US-CA") for n in "PQ")
    ecm, tcm, strangers = (
        Organization(id=uuid.uuid4(), kind="provider", name=n, jurisdiction="US-CA", npi=npi())
        for n in ("ECM", "TCM", "Elsewhere")
    )
    session.add_all([plan, other, ecm, tcm, strangers])
    await session.flush()
    for p in (plan, other):
        await link(session, p, ecm, "ecm")
        await link(session, p, tcm, "tcm")
    await link(session, other, strangers, "ecm")

    def world(org: Organization) -> World:
        return World(org, ecm, [], Caller(org.id, "plan", Role.PLAN_ADMIN, "api_key:test"))

    return Plans(world(plan), world(other), ecm, tcm, strangers)


def members_csv(lines: list[list[str]]) -> str:
    return "\n".join([HEADER, *(",".join(line) for line in lines)]) + "\n"


async def stored(session: AsyncSession, plan_id: uuid.UUID) -> list[tuple[Any, ...]]:
    """Every member of the plan as stored, with its enrollments, without ids or times."""
    members = (
        await session.scalars(
            select(Member)
            .where(Member.plan_id == plan_id)
            .order_by(Member.member_number)
            .execution_options(populate_existing=True)
        )
    ).all()
    out = []
    for m in members:
        enrollments = (
            await session.execute(
                select(
                    Enrollment.provider_id,
                    Enrollment.program,
                    Enrollment.status,
                    Enrollment.start_date,
                    Enrollment.end_date,
                    Enrollment.population,
                    Enrollment.plan_id,
                ).where(Enrollment.member_id == m.id)
            )
        ).all()
        fields = (m.member_number, m.first_name, m.last_name, m.birth_date, m.gender, m.plan_code, m.version)
        out.append((*fields, sorted(tuple(e) for e in enrollments)))
    return out


async def count(session: AsyncSession, model: Any, plan_id: uuid.UUID) -> int:
    found = await session.scalar(select(func.count()).select_from(model).where(model.plan_id == plan_id))
    return int(found or 0)


async def test_a_member_file_stores_what_the_batch_stores_for_the_same_rows(
    session: AsyncSession, sessions: async_sessionmaker[AsyncSession], blobs: LocalBlobStore
) -> None:
    w = await two_plans(session)
    a, b, c = cin(), cin(), cin()
    ecm, tcm = w.ecm.npi or "", w.tcm.npi or ""
    data = members_csv(
        [
            # A member with two enrollments takes two lines; spaces around a name are trimmed, as the batch does.
            [a, "Pat", " Example ", "1980-01-10", "F", "ECM-01", "ecm", ecm, "enrolled", "2025-01-01", "", "Adults"],
            [a, "Pat", " Example ", "1980-01-10", "F", "ECM-01", "tcm", tcm, "engaged", "2024-06-01", "2024-12-31", ""],
            [b, "Sam", "Other", "1975-05-05", "", "", "", "", "", "", "", ""],  # a member without enrollment
            [c, '"Lee, Jr."', "Smith", "1990-02-02", "M", "", "ecm", ecm, "not_enrolled", "2025-02-01", "", ""],
        ]
    )  # fmt: skip
    record = await run_import(session, sessions, blobs, w.plan, "members", data)
    assert (record.status, record.errors) == ("succeeded", [])
    assert (record.rows, record.inserted, record.updated, record.unchanged) == (4, 4, 0, 0)

    batch = MemberBatchIn.model_validate(
        {
            "members": [
                {
                    "member_number": a,
                    "first_name": "Pat",
                    "last_name": " Example ",
                    "birth_date": "1980-01-10",
                    "gender": "F",
                    "plan_code": "ECM-01",
                    "enrollments": [
                        {
                            "program": "ecm",
                            "provider_id": str(w.ecm.id),
                            "status": "enrolled",
                            "start_date": "2025-01-01",
                            "population": "Adults",
                        },
                        {
                            "program": "tcm",
                            "provider_id": str(w.tcm.id),
                            "status": "engaged",
                            "start_date": "2024-06-01",
                            "end_date": "2024-12-31",
                        },
                    ],
                },
                {"member_number": b, "first_name": "Sam", "last_name": "Other", "birth_date": "1975-05-05"},
                {
                    "member_number": c,
                    "first_name": "Lee, Jr.",
                    "last_name": "Smith",
                    "birth_date": "1990-02-02",
                    "gender": "M",
                    "enrollments": [
                        {
                            "program": "ecm",
                            "provider_id": str(w.ecm.id),
                            "status": "not_enrolled",
                            "start_date": "2025-02-01",
                        }
                    ],
                },
            ]
        }
    )
    await upsert_members(session, w.other.caller, batch)

    from_file, from_batch = await stored(session, w.plan.plan.id), await stored(session, w.other.plan.id)
    assert len(from_file) == 3
    # Equal but for the plan each enrollment belongs to.
    assert [(*m[:-1], [e[:-1] for e in m[-1]]) for m in from_file] == [
        (*m[:-1], [e[:-1] for e in m[-1]]) for m in from_batch
    ]
    assert {e[-1] for m in from_file for e in m[-1]} == {w.plan.plan.id}

    # The batch's audit event, with counts only (and the import it came from).
    event = await session.scalar(
        select(AuditEvent).where(
            AuditEvent.organization_id == w.plan.plan.id, AuditEvent.action == "member.batch_upserted"
        )
    )
    assert event is not None and (event.entity_type, event.actor) == ("member", "api_key:test")
    assert event.changes == {"created": 3, "updated": 0, "enrollments": 3, "import_id": str(record.id)}


async def test_a_bad_member_file_writes_nothing_and_names_lines_and_columns(
    session: AsyncSession, sessions: async_sessionmaker[AsyncSession], blobs: LocalBlobStore
) -> None:
    w = await two_plans(session)
    a, d = cin(), cin()
    ecm, tcm, elsewhere = w.ecm.npi or "", w.tcm.npi or "", w.strangers.npi or ""
    data = members_csv(
        [
            [a, "Pat", "Example", "1980-01-10", "", "", "ecm", ecm, "enrolled", "2025-01-01", "", ""],  # 2: fine
            ["SECRET-1", "Ann", "Secret", "1981-01-01", "", "", "", "", "", "", "", ""],  # 3: not a CIN
            [a, "Patricia", "Example", "1980-01-10", "", "", "tcm", tcm, "enrolled", "2025-01-01", "", ""],  # 4
            [d, "Dee", "Doe", "1982-02-02", "", "", "ecm", elsewhere, "enrolled", "2025-01-01", "", ""],  # 5
            [a, "Pat", "Example", "1980-01-10", "", "", "ecm", ecm, "enrolled", "2025-01-01", "", ""],  # 6: = 2
            [d, "Dee", "Doe", "1982-02-02", "", "", "tcm", tcm, "", "2025-01-01", "", ""],  # 7: no status
            [d, "Dee", "Doe", "1982-02-02", "", "", "ecm", ecm, "enrolled", "2025-03-01", "2025-02-01", ""],  # 8
            [cin(), "Eve", "Born", "1980-02-30", "", "", "", "", "", "", "", ""],  # 9: no such date
            [cin(), "Flo", "Blank", "1983-03-03", "", "", "", "", "", "", "", "Adults"],  # 10: half an enrollment
        ]
    )  # fmt: skip
    record = await run_import(session, sessions, blobs, w.plan, "members", data)
    assert record.status == "failed"
    assert [(e["line"], e["column"], e["message"]) for e in record.errors] == [
        (3, "member_number", "is not a valid Medi-Cal CIN (expected the form 91234567A)"),
        (4, "first_name", "differs from line 2, the member's first line"),
        (5, "provider_npi", "is not a provider in your network"),  # another plan's provider
        (6, "member_number", "repeats line 2"),
        (7, "status", "is required for an enrollment"),
        (8, "end_date", "is before start_date"),
        (9, "birth_date", "is not a date (YYYY-MM-DD, 1900-2199)"),
        (10, "program", "is required for an enrollment"),
        (10, "provider_npi", "is required for an enrollment"),
        (10, "start_date", "is required for an enrollment"),
        (10, "status", "is required for an enrollment"),
    ]
    said = json.dumps(record.errors)
    assert not any(value in said for value in ("SECRET-1", "Patricia", "1980-02-30", elsewhere, a, d))
    # Not even line 2: nothing of the file is stored, and no audit event claims it was.
    assert (
        await count(session, Member, w.plan.plan.id),
        await count(session, Enrollment, w.plan.plan.id),
    ) == (
        0,
        0,
    )
    events = await session.scalar(
        select(func.count())
        .select_from(AuditEvent)
        .where(AuditEvent.organization_id == w.plan.plan.id, AuditEvent.action == "member.batch_upserted")
    )
    assert events == 0


async def test_a_member_file_again_changes_nothing_and_a_change_bumps_only_its_member(
    session: AsyncSession, sessions: async_sessionmaker[AsyncSession], blobs: LocalBlobStore
) -> None:
    w = await two_plans(session)
    a, b = cin(), cin()
    ecm = w.ecm.npi or ""
    lines = [
        [a, "Pat", "Example", "1980-01-10", "", "", "ecm", ecm, "enrolled", "2025-01-01", "", ""],
        [b, "Sam", "Other", "1975-05-05", "", "", "ecm", ecm, "enrolled", "2025-01-01", "", ""],
    ]
    first = await run_import(session, sessions, blobs, w.plan, "members", members_csv(lines))
    assert (first.status, first.inserted) == ("succeeded", 2)
    before = await stored(session, w.plan.plan.id)

    # The same file: the same import, nothing to load.
    again, created = await service.create_import(
        session, w.plan.caller, "members", "csv", members_csv(lines).encode(), blobs
    )
    assert (again.id, created, again.status) == (first.id, False, "succeeded")
    assert await loader.claim_next(sessions) is None
    # The same rows in another order (another file): loaded, and nothing changes, not even a version.
    reordered = await run_import(session, sessions, blobs, w.plan, "members", members_csv(lines[::-1]))
    assert (reordered.status, reordered.inserted, reordered.updated, reordered.unchanged) == (
        "succeeded",
        0,
        0,
        2,
    )
    assert await stored(session, w.plan.plan.id) == before

    # One member's name and the other's enrollment status change: each is written once, one version bumps.
    changed = [
        [a, "Patricia", "Example", "1980-01-10", "", "", "ecm", ecm, "enrolled", "2025-01-01", "", ""],
        [b, "Sam", "Other", "1975-05-05", "", "", "ecm", ecm, "disenrolled", "2025-01-01", "2025-06-30", ""],
    ]
    record = await run_import(session, sessions, blobs, w.plan, "members", members_csv(changed))
    assert (record.inserted, record.updated, record.unchanged) == (0, 2, 0)
    after = {m[0]: m for m in await stored(session, w.plan.plan.id)}
    assert (after[a][1], after[a][6]) == ("Patricia", 2)
    assert after[b][6] == 1 and after[b][7][0][2:5] == ("disenrolled", date(2025, 1, 1), date(2025, 6, 30))
    assert await count(session, Enrollment, w.plan.plan.id) == 2
    event = await session.scalar(
        select(AuditEvent)
        .where(AuditEvent.organization_id == w.plan.plan.id, AuditEvent.action == "member.batch_upserted")
        .order_by(AuditEvent.seq.desc())
        .limit(1)
    )
    assert event is not None
    assert event.changes == {"created": 0, "updated": 1, "enrollments": 1, "import_id": str(record.id)}


async def test_an_ndjson_member_file_takes_the_same_path(
    session: AsyncSession, sessions: async_sessionmaker[AsyncSession], blobs: LocalBlobStore
) -> None:
    w = await two_plans(session)
    a = cin()
    rows = [
        {"member_number": a, "first_name": "Pat", "last_name": "Example", "birth_date": "1980-01-10",
         "program": "tcm", "provider_npi": w.tcm.npi, "status": "engaged", "start_date": "2025-01-01"},
        {"member_number": a, "first_name": "Pat", "last_name": "Example", "birth_date": "1980-01-10",
         "program": "ecm", "provider_npi": w.strangers.npi, "status": "engaged", "start_date": "2025-01-01"},
    ]  # fmt: skip
    data = "\n".join(json.dumps(r) for r in rows) + "\n"
    record = await run_import(session, sessions, blobs, w.plan, "members", data, "ndjson")
    # Only the second line's enrollment is refused. (Its line number is not asserted: the loader numbers NDJSON
    # lines as if the file had a header line, for every kind; reported, not fixed here.)
    assert [e["column"] for e in record.errors] == ["provider_npi"]
    data = json.dumps(rows[0]) + "\n"
    record = await run_import(session, sessions, blobs, w.plan, "members", data, "ndjson")
    assert (record.status, record.inserted) == ("succeeded", 1)
    assert [(m[0], m[7][0][1]) for m in await stored(session, w.plan.plan.id)] == [(a, "tcm")]


async def test_member_numbers_follow_the_plans_jurisdiction(
    session: AsyncSession, sessions: async_sessionmaker[AsyncSession], blobs: LocalBlobStore
) -> None:
    """The form comes from member_numbers.yaml per the plan's state: a Medi-Cal CIN is no NC Medicaid ID."""
    plan = Organization(id=uuid.uuid4(), kind="plan", name="NC plan", jurisdiction="US-NC")
    session.add(plan)
    await session.flush()
    nc = World(plan, plan, [], Caller(plan.id, "plan", Role.PLAN_ADMIN, "api_key:test"))
    nc_id = f"{random.randrange(10**9):09d}A"
    data = members_csv(
        [
            [nc_id, "Pat", "Example", "1980-01-10", "", "", "", "", "", "", "", ""],
            [cin(), "Sam", "Other", "1975-05-05", "", "", "", "", "", "", "", ""],
        ]
    )
    record = await run_import(session, sessions, blobs, nc, "members", data)
    assert [(e["line"], e["column"], e["message"]) for e in record.errors] == [
        (3, "member_number", "is not a valid NC Medicaid ID (expected the form 123456789A)")
    ]
    record = await run_import(
        session, sessions, blobs, nc, "members", members_csv([data.splitlines()[1].split(",")])
    )
    assert (record.status, record.inserted) == ("succeeded", 1)
