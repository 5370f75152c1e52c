"""The scorecard: the review's findings scored by the domain scorer (seed 003 rules)."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.reviews.citations import evidence_cited
from oversight_app.reviews.schemas import (
    EvidenceCitedOut,
    RecordScoreOut,
    SampleStageOut,
    ScorecardOut,
    SectionScoreOut,
    TotalScoreOut,
    UnansweredOut,
)
from oversight_db.models.reviews import Finding as FindingRow
from oversight_db.models.reviews import Review, ReviewRecord, SampleDraw
from oversight_domain.display import round_half_up
from oversight_domain.scoring import Finding, Scorecard, score
from oversight_domain.tools import ToolVersion

SCORE_PLACES = 4


@dataclass(frozen=True)
class ReviewScore:
    card: Scorecard
    expansion_required: bool  # a first-draw record failed and the expansion draw is not done yet
    drawn: bool
    stages: tuple[SampleStageOut, ...] = ()  # each draw's requested, available and drawn records
    evidence: tuple[EvidenceCitedOut, ...] = ()  # the documents the scored findings cite


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
    # An expansion may find nothing left in the frame (it is still done), so the draws are read, not inferred
    # from the sampled records.
    draws = list(
        await session.scalars(
            select(SampleDraw).where(SampleDraw.review_id == review.id).order_by(SampleDraw.draw_number)
        )
    )
    stages = tuple(
        SampleStageOut(
            draw_number=d.draw_number,
            requested=d.requested,
            available=sum(d.strata_sizes.values()),
            drawn=sum(d.quotas.values()),
            limited_by_frame=d.requested is not None and sum(d.quotas.values()) < d.requested,
        )
        for d in draws
    )
    numbers = {d.draw_number for d in draws}
    evidence = await evidence_cited(session, review.id)
    return ReviewScore(card, card.expansion_required and 2 not in numbers, bool(draws), stages, evidence)


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
        sample_limited_by_frame=any(s.limited_by_frame for s in result.stages),
        sample_draws=list(result.stages),
        unanswered=[
            UnansweredOut(record_id=uuid.UUID(rid) if rid else None, element_key=key)
            for rid, key in card.unanswered
        ],
        evidence=list(result.evidence),
        final=review.status == "finalized",
    )
