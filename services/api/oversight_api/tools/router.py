"""``/v1/tools``: shipped and imported review tool versions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import JSONResponse

from oversight_api.auth.caller import require
from oversight_api.conventions.idempotency import IdempotencyKey, idempotent_call
from oversight_api.conventions.pagination import Pagination
from oversight_api.deps import Session
from oversight_api.tools import service
from oversight_api.tools.schemas import ToolVersionOut, ToolVersionSummary
from oversight_app.caller import Caller
from oversight_app.pagination import Page
from oversight_app.permissions import Permission

router = APIRouter(tags=["tools"])

_IMPORT_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "A tool version document (see the shipped tools for the shape)",
        "content": {
            "application/yaml": {"schema": {"type": "string"}},
            "application/json": {"schema": {"type": "object"}},
        },
    }
}


@router.get("/tools", response_model=Page[ToolVersionSummary], operation_id="tools_list")
async def list_tools(
    session: Session,
    page: Pagination,
    program: str | None = Query(None, pattern="^(ecm|tcm)$"),
    key: str | None = Query(None, max_length=80),
    caller: Caller = Depends(require(Permission.TOOLS_READ)),
) -> Page[ToolVersionSummary]:
    items, cursor = await service.list_tools(session, caller, page, program, key)
    return Page(items=items, next_cursor=cursor)


@router.get(
    "/tools/{tool_key}/versions/{version}", response_model=ToolVersionOut, operation_id="tools_get_version"
)
async def get_tool_version(
    tool_key: str,
    version: str,
    session: Session,
    caller: Caller = Depends(require(Permission.TOOLS_READ)),
) -> ToolVersionOut:
    return await service.get_tool(session, caller, tool_key, version)


@router.post(
    "/tools",
    status_code=201,
    response_model=ToolVersionOut,
    operation_id="tools_import",
    openapi_extra=_IMPORT_BODY,
    responses={200: {"model": ToolVersionOut, "description": "The same version was already stored"}},
)
async def import_tool(
    request: Request,
    session: Session,
    idem: IdempotencyKey = None,
    caller: Caller = Depends(require(Permission.TOOLS_WRITE)),
) -> JSONResponse:
    fmt = service.body_format(request)
    raw = await request.body()
    return await idempotent_call(
        session,
        request,
        caller,
        idem,
        service.body_fingerprint(fmt, raw),
        lambda: service.import_tool(session, request, caller, fmt, raw),
    )
