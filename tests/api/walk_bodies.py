"""Request bodies for write routes in the cross-tenant walk: ``WALK_BODIES[(method, path_template)]``.

A route with a path id and no entry fails the walk. Each helper appends its routes (append only).
"""

from __future__ import annotations

from typing import Any

WALK_BODIES: dict[tuple[str, str], Any] = {}

# Notices and webhook endpoints (worker).
WALK_BODIES[("GET", "/v1/notices/{notice_id}")] = None
WALK_BODIES[("POST", "/v1/notices/{notice_id}/read")] = None
WALK_BODIES[("POST", "/v1/notices/{notice_id}/redeliver")] = None
WALK_BODIES[("GET", "/v1/webhook-endpoints/{webhook_endpoint_id}")] = None
WALK_BODIES[("DELETE", "/v1/webhook-endpoints/{webhook_endpoint_id}")] = None
WALK_BODIES[("POST", "/v1/webhook-endpoints/{webhook_endpoint_id}/rotate-secret")] = None
