"""Automated check results (issue 17): a plan's list with filters, and a summary per provider."""

from __future__ import annotations

import uuid
from typing import Literal

from fastapi import APIRouter

from oversight_api.conventions.pagination import Pagination
from oversight_api.deps import Session
from oversight_api.members.auth import MembersRead
from oversight_app.checks import service
from oversight_app.checks.service import CheckResultOut, ProviderCheckSummary, Rule
from oversight_app.pagination import Page

router = APIRouter(tags=["checks"])


@router.get("/check-results", response_model=Page[CheckResultOut], operation_id="checks_list_results")
async def list_results(
    session: Session,
    page: Pagination,
    caller: MembersRead,
    provider_id: uuid.UUID | None = None,
    member_id: uuid.UUID | None = None,
    rule: Rule | None = None,
    status: Literal["open", "closed"] | None = None,
) -> Page[CheckResultOut]:
    items, cursor = await service.list_results(
        session, caller, page, provider_id=provider_id, member_id=member_id, rule=rule, status=status
    )
    return Page(items=items, next_cursor=cursor)


@router.get(
    "/providers/{provider_id}/check-summary",
    response_model=ProviderCheckSummary,
    operation_id="checks_provider_summary",
)
async def provider_summary(
    provider_id: uuid.UUID, session: Session, caller: MembersRead
) -> ProviderCheckSummary:
    return await service.provider_summary(session, caller, provider_id)
