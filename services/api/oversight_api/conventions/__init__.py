"""Shared API conventions used by every router: pagination, ETags/If-Match, idempotency, audit."""
