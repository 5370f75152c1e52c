from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from oversight_api.auth.caller import require
from oversight_app.caller import Caller
from oversight_app.permissions import Permission

ReportsRead = Annotated[Caller, Depends(require(Permission.REPORTS_READ))]
ReportsSchedule = Annotated[Caller, Depends(require(Permission.REPORTS_SCHEDULE))]
# A review's scorecard export is the review's data: whoever may read the review may export it.
ReviewsRead = Annotated[Caller, Depends(require(Permission.REVIEWS_READ))]
