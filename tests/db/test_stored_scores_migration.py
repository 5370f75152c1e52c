"""Migration 0025 stores every finalized review's scores beside its frozen scorecard: the total on
``review.total_score``, each section in order in ``review_section_score`` (issue 16); downgrading drops them."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest_asyncio
from sqlalchemy.engine import make_url

from oversight_db.migrate import upgrade
from oversight_db.roles import asyncpg_dsn
from tests.db.test_site_owner_migration import _downgrade, _org
from tests.servers import TestServers, in_thread


@pytest_asyncio.fixture(loop_scope="session")
async def scratch(servers: TestServers) -> AsyncIterator[str]:
    """A database of its own (owned by the migration role), at revision 0024; the owner's URL."""
    name = f"oversight_mig_{uuid.uuid4().hex[:12]}"
    owner = make_url(servers.migration_url).username
    admin = await asyncpg.connect(asyncpg_dsn(servers.superuser_url))
    try:
        await admin.execute(f'CREATE DATABASE "{name}" OWNER "{owner}"')
        url = make_url(servers.migration_url).set(database=name).render_as_string(hide_password=False)
        in_thread(upgrade, url, "0024")
        yield url
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def _review(conn: asyncpg.Connection, scorecard: dict[str, Any] | None) -> uuid.UUID:
    plan, provider = await _org(conn, "plan"), await _org(conn, "provider")
    tool = await conn.fetchrow(
        "SELECT id, key, version FROM tool_version WHERE key = 'ecm-partnership' LIMIT 1"
    )
    review_id = uuid.uuid4()
    await conn.execute(
        "INSERT INTO review (id, plan_id, provider_id, tool_version_id, tool_key, tool_version, program, purpose,"
        " status, technical_assistance, period_start, period_end, scheduled_for, populations_of_focus,"
        " notified_on, created_by, finalized_at, outcome, scorecard)"
        " VALUES ($1, $2, $3, $4, $5, $6, 'ecm', 'monitoring', $7, false, '2025-01-01', '2025-12-31',"
        " '2026-01-05', '[]', '2025-12-01', 'test', $8, $9, $10::jsonb)",
        review_id, plan, provider, tool["id"], tool["key"], tool["version"],
        "finalized" if scorecard else "in_progress", None if scorecard is None else _now(),
        None if scorecard is None else "conditional_pass", None if scorecard is None else json.dumps(scorecard),
    )  # fmt: skip
    return review_id


def _now() -> Any:
    from datetime import UTC, datetime

    return datetime(2026, 1, 20, tzinfo=UTC)


async def test_finalized_reviews_get_their_scorecards_scores(scratch: str) -> None:
    conn = await asyncpg.connect(asyncpg_dsn(scratch))
    try:
        card = {
            "total": {"yes_points": 91, "possible_points": 96, "score": 0.9478},
            "sections": [
                {"key": "outreach_engagement", "title": "Outreach and Engagement", "score": 0.75},
                {"key": "assessment_care_plan", "title": "Assessment and Care Plan", "score": 0.7969},
                {"key": "transitions", "title": "Transitions", "score": None},
            ],
        }
        finalized = await _review(conn, card)
        open_review = await _review(conn, None)

        in_thread(upgrade, scratch, "0025")
        totals = dict(await conn.fetch("SELECT id, total_score FROM review"))
        assert totals == {finalized: 0.9478, open_review: None}
        sections = await conn.fetch(
            "SELECT review_id, position, key, title, score FROM review_section_score ORDER BY review_id, position"
        )
        assert [tuple(r) for r in sections] == [
            (finalized, 0, "outreach_engagement", "Outreach and Engagement", 0.75),
            (finalized, 1, "assessment_care_plan", "Assessment and Care Plan", 0.7969),
            (finalized, 2, "transitions", "Transitions", None),
        ]

        in_thread(_downgrade, scratch, "0024")
        assert await conn.fetchval("SELECT to_regclass('review_section_score')") is None
        assert await conn.fetchval(
            "SELECT scorecard -> 'total' ->> 'score' FROM review WHERE id = $1", finalized
        )
    finally:
        await conn.close()
