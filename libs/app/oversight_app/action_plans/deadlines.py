"""The action-plan handler of the worker's deadline sweep (listed in the worker's ``HANDLER_MODULES``).

The sweep calls every registered handler as ``(session, deadline, today)``: the registry in
``oversight_db.deadlines`` has no place for the deployment's calendars yet. Until the sweep passes them
(from the worker's settings), this adapter builds them from the process settings, which is where the
worker's own settings come from too. It is the only place the use case's calendars are not passed in.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.action_plans.escalation import SUBJECT_TYPE, on_deadline
from oversight_app.calendars import Calendars
from oversight_db.deadlines import deadline_handler
from oversight_db.models.deadlines import Deadline
from oversight_db.settings import get_settings


@deadline_handler(SUBJECT_TYPE)
async def on_action_plan_deadline(session: AsyncSession, deadline: Deadline, today: date) -> None:
    await on_deadline(session, deadline, today, Calendars.with_closures(get_settings().closure_dates))
