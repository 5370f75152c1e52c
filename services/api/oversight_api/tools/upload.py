"""A tool document as the request body: YAML or JSON, read raw (the domain parser validates it)."""

from __future__ import annotations

import hashlib
from typing import Annotated, Any

from fastapi import Depends, Request
from pydantic import BaseModel, Field

from oversight_app.errors import ProblemError
from oversight_app.tools.service import ToolFormat

YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")
JSON_TYPES = ("application/json",)

# The body is not a pydantic model, so the operation documents it itself. The YAML is declared as bytes
# (``format: binary``): generated clients send a file's content as it is, with this Content-Type.
IMPORT_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "A tool version document, as YAML or JSON (see the shipped tools for the shape)",
        "content": {
            "application/yaml": {
                "schema": {"type": "string", "format": "binary"},
                "example": 'key: my-tool\nversion: "1"\ntitle: My tool\nprogram: ecm\njurisdiction: US-CA\n...',
            },
            "application/json": {
                "schema": {"type": "object", "additionalProperties": True},
                "example": {
                    "key": "my-tool",
                    "version": "1",
                    "title": "My tool",
                    "program": "ecm",
                    "jurisdiction": "US-CA",
                },
            },
        },
    }
}


class ToolDocument(BaseModel):
    """The uploaded document. Its dump (format and digest, not the bytes) is what ``@idempotent`` compares."""

    format: ToolFormat
    sha256: str
    raw: bytes = Field(exclude=True)


def _format(request: Request) -> ToolFormat:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type in YAML_TYPES:
        return "yaml"
    if content_type in JSON_TYPES:
        return "json"
    raise ProblemError(
        415, "send the tool as application/yaml or application/json", slug="unsupported-media-type"
    )


async def tool_document(request: Request) -> ToolDocument:
    fmt = _format(request)
    raw = await request.body()
    return ToolDocument(format=fmt, sha256=hashlib.sha256(raw).hexdigest(), raw=raw)


ToolUpload = Annotated[ToolDocument, Depends(tool_document)]
