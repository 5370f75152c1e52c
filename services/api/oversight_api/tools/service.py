"""Tool versions: what a caller can see, importing a version, and resolving one for a review."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any, Literal

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from sqlalchemy import ColumnElement, and_, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import JSONResponse

from oversight_api.conventions.audit import audit_event
from oversight_api.tools.schemas import ToolVersionOut, ToolVersionSummary
from oversight_app.caller import Caller
from oversight_app.errors import ProblemError, conflict, not_found, unprocessable
from oversight_app.pagination import PageParams, keyset_page
from oversight_db.models.reviews import Review, ToolVersionRecord
from oversight_db.tools import row_values, tool_in_use
from oversight_domain.tools import ToolValidationError, parse_tool

YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")
JSON_TYPES = ("application/json",)


def visible(caller: Caller) -> ColumnElement[bool]:
    """Shipped tools, the caller's own imports, and (providers) the versions their reviews use."""
    clauses: list[ColumnElement[bool]] = [
        ToolVersionRecord.organization_id.is_(None),
        ToolVersionRecord.organization_id == caller.organization_id,
    ]
    if caller.organization_kind == "provider":
        clauses.append(
            exists().where(
                Review.tool_version_id == ToolVersionRecord.id, Review.provider_id == caller.organization_id
            )
        )
    return or_(*clauses)


async def _in_use(session: AsyncSession, ids: list[uuid.UUID]) -> set[uuid.UUID]:
    if not ids:
        return set()
    rows = await session.scalars(
        select(Review.tool_version_id).where(Review.tool_version_id.in_(ids)).distinct()
    )
    return set(rows)


def _summary(row: ToolVersionRecord, in_use: bool) -> dict[str, Any]:
    return {
        "id": row.id,
        "key": row.key,
        "version": row.version,
        "title": row.title,
        "program": row.program,
        "jurisdiction": row.jurisdiction,
        "shipped": row.organization_id is None,
        "organization_id": row.organization_id,
        "content_hash": row.content_hash,
        "in_use": in_use,
        "created_at": row.created_at,
    }


async def list_tools(
    session: AsyncSession,
    caller: Caller,
    page: PageParams,
    program: str | None,
    key: str | None,
) -> tuple[list[ToolVersionSummary], str | None]:
    stmt = select(ToolVersionRecord).where(visible(caller))
    if program:
        stmt = stmt.where(ToolVersionRecord.program == program)
    if key:
        stmt = stmt.where(ToolVersionRecord.key == key)
    rows, cursor = await keyset_page(
        session, stmt, [ToolVersionRecord.key, ToolVersionRecord.version, ToolVersionRecord.id], page
    )
    used = await _in_use(session, [r.id for r in rows])
    return [ToolVersionSummary(**_summary(r, r.id in used)) for r in rows], cursor


async def find_version(
    session: AsyncSession, caller: Caller, key: str, version: str | None
) -> ToolVersionRecord | None:
    """The version the caller means: its own import first, then the shipped one. Without ``version``,
    the most recently stored version of the key (own imports first)."""
    stmt = select(ToolVersionRecord).where(visible(caller), ToolVersionRecord.key == key)
    if version is not None:
        stmt = stmt.where(ToolVersionRecord.version == version)
    own_first = (ToolVersionRecord.organization_id == caller.organization_id).desc()
    stmt = stmt.order_by(own_first, ToolVersionRecord.created_at.desc(), ToolVersionRecord.id).limit(1)
    row: ToolVersionRecord | None = await session.scalar(stmt)
    return row


async def get_tool(session: AsyncSession, caller: Caller, key: str, version: str) -> ToolVersionOut:
    row = await find_version(session, caller, key, version)
    if row is None:
        raise not_found("tool version")
    return ToolVersionOut(**_summary(row, await tool_in_use(session, row.id)), document=row.document)


def body_format(request: Request) -> Literal["yaml", "json"]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type in YAML_TYPES:
        return "yaml"
    if content_type in JSON_TYPES:
        return "json"
    raise ProblemError(
        415,
        "send the tool as application/yaml or application/json",
        slug="unsupported-media-type",
    )


def body_fingerprint(fmt: str, raw: bytes) -> dict[str, str]:
    return {"format": fmt, "sha256": hashlib.sha256(raw).hexdigest()}


async def import_tool(
    session: AsyncSession, request: Request, caller: Caller, fmt: Literal["yaml", "json"], raw: bytes
) -> JSONResponse:
    try:
        tool = parse_tool(raw, fmt)
    except ToolValidationError as exc:
        errors = [{"path": e["path"] or "<document>", "message": e["message"]} for e in exc.errors]
        raise unprocessable("the tool document is invalid", errors=errors, slug="invalid-tool") from None
    values = row_values(tool, caller.organization_id, caller.actor)
    shipped = await session.scalar(
        select(ToolVersionRecord.id).where(
            ToolVersionRecord.organization_id.is_(None),
            ToolVersionRecord.key == tool.key,
            ToolVersionRecord.version == tool.version,
        )
    )
    if shipped is not None:
        raise conflict(
            f"{tool.key} version {tool.version} is a shipped tool version; import yours as a new version",
            slug="tool-version-exists",
        )
    row = await session.scalar(
        select(ToolVersionRecord)
        .where(
            and_(
                ToolVersionRecord.organization_id == caller.organization_id,
                ToolVersionRecord.key == tool.key,
                ToolVersionRecord.version == tool.version,
            )
        )
        .with_for_update()
    )
    status = 201
    if row is None:
        row = ToolVersionRecord(id=uuid.uuid4(), **values)
        session.add(row)
        await session.flush()
        await audit_event(
            session,
            request,
            caller,
            "tool_version.imported",
            "tool_version",
            row.id,
            {"key": tool.key, "version": tool.version},
        )
    elif row.content_hash == values["content_hash"]:
        status = 200
    else:
        if await tool_in_use(session, row.id):
            raise conflict(
                f"{tool.key} version {tool.version} is used by a review and cannot change; "
                "import the change as a new version",
                slug="tool-version-in-use",
            )
        await session.execute(
            update(ToolVersionRecord).where(ToolVersionRecord.id == row.id).values(**values)
        )
        await session.refresh(row)
        status = 200
        await audit_event(
            session,
            request,
            caller,
            "tool_version.replaced",
            "tool_version",
            row.id,
            {"key": tool.key, "version": tool.version},
        )
    out = ToolVersionOut(**_summary(row, False), document=row.document)
    location = f"/v1/tools/{row.key}/versions/{row.version}"
    return JSONResponse(jsonable_encoder(out), status_code=status, headers={"Location": location})
