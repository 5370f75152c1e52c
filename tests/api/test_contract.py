"""The partner contract: the served OpenAPI document, the committed openapi.json and the generated client.

Partners call the API through clients generated from the document, so what the document declares is what
their client can parse: every error is a ``Problem`` (``application/problem+json``), conditional headers are
parameters, and the shipped client ``clients/python`` (generated from the committed ``openapi.json``) parses
the app's real answers.
"""

from __future__ import annotations

import ast
import json
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any, BinaryIO, cast

import httpx
import pytest
import pytest_asyncio
import yaml
from fastapi.routing import APIRoute, iter_route_contexts
from oversight_client import AuthenticatedClient
from oversight_client.api.capacity import (
    capacity_participants_create,
    capacity_plans_submit,
    capacity_plans_version_get,
    capacity_programs_create,
)
from oversight_client.api.members import members_get
from oversight_client.api.organizations import organizations_update
from oversight_client.api.reviews import reviews_list
from oversight_client.api.tools import tools_import
from oversight_client.models import (
    DistributionPlanIn,
    OrganizationPatch,
    ParticipantIn,
    PlanVersionOut,
    Problem,
    ProgramIn,
    ToolsImportJsonBody,
    ToolVersionOut,
)
from oversight_client.types import File
from pydantic import TypeAdapter
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_api.app import create_app
from oversight_api.conventions.openapi import SENDS_ETAG, SENDS_LOCATION, document_json
from oversight_api.resources import Resources
from tests.api.capacity_helpers import NC_PROGRAM, link_tcm, plan_body
from tests.conftest import MakeKey, MakeOrg

ROOT = Path(__file__).resolve().parents[2]
PROBLEM_REF = "#/components/schemas/Problem"


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield method, path, operation


def _resolve(document: dict[str, Any], response: dict[str, Any]) -> dict[str, Any]:
    ref = response.get("$ref")
    if ref is None:
        return response
    resolved: dict[str, Any] = document["components"]["responses"][ref.rsplit("/", 1)[1]]
    return resolved


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    served: dict[str, Any] = create_app().openapi()
    return served


def test_every_error_status_of_every_operation_is_a_problem(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.1")
    for method, path, operation in _operations(document):
        errors = {code: r for code, r in operation["responses"].items() if not code.startswith("2")}
        for code, response in errors.items():
            content = _resolve(document, response)["content"]
            assert list(content) == ["application/problem+json"], (method, path, code)
            assert content["application/problem+json"]["schema"] == {"$ref": PROBLEM_REF}, (
                method,
                path,
                code,
            )
        parameters = operation.get("parameters", [])
        expected = set()
        if operation.get("security"):
            expected |= {"401", "429"}
        if any(p["in"] == "path" for p in parameters):
            expected.add("404")
        if parameters or "requestBody" in operation:
            expected.add("422")
        if "requestBody" in operation:
            expected |= {"413", "415"}
        assert expected <= set(errors), (method, path, expected - set(errors))
        assert operation["operationId"] and operation["tags"], (method, path)
    problem = document["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail"} <= set(problem["required"])
    assert {"instance", "request_id", "errors"} <= set(problem["properties"])
    assert problem.get("additionalProperties") is True  # retry_after, current_etag, checks
    error = document["components"]["schemas"]["FieldError"]
    assert {"path", "message", "code", "index"} <= set(error["properties"])
    assert document["components"]["responses"]["TooManyRequests"]["headers"]["Retry-After"]
    assert document["components"]["responses"]["Unavailable"]["headers"]["Retry-After"]
    assert "503" in document["paths"]["/readyz"]["get"]["responses"]


def test_fastapi_validation_error_and_input_output_twins_are_gone(document: dict[str, Any]) -> None:
    text = json.dumps(document)
    assert "HTTPValidationError" not in text and '"ValidationError"' not in text
    names = list(document["components"]["schemas"])
    assert not [n for n in names if n.endswith(("-Input", "-Output"))]
    # Two models of one name in different modules get module-qualified names (a_b__schemas__X): rename one.
    assert not [n for n in names if "__" in n]
    assert "PlanVersionOut" in names
    assert all(tag.get("description") for tag in document["tags"])
    used = {tag for _, _, op in _operations(document) for tag in op["tags"]}
    assert used == {tag["name"] for tag in document["tags"]}


def test_writes_that_need_if_match_declare_it_required_with_412_and_428(document: dict[str, Any]) -> None:
    needing = {
        op["operationId"]: op
        for _, _, op in _operations(document)
        if any(p["name"] == "If-Match" for p in op.get("parameters", []))
    }
    assert {
        "reviews_update",
        "reviews_put_findings",
        "reviews_finalize",
        "action_plans_decide",
        "organizations_update",
        "network_links_update",
        "capacity_plans_decide",
        "capacity_reports_decide",
    } <= set(needing)
    for operation_id, operation in needing.items():
        header = next(p for p in operation["parameters"] if p["name"] == "If-Match")
        assert header["in"] == "header" and header["required"] is True, operation_id
        assert {"412", "428"} <= set(operation["responses"]), operation_id
        assert operation_id in SENDS_ETAG, operation_id  # the answer carries the next ETag to send


def test_creating_posts_declare_idempotency_key_and_what_they_send(document: dict[str, Any]) -> None:
    for method, path, operation in _operations(document):
        header = next((p for p in operation.get("parameters", []) if p["name"] == "Idempotency-Key"), None)
        if header is not None:
            assert method == "post" and header["required"] is False, path
            assert {"409", "422"} <= set(operation["responses"]), path
        for code, response in operation["responses"].items():
            if not code.startswith("2"):
                continue
            headers = response.get("headers", {})
            assert ("ETag" in headers) == (operation["operationId"] in SENDS_ETAG), (path, code)
            if code == "201" and operation["operationId"] in SENDS_LOCATION:
                assert "Location" in headers, path


def _respond_keywords() -> tuple[set[str], set[str]]:
    """Operation ids whose router calls ``respond(..., etag=...)`` / ``respond(..., location=...)``."""
    etag, location = set(), set()
    for router in (ROOT / "services/api/oversight_api").glob("*/router.py"):
        for function in ast.parse(router.read_text()).body:
            if not isinstance(function, ast.AsyncFunctionDef | ast.FunctionDef):
                continue
            operation_ids = [
                str(k.value.value)
                for d in function.decorator_list
                if isinstance(d, ast.Call)
                for k in d.keywords
                if k.arg == "operation_id" and isinstance(k.value, ast.Constant)
            ]
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "respond":
                    keywords = {k.arg for k in node.keywords}
                    etag |= set(operation_ids) if "etag" in keywords else set()
                    location |= set(operation_ids) if "location" in keywords else set()
    return etag, location


def test_declared_etag_and_location_headers_are_the_ones_routes_send() -> None:
    etag, location = _respond_keywords()
    assert etag == SENDS_ETAG, "update SENDS_ETAG in oversight_api/conventions/openapi.py"
    assert location == SENDS_LOCATION, "update SENDS_LOCATION in oversight_api/conventions/openapi.py"


def example_of(document: dict[str, Any], schema: dict[str, Any]) -> Any:
    """The example a reader (or a conformance run) finds for ``schema``: its own, its ``$ref``'s, a list of its
    items' one, a page (``items`` + ``next_cursor``) of its items' one; ``None`` when there is none."""
    if "examples" in schema:
        return schema["examples"][0]
    if "$ref" in schema:
        return example_of(document, document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]])
    if schema.get("type") == "array":
        item = example_of(document, schema["items"])
        return None if item is None else [item]
    variants = [s for s in schema.get("anyOf", []) if s.get("type") != "null"]
    if len(variants) == 1:
        return example_of(document, variants[0])
    properties = schema.get("properties", {})
    if set(properties) == {"items", "next_cursor"}:
        items = example_of(document, properties["items"])
        return None if items is None else {"items": items, "next_cursor": None}
    return None


def _media_example(document: dict[str, Any], media: dict[str, Any]) -> Any:
    if "example" in media:
        return media["example"]
    return example_of(document, media.get("schema", {}))


def test_every_request_body_and_json_success_response_has_an_example(document: dict[str, Any]) -> None:
    missing = []
    for method, path, operation in _operations(document):
        # Per operation: a body offered in several forms shows the example in one (the tool import shows its YAML).
        bodies = operation.get("requestBody", {}).get("content", {})
        if bodies and all(_media_example(document, media) is None for media in bodies.values()):
            missing.append((method, path, "request", ", ".join(bodies)))
        for code, response in operation["responses"].items():
            for content_type, media in response.get("content", {}).items():
                if (
                    code.startswith("2")
                    and "json" in content_type
                    and _media_example(document, media) is None
                ):
                    missing.append((method, path, code, content_type))
    assert not missing, "add json_schema_extra examples to these models: " + repr(missing)


def test_documented_examples_are_accepted_by_the_models_they_document(document: dict[str, Any]) -> None:
    """A conformance run sends each request example as a valid request: the route's own body model must take
    it (and each response example must be one the response model reads)."""
    operations = {op["operationId"]: op for _, _, op in _operations(document)}
    checked = 0
    for context in iter_route_contexts(create_app().routes):
        route = context.original_route
        if not isinstance(route, APIRoute) or route.operation_id not in operations:
            continue
        operation = operations[route.operation_id]
        body = route.body_field.field_info.annotation if route.body_field is not None else None
        if body is not None:
            media = operation["requestBody"]["content"]["application/json"]
            TypeAdapter(body).validate_python(_media_example(document, media))
            checked += 1
        if route.response_model is not None:
            for code, response in operation["responses"].items():
                media = response.get("content", {}).get("application/json") if code.startswith("2") else None
                if media is not None:
                    TypeAdapter(route.response_model).validate_python(_media_example(document, media))
                    checked += 1
    assert checked > 100


def test_the_committed_openapi_json_is_what_the_app_serves() -> None:
    committed = (ROOT / "openapi.json").read_text(encoding="utf-8")
    assert committed == document_json(create_app()), (
        "openapi.json differs from the document the app serves: run `make openapi` (then `make client`)"
    )


async def test_the_served_document_is_the_contract(client: httpx.AsyncClient) -> None:
    served = (await client.get("/openapi.json")).json()
    assert served == json.loads((ROOT / "openapi.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- the generated client


@pytest_asyncio.fixture(loop_scope="session")
async def app_transport(resources: Resources) -> AsyncIterator[httpx.ASGITransport]:
    yield httpx.ASGITransport(app=create_app(resources=resources), raise_app_exceptions=False)


def partner(transport: httpx.ASGITransport, headers: dict[str, str]) -> AuthenticatedClient:
    """The shipped client, as a partner builds it, over the app in this process."""
    token = headers["Authorization"].removeprefix("Bearer ")
    return AuthenticatedClient(base_url="http://test", token=token, httpx_args={"transport": transport})


def assert_problem(parsed: object, status: int, slug: str) -> Problem:
    assert isinstance(parsed, Problem), parsed
    assert parsed.status == status and parsed.type_ == f"urn:oversight:problem:{slug}", parsed
    assert parsed.title and parsed.detail and parsed.request_id
    return parsed


async def test_the_generated_client_parses_every_kind_of_error_as_a_problem(
    app_transport: httpx.ASGITransport, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    plan = await make_org("plan")
    headers = await auth_headers(plan, "plan_admin")
    async with partner(app_transport, headers) as api:
        # 422: a query date that is not ISO 8601, named by its path
        r = await reviews_list.asyncio_detailed(client=api, scheduled_from="1700000000")  # type: ignore[arg-type]
        problem = assert_problem(r.parsed, 422, "validation")
        assert problem.errors and problem.errors[0].path == "query.scheduled_from"
        # 404: another tenant's or no object
        r404 = await members_get.asyncio_detailed(uuid.uuid4(), client=api)
        assert_problem(r404.parsed, 404, "not-found")
        # 412: a stale ETag, and a weak one (If-Match compares strongly)
        for stale in ('"7"', 'W/"1"'):
            r412 = await organizations_update.asyncio_detailed(
                plan.id, client=api, body=OrganizationPatch(name="Renamed"), if_match=stale
            )
            problem = assert_problem(r412.parsed, 412, "precondition-failed")
            assert problem.additional_properties["current_etag"] == '"1"'
        # 428 and 405 are not answers a generated function can provoke (it always sends If-Match; it calls
        # only declared methods): the same Problem model reads them.
        raw = await api.get_async_httpx_client().patch(f"/v1/organizations/{plan.id}", json={"name": "x"})
        assert raw.status_code == 428 and raw.headers["content-type"] == "application/problem+json"
        assert_problem(Problem.from_dict(raw.json()), 428, "precondition-required")
        raw = await api.get_async_httpx_client().delete("/v1/reviews")
        assert raw.status_code == 405
        assert_problem(Problem.from_dict(raw.json()), 405, "method-not-allowed")
        r200 = await organizations_update.asyncio_detailed(
            plan.id, client=api, body=OrganizationPatch(name="Renamed"), if_match='"1"'
        )
        assert r200.status_code == 200 and r200.headers["etag"] == '"2"'


async def test_the_generated_client_imports_a_tool_as_yaml_or_json(
    app_transport: httpx.ASGITransport, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    plan = await make_org("plan", jurisdiction="US-CA")
    shipped = (ROOT / "libs/domain/oversight_domain/tools/ecm-partnership.yaml").read_text()
    async with partner(app_transport, await auth_headers(plan, "plan_admin")) as api:
        key = f"ecm-yaml-{uuid.uuid4().hex[:8]}"
        yaml_text = shipped.replace("key: ecm-partnership", f"key: {key}", 1).encode()
        # The generated File names a BinaryIO; httpx's AsyncClient streams bytes but refuses a sync file
        # object, so an async caller hands over the bytes (a sync caller may pass an open file).
        upload = File(payload=cast(BinaryIO, yaml_text), mime_type="application/yaml")
        r = await tools_import.asyncio_detailed(client=api, body=upload, idempotency_key=str(uuid.uuid4()))
        assert r.status_code == 201, r.content
        assert isinstance(r.parsed, ToolVersionOut) and r.parsed.key == key
        assert r.headers["location"] == f"/v1/tools/{key}/versions/{r.parsed.version}"

        as_json = yaml.safe_load(shipped) | {"key": f"ecm-json-{uuid.uuid4().hex[:8]}"}
        r = await tools_import.asyncio_detailed(client=api, body=ToolsImportJsonBody.from_dict(as_json))
        assert r.status_code == 201, r.content
        assert isinstance(r.parsed, ToolVersionOut) and r.parsed.key == as_json["key"]


async def test_the_generated_client_reads_distribution_plan_versions(
    app_transport: httpx.ASGITransport, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    """``PlanVersionOut`` was dropped by the generator (its ``-Input``/``-Output`` twins): parsed was None."""
    state = await make_org("state", jurisdiction="US-NC")
    plan = await make_org("plan", jurisdiction="US-NC")
    providers = [(await make_org("provider", jurisdiction="US-NC")).id for _ in range(2)]
    await link_tcm(session, plan.id, providers)
    async with (
        partner(app_transport, await auth_headers(state, "state_admin")) as state_api,
        partner(app_transport, await auth_headers(plan, "plan_admin")) as plan_api,
    ):
        program = await capacity_programs_create.asyncio(
            client=state_api, body=ProgramIn.from_dict(NC_PROGRAM), idempotency_key=str(uuid.uuid4())
        )
        assert not isinstance(program, Problem) and program is not None
        participant = await capacity_participants_create.asyncio(
            program.id, client=state_api, body=ParticipantIn(plan_id=plan.id)
        )
        assert not isinstance(participant, Problem) and participant is not None
        submitted = await capacity_plans_submit.asyncio_detailed(
            participant.id, client=plan_api, body=DistributionPlanIn.from_dict(plan_body(providers))
        )
        assert submitted.status_code == 201, submitted.content
        assert isinstance(submitted.parsed, PlanVersionOut) and submitted.parsed.number == 1
        assert submitted.parsed.content.budgets[0].amount == "50000.00"
        read = await capacity_plans_version_get.asyncio(participant.id, 1, client=plan_api)
        assert isinstance(read, PlanVersionOut) and read.to_dict() == submitted.parsed.to_dict()
