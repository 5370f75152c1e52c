"""The NC TCM path end to end through the generated client (issue 13), on real processes (``tests.e2e.stack``).

An NC plan and an AMH+ provider are made with the README's CLI commands (``oversight orgs create``, ``oversight
keys create``). Then, only through ``oversight_client``: the plan adds the provider to its TCM network, sends 46
members and their paid TCM claims across four population segments, schedules the provider's first review with
the tool (technical assistance, seed 000), draws 10 per segment capped at 30, answers every element "no",
finalizes: a PIP-level score, and no action plan, because a technical-assistance review opens none. Another
plan cannot see the review (404); the provider's next review is not technical assistance any more.
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from typing import Any
from uuid import UUID

import pytest
from oversight_client.api.action_plans import action_plans_list
from oversight_client.api.members import claims_upsert_batch, members_upsert_batch
from oversight_client.api.providers import providers_add_to_network, providers_get_standing
from oversight_client.api.reviews import (
    reviews_create,
    reviews_draw_sample,
    reviews_finalize,
    reviews_get,
    reviews_get_scorecard,
    reviews_list_records,
    reviews_put_findings,
)
from oversight_client.api.tools import tools_get_version
from oversight_client.models import (
    ClaimBatchIn,
    FindingIn,
    MemberBatchIn,
    ProviderIn,
    ReviewCreate,
    SampleDrawIn,
    SampleRecordStatus,
)
from oversight_client.models.finding_in_answer import FindingInAnswer

from tests.e2e.stack import Stack, etag, new_key, ok, problem, today_utc

pytestmark = pytest.mark.e2e

NPI = "1234567893"  # a valid Luhn check digit
SEGMENTS = {"A": 15, "B": 12, "C": 5, "D": 14}


def members_and_claims(provider_id: str) -> tuple[MemberBatchIn, ClaimBatchIn]:
    """One member per paid T1017 claim at the provider in 2025, by population segment (seed 000's frame)."""
    members: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    for segment, n in SEGMENTS.items():
        for i in range(n):
            number = f"9{len(members):08d}K"  # an NC Medicaid ID: nine digits and a letter
            members.append({"member_number": number, "first_name": "Member", "last_name": f"{segment}{i}",
                            "birth_date": (date(1970, 1, 1) + timedelta(days=len(members))).isoformat()})  # fmt: skip
            claims.append(
                {
                    "claim_number": f"TCM-{number}",
                    "member_number": number,
                    "provider_id": provider_id,
                    "date_of_service": (date(2025, 6, 1) + timedelta(days=i)).isoformat(),
                    "paid_date": "2025-08-01",
                    "population_segment": segment,
                    "procedure_code": "T1017",
                }
            )
    return MemberBatchIn.from_dict({"members": members}), ClaimBatchIn.from_dict({"claims": claims})


def test_the_nc_tcm_path_through_the_generated_client(stack: Stack) -> None:
    started, sent = time.monotonic(), stack.requests
    # The README's bootstrap commands, for NC.
    plan_id = stack.cli("orgs", "create", "--kind", "plan", "--name", "Trillium Health Resources",
                        "--jurisdiction", "US-NC")  # fmt: skip
    provider_id = stack.cli("orgs", "create", "--kind", "provider", "--name", "Piedmont AMH+", "--npi", NPI,
                            "--jurisdiction", "US-NC")  # fmt: skip
    plan = stack.client(stack.cli("keys", "create", "--org", plan_id, "--role", "plan_admin"))
    provider = stack.client(stack.cli("keys", "create", "--org", provider_id, "--role", "provider"))
    today = today_utc()

    network = ProviderIn.from_dict(
        {"npi": NPI, "name": "Piedmont AMH+", "program": "tcm", "effective_from": "2025-01-01"}
    )
    ok(providers_add_to_network.sync_detailed(client=plan, body=network, idempotency_key=new_key()), 201)
    members, claims = members_and_claims(provider_id)
    assert (
        ok(members_upsert_batch.sync_detailed(client=plan, body=members, idempotency_key=new_key())).created
        == 46
    )
    loaded = ok(claims_upsert_batch.sync_detailed(client=plan, body=claims, idempotency_key=new_key()))
    assert loaded.to_dict()["created"] == 46

    # The provider's first review with the NC tool is technical assistance (seed 000), 28 days' notice.
    body = {
        "provider_id": provider_id,
        "tool_key": "nc-tcm-monitoring",
        "purpose": "initial",
        "period_start": "2025-04-01",
        "period_end": "2025-09-30",
        "scheduled_for": (today + timedelta(days=35)).isoformat(),
    }
    review = ok(
        reviews_create.sync_detailed(
            client=plan, body=ReviewCreate.from_dict(body), idempotency_key=new_key()
        ),
        201,
    )
    assert (review.status, review.technical_assistance) == ("scheduled", True)

    # 10 per population segment, capped at 30: A=15, B=12, C=5, D=14 want 35 -> A=9, B=8, C=5, D=8.
    draw = ok(reviews_draw_sample.sync_detailed(review.id, client=plan, body=SampleDrawIn(seed="e2e-tcm"),
                                                idempotency_key=new_key()), 201)  # fmt: skip
    assert draw.strata_sizes.to_dict() == SEGMENTS
    assert draw.quotas.to_dict() == {"A": 9, "B": 8, "C": 5, "D": 8}
    assert (draw.frame_size, draw.sampled) == (46, 30)
    records = ok(
        reviews_list_records.sync_detailed(
            review.id, client=plan, status=SampleRecordStatus.SAMPLED, limit=200
        )
    ).items
    assert len(records) == 30

    # Every element answered "no".
    tool = ok(tools_get_version.sync_detailed(review.tool_key, review.tool_version, client=plan))
    elements = [e for s in tool.document["sections"] for e in s["elements"]]
    findings = [
        FindingIn(element_key=e["key"], answer=FindingInAnswer.NO)
        for e in elements
        if e["level"] == "provider"
    ]
    findings += [
        FindingIn(element_key=e["key"], answer=FindingInAnswer.NO, record_id=r.id)
        for r in records
        for e in elements
        if e["level"] == "record"
    ]
    put = reviews_put_findings.sync_detailed(
        review.id,
        client=plan,
        body=findings,
        if_match=etag(reviews_get.sync_detailed(review.id, client=plan)),
    )
    ok(put)
    card = ok(reviews_get_scorecard.sync_detailed(review.id, client=plan))
    assert (card.outcome, card.total.score, card.expansion_required) == (
        "pip",
        0.0,
        False,
    )  # no expansion in NC

    # Another plan's key: the review does not exist for it.
    other_plan = stack.client(stack.readme["PLAN_KEY"])
    problem(reviews_get.sync_detailed(review.id, client=other_plan), 404, "not-found")

    # Finalized: technical assistance opens no corrective action; the provider stays in good standing.
    final = ok(reviews_finalize.sync_detailed(review.id, client=plan, if_match=etag(put)))
    assert (final.review.status, final.review.outcome, final.action_plan_id) == ("finalized", "pip", None)
    assert ok(action_plans_list.sync_detailed(client=plan, provider_id=UUID(provider_id))).items == []
    standing = ok(providers_get_standing.sync_detailed(UUID(provider_id), client=provider))
    assert (standing.status, standing.open_action_plans, standing.can_enroll_members) == ("good", 0, True)

    # The provider's next review with the tool is a monitoring one, no longer technical assistance.
    body |= {"purpose": "monitoring", "scheduled_for": (today + timedelta(days=60)).isoformat()}
    later = ok(
        reviews_create.sync_detailed(
            client=plan, body=ReviewCreate.from_dict(body), idempotency_key=new_key()
        ),
        201,
    )
    assert later.technical_assistance is False
    print(
        f"\nNC TCM journey: {stack.requests - sent} requests through the client in {time.monotonic() - started:.1f} s"
    )
