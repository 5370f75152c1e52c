"""A provider dispute end to end through the generated client (issue 14), on real processes (``tests.e2e.stack``).

A second CA provider (the README's CLI commands) under the README's plan gets a review scheduled today (notice
waived), answered "no" on Outreach and Engagement's provider-level elements: 75% < 80%, a conditional pass and
a PIP. Only through ``oversight_client``: the provider disputes one of those findings within the window (seed
004: 21 calendar days from receipt); a dispute of the result 22 days later is refused (a second API process whose
clock reads 22 days later); the plan overturns the finding (a stale If-Match first: 412), the review re-scores
to scorecard version 2 (a pass, the PIP closed) and version 1 stays readable as it was.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest
from oversight_client.api.disputes import disputes_decide, disputes_file, disputes_get
from oversight_client.api.members import members_upsert_batch
from oversight_client.api.providers import providers_add_to_network, providers_get_standing
from oversight_client.api.reviews import (
    reviews_create,
    reviews_draw_sample,
    reviews_finalize,
    reviews_get,
    reviews_get_findings,
    reviews_get_scorecard,
    reviews_get_scorecard_version,
    reviews_list_records,
    reviews_list_scorecard_versions,
    reviews_put_findings,
)
from oversight_client.api.tools import tools_get_version
from oversight_client.models import (
    AmendmentIn,
    DisputeCreate,
    DisputeDecision,
    DisputeDecisionIn,
    DisputeSubject,
    FindingIn,
    MemberBatchIn,
    ProviderIn,
    ReviewCreate,
    SampleDrawIn,
    SampleRecordStatus,
)
from oversight_client.models.amendment_in_answer import AmendmentInAnswer
from oversight_client.models.finding_in_answer import FindingInAnswer

from tests.e2e.stack import Stack, etag, new_key, ok, problem, today_utc

pytestmark = pytest.mark.e2e

NPI = "1555123458"  # a valid Luhn check digit
OE = "outreach_engagement"
WINDOW_DAYS = 21  # seed 004


def members(provider_id: str) -> MemberBatchIn:
    return MemberBatchIn.from_dict(
        {
            "members": [
                {
                    "member_number": f"92{i:06d}B",
                    "first_name": "Member",
                    "last_name": f"Sonoma{i}",
                    "birth_date": f"1975-03-{i + 1:02d}",
                    "enrollments": [
                        {
                            "program": "ecm",
                            "provider_id": provider_id,
                            "status": "enrolled",
                            "start_date": "2025-01-01",
                        }
                    ],
                }
                for i in range(12)
            ]
        }
    )


def test_a_dispute_overturns_a_finding_through_the_generated_client(stack: Stack) -> None:
    started, sent = time.monotonic(), stack.requests
    provider_id = stack.cli("orgs", "create", "--kind", "provider", "--name", "Sonoma ECM", "--npi", NPI,
                            "--jurisdiction", "US-CA")  # fmt: skip
    provider = stack.client(stack.cli("keys", "create", "--org", provider_id, "--role", "provider"))
    plan = stack.client(stack.readme["PLAN_KEY"])  # the README's plan_admin: plan admins decide disputes
    today = today_utc()

    # A review today (notice waived), Outreach and Engagement's provider-level elements answered "no".
    network = ProviderIn.from_dict(
        {"npi": NPI, "name": "Sonoma ECM", "program": "ecm", "effective_from": "2025-01-01"}
    )
    ok(providers_add_to_network.sync_detailed(client=plan, body=network, idempotency_key=new_key()), 201)
    ok(members_upsert_batch.sync_detailed(client=plan, body=members(provider_id), idempotency_key=new_key()))
    body: dict[str, Any] = {
        "provider_id": provider_id,
        "tool_key": "ecm-partnership",
        "purpose": "monitoring",
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "scheduled_for": today.isoformat(),
        "notice_waived_reason": "on-site visit agreed with the provider",
    }
    review = ok(
        reviews_create.sync_detailed(
            client=plan, body=ReviewCreate.from_dict(body), idempotency_key=new_key()
        ),
        201,
    )
    ok(
        reviews_draw_sample.sync_detailed(
            review.id, client=plan, body=SampleDrawIn(seed="e2e-dispute"), idempotency_key=new_key()
        ),
        201,
    )
    records = ok(
        reviews_list_records.sync_detailed(
            review.id, client=plan, status=SampleRecordStatus.SAMPLED, limit=200
        )
    ).items
    tool = ok(tools_get_version.sync_detailed(review.tool_key, review.tool_version, client=plan))
    sections = {s["key"]: s["elements"] for s in tool.document["sections"]}
    oe_provider = [e["key"] for e in sections[OE] if e["level"] == "provider"]
    elements = [e for s in sections.values() for e in s]
    findings = [
        FindingIn(
            element_key=e["key"],
            answer=FindingInAnswer.NO if e["key"] in oe_provider else FindingInAnswer.YES,
        )
        for e in elements
        if e["level"] == "provider"
    ]
    findings += [
        FindingIn(
            element_key=e["key"],
            answer=FindingInAnswer.NO
            if i == 0 and e["key"] == "oe.member_visit_documentation"
            else FindingInAnswer.YES,
            record_id=r.id,
        )
        for i, r in enumerate(records)
        for e in elements
        if e["level"] == "record"
    ]
    ok(
        reviews_put_findings.sync_detailed(
            review.id,
            client=plan,
            body=findings,
            if_match=etag(reviews_get.sync_detailed(review.id, client=plan)),
        )
    )
    final = ok(
        reviews_finalize.sync_detailed(
            review.id, client=plan, if_match=etag(reviews_get.sync_detailed(review.id, client=plan))
        )
    )
    assert (final.review.outcome, final.scorecard.sections_requiring_action) == ("conditional_pass", [OE])
    assert final.action_plan_id is not None
    assert ok(providers_get_standing.sync_detailed(UUID(provider_id), client=provider)).status == "pip"

    # The provider disputes one of those findings, within the window.
    disputed = next(
        f
        for f in ok(reviews_get_findings.sync_detailed(review.id, client=provider)).items
        if f.element_key == oe_provider[0]
    )
    filed = ok(
        disputes_file.sync_detailed(
            client=provider,
            body=DisputeCreate(
                subject=DisputeSubject.FINDING,
                subject_id=disputed.id,
                reason="Our scripts were sent in March.",
            ),
            idempotency_key=new_key(),
        ),
        201,
    )
    closes = today + timedelta(days=WINDOW_DAYS)
    assert (filed.status, filed.received_on, filed.window_closes_on) == ("open", today, closes)

    # 22 days later the window has closed: a dispute of the review's result is refused.
    with stack.api_days_ahead(WINDOW_DAYS + 1) as later_base:
        late = disputes_file.sync_detailed(
            client=stack.client(provider.token, base_url=later_base),
            body=DisputeCreate(subject=DisputeSubject.REVIEW_RESULT, subject_id=review.id, reason="Too late"),
            idempotency_key=new_key(),
        )
        refused = problem(late, 422, "dispute-window-closed")
        assert refused.additional_properties["window_closed_on"] == closes.isoformat()

    # The plan overturns the finding, with the dispute's current ETag (a stale one is refused).
    read = disputes_get.sync_detailed(filed.id, client=plan)
    overturn = DisputeDecisionIn(
        decision=DisputeDecision.OVERTURNED,
        comment="Scripts found in the provider's desktop materials",
        amendments=[AmendmentIn(finding_id=disputed.id, answer=AmendmentInAnswer.YES)],
    )
    problem(
        disputes_decide.sync_detailed(filed.id, client=plan, body=overturn, if_match='"999"'),
        412,
        "precondition-failed",
    )
    decided = ok(disputes_decide.sync_detailed(filed.id, client=plan, body=overturn, if_match=etag(read)))
    changes = decided.changes.to_dict()
    assert (decided.status, changes["scorecard_version"], changes["outcome"]) == ("decided", 2, "pass")
    assert changes["action_plan"] == {
        "action_plan_id": str(final.action_plan_id),
        "from": "pip_open",
        "to": "closed",
    }

    # Version 2 is the review's scorecard now; version 1 stays readable as it was.
    card = ok(reviews_get_scorecard.sync_detailed(review.id, client=provider))
    assert (card.outcome, card.sections_requiring_action) == ("pass", [])
    versions = ok(reviews_list_scorecard_versions.sync_detailed(review.id, client=provider)).items
    assert [(v.version_number, v.reason, v.outcome) for v in versions] == [
        (1, "finalized", "conditional_pass"),
        (2, "dispute", "pass"),
    ]
    first = ok(reviews_get_scorecard_version.sync_detailed(review.id, 1, client=provider)).scorecard
    assert (first.outcome, first.sections_requiring_action) == ("conditional_pass", [OE])
    assert next(s.score for s in first.sections if s.key == OE) == 0.75
    problem(reviews_get_scorecard_version.sync_detailed(review.id, 3, client=provider), 404)
    standing = ok(providers_get_standing.sync_detailed(UUID(provider_id), client=provider))
    assert (standing.status, standing.open_action_plans) == ("good", 0)

    # Another provider (the README's) cannot see this review or its dispute.
    readme_provider = stack.client(stack.readme["PROVIDER_KEY"])
    problem(reviews_get.sync_detailed(review.id, client=readme_provider), 404, "not-found")
    problem(disputes_get.sync_detailed(filed.id, client=readme_provider), 404, "not-found")
    print(
        f"\ndispute journey: {stack.requests - sent} requests through the client in {time.monotonic() - started:.1f} s"
    )
