"""Suggested findings (issue 17): check results for a review's sampled members in its period (and the
provider's, for provider-level elements) become pending suggestions; the reviewer accepts or overrides each,
which records the finding through ``put_findings`` (the same validation, scoring, ETag and audit as any
finding) and audits the decision. A suggestion is never a finding by itself.

Refreshing is idempotent: pending suggestions follow the data (new, changed, gone); decided ones are never
touched, and a review that is not in progress is never refreshed. What suggests what is the tool's map
(``oversight_domain.suggestions``).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.audit import audit_event
from oversight_app.caller import Caller
from oversight_app.checks.engagement import as_interactions, counted_interactions, engaged_members
from oversight_app.errors import ProblemError, conflict, unprocessable
from oversight_app.etags import check_if_match
from oversight_app.lookup import one_or_404
from oversight_app.pagination import PageParams, keyset_page
from oversight_app.reviews.findings import put_findings
from oversight_app.reviews.schemas import AnswerIn, FindingIn, SuggestionOut, SuggestionStatus
from oversight_app.reviews.service import load_open_review_for_write, load_review, tool_of
from oversight_db.models.activity import CheckResult, FindingSuggestion, MemberInteraction
from oversight_db.models.members import Enrollment
from oversight_db.models.reviews import Review, ReviewRecord
from oversight_domain import compliance
from oversight_domain.statuses import ReviewStatus
from oversight_domain.suggestions import CheckFact, SuggestionMap, suggest, suggestion_map
from oversight_domain.tools import ToolVersion


async def _windows(
    session: AsyncSession, review: Review, tool: ToolVersion, members: list[uuid.UUID]
) -> dict[str, list[compliance.EngagementWindow]]:
    """Each sampled member's whole engagement windows in the review period, from the imported rows."""
    policy = tool.policies.compliance.engagement if tool.policies.compliance else None
    if policy is None or not members:
        return {}
    enrollments = await session.execute(
        select(Enrollment.member_id, Enrollment.status, Enrollment.start_date, Enrollment.end_date).where(
            Enrollment.plan_id == review.plan_id,
            Enrollment.provider_id == review.provider_id,
            Enrollment.program == review.program,
            Enrollment.member_id.in_(members),
        )
    )
    interactions = await session.execute(
        counted_interactions(
            MemberInteraction.plan_id == review.plan_id,
            MemberInteraction.provider_id == review.provider_id,
            MemberInteraction.member_id.in_(members),
            MemberInteraction.occurred_on.between(review.period_start, review.period_end),
        )
    )
    windows = compliance.engagement_windows(
        engaged_members(enrollments),
        as_interactions(interactions),
        review.period_start,
        review.period_end,
        policy,
    )
    out: dict[str, list[compliance.EngagementWindow]] = defaultdict(list)
    for w in windows:
        out[w.member_id].append(w)
    return out


async def _facts(session: AsyncSession, review: Review) -> list[CheckFact]:
    rows = await session.scalars(
        select(CheckResult).where(
            CheckResult.plan_id == review.plan_id,
            CheckResult.provider_id == review.provider_id,
            CheckResult.status == "open",
            CheckResult.starts_on <= review.period_end,
        )
    )
    return [
        CheckFact(str(r.id), str(r.member_id), r.rule, r.clause, r.starts_on, r.ends_on, r.details)
        for r in rows
    ]


async def _suggested(
    session: AsyncSession, review: Review, tool: ToolVersion, rules: SuggestionMap
) -> dict[tuple[uuid.UUID | None, str], tuple[str, list[dict[str, Any]]]]:
    """(record or None, element) -> (answer, reasons) the data suggests now."""
    records = {
        str(member_id): record_id
        for record_id, member_id in await session.execute(
            select(ReviewRecord.id, ReviewRecord.member_id).where(
                ReviewRecord.review_id == review.id, ReviewRecord.status == "sampled"
            )
        )
    }
    members = [uuid.UUID(m) for m in records]
    wants_windows = any(r.yes_when == "engagement_windows_met" for r in rules.elements)
    windows = await _windows(session, review, tool, members) if wants_windows else {}
    facts = await _facts(session, review)
    found = suggest(rules, tool, records, facts, windows, review.period_start, review.period_end)
    return {
        (records[s.member_id] if s.member_id else None, s.element_key): (s.answer, list(s.reasons))
        for s in found
    }


async def refresh_suggestions(session: AsyncSession, review: Review) -> None:
    """Bring the review's pending suggestions in line with the data; decided ones stay as they are. The
    caller holds the review's row lock (a sample draw, an exclusion, a check run)."""
    if review.status != ReviewStatus.IN_PROGRESS:
        return
    rules = suggestion_map(review.tool_key)
    if rules is None:
        return
    tool = await tool_of(session, review)
    wanted = await _suggested(session, review, tool, rules)
    now = datetime.now(UTC)
    stored = {
        (s.record_id, s.element_key): s
        for s in await session.scalars(
            select(FindingSuggestion).where(FindingSuggestion.review_id == review.id)
        )
    }
    gone = [s.id for key, s in stored.items() if s.status == "pending" and key not in wanted]
    if gone:
        await session.execute(delete(FindingSuggestion).where(FindingSuggestion.id.in_(gone)))
    for (record_id, element_key), (answer, reasons) in wanted.items():
        row = stored.get((record_id, element_key))
        if row is None:
            session.add(
                FindingSuggestion(
                    id=uuid.uuid4(),
                    review_id=review.id,
                    record_id=record_id,
                    element_key=element_key,
                    suggested_answer=answer,
                    reasons=reasons,
                    status="pending",
                    created_at=now,
                    updated_at=now,
                )
            )
        elif row.status == "pending" and (row.suggested_answer, row.reasons) != (answer, reasons):
            row.suggested_answer, row.reasons, row.updated_at = answer, reasons, now
    await session.flush()


async def refresh_for_provider(session: AsyncSession, plan_id: uuid.UUID, provider_id: uuid.UUID) -> int:
    """After a check run: the plan's reviews of the provider in progress get their pending suggestions
    refreshed (each review locked, as a sample change would). Returns the reviews refreshed."""
    reviews = list(
        await session.scalars(
            select(Review)
            .where(
                Review.plan_id == plan_id,
                Review.provider_id == provider_id,
                Review.status == ReviewStatus.IN_PROGRESS,
            )
            .order_by(Review.id)
            .with_for_update()
        )
    )
    for review in reviews:
        await refresh_suggestions(session, review)
    return len(reviews)


def _plan_only(caller: Caller) -> None:
    if caller.organization_kind != "plan":
        raise ProblemError(403, "suggested findings are the plan's reviewers'", slug="forbidden")


async def list_suggestions(
    session: AsyncSession,
    caller: Caller,
    review_id: uuid.UUID,
    page: PageParams,
    *,
    status: SuggestionStatus | None = None,
    element_key: str | None = None,
    record_id: uuid.UUID | None = None,
) -> tuple[list[SuggestionOut], str | None]:
    _plan_only(caller)
    review = await load_review(session, caller, review_id)
    stmt = select(FindingSuggestion).where(FindingSuggestion.review_id == review.id)
    for column, value in (
        (FindingSuggestion.status, status),
        (FindingSuggestion.element_key, element_key),
        (FindingSuggestion.record_id, record_id),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    rows, cursor = await keyset_page(
        session, stmt, [FindingSuggestion.element_key, FindingSuggestion.id], page
    )
    return [SuggestionOut.model_validate(r, from_attributes=True) for r in rows], cursor


def _accept_comment(row: FindingSuggestion) -> str:
    rules = sorted({r["rule"] for r in row.reasons})
    return f"Suggested by the automated checks ({', '.join(rules)}); accepted."


async def decide(
    session: AsyncSession,
    caller: Caller,
    review_id: uuid.UUID,
    suggestion_id: uuid.UUID,
    if_match: str | None,
    *,
    override: tuple[AnswerIn, str] | None = None,
) -> tuple[SuggestionOut, int]:
    """Accept (``override`` None) or override (the reviewer's answer and comment) a pending suggestion: the
    finding is recorded through ``put_findings`` (it replaces an answer already recorded for the element,
    as any finding does), and the decision is audited. Returns the suggestion and the review's version."""
    review = await load_open_review_for_write(session, caller, review_id)
    check_if_match(if_match, review.version)
    stmt = select(FindingSuggestion).where(
        FindingSuggestion.id == suggestion_id, FindingSuggestion.review_id == review.id
    )
    row = await one_or_404(session, stmt, "suggestion", lock=True)
    if row.status != "pending":
        raise conflict(f"the suggestion is already {row.status}", slug="suggestion-decided")
    if override is not None and override[0] == row.suggested_answer:
        raise unprocessable(
            "that is the suggested answer: accept the suggestion instead",
            errors=[{"path": "body.answer", "message": "equals the suggested answer"}],
        )
    answer, comment = override or (row.suggested_answer, _accept_comment(row))
    finding = FindingIn(record_id=row.record_id, element_key=row.element_key, answer=answer, comment=comment)
    await put_findings(session, caller, review.id, [finding], if_match)
    row.status = "overridden" if override else "accepted"
    row.final_answer, row.comment = answer, override[1] if override else None
    row.decided_by, row.decided_at = caller.actor, datetime.now(UTC)
    row.updated_at = row.decided_at
    await session.flush()
    await audit_event(
        session,
        caller,
        f"review.suggestion_{row.status}",
        "finding_suggestion",
        row.id,
        {
            "review_id": str(review.id),
            "record_id": str(row.record_id) if row.record_id else None,
            "element_key": row.element_key,
            "suggested_answer": row.suggested_answer,
            "final_answer": answer,
            "rules": sorted({r["rule"] for r in row.reasons}),
        },
    )
    return SuggestionOut.model_validate(row, from_attributes=True), review.version
