"""The scorecard: the review's findings scored by the domain scorer (seed 003 rules)."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.reviews.schemas import (
    RecordScoreOut,
    ScorecardOut,
    SectionScoreOut,
    TotalScoreOut,
    UnansweredOut,
)
from oversight_db.models.reviews import Finding as FindingRow
from oversight_db.models.reviews import Review, ReviewRecord
from oversight_domain.display import round_half_up
from oversight_domain.scoring import Finding, Scorecard, score
from oversight_domain.tools import ToolVersion

SCORE_PLACES = 4


@dataclass(frozen=True)
class ReviewScore:
    card: Scorecard
    expansion_required: bool  # a first-draw record failed and the expansion draw is not done yet
    drawn: bool


async def current_scorecard(session: AsyncSession, review: Review, tool: ToolVersion) -> ReviewScore:
    records = (
        await session.execute(
            select(ReviewRecord.id, ReviewRecord.draw_number)
            .where(ReviewRecord.review_id == review.id, ReviewRecord.status == "sampled")
            .order_by(ReviewRecord.draw_number, ReviewRecord.stratum, ReviewRecord.position)
        )
    ).all()
    record_ids = [str(r[0]) for r in records]
    first_draw = [str(r[0]) for r in records if r[1] == 1]
    # Only the sampled records' and provider-level answers (the scorer takes them in any order).
    rows = (
        await session.execute(
            select(FindingRow.record_id, FindingRow.element_key, FindingRow.answer)
            .outerjoin(ReviewRecord, ReviewRecord.id == FindingRow.record_id)
            .where(
                FindingRow.review_id == review.id,
                (FindingRow.record_id.is_(None)) | (ReviewRecord.status == "sampled"),
            )
            .order_by(FindingRow.record_id)
        )
    ).all()
    findings = [Finding(str(r[0]) if r[0] is not None else None, r[1], r[2]) for r in rows]
    # records x elements answers (up to MAX_SAMPLE_SIZE records per stratum and MAX_ELEMENTS elements): scored
    # in a worker thread so a large review cannot hold the event loop.
    card = await asyncio.to_thread(score, tool, findings, record_ids, first_draw)
    # Every draw leaves sampled records (an excluded one is replaced from its own draw's reserve), so the
    # sampled records tell which draws exist.
    draws = {r[1] for r in records}
    return ReviewScore(card, card.expansion_required and 2 not in draws, bool(draws))


def _decimal(value: Fraction | None) -> Any:
    return None if value is None else round_half_up(value, SCORE_PLACES)


def scorecard_out(review: Review, result: ReviewScore) -> ScorecardOut:
    card = result.card
    return ScorecardOut(
        review_id=review.id,
        tool_key=card.tool_key,
        tool_version=card.tool_version,
        sections=[
            SectionScoreOut(
                key=s.key,
                title=s.title,
                yes_points=s.yes_points,
                no_points=s.no_points,
                na_count=s.na_count,
                score=_decimal(s.score),
            )
            for s in card.sections
        ],
        total=TotalScoreOut(
            yes_points=card.total.yes_points,
            possible_points=card.total.possible_points,
            score=_decimal(card.total.score),
        ),
        outcome=card.outcome,
        sections_requiring_action=list(card.sections_requiring_action),
        records=[
            RecordScoreOut(record_id=uuid.UUID(r.record_id), score=_decimal(r.score), failed=r.failed)
            for r in card.records
        ],
        expansion_required=result.expansion_required,
        unanswered=[
            UnansweredOut(record_id=uuid.UUID(rid) if rid else None, element_key=key)
            for rid, key in card.unanswered
        ],
        final=review.status == "finalized",
    )
