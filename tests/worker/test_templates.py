"""Every notice kind renders from ``notice.data`` alone, reads only its declared keys and never member data."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from oversight_db.notice_kinds import NOTICE_KINDS, PHI_KEYS, phi_keys_in
from oversight_db.outbox import add_notice
from oversight_worker.render import NoticeDataError, render_email

SAMPLE: dict[str, Any] = {
    "export_id": str(uuid.uuid4()),
    "export_kind": "findings",
    "expires_at": "2026-12-18T06:00:20+00:00",
    "schedule_id": str(uuid.uuid4()),
    "schedule_name": "Weekly findings",
    "format": "csv",
    "row_count": 1234,
    "review_id": str(uuid.uuid4()),
    "action_plan_id": str(uuid.uuid4()),
    "provider_id": str(uuid.uuid4()),
    "plan_id": str(uuid.uuid4()),
    "report_id": str(uuid.uuid4()),
    "organization_id": str(uuid.uuid4()),
    "scheduled_for": "2026-12-01",
    "plan_name": "Partners Health Management",
    "tool_title": "NC TCM Monitoring Tool",
    "tool_key": "nc-tcm",
    "tool_version": "2024.04",
    "purpose": "monitoring",
    "technical_assistance": False,
    "notified_on": "2026-11-03",
    "cancelled": True,
    "total_percent": "84.5",
    "sections_requiring_action": ["Care Management Comprehensive Assessment"],
    "next_review_due": "2027-12-01",
    "status": "open",
    "notice_stage": "pip",
    "period_start": "2026-06-01",
    "period_end": "2026-08-31",
    "review_type": "monitoring",
    "program": "tcm",
    "notice_days": 28,
    "access_needed": ["Platform logins for two monitoring staff"],
    "days_before": 7,
    "outcome": "conditional_pass",
    "sections": [{"title": "Care Management Comprehensive Assessment", "score_percent": 80.0}],
    "finalized_on": "2026-12-20",
    "stage": "cap",
    "issued_on": "2026-12-21",
    "due_on": "2027-01-20",
    "holds": ["new_enrollments", "authorizations"],
    "days_left": 7,
    "next_step": "termination_recommended",
    "recommended_on": "2027-01-21",
    "report_type": "quarterly_report",
    "period": "2026 Q4",
    "program_id": str(uuid.uuid4()),
    "participant_id": str(uuid.uuid4()),
    "reminder": "reminder_7",
    "dispute_id": str(uuid.uuid4()),
    "follow_up_review_id": str(uuid.uuid4()),
    "closed_by": "follow_up",
    "subject": "finding",
    "decision": "overturned",
    "received_on": "2027-01-02",
    "window_closes_on": "2027-01-23",
    "filed_on": "2027-01-20",
    "decision_due_on": "2027-02-19",
    "scorecard_version": 2,
    "obligation_id": str(uuid.uuid4()),
    "obligation_kind": "program_narrative",
    "title": "Program narrative description",
    "sequence": 1,
    "site_id": str(uuid.uuid4()),
    "late": False,
    "document_request_id": str(uuid.uuid4()),
    "document_kind": "care_plan",
    "document_title": "Care plan",
    "level": "record",
    "opened": {"engagement_gap": 2, "tar_late": 1},
    "closed": {"duplicated_service": 1},
    "run_at": "2027-01-05T06:00:00+00:00",
}
# What a careless writer might put next to the facts: templates must never look at it.
MEMBER_DATA = {"member_name": "Jane Q. Doe", "birth_date": "1970-01-01", "member_number": "900123456K"}


class Tracking(dict[str, Any]):
    """A dict that records which keys were read."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)


@pytest.mark.parametrize("kind", sorted(NOTICE_KINDS))
def test_each_kind_renders_from_its_declared_keys_only(kind: str) -> None:
    spec = NOTICE_KINDS[kind]
    data = Tracking({**{k: SAMPLE[k] for k in spec.keys}, **MEMBER_DATA})

    rendered = render_email(kind, uuid.uuid4(), data, "https://oversight.example")

    assert data.read <= spec.keys, f"{kind} reads undeclared keys {data.read - spec.keys}"
    assert not data.read & PHI_KEYS
    assert set(spec.required) <= data.read
    for text in (rendered.subject, rendered.text, rendered.html):
        assert text.strip()
        for value in MEMBER_DATA.values():
            assert value not in text
    assert "https://oversight.example/v1/notices/" in rendered.text + rendered.html
    assert "{{" not in rendered.text and "{%" not in rendered.html


def test_kind_specific_facts_reach_the_reader() -> None:
    result = render_email("review_result", "n1", SAMPLE, "https://o.example")
    assert "Conditional Pass" in result.subject and "84.5%" in result.text
    assert "Care Management Comprehensive Assessment: 80.0%" in result.text
    opened = render_email("action_plan_opened", "n2", SAMPLE, "https://o.example")
    assert opened.subject == "Corrective Action Plan (CAP) opened, due January 20, 2027"
    assert "new enrollments, authorizations are on hold" in opened.text
    scheduled = render_email("review_scheduled", "n3", SAMPLE, "https://o.example")
    assert "Scheduled by: Partners Health Management" in scheduled.text
    assert "Platform logins for two monitoring staff" in scheduled.text
    assert "Sections requiring action: Care Management Comprehensive Assessment" in result.text


def test_html_escapes_facts_and_missing_required_keys_refuse_to_render() -> None:
    data = {**SAMPLE, "sections": [{"title": "<script>x</script>", "score_percent": 1}]}
    html = render_email("review_result", "n", data, "https://o.example").html
    assert "<script>" not in html and "&lt;script&gt;" in html
    with pytest.raises(NoticeDataError, match="due_on"):
        render_email(
            "action_plan_opened", "n", {"action_plan_id": "a", "plan_type": "pip"}, "https://o.example"
        )


async def test_add_notice_refuses_member_data() -> None:
    assert phi_keys_in({"sections": [{"member_number": "1"}]}) == {"member_number"}
    with pytest.raises(ValueError, match="member data"):
        await add_notice(
            None,  # type: ignore[arg-type]  # refused before any database work
            kind="review_result",
            recipient_organization_id=uuid.uuid4(),
            subject_type="review",
            subject_id=uuid.uuid4(),
            data={"review_id": "r", "outcome": "pass", "birth_date": "1970-01-01"},
        )
