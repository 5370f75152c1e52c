"""The ECM path end to end through the generated client (issue 13), on real processes (``tests.e2e.stack``).

The README's bootstrap (CLI) made a CA plan, state and provider with their keys. Then, only through
``oversight_client``: the provider registers a webhook endpoint; the plan adds the provider to its ECM network
and sends 30 members; schedules a review (too soon first: 28 days' notice), draws 8 records, answers them (one
record fails), is refused a finalize until the expansion draw of 8 more, answers those, reads the scorecard
(checked by hand, seed 003), downloads it as XLSX (issue 16), finalizes: a conditional pass and a PIP due in 90
days. The provider submits its plan, the plan accepts it, and the standing goes from PIP back to good. The
real worker delivers the provider's notices to the sink, each verified with ``standardwebhooks``.
"""

from __future__ import annotations

import io
import json
import time
from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest
from openpyxl import load_workbook
from oversight_client import AuthenticatedClient
from oversight_client.api.action_plans import action_plans_decide, action_plans_get, action_plans_submit
from oversight_client.api.members import members_upsert_batch
from oversight_client.api.notices import notices_list
from oversight_client.api.providers import providers_add_to_network, providers_get_standing
from oversight_client.api.reports import reports_export_scorecard
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
from oversight_client.api.webhooks import webhook_endpoints_create
from oversight_client.models import (
    DecisionIn,
    FindingIn,
    MemberBatchIn,
    ProviderIn,
    ReviewCreate,
    SampleDrawIn,
    SampleRecordStatus,
    ScorecardFormat,
    SubmissionIn,
    WebhookEndpointIn,
)
from oversight_client.models.decision_in_decision import DecisionInDecision
from oversight_client.models.finding_in_answer import FindingInAnswer
from standardwebhooks.webhooks import Webhook

from oversight_domain.calendars import add_months
from tests.e2e.stack import Stack, etag, eventually, new_key, ok, problem, today_utc

pytestmark = pytest.mark.e2e

MEMBERS = 30
CARE_PLAN = "assessment_care_plan"  # Comprehensive Assessment and Care Management Plan
VALID_ROI = "cp.valid_roi"
PROVIDER_ANSWERS = {
    "qm.member_experience_surveys": FindingInAnswer.NA,
    "qm.peer_sharing_support": FindingInAnswer.NO,
}


def ecm_members(provider_id: str) -> MemberBatchIn:
    return MemberBatchIn.from_dict(
        {
            "members": [
                {
                    "member_number": f"91{i:06d}A",  # a Medi-Cal CIN: eight digits and a letter
                    "first_name": "Member",
                    "last_name": f"Number{i}",
                    "birth_date": f"1980-01-{i % 28 + 1:02d}",
                    "enrollments": [
                        {
                            "program": "ecm",
                            "provider_id": provider_id,
                            "status": "enrolled",
                            "start_date": "2025-01-01",
                        }
                    ],
                }
                for i in range(MEMBERS)
            ]
        }
    )


def sampled(api: AuthenticatedClient, review_id: UUID) -> list[Any]:
    page = ok(
        reviews_list_records.sync_detailed(
            review_id, client=api, status=SampleRecordStatus.SAMPLED, limit=200
        )
    )
    return list(page.items)


def review_etag(api: AuthenticatedClient, review_id: UUID) -> str:
    return etag(reviews_get.sync_detailed(review_id, client=api))


def test_the_ecm_path_through_the_generated_client(stack: Stack) -> None:
    started, sent = time.monotonic(), stack.requests
    ids = stack.readme
    plan, provider = stack.client(ids["PLAN_KEY"]), stack.client(ids["PROVIDER_KEY"])
    provider_id = UUID(ids["PROVIDER_ID"])
    today = today_utc()

    # The provider's platform registers where its notices go (the secret is shown once).
    hook = ok(
        webhook_endpoints_create.sync_detailed(
            client=provider, body=WebhookEndpointIn(url=stack.sink.url("/ecm")), idempotency_key=new_key()
        ),
        201,
    )
    assert hook.secret.startswith("whsec_")

    # The plan adds the provider to its ECM network and sends its 30 enrolled members (a retry replays).
    network = ProviderIn.from_dict(
        {"npi": "1987654328", "name": "Redwood ECM", "program": "ecm", "effective_from": "2025-01-01"}
    )
    added = ok(
        providers_add_to_network.sync_detailed(client=plan, body=network, idempotency_key=new_key()), 201
    )
    assert [(link.program, link.status) for link in added.network] == [("ecm", "active")]
    key = new_key()
    batch = ok(
        members_upsert_batch.sync_detailed(
            client=plan, body=ecm_members(ids["PROVIDER_ID"]), idempotency_key=key
        )
    )
    assert (batch.created, batch.updated) == (MEMBERS, 0)
    replay = members_upsert_batch.sync_detailed(
        client=plan, body=ecm_members(ids["PROVIDER_ID"]), idempotency_key=key
    )
    assert ok(replay).to_dict() == batch.to_dict()

    # Schedule: 20 days ahead is too soon (28 days' notice, seed 003); 35 days ahead is accepted.
    body: dict[str, Any] = {
        "provider_id": ids["PROVIDER_ID"],
        "tool_key": "ecm-partnership",
        "purpose": "monitoring",
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "scheduled_for": (today + timedelta(days=20)).isoformat(),
    }
    refused = problem(
        reviews_create.sync_detailed(
            client=plan, body=ReviewCreate.from_dict(body), idempotency_key=new_key()
        ),
        422,
        "notice-period",
    )
    assert refused.additional_properties["earliest_allowed"] >= (today + timedelta(days=28)).isoformat()
    scheduled = today + timedelta(days=35)
    body["scheduled_for"] = scheduled.isoformat()
    key = new_key()
    created = reviews_create.sync_detailed(
        client=plan, body=ReviewCreate.from_dict(body), idempotency_key=key
    )
    review = ok(created, 201)
    assert (review.status, review.technical_assistance, etag(created)) == ("scheduled", False, '"1"')
    again = reviews_create.sync_detailed(client=plan, body=ReviewCreate.from_dict(body), idempotency_key=key)
    assert ok(again, 201).id == review.id  # the same key replays the same review
    other = {**body, "period_start": "2025-02-01"}
    problem(
        reviews_create.sync_detailed(client=plan, body=ReviewCreate.from_dict(other), idempotency_key=key),
        422,
    )

    # Draw 1: 8 of the 30 (the next 8 held in reserve); drawing starts the review.
    draw1 = ok(reviews_draw_sample.sync_detailed(review.id, client=plan, body=SampleDrawIn(seed="e2e-ecm"),
                                                 idempotency_key=new_key()), 201)  # fmt: skip
    assert (draw1.draw_number, draw1.frame_size, draw1.sampled, draw1.reserve) == (1, MEMBERS, 8, 8)
    assert ok(reviews_get.sync_detailed(review.id, client=plan)).status == "in_progress"
    first = sampled(plan, review.id)
    assert len(first) == 8
    tool = ok(tools_get_version.sync_detailed(review.tool_key, review.tool_version, client=plan))
    elements = [e for s in tool.document["sections"] for e in s["elements"]]
    record_keys = [e["key"] for e in elements if e["level"] == "record"]
    care_plan = {e["key"] for s in tool.document["sections"] if s["key"] == CARE_PLAN for e in s["elements"]}

    # A record-level finding without its record is refused, naming the field.
    missing = problem(
        reviews_put_findings.sync_detailed(review.id, client=plan, if_match=review_etag(plan, review.id),
                                           body=[FindingIn(element_key=VALID_ROI, answer=FindingInAnswer.YES)]),
        422,
    )  # fmt: skip
    assert missing.errors and "record" in missing.errors[0].message

    # Findings for draw 1: record 1 fails the care plan section; five more miss a valid ROI.
    failing = first[0].id
    roi_missing = {r.id for r in first[1:6]}
    findings = [
        FindingIn(element_key=e["key"], answer=PROVIDER_ANSWERS.get(e["key"], FindingInAnswer.YES))
        for e in elements
        if e["level"] == "provider"
    ]
    findings += [
        FindingIn(element_key=k, record_id=r.id, answer=FindingInAnswer.NO
                  if (r.id == failing and k in care_plan) or (r.id in roi_missing and k == VALID_ROI)
                  else FindingInAnswer.YES)
        for r in first
        for k in record_keys
    ]  # fmt: skip
    read_tag = review_etag(plan, review.id)
    put = reviews_put_findings.sync_detailed(review.id, client=plan, body=findings, if_match=read_tag)
    ok(put)
    # The tag read before that write is stale now: 412, and the Problem says which version is current.
    stale = problem(
        reviews_put_findings.sync_detailed(review.id, client=plan, body=findings[:1], if_match=read_tag),
        412,
        "precondition-failed",
    )
    assert stale.additional_properties["current_etag"] == etag(put)
    card = ok(reviews_get_scorecard.sync_detailed(review.id, client=plan))
    assert card.expansion_required is True
    assert [r.record_id for r in card.records if r.failed] == [failing]
    problem(reviews_finalize.sync_detailed(review.id, client=plan, if_match=etag(put)), 422, "expansion-due")

    # Draw 2, the expansion: 8 more (seed 003: "another 8 records will be pulled"); four miss a valid ROI.
    draw2 = ok(reviews_draw_sample.sync_detailed(review.id, client=plan, body=SampleDrawIn(),
                                                 idempotency_key=new_key()), 201)  # fmt: skip
    assert (draw2.draw_number, draw2.sampled) == (2, 8)
    second = [r for r in sampled(plan, review.id) if r.draw_number == 2]
    assert len(second) == 8
    roi_missing = {r.id for r in second[:4]}
    findings = [
        FindingIn(element_key=k, record_id=r.id,
                  answer=FindingInAnswer.NO if r.id in roi_missing and k == VALID_ROI else FindingInAnswer.YES)
        for r in second
        for k in record_keys
    ]  # fmt: skip
    ok(
        reviews_put_findings.sync_detailed(
            review.id, client=plan, body=findings, if_match=review_etag(plan, review.id)
        )
    )

    # The scorecard, by hand (as tests/api/test_review_paths.py): 254 / 268 = 94.8%, but the care plan
    # section is at 51 / 64 = 79.7% (< 80%): a conditional pass with a PIP for that section.
    card = ok(reviews_get_scorecard.sync_detailed(review.id, client=plan))
    assert (card.total.yes_points, card.total.possible_points, card.total.score) == (254, 268, 0.9478)
    assert (card.outcome, card.sections_requiring_action, card.expansion_required) == (
        "conditional_pass",
        [CARE_PLAN],
        False,
    )
    assert card.unanswered == []

    final = ok(reviews_finalize.sync_detailed(review.id, client=plan, if_match=review_etag(plan, review.id)))
    next_due = add_months(scheduled, 24)  # ECM: every other year (seed 003)
    assert (final.review.status, final.review.outcome, final.review.next_review_due) == (
        "finalized",
        "conditional_pass",
        next_due,
    )
    assert final.scorecard.final is True and final.action_plan_id is not None

    # The scorecard as the plan's XLSX: a real workbook whose total row is the scorecard's.
    export = ok(reports_export_scorecard.sync_detailed(review.id, client=plan, format_=ScorecardFormat.XLSX))
    workbook = load_workbook(io.BytesIO(export.payload.read()))
    rows = [list(row) for row in workbook["Scorecard"].iter_rows(values_only=True)]
    total = next(row for row in rows if row and row[0] == "Total")
    assert total[:4] == ["Total", 254, 14, 1] and total[4] == pytest.approx(0.9478, abs=1e-4)

    # The PIP: 90 calendar days from today's finalization; the provider's standing shows it.
    pip = ok(action_plans_get.sync_detailed(final.action_plan_id, client=provider))
    assert (pip.kind, pip.status, pip.issued_on, pip.due_on) == (
        "pip",
        "pip_open",
        today,
        today + timedelta(days=90),
    )
    standing = ok(providers_get_standing.sync_detailed(provider_id, client=provider))
    assert (standing.status, standing.open_action_plans, standing.can_enroll_members) == ("pip", 1, True)

    # The provider submits its improvement plan; the plan accepts it; the provider is in good standing again.
    submitted = action_plans_submit.sync_detailed(
        pip.id, client=provider, body=SubmissionIn(response="Care plans re-audited; ROI forms renewed"),
        idempotency_key=new_key(),
    )  # fmt: skip
    assert (ok(submitted, 201).status, ok(submitted, 201).submitted_on) == ("pip_submitted", today)
    accept = DecisionIn(decision=DecisionInDecision.ACCEPT, comment="Compliant")
    problem(action_plans_decide.sync_detailed(pip.id, client=plan, body=accept, if_match=etag(put)), 412)
    decided = ok(
        action_plans_decide.sync_detailed(pip.id, client=plan, body=accept, if_match=etag(submitted))
    )
    assert (decided.status, decided.closed_on) == ("closed", today)
    assert [h["event"] for h in decided.history] == ["open_pip", "submit", "accept"]
    standing = ok(providers_get_standing.sync_detailed(provider_id, client=provider))
    assert standing.to_dict() == {
        "provider_id": str(provider_id),
        "status": "good",
        "can_enroll_members": True,
        "can_submit_authorizations": True,
        "open_action_plans": 0,
        "next_review_due": next_due.isoformat(),
    }

    # The real worker delivered the provider's notices to its endpoint, signed per Standard Webhooks.
    expected = {"review_scheduled", "review_result", "action_plan_opened", "action_plan_accepted"}

    seen: dict[str, str] = {}

    def delivered() -> bool:
        page = ok(notices_list.sync_detailed(client=provider, limit=100))
        statuses = {n.kind: n.delivery_status for n in page.items}
        seen.update(statuses)
        return expected <= set(statuses) and set(statuses.values()) == {"delivered"}

    try:
        eventually(delivered, "the provider's notices delivered")
    except TimeoutError:
        raise AssertionError(f"notices not all delivered: {seen}\n{stack.logs()}") from None
    verifier = Webhook(hook.secret)
    kinds = set()
    for received in stack.sink.for_path("/ecm"):
        payload = verifier.verify(received.body, received.headers)
        assert payload == json.loads(received.body)
        kinds.add(payload["type"])
    assert expected <= kinds, kinds
    print(
        f"\nECM journey: {stack.requests - sent} requests through the client in {time.monotonic() - started:.1f} s"
    )
