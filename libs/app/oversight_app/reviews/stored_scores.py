"""A review's scorecard and the scores stored beside it, written together.

``review.scorecard`` is the frozen scorecard (the API's shape, JSON); ``review.total_score`` and the
``review_section_score`` rows hold its total and section scores as plain numbers, so the dashboards read
narrow rows (and ``ix_review_latest_finalized`` alone) instead of parsing every review's JSON. Every write of
a review's scorecard goes through ``freeze_scorecard``: finalization and a dispute's re-scoring.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models.reviews import Review, ReviewSectionScore


async def freeze_scorecard(session: AsyncSession, review: Review, scorecard: dict[str, Any]) -> None:
    """Make ``scorecard`` (a ``ScorecardOut`` dumped as JSON) the review's current one, scores included."""
    review.scorecard = scorecard
    review.total_score = scorecard["total"]["score"]
    # A re-score replaces the sections (the earlier scorecard keeps its own in ``scorecard_version``).
    await session.execute(delete(ReviewSectionScore).where(ReviewSectionScore.review_id == review.id))
    session.add_all(
        ReviewSectionScore(
            review_id=review.id, position=position, key=section["key"], title=section["title"],
            score=section["score"],
        )
        for position, section in enumerate(scorecard["sections"])
    )  # fmt: skip
    await session.flush()
