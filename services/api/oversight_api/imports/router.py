"""Care-management activity imports (issue 17): the file is the request body (CSV or NDJSON); it goes to
blob storage and the worker loads it. Poll the import for its status, counts and errors."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response

from oversight_api.conventions.pagination import Pagination
from oversight_api.conventions.responses import respond
from oversight_api.deps import AppResources, Session
from oversight_api.members.auth import MembersWrite
from oversight_app.errors import ProblemError
from oversight_app.imports import service
from oversight_app.imports.schemas import ImportFormat, ImportKind, ImportOut
from oversight_app.pagination import Page

router = APIRouter(tags=["imports"])

_TYPES: dict[str, ImportFormat] = {"text/csv": "csv", "application/x-ndjson": "ndjson"}

FILE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "The file: CSV with a header line, or NDJSON (one JSON object per line); columns per kind "
        "in the README's 'Care-management activity imports'",
        "content": {
            "text/csv": {
                "schema": {"type": "string", "format": "binary"},
                "example": "interaction_id,member_number,provider_npi,occurred_on,kind,duration_minutes,"
                "outcome,enrolled\nI-1,91000000A,1987654328,2025-01-06,contact,20,reached,true\n",
            },
            "application/x-ndjson": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}


async def _file(request: Request) -> tuple[ImportFormat, bytes]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in _TYPES:
        raise ProblemError(
            415, "send the file as text/csv or application/x-ndjson", slug="unsupported-media-type"
        )
    return _TYPES[content_type], await request.body()


ImportFile = Annotated[tuple[ImportFormat, bytes], Depends(_file)]


@router.post(
    "/imports",
    status_code=202,
    response_model=ImportOut,
    operation_id="imports_create",
    openapi_extra=FILE_BODY,
    responses={200: {"model": ImportOut, "description": "the same file was sent before: its import"}},
)
async def create_import(
    caller: MembersWrite, kind: ImportKind, file: ImportFile, session: Session, resources: AppResources
) -> Response:  # the caller first: who may not send files is refused before the file is read
    """Send a file of care-management activity; the worker loads it (202). The same file again answers
    200 with the import it made the first time, and loads nothing twice."""
    out, created = await service.create_import(session, caller, kind, file[0], file[1], resources.blobs)
    return respond(out, status=202 if created else 200, location=f"/v1/imports/{out.id}")


@router.get("/imports", response_model=Page[ImportOut], operation_id="imports_list")
async def list_imports(
    session: Session, page: Pagination, caller: MembersWrite, kind: ImportKind | None = None
) -> Page[ImportOut]:
    items, cursor = await service.list_imports(session, caller, page, kind)
    return Page(items=items, next_cursor=cursor)


@router.get("/imports/{import_id}", response_model=ImportOut, operation_id="imports_get")
async def get_import(import_id: uuid.UUID, session: Session, caller: MembersWrite) -> ImportOut:
    return await service.get_import(session, caller, import_id)
