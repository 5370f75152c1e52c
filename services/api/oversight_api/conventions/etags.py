"""``If-Match`` as a declared header parameter; the rule itself is :mod:`oversight_app.etags`."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header

from oversight_app.text import Text

IfMatch = Annotated[
    Text | None,
    Header(
        alias="If-Match",
        description="The ETag you last read; required by this write (428 without it, 412 when stale)",
    ),
]
