from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from oversight_api.auth.caller import require
from oversight_app.caller import Caller
from oversight_app.permissions import Permission

ReviewsRead = Annotated[Caller, Depends(require(Permission.REVIEWS_READ))]
ReviewsWrite = Annotated[Caller, Depends(require(Permission.REVIEWS_WRITE))]
FindingsWrite = Annotated[Caller, Depends(require(Permission.FINDINGS_WRITE))]
# Suggested findings are made of check results, member data like them (``members:read``, as /v1/check-results).
SuggestionsRead = Annotated[Caller, Depends(require(Permission.MEMBERS_READ))]
