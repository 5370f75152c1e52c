"""The OpenAPI document is the partner contract: every status an operation can answer, as a ``Problem``.

Partners generate clients from ``/openapi.json``; a client parses only what the document declares. FastAPI's
own document declares a 422 ``HTTPValidationError`` (``application/json``, ``detail`` a list) that this API
never sends, and nothing else that can go wrong. :func:`install` replaces ``app.openapi`` (FastAPI's
documented "Extending OpenAPI") with :func:`contract`: FastAPI's document, then, per operation, the error
statuses derived from what the route has —

- a caller (``security``): 401, 429, and 403 when a permission is required;
- a path id: 404 (another organization's object is a 404 too);
- parameters or a body: 422; a body: 413 and 415;
- ``If-Match``: 412 and 428, and the header is declared required (a missing one is answered 428, not 422,
  so the route keeps it optional);
- ``Idempotency-Key``: 409 (still in progress) and 422 (reused with another body);
- a write: 409 (the resource's state does not allow it);

plus :data:`EXTRA_STATUSES`. Each is a ``$ref`` to one response in ``components/responses`` carrying the
``Problem`` schema as ``application/problem+json``. Success responses declare the ``ETag`` and ``Location``
headers the route sends (:data:`SENDS_ETAG`, :data:`SENDS_LOCATION`; a test keeps them equal to the
routers' ``respond()`` calls).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute, iter_route_contexts

from oversight_api.problems import PROBLEM_CONTENT_TYPE, Problem

SCHEMA_REF = "#/components/schemas/"
WRITE_METHODS = ("post", "put", "patch", "delete")

# Component response per status: (name, description).
ERROR_RESPONSES: dict[int, tuple[str, str]] = {
    401: ("Unauthenticated", "No valid API key or access token (`WWW-Authenticate: Bearer`)"),
    403: ("Forbidden", "The caller's role may not do this"),
    404: ("NotFound", "No such resource, or another organization's"),
    409: (
        "Conflict",
        "The resource's state does not allow this, or a request with the same Idempotency-Key is in progress",
    ),
    412: (
        "PreconditionFailed",
        "If-Match names a version that is no longer current (`current_etag` says which is)",
    ),
    413: ("PayloadTooLarge", "The request body is larger than the server accepts"),
    415: ("UnsupportedMediaType", "The body's Content-Type is not one this operation reads"),
    422: (
        "ValidationFailed",
        "Invalid input (including a body that is not valid JSON, or an Idempotency-Key reused with another "
        "body): `errors[]` names each field by path, never its value",
    ),
    428: ("PreconditionRequired", "This write needs If-Match with the ETag you last read"),
    429: ("TooManyRequests", "Over the rate limit: wait `Retry-After` seconds (also `retry_after`)"),
    503: ("Unavailable", "A dependency is down (`checks` says which): ask again after `Retry-After` seconds"),
}

# Statuses a service raises that the route's shape does not show.
EXTRA_STATUSES: dict[str, set[int]] = {
    "health_readiness": {503},
    # The tool document is read raw: YAML or JSON by Content-Type, anything else 415.
    "tools_import": {415},
    # The presigned local-disk URLs carry no path id: a wrong or expired signature names no document (404).
    "documents_local_upload": {404, 413},
    "imports_local_upload": {404, 413},
    "documents_local_download": {404},
    "reports_exports_local_download": {404},
    # The caller's own plan's dashboard, and the state comparison: an organization of the wrong kind has none.
    "reports_plan_dashboard": {404},
    "reports_plan_dashboard_csv": {404},
    "reports_state_dashboard": {404},
    "reports_state_dashboard_csv": {404},
}

SENDS_ETAG = frozenset(
    {
        "action_plans_decide",
        "action_plans_get",
        "action_plans_record",
        "action_plans_submit",
        "capacity_plans_decide",
        "capacity_plans_get",
        "capacity_plans_submit",
        "capacity_reports_decide",
        "calendars_change_day",
        "calendars_get",
        "capacity_reports_get",
        "capacity_reports_submit",
        "disputes_add_evidence",
        "disputes_decide",
        "disputes_file",
        "disputes_get",
        "documents_cancel_request",
        "documents_create_request",
        "documents_get_request",
        "members_get",
        "network_links_get",
        "network_links_update",
        "obligations_decide",
        "obligations_get",
        "obligations_submit",
        "organizations_create",
        "organizations_get",
        "organizations_update",
        "providers_add_site",
        "providers_add_to_network",
        "providers_get",
        "providers_get_site",
        "providers_update_site",
        "reports_schedules_create",
        "reports_schedules_get",
        "reports_schedules_update",
        "reviews_accept_suggestion",
        "reviews_create",
        "reviews_draw_sample",
        "reviews_exclude_record",
        "reviews_finalize",
        "reviews_get",
        "reviews_get_findings",
        "reviews_override_suggestion",
        "reviews_put_findings",
        "reviews_update",
    }
)
SENDS_LOCATION = frozenset(
    {
        "action_plans_record",
        "capacity_participants_create",
        "capacity_plans_submit",
        "capacity_programs_create",
        "disputes_attach_document",
        "disputes_file",
        "documents_create_request",
        "documents_request_upload",
        "imports_create",
        "imports_request_upload",
        "organizations_create",
        "providers_add_site",
        "providers_add_to_network",
        "reports_exports_create",
        "reports_schedules_create",
        "reviews_create",
        "reviews_draw_sample",
        "tools_import",
        "webhook_endpoints_create",
    }
)

HEADERS: dict[str, dict[str, Any]] = {
    "ETag": {
        "description": "The resource's version: send it back in If-Match to change the resource",
        "schema": {"type": "string", "examples": ['"3"']},
    },
    "Location": {"description": "Where the created resource lives", "schema": {"type": "string"}},
    "Retry-After": {
        "description": "Seconds to wait before retrying",
        "required": True,
        "schema": {"type": "integer", "minimum": 1},
    },
    "X-Request-ID": {
        "description": "The request's id (the caller's own when it sent a sane one); quote it to support",
        "required": True,
        "schema": {"type": "string"},
    },
}

IF_MATCH_DESCRIPTION = (
    "The ETag you last read (strong comparison: `W/` tags never match). Required: without it the write is "
    "answered 428; with a stale one 412."
)
IDEMPOTENCY_KEY_DESCRIPTION = (
    "Retry-safe creation: the same key and body replay the first response (`Idempotent-Replayed: true`); "
    "the same key with another body is a 422."
)

TAGS: list[dict[str, str]] = [
    {"name": "health", "description": "Liveness and readiness of the process and its dependencies"},
    {"name": "ping", "description": "Who am I: check an API key"},
    {"name": "organizations", "description": "States, plans and providers; a state creates the others"},
    {"name": "providers", "description": "A plan's provider network, sites, network links and standing"},
    {"name": "api-keys", "description": "Your organization's API keys"},
    {"name": "audit", "description": "Your organization's audit trail"},
    {
        "name": "members",
        "description": "Members, enrollments and claims sent by plans (every read is audited)",
    },
    {"name": "tools", "description": "Review tools (instruments): shipped and imported versions"},
    {
        "name": "reviews",
        "description": "Monitoring reviews: scheduling, samples, findings, scorecard, finalize",
    },
    {"name": "action-plans", "description": "PIPs and CAPs opened by reviews: submissions and decisions"},
    {"name": "notices", "description": "Notices to organizations and their delivery"},
    {"name": "webhooks", "description": "Webhook endpoints notices are delivered to (Standard Webhooks)"},
    {"name": "capacity", "description": "The Capacity Building program: plans, reports, payments"},
    {
        "name": "obligations",
        "description": "What a provider owes the plan that oversees it, and the plan's review",
    },
    {
        "name": "documents",
        "description": "Evidence documents: requests, presigned uploads, audited downloads",
    },
    {"name": "disputes", "description": "A provider disputes a decision and adds evidence; the plan decides"},
    {
        "name": "reports",
        "description": "Scorecard exports (XLSX, PDF, CSV) and dashboards for plans, providers and the state",
    },
    {
        "name": "imports",
        "description": "Care-management activity files (interactions, TARs, documents, program spans, claims) "
        "loaded by the worker",
    },
    {
        "name": "calendars",
        "description": "Business calendars: the states' published holiday schedules and your organization's own",
    },
    {
        "name": "checks",
        "description": "Automated check results over imported activity, per rule and provider",
    },
]


def install(app: FastAPI) -> None:
    """Serve :func:`contract` as the app's document (built once, like FastAPI's own)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = contract(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def document_json(app: FastAPI) -> str:
    """The served document as the committed ``openapi.json`` holds it: sorted keys, so diffs stay small."""
    return json.dumps(app.openapi(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def contract(app: FastAPI) -> dict[str, Any]:
    document = get_openapi(
        title=app.title,
        version=app.version,
        openapi_version=app.openapi_version,
        description=app.description,
        routes=app.routes,
        tags=TAGS,
        # One schema per model: input and output variants of a model (``PlanVersionOut`` embeds the submitted
        # ``DistributionPlanIn``) would otherwise be ``-Input``/``-Output`` twins, which generators drop.
        separate_input_output_schemas=False,
    )
    components = document.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    problem_schema = Problem.model_json_schema(ref_template=SCHEMA_REF + "{model}")
    schemas.update(problem_schema.pop("$defs", {}))
    schemas["Problem"] = problem_schema
    components["headers"] = HEADERS
    components["responses"] = {name: _error_response(status) for status, (name, _) in ERROR_RESPONSES.items()}
    permissions = _operations_with_permission(app)
    for method, operation in _operations(document):
        _declare_headers(operation)
        _declare_responses(operation, method, operation["operationId"] in permissions)
    return document


def _error_response(status: int) -> dict[str, Any]:
    headers: dict[str, Any] = {"X-Request-ID": {"$ref": "#/components/headers/X-Request-ID"}}
    if status in (429, 503):
        headers["Retry-After"] = {"$ref": "#/components/headers/Retry-After"}
    example = {
        "type": "urn:oversight:problem:example",
        "title": "Example",
        "status": status,
        "detail": ERROR_RESPONSES[status][1],
        "instance": "/v1/reviews/0b7c6a52-5f2e-4d4e-9a55-2f8f3c1d9e10",
        "request_id": "5f0c3a9e2b7d4c1e8a6f9b0d2c4e6a81",
    }
    return {
        "description": ERROR_RESPONSES[status][1],
        "headers": headers,
        "content": {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": SCHEMA_REF + "Problem"}, "example": example}},
    }


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path_item in document["paths"].values():
        yield from path_item.items()


def _operations_with_permission(app: FastAPI) -> set[str]:
    """Operations whose caller must hold a permission (``require()`` marks its dependency)."""
    found = set()
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if not isinstance(route, APIRoute):
            continue
        stack = [route.dependant]
        while stack:
            dependant = stack.pop()
            if getattr(dependant.call, "permission", None) is not None:
                found.add(route.operation_id or route.name)
            stack.extend(dependant.dependencies)
    return found


def _declare_headers(operation: dict[str, Any]) -> None:
    for parameter in operation.get("parameters", []):
        if parameter["in"] != "header":
            continue
        if parameter["name"] == "If-Match":
            parameter.update(required=True, description=IF_MATCH_DESCRIPTION, schema={"type": "string"})
        elif parameter["name"] == "Idempotency-Key":
            parameter.update(
                description=IDEMPOTENCY_KEY_DESCRIPTION, schema={"type": "string", "maxLength": 200}
            )


def _statuses(operation: dict[str, Any], method: str, needs_permission: bool) -> set[int]:
    parameters = operation.get("parameters", [])
    header_names = {p["name"] for p in parameters if p["in"] == "header"}
    statuses = set(EXTRA_STATUSES.get(operation["operationId"], ()))
    if operation.get("security"):
        statuses |= {401, 429} | ({403} if needs_permission else set())
    if any(p["in"] == "path" for p in parameters):
        statuses.add(404)
    if parameters or "requestBody" in operation:
        statuses.add(422)
    if "requestBody" in operation:
        statuses |= {413, 415}
    if "If-Match" in header_names:
        statuses |= {412, 428}
    if "Idempotency-Key" in header_names:
        statuses |= {409, 422}
    if method in WRITE_METHODS and operation.get("security"):
        statuses.add(409)
    return statuses


def _declare_responses(operation: dict[str, Any], method: str, needs_permission: bool) -> None:
    operation_id = operation["operationId"]
    responses = {code: r for code, r in operation["responses"].items() if code.startswith("2")}
    for code, response in responses.items():
        headers = response.setdefault("headers", {})
        headers["X-Request-ID"] = {"$ref": "#/components/headers/X-Request-ID"}
        if operation_id in SENDS_ETAG:
            headers["ETag"] = {"$ref": "#/components/headers/ETag"}
        if operation_id in SENDS_LOCATION and code == "201":
            headers["Location"] = {"$ref": "#/components/headers/Location"}
    for status in sorted(_statuses(operation, method, needs_permission)):
        responses[str(status)] = {"$ref": "#/components/responses/" + ERROR_RESPONSES[status][0]}
    operation["responses"] = responses
