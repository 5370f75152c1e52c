"""Bodies for write routes in the cross-tenant walk, keyed by (method, path template). Append only.

A body must pass request validation so that the walk reaches the tenancy check (which must answer 404).
"""

from __future__ import annotations

from typing import Any

_NIL = "00000000-0000-4000-8000-000000000001"

WALK_BODIES: dict[tuple[str, str], Any] = {}

# Capacity Building (issue 7)
WALK_BODIES |= {
    ("POST", "/v1/capacity/programs/{program_id}/participants"): {"plan_id": _NIL},
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
}
