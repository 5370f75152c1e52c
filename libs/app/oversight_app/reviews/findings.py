"""Findings: bulk upsert under the review's ETag, and reading them back."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.audit import audit_event
from oversight_app.caller import Caller
from oversight_app.errors import unprocessable
from oversight_app.etags import check_if_match
from oversight_app.reviews.schemas import FindingIn, FindingOut, FindingsOut
from oversight_app.reviews.service import load_open_review_for_write, load_review, tool_of, touch
from oversight_db.models.reviews import Finding, Review, ReviewRecord

MAX_FINDINGS_PER_REQUEST = 5000


async def _findings_out(session: AsyncSession, review: Review) -> FindingsOut:
    rows = await session.scalars(
        select(Finding)
        .where(Finding.review_id == review.id)
        .order_by(Finding.record_id.nulls_first(), Finding.element_key)
    )
    return FindingsOut(
        review_id=review.id,
        version=review.version,
        items=[FindingOut.model_validate(f, from_attributes=True) for f in rows],
    )


async def list_findings(session: AsyncSession, caller: Caller, review_id: uuid.UUID) -> FindingsOut:
    review = await load_review(session, caller, review_id)
    return await _findings_out(session, review)


async def put_findings(
    session: AsyncSession, caller: Caller, review_id: uuid.UUID, body: list[FindingIn], if_match: str | None
) -> FindingsOut:
    """Record answers (insert or replace, all or nothing) under the review's ETag."""
    review = await load_open_review_for_write(session, caller, review_id)
    check_if_match(if_match, review.version)
    if not body:
        raise unprocessable("send at least one finding", errors=[{"path": "body", "message": "empty list"}])
    if len(body) > MAX_FINDINGS_PER_REQUEST:
        raise unprocessable(
            f"at most {MAX_FINDINGS_PER_REQUEST} findings per request",
            errors=[{"path": "body", "message": "too many items"}],
        )
    tool = await tool_of(session, review)
    levels = {e.key: e.level for s in tool.sections for e in s.elements}
    sampled = set(
        await session.scalars(
            select(ReviewRecord.id).where(
                ReviewRecord.review_id == review.id, ReviewRecord.status == "sampled"
            )
        )
    )
    errors: list[dict[str, Any]] = []
    seen: dict[tuple[uuid.UUID | None, str], int] = {}
    for i, f in enumerate(body):
        level = levels.get(f.element_key)
        if level is None:
            errors.append(
                {"path": f"body[{i}].element_key", "message": f"the tool has no element {f.element_key!r}"}
            )
            continue
        if level == "record":
            if f.record_id is None:
                errors.append(
                    {"path": f"body[{i}].record_id", "message": "a record-level element needs a record"}
                )
                continue
            if f.record_id not in sampled:
                errors.append(
                    {"path": f"body[{i}].record_id", "message": "not a sampled record of this review"}
                )
                continue
        elif f.record_id is not None:
            errors.append(
                {"path": f"body[{i}].record_id", "message": "a provider-level element takes no record"}
            )
            continue
        key = (f.record_id, f.element_key)
        if key in seen:
            errors.append({"path": f"body[{i}]", "message": f"the same answer as body[{seen[key]}]"})
            continue
        seen[key] = i
        if f.corrected_on is not None and not f.correction_required:
            errors.append(
                {"path": f"body[{i}].corrected_on", "message": "only for a finding with correction_required"}
            )
    if errors:
        raise unprocessable(f"{len(errors)} finding(s) are invalid; nothing was saved", errors=errors)
    now = datetime.now(UTC)
    values = [
        {
            "id": uuid.uuid4(),
            "review_id": review.id,
            "record_id": f.record_id,
            "element_key": f.element_key,
            "answer": f.answer,
            "comment": f.comment,
            "correction_required": f.correction_required,
            "corrected_on": f.corrected_on,
            "updated_by": caller.actor,
            "updated_at": now,
        }
        for f in body
    ]
    stmt = insert(Finding).values(values)
    stmt = stmt.on_conflict_do_update(
        constraint="uq_finding_review_id_record_id_element_key",
        set_={
            name: stmt.excluded[name]
            for name in (
                "answer",
                "comment",
                "correction_required",
                "corrected_on",
                "updated_by",
                "updated_at",
            )
        },
    )
    await session.execute(stmt)
    touch(review)
    await session.flush()
    await audit_event(
        session, caller, "review.findings_recorded", "review", review.id, {"findings": len(body)}
    )
    return await _findings_out(session, review)
