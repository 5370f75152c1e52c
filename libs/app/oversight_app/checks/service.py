"""Reading check results: a plan lists its own (filters), and a summary per provider. Results name members
by id only; reading them is member data (``members:read``)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.caller import Caller
from oversight_app.errors import ProblemError, not_found
from oversight_app.pagination import PageParams, keyset_page
from oversight_app.tenancy import network_provider_ids
from oversight_db.models.activity import CheckResult
from oversight_db.models.organizations import NetworkLink

Rule = Literal[
    "engagement_gap",
    "missed_appointment",
    "tar_late",
    "tar_incorrect",
    "duplicated_service",
    "stale_document",
]


class CheckResultOut(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": "4a8e2f10-5b1c-4d2e-8f3a-6b7c8d9e0f11",
                    "provider_id": "c5041428-5c25-41c7-99a2-c4954ebf6e68",
                    "member_id": "6a1e9d3c-2b7f-4c8a-9e5d-1f0a3b2c4d5e",
                    "rule": "tar_timeliness",
                    "clause": "initial",
                    "subject_key": "tar:T-1001",
                    "status": "closed",
                    "starts_on": "2025-03-03",
                    "ends_on": "2025-03-24",
                    "details": {"due_on": "2025-03-24", "received_on": "2025-03-27", "days_late": 3},
                    "sources": [{"table": "tar", "id": "T-1001"}],
                    "opened_at": "2025-04-01T02:41:00Z",
                    "closed_at": "2025-04-15T02:41:00Z",
                }
            ]
        },
    )

    id: uuid.UUID
    provider_id: uuid.UUID
    member_id: uuid.UUID
    rule: str
    clause: str | None
    subject_key: str
    status: Literal["open", "closed"]
    starts_on: Any
    ends_on: Any
    details: dict[str, Any]
    sources: list[dict[str, Any]]
    opened_at: datetime
    closed_at: datetime | None


class RuleCount(BaseModel):
    rule: str
    open: int
    closed: int


class ProviderCheckSummary(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "provider_id": "c5041428-5c25-41c7-99a2-c4954ebf6e68",
                    "rules": [{"rule": "engagement_cadence", "open": 3, "closed": 1}],
                }
            ]
        }
    )

    provider_id: uuid.UUID
    rules: list[RuleCount]


def _plan_only(caller: Caller) -> None:
    if caller.organization_kind != "plan":
        raise ProblemError(403, "check results are the plan's", slug="forbidden")


async def list_results(
    session: AsyncSession,
    caller: Caller,
    page: PageParams,
    *,
    provider_id: uuid.UUID | None = None,
    member_id: uuid.UUID | None = None,
    rule: Rule | None = None,
    status: Literal["open", "closed"] | None = None,
) -> tuple[list[CheckResultOut], str | None]:
    _plan_only(caller)
    stmt = select(CheckResult).where(CheckResult.plan_id == caller.organization_id)
    for column, value in (
        (CheckResult.provider_id, provider_id),
        (CheckResult.member_id, member_id),
        (CheckResult.rule, rule),
        (CheckResult.status, status),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    rows, cursor = await keyset_page(session, stmt, [CheckResult.id], page)
    return [CheckResultOut.model_validate(r) for r in rows], cursor


async def provider_summary(
    session: AsyncSession, caller: Caller, provider_id: uuid.UUID
) -> ProviderCheckSummary:
    _plan_only(caller)
    in_network = await session.scalar(
        select(func.count()).select_from(
            network_provider_ids(caller.organization_id)
            .where(NetworkLink.provider_id == provider_id)
            .subquery()
        )
    )
    if not in_network:
        raise not_found("provider")
    rows = await session.execute(
        select(
            CheckResult.rule,
            func.count().filter(CheckResult.status == "open"),
            func.count().filter(CheckResult.status == "closed"),
        )
        .where(CheckResult.plan_id == caller.organization_id, CheckResult.provider_id == provider_id)
        .group_by(CheckResult.rule)
        .order_by(CheckResult.rule)
    )
    return ProviderCheckSummary(
        provider_id=provider_id, rules=[RuleCount(rule=r, open=o, closed=c) for r, o, c in rows]
    )
