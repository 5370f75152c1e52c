"""Care-management activity imports (issue 17): the file is the request body (CSV or NDJSON) up to the
API's body limit, or, for a file of any size, it goes straight to storage (``uploads`` then ``complete``,
as evidence documents do); either way the worker loads it from blob storage. Poll the import for its
status, counts and errors."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from oversight_api.conventions import local_uploads
from oversight_api.conventions.pagination import Pagination
from oversight_api.conventions.responses import respond
from oversight_api.deps import AppResources, Session
from oversight_api.members.auth import MembersWrite
from oversight_app.errors import ProblemError, not_found
from oversight_app.imports import service, uploads
from oversight_app.imports.schemas import ImportFormat, ImportKind, ImportOut, ImportUploadIn, ImportUploadOut
from oversight_app.pagination import Page

router = APIRouter(tags=["imports"])

_TYPES: dict[str, ImportFormat] = {"text/csv": "csv", "application/x-ndjson": "ndjson"}

# One declared body type: openapi-python-client cannot tell two binary bodies apart (it generated two
# ``isinstance(body, File)`` branches, the last always winning), so the format is the ``file_format`` query
# parameter and the body is bytes. curl may still say ``Content-Type: text/csv``; a Content-Type that names
# the other format is refused rather than guessed between.
FILE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "The file, as bytes: CSV with a header line (`file_format=csv`), or NDJSON, one JSON "
        "object per line (`file_format=ndjson`); columns per kind in the README's 'Care-management activity "
        "imports'. Any Content-Type is read as bytes; `text/csv` or `application/x-ndjson` must agree with "
        "`file_format`.",
        "content": {
            "application/octet-stream": {
                "schema": {"type": "string", "format": "binary"},
                "example": "interaction_id,member_number,provider_npi,occurred_on,kind,duration_minutes,"
                "outcome,enrolled\nI-1,91000000A,1987654328,2025-01-06,contact,20,reached,true\n",
            },
        },
    }
}


async def _file(
    request: Request,
    file_format: Annotated[ImportFormat, Query(description="How the body is written: `csv` or `ndjson`")],
) -> tuple[ImportFormat, bytes]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    said = _TYPES.get(content_type)
    if said is not None and said != file_format:
        raise ProblemError(
            415,
            f"the Content-Type says {said} but file_format says {file_format}",
            slug="unsupported-media-type",
        )
    return file_format, await request.body()


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


@router.post(
    "/imports/uploads",
    status_code=201,
    response_model=ImportUploadOut,
    operation_id="imports_request_upload",
    responses={
        200: {"model": ImportUploadOut, "description": "the same file was declared before: its import"}
    },
)
async def request_upload(
    caller: MembersWrite, kind: ImportKind, body: ImportUploadIn, session: Session, resources: AppResources
) -> Response:
    """A file too large for a request body (or any file): declare its format, size and sha256, send the
    bytes to ``upload`` (a presigned POST, or a signed PUT on the local-disk store), then call
    ``complete``. A file declared before answers 200 with its import (``upload`` null once it is stored)."""
    out, created = await uploads.request_upload(
        session, caller, kind, body, resources.blobs, resources.settings
    )
    location = f"/v1/imports/{out.activity_import.id}"
    return respond(out, status=201 if created else 200, location=location)


@router.post(
    "/imports/{import_id:uuid}/complete", response_model=ImportOut, operation_id="imports_complete_upload"
)
async def complete_upload(import_id: uuid.UUID, resources: AppResources, caller: MembersWrite) -> ImportOut:
    """Check the stored file against the declared size and sha256; only then is the import queued for the
    worker (``pending``). A mismatch is 422 and the upload is discarded; the import waits for the file."""
    return await uploads.complete_upload(resources.sessions, caller, import_id, resources.blobs)


@router.get("/imports", response_model=Page[ImportOut], operation_id="imports_list")
async def list_imports(
    session: Session, page: Pagination, caller: MembersWrite, kind: ImportKind | None = None
) -> Page[ImportOut]:
    items, cursor = await service.list_imports(session, caller, page, kind)
    return Page(items=items, next_cursor=cursor)


# ":uuid": "uploads" is then no import id, so GET /imports/uploads finds only the POST route and answers 405.
@router.get("/imports/{import_id:uuid}", response_model=ImportOut, operation_id="imports_get")
async def get_import(import_id: uuid.UUID, session: Session, caller: MembersWrite) -> ImportOut:
    return await service.get_import(session, caller, import_id)


# The local-disk store's signed upload URL (S3 takes the presigned POST itself). No API key: the signature is
# the permission, as with a presigned S3 URL; a missing, bad or expired one is a 404 (the parameters have
# defaults so that a URL without them is a 404 too). Not under the body limit: the body streams to disk a
# megabyte at a time, refused past the signed size. test_imports_upload covers it.


@router.put(
    "/import-uploads",
    status_code=204,
    operation_id="imports_local_upload",
    responses={404: {"description": "unknown import or bad signature"}, 413: {"description": "too large"}},
)
async def local_upload(
    request: Request,
    resources: AppResources,
    import_id: uuid.UUID | None = None,
    size: int = Query(0, ge=0, le=2**53),
    expires: int = Query(0, ge=0, le=2**53),
    signature: str = Query("", max_length=64),
) -> Response:
    if import_id is None:
        raise not_found("activity import")
    allowed = uploads.local_upload_allowed(import_id, size, expires, signature, resources.settings)
    key = uploads.upload_key(import_id)
    return await local_uploads.receive(
        request, resources.blobs, allowed=allowed, key=key, size=size, what="activity import"
    )
