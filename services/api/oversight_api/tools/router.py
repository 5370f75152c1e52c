"""``/v1/tools``: shipped and imported review tool versions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import StringConstraints

from oversight_api.conventions.idempotency import idempotent
from oversight_api.conventions.pagination import Pagination
from oversight_api.conventions.responses import respond
from oversight_api.deps import Session
from oversight_api.tools.auth import ToolsRead, ToolsWrite
from oversight_api.tools.upload import IMPORT_BODY, ToolUpload
from oversight_app.pagination import Page
from oversight_app.text import Text
from oversight_app.tools import service
from oversight_app.tools.schemas import ToolVersionOut, ToolVersionSummary

router = APIRouter(tags=["tools"])


@router.get("/tools", response_model=Page[ToolVersionSummary], operation_id="tools_list")
async def list_tools(
    session: Session,
    page: Pagination,
    caller: ToolsRead,
    program: Annotated[str, StringConstraints(pattern="^(ecm|tcm)$")] | None = Query(None),
    key: Text | None = Query(None, max_length=80),
) -> Page[ToolVersionSummary]:
    items, cursor = await service.list_tools(session, caller, page, program, key)
    return Page(items=items, next_cursor=cursor)


@router.get(
    "/tools/{tool_key}/versions/{version}", response_model=ToolVersionOut, operation_id="tools_get_version"
)
async def get_tool_version(
    tool_key: Text, version: Text, session: Session, caller: ToolsRead
) -> ToolVersionOut:
    return await service.get_tool(session, caller, tool_key, version)


@router.post(
    "/tools",
    status_code=201,
    response_model=ToolVersionOut,
    operation_id="tools_import",
    openapi_extra=IMPORT_BODY,
    responses={200: {"model": ToolVersionOut, "description": "The same version was already stored"}},
)
@idempotent
async def import_tool(session: Session, caller: ToolsWrite, document: ToolUpload) -> Response:
    imported = await service.import_tool(session, caller, document.format, document.raw)
    tool = imported.tool
    location = f"/v1/tools/{tool.key}/versions/{tool.version}"
    return respond(tool, status=201 if imported.created else 200, location=location)
