"""Scorecard exports of a real finalized ECM review (seed 003's ECM Review Tool / Audit Scorecard layout):
the XLSX opened with openpyxl, the PDF read back with pypdf, the findings CSV; member identity only for
callers who may read member data, every export audited."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models import AuditEvent
from tests.api.reports_world import ECM, LATER_ENROLLMENT, FinalizedReview, finalized_ecm_review
from tests.api.reviews_world import Clock
from tests.conftest import MakeKey, MakeOrg


@pytest.fixture
async def finalized(
    rclient: httpx.AsyncClient, session: AsyncSession, clock: Clock, make_org: MakeOrg, auth_headers: MakeKey
) -> FinalizedReview:
    plan = await make_org("plan", jurisdiction="US-CA", name="Partnership HealthPlan")
    provider = await make_org("provider", jurisdiction="US-CA", name="Redwood ECM", npi="1987654328")
    reviewer = await auth_headers(plan, "reviewer")
    return await finalized_ecm_review(rclient, session, clock, plan, provider, reviewer)


def _rows(ws: Any) -> list[list[Any]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def _pairs(rows: list[list[Any]]) -> dict[str, Any]:
    return {r[0]: r[1] for r in rows if r and isinstance(r[0], str) and len(r) > 1}


HEADER_FIELDS = {
    "partnership_no": "PHC-004512",
    "phone": "(707) 555-0100",
    "fax": "(707) 555-0101 x2",
    "contact_name": "Dana Reyes",
    "contact_title": "ECM Program Manager",
}


async def _provider_sets_header_fields(
    rclient: httpx.AsyncClient, finalized: FinalizedReview, auth_headers: MakeKey
) -> None:
    """The provider fills in its own scorecard header fields (PATCH /v1/organizations/{id})."""
    own = await auth_headers(finalized.provider, "provider")
    path = f"/v1/organizations/{finalized.provider.id}"
    etag = (await rclient.get(path, headers=own)).headers["etag"]
    r = await rclient.patch(path, json=HEADER_FIELDS, headers={**own, "If-Match": etag})
    assert r.status_code == 200, r.text
    assert {k: r.json()[k] for k in HEADER_FIELDS} == HEADER_FIELDS


async def test_xlsx_has_the_seed_layout_and_the_scorecards_numbers(
    rclient: httpx.AsyncClient, finalized: FinalizedReview, clock: Clock, auth_headers: MakeKey
) -> None:
    blank = await rclient.get(
        f"/v1/reviews/{finalized.review_id}/scorecard/export",
        params={"format": "xlsx"},
        headers=finalized.reviewer,
    )
    header = _pairs(_rows(load_workbook(io.BytesIO(blank.content))["Scorecard"]))
    for unset in ("Partnership No", "Phone", "Fax", "Contact person/title"):  # the provider has not set them
        assert header[unset] in (None, "")
    await _provider_sets_header_fields(rclient, finalized, auth_headers)
    r = await rclient.get(
        f"/v1/reviews/{finalized.review_id}/scorecard/export",
        params={"format": "xlsx"},
        headers=finalized.reviewer,
    )
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert f"scorecard-{finalized.review_id}.xlsx" in r.headers["content-disposition"]
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["Scorecard", "Records Reference", "Findings"]

    card = _rows(wb["Scorecard"])
    header = _pairs(card)
    assert header["Provider Name"] == "Redwood ECM"
    assert header["Site NPI"] == "1987654328"
    assert header["Address"] == "1 Redwood Way, CA" and header["City and Zip Code"] == "Santa Rosa 95401"
    assert header["Email"] == "ecm-lead@redwood.example"
    assert header["Number of Records Reviewed"] == 16  # a number, not text
    assert header["Review Date"].date() == clock.today  # the review's scheduled date (it ran that day)
    assert header["Partnership No"] == "PHC-004512"
    assert header["Phone"] == "(707) 555-0100" and header["Fax"] == "(707) 555-0101 x2"
    assert header["Contact person/title"] == "Dana Reyes / ECM Program Manager"
    assert header["Monitoring"] == "X" and header["Initial Audit"] in (None, "")
    assert header["Adults - At Risk for Avoidable Hospital or ED Utilization"] == "X"
    assert header["Adults - SMH and/or SUD"] == "X"
    assert header["Children and Youth - Enrolled in CCS"] in (None, "")

    # ECM Record Scores: every section's Yes, No, N/A and score equal the scorecard's (numbers, as %).
    ws = wb["Scorecard"]
    start = next(i for i, row in enumerate(card) if row[0] == "ECM Record Scores")
    assert card[start][:5] == ["ECM Record Scores", "Yes", "No", "N/A", "Section Score %"]
    for offset, section in enumerate(finalized.scorecard["sections"], start=1):
        row = card[start + offset]
        assert row[:4] == [section["title"], section["yes_points"], section["no_points"], section["na_count"]]
        assert row[4] == pytest.approx(section["score"], abs=1e-4)
        assert ws.cell(start + offset + 1, 5).number_format == "0.0%"
    n = len(finalized.scorecard["sections"])
    assert len(ECM.sections) == n == 8
    assert card[start + n + 1][1:4] == ["Yes Points", "No Points", "N/A"]
    total = card[start + n + 2]
    assert total[:4] == ["Total", 254, 14, 1] and total[4] == pytest.approx(0.9478, abs=1e-4)
    assert header["Outcome"] == "Conditional Pass"
    assert header["Sections requiring action"] == "Comprehensive Assessment and Care Management Plan"
    assert "another 8 records will be pulled for a total of 16 records" in header["Scoring Procedure"]
    assert (
        "Pass: 90% or above" in header["Compliance Rate"]
        and "PIP: 79% and Below" in header["Compliance Rate"]
    )
    assert header["Next Review Due"].date().isoformat() == "2028-04-01"

    # ECM Records Reference: 16 records with CIN, age, gender, plan code and the more recent enrollment date.
    records = _rows(wb["Records Reference"])
    assert records[0][:6] == [
        "ECM Record", "CIN", "Age (Year/Month)", "Gender", "Member's Health Plan Code",
        "Member's Enrollment Date or Effective Date Assigned to Member*",
    ]  # fmt: skip
    body = [row for row in records[1:] if isinstance(row[0], int)]
    assert [row[0] for row in body] == list(range(1, 17))
    assert [row[1] for row in body] == finalized.member_numbers
    assert all(row[3] in ("F", "M") and str(row[4]).startswith("PC") for row in body)
    assert {row[5].date() for row in body if row[3] == "F"} == {LATER_ENROLLMENT}
    assert all(str(row[2]).count("/") == 1 for row in body)
    assert records[-1][0].startswith("*More recent date")

    # Findings with comments and correction dates.
    findings = _rows(wb["Findings"])
    assert findings[0][:12] == [
        "Section", "Element", "Element key", "Level", "ECM Record", "Answer", "Points given", "Points possible",
        "Comment", "Correction required", "Date of correction", "Evidence cited",
    ]  # fmt: skip
    peer = next(row for row in findings if row[2] == "qm.peer_sharing_support")
    assert peer[5:10] == ["No", 0, 1, "Peer sharing not held", "Yes"]
    assert peer[10].date().isoformat() == finalized.corrected_on
    assert sum(1 for row in findings[1:] if row[5] == "No") == 14


async def test_pdf_text_has_header_sections_and_totals(
    rclient: httpx.AsyncClient, finalized: FinalizedReview, auth_headers: MakeKey
) -> None:
    await _provider_sets_header_fields(rclient, finalized, auth_headers)
    r = await rclient.get(
        f"/v1/reviews/{finalized.review_id}/scorecard/export",
        params={"format": "pdf"},
        headers=finalized.reviewer,
    )
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/pdf"
    if path := os.environ.get("OVERSIGHT_REPORT_PDF_OUT"):  # to look at the PDF (pdftoppm -png)
        await asyncio.to_thread(Path(path).write_bytes, r.content)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(r.content)).pages)
    for label in ("Provider Name:", "Review Date:", "Partnership No:", "Site NPI:", "Address:",
                  "Reviewer name/title:", "Phone:", "Fax:", "Email:", "Number of Records Reviewed:",
                  "Visit Purpose", "Populations of Focus", "ECM Record Scores", "Section Score %",
                  "Yes Points", "No Points", "Scoring Procedure", "Compliance Rate", "Next Review Due",
                  "ECM Records Reference", "Age (Year/Month)"):  # fmt: skip
        assert label in text, label
    assert "Redwood ECM" in text and "1987654328" in text and "2028-04-01" in text
    for value in ("PHC-004512", "(707) 555-0100", "(707) 555-0101 x2", "Dana Reyes / ECM Program Manager"):
        assert value in text, value
    assert "[X] Monitoring" in text and "[ ] Initial Audit" in text
    for section in finalized.scorecard["sections"]:
        assert section["title"] in text
    # Comprehensive Assessment: 51 yes, 13 no, 0 N/A, 79.7%; the total 254 / 14 / 1, 94.8%.
    assert "51 13 0 79.7%" in text.replace("\n", " ")
    assert "Total 254 14 1 94.8%" in text.replace("\n", " ")
    assert "Conditional Pass" in text
    assert finalized.member_numbers[0] in text


async def test_viewer_export_withholds_member_identity_and_every_export_is_audited(
    rclient: httpx.AsyncClient, finalized: FinalizedReview, auth_headers: MakeKey, session: AsyncSession
) -> None:
    viewer = await auth_headers(finalized.plan, "viewer")
    provider = await auth_headers(finalized.provider, "provider")
    before = await _audits(session, finalized.review_id)
    for who in (viewer, provider):
        for fmt in ("xlsx", "pdf"):
            r = await rclient.get(
                f"/v1/reviews/{finalized.review_id}/scorecard/export", params={"format": fmt}, headers=who
            )
            assert r.status_code == 200, r.text
            if fmt == "xlsx":
                wb = load_workbook(io.BytesIO(r.content))
                cells = {str(c) for ws in wb for row in ws.iter_rows(values_only=True) for c in row}
                assert "CIN" not in cells and not cells & set(finalized.member_numbers)
                assert any(c.startswith("Member identity withheld") for c in cells)
            else:
                text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
                assert not any(number in text for number in finalized.member_numbers)
    after = await _audits(session, finalized.review_id)
    exported = [e for e in after[len(before) :] if e.action == "report.scorecard_exported"]
    assert len(exported) == 4 and all(e.changes["phi"] is False for e in exported)
    assert not [e for e in after[len(before) :] if e.action == "review.records_read"]

    # The reviewer's export carries identity: a member-data read, audited as one.
    r = await rclient.get(f"/v1/reviews/{finalized.review_id}/scorecard/export", headers=finalized.reviewer)
    assert r.status_code == 200
    latest = (await _audits(session, finalized.review_id))[len(after) :]
    assert {e.action for e in latest} == {"report.scorecard_exported", "review.records_read"}
    assert all(e.changes["phi"] is True for e in latest)
    assert all(number not in str(e.changes) for e in latest for number in finalized.member_numbers)


async def test_findings_csv_and_refusals(
    rclient: httpx.AsyncClient, finalized: FinalizedReview, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    r = await rclient.get(f"/v1/reviews/{finalized.review_id}/findings/export", headers=finalized.reviewer)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 16 * len(ECM.record_elements) + len(ECM.provider_elements)
    peer = next(row for row in rows if row["Element key"] == "qm.peer_sharing_support")
    assert (peer["Answer"], peer["Comment"], peer["Date of correction"]) == (
        "No", "Peer sharing not held", finalized.corrected_on,
    )  # fmt: skip
    assert sum(int(row["Points given"]) for row in rows) == 254
    assert sum(int(row["Points possible"]) for row in rows) == 268

    other = await auth_headers(await make_org("plan", jurisdiction="US-CA"), "plan_admin")
    for url in (
        f"/v1/reviews/{finalized.review_id}/scorecard/export",
        f"/v1/reviews/{uuid.uuid4()}/findings/export",
    ):
        r = await rclient.get(url, headers=other)
        assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    r = await rclient.get(
        f"/v1/reviews/{finalized.review_id}/scorecard/export",
        params={"format": "docx"},
        headers=finalized.reviewer,
    )
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"


async def _audits(session: AsyncSession, review_id: str) -> list[AuditEvent]:
    rows = await session.scalars(
        select(AuditEvent).where(AuditEvent.entity_id == review_id).order_by(AuditEvent.seq)
    )
    return list(rows)


async def test_xlsx_drops_control_characters_that_spreadsheets_cannot_hold(
    rclient: httpx.AsyncClient, finalized: FinalizedReview, session: AsyncSession
) -> None:
    """The conformance run found it: a control character in free text made the XLSX export a 500."""
    finalized.provider.name = "Redwood\x01 ECM"
    await session.flush()
    r = await rclient.get(
        f"/v1/reviews/{finalized.review_id}/scorecard/export",
        params={"format": "xlsx"},
        headers=finalized.reviewer,
    )
    assert r.status_code == 200, r.text
    header = _pairs(_rows(load_workbook(io.BytesIO(r.content))["Scorecard"]))
    assert header["Provider Name"] == "Redwood ECM"
