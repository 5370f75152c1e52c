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
}
