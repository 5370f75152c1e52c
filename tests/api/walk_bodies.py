"""Request bodies for write routes in the cross-tenant walk, keyed by (method, path template).

Every POST/PUT/PATCH route with a path parameter needs an entry: a body that would succeed for tenant A,
so that an outsider's 404 comes from tenancy and not from validation. Append only.
"""

from __future__ import annotations

from typing import Any

WALK_BODIES: dict[tuple[str, str], Any] = {
    # --- platform (issue 4) ---
    ("PATCH", "/v1/organizations/{organization_id}"): {"name": "Renamed by an outsider"},
    ("POST", "/v1/providers/{provider_id}/sites"): {"name": "Outsider site"},
    ("PATCH", "/v1/network-links/{network_link_id}"): {"status": "terminated"},
    # --- provider sites (issue 12) ---
    ("PATCH", "/v1/providers/{provider_id}/sites/{site_id}"): {"city": "Outsider city"},
    # --- Capacity Building (issue 7) ---
    ("POST", "/v1/capacity/programs/{program_id}/participants"): {
        "plan_id": "00000000-0000-4000-8000-000000000001"
    },
    ("POST", "/v1/capacity/participants/{participant_id}/distribution-plan/versions"): {
        "budgets": [{"milestone": 1, "amount": "1.00"}],
        "targets": [],
        "allocations": [],
    },
    ("POST", "/v1/capacity/participants/{participant_id}/distribution-plan/decision"): {
        "decision": "approve"
    },
    ("POST", "/v1/capacity/reports/{report_id}/submission"): {
        "progress": [{"milestone": 4, "quantity": "1"}]
    },
    ("POST", "/v1/capacity/reports/{report_id}/decision"): {"decision": "accept"},
    # --- reviews (issue 5) ---
    ("PATCH", "/v1/reviews/{review_id}"): {"status": "in_progress"},
    ("POST", "/v1/reviews/{review_id}/samples"): {},
    ("POST", "/v1/reviews/{review_id}/records/{record_id}/exclude"): {"reason": "outsider"},
    ("PUT", "/v1/reviews/{review_id}/findings"): [
        {"element_key": "tcm.patient_data_stored", "answer": "yes"}
    ],
    ("POST", "/v1/reviews/{review_id}/finalize"): None,
    ("POST", "/v1/action-plans/{action_plan_id}/submissions"): {"response": "outsider"},
    ("POST", "/v1/action-plans/{action_plan_id}/decision"): {"decision": "accept", "comment": "outsider"},
    # --- provider obligations (issue 14) ---
    ("POST", "/v1/obligations/{obligation_id}/submissions"): {"summary": "outsider", "content": "outsider"},
    ("POST", "/v1/obligations/{obligation_id}/decision"): {"decision": "accept", "comment": "outsider"},
}

# --- notices and webhook endpoints (issue 6) ---
WALK_BODIES |= {
    ("POST", "/v1/notices/{notice_id}/read"): None,
    ("POST", "/v1/notices/{notice_id}/redeliver"): None,
    ("POST", "/v1/webhook-endpoints/{webhook_endpoint_id}/rotate-secret"): None,
}

# --- follow-ups and disputes (issue 14) ---
WALK_BODIES |= {
    ("POST", "/v1/disputes/{dispute_id}/evidence"): {"text": "outsider"},
    ("POST", "/v1/disputes/{dispute_id}/decision"): {"decision": "upheld", "comment": "outsider"},
}

# --- evidence documents (issue 15) ---
WALK_BODIES |= {
    ("POST", "/v1/reviews/{review_id}/document-requests"): {"kind": "policy"},
    ("POST", "/v1/document-requests/{document_request_id}/cancel"): None,
    ("POST", "/v1/document-requests/{document_request_id}/uploads"): {
        "file_name": "outsider.pdf",
        "size": 10,
        "content_type": "application/pdf",
        "sha256": "0" * 64,
    },
    ("POST", "/v1/documents/{document_id}/complete"): None,
    ("POST", "/v1/imports/{import_id}/complete"): None,
    ("POST", "/v1/documents/{document_id}/download"): None,
    ("PUT", "/v1/reviews/{review_id}/legal-hold"): {"reason": "outsider hold"},
    ("POST", "/v1/disputes/{dispute_id}/documents"): {
        "file_name": "outsider.pdf",
        "size": 10,
        "content_type": "application/pdf",
        "sha256": "0" * 64,
    },
}

# --- reports (issue 16) ---
WALK_BODIES |= {
    ("POST", "/v1/reports/exports/{export_id}/download"): None,
    ("PATCH", "/v1/reports/schedules/{schedule_id}"): {"enabled": False},
}

# --- business calendars (issue 17) ---
WALK_BODIES |= {
    ("POST", "/v1/organizations/{organization_id}/calendar/days"): {
        "day": "2026-07-13",
        "closed": True,
        "reason": "outsider",
    },
}

# --- suggested findings (issue 17) ---
WALK_BODIES |= {
    ("POST", "/v1/reviews/{review_id}/suggestions/{suggestion_id}/accept"): None,
    ("POST", "/v1/reviews/{review_id}/suggestions/{suggestion_id}/override"): {
        "answer": "yes",
        "comment": "outsider",
    },
}
