"""The one text type for every string the API accepts: bodies, query values, path segments, headers we read.

Postgres refuses a NUL character in ``text`` and in ``jsonb``, and a lone surrogate (``"\\ud800"``, which JSON
can spell) cannot be encoded as UTF-8 at all, so either would reach the database and fail there as a 500 after
the request was half processed. Refusing them here makes them a 422 naming the field, before anything runs.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

NO_NUL = "^[^\\u0000]*$"
"""Declared on every ``Text`` (that has no pattern of its own), so the document says what is refused."""


def refuse_unstorable(value: str) -> str:
    """``value`` unchanged, or a ``ValueError`` (pydantic makes it a 422 at the field's path)."""
    if "\x00" in value:
        # The message never quotes the value: it may be member data.
        raise ValueError("must not contain a NUL character")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("must not contain an unpaired surrogate (not valid Unicode)") from None
    return value


class _DeclareNoNul:
    """Adds ``pattern: NO_NUL`` to the string's JSON Schema (a lone surrogate is not sent by a UTF-8 client)."""

    def __get_pydantic_json_schema__(
        self, core: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema: dict[str, Any] = handler(core)
        schema.setdefault("pattern", NO_NUL)
        return schema


Text = Annotated[str, AfterValidator(refuse_unstorable), _DeclareNoNul()]
"""A string we can store: no NUL, no lone surrogate. Add ``Field(max_length=...)`` etc. where it is used.

An optional value held to an anchored ASCII pattern is ``Annotated[str, StringConstraints(pattern=...)] | None``
instead: the pattern already refuses NUL and surrogates, and ``Text | None = Field(pattern=...)`` enforces the
pattern but drops it from the OpenAPI document (a client would not know it)."""
