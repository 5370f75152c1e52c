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
from oversight_app.reviews.citations import citation_errors, citations_by_finding, replace_citations
from oversight_app.reviews.schemas import FindingIn, FindingOut, FindingsOut
from oversight_app.reviews.service import (
    load_open_review_for_write,
    load_review,
    start_if_scheduled,
    tool_of,
    touch,
)
from oversight_db.models.reviews import Finding, Review, ReviewRecord
from oversight_domain.findings import FindingError, FindingProblem, check_findings

MAX_FINDINGS_PER_REQUEST = 5000

_MESSAGES = {
    FindingError.UNKNOWN_ANSWER: "not an answer the tool takes",
    FindingError.RECORD_REQUIRED: "a record-level element needs a record",
    FindingError.RECORD_NOT_SAMPLED: "not a sampled record of this review",
    FindingError.RECORD_NOT_ALLOWED: "a provider-level element takes no record",
}


def _finding_error(problem: FindingProblem) -> dict[str, Any]:
    """The domain's finding problem as one entry of the 422's ``errors``."""
    path = f"body[{problem.index}]" + (f".{problem.field}" if problem.field else "")
    if problem.error is FindingError.UNKNOWN_ELEMENT:
        message = f"the tool has no element {problem.element_key!r}"
    elif problem.error is FindingError.DUPLICATE:
        message = f"the same answer as body[{problem.duplicate_of}]"
    else:
        message = _MESSAGES[problem.error]
    return {"path": path, "message": message}


async def _findings_out(session: AsyncSession, review: Review) -> FindingsOut:
    rows = await session.scalars(
        select(Finding)
        .where(Finding.review_id == review.id)
        .order_by(Finding.record_id.nulls_first(), Finding.element_key)
    )
    cited = await citations_by_finding(session, review.id)
    return FindingsOut(
        review_id=review.id,
        version=review.version,
        items=[
            FindingOut.model_validate(f, from_attributes=True).model_copy(
                update={"citations": cited.get((f.record_id, f.element_key), [])}
            )
            for f in rows
        ],
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
    sampled = set(
        await session.scalars(
            select(ReviewRecord.id).where(
                ReviewRecord.review_id == review.id, ReviewRecord.status == "sampled"
            )
        )
    )
    problems = {p.index: p for p in check_findings(tool, body, sampled)}
    errors: list[dict[str, Any]] = []
    for i, f in enumerate(body):
        problem = problems.get(i)
        if problem is not None:
            errors.append(_finding_error(problem))
        elif f.corrected_on is not None and not f.correction_required:
            errors.append(
                {"path": f"body[{i}].corrected_on", "message": "only for a finding with correction_required"}
            )
    errors += await citation_errors(session, review.id, body)
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
    cited = await replace_citations(session, caller, review.id, body)
    await start_if_scheduled(session, caller, review, by="findings")
    touch(review)
    await session.flush()
    await audit_event(
        session,
        caller,
        "review.findings_recorded",
        "review",
        review.id,
        {"findings": len(body), "citations": cited},
    )
    return await _findings_out(session, review)
