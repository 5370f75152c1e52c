"""HTTP details partners' clients rely on: strong If-Match comparison; links that follow the API's port; a
full ``Allow`` on 405; ISO 8601 dates only; the status of a body that is not JSON."""

from __future__ import annotations

import uuid

import httpx
import pytest

from oversight_app.errors import ProblemError
from oversight_app.etags import check_if_match
from oversight_db.settings import Settings
from tests.conftest import MakeKey, MakeOrg


def test_a_weak_etag_never_satisfies_if_match() -> None:
    check_if_match('"3"', 3)
    check_if_match('"2", "3"', 3)
    check_if_match("*", 3)
    with pytest.raises(ProblemError) as weak:
        check_if_match('W/"3"', 3)
    assert weak.value.status == 412
    with pytest.raises(ProblemError) as missing:
        check_if_match(None, 3)
    assert missing.value.status == 428


def test_links_in_notices_follow_the_api_port_unless_set() -> None:
    assert Settings(api_port=8123).public_base_url == "http://127.0.0.1:8123"
    assert Settings(api_port=8123, public_base_url="https://oversight.example").public_base_url == (
        "https://oversight.example"
    )


async def test_a_405_lists_every_method_the_path_answers(client: httpx.AsyncClient) -> None:
    r = await client.delete("/v1/reviews")
    assert r.status_code == 405 and r.headers["content-type"] == "application/problem+json"
    assert r.headers["allow"] == "GET, POST"
    r = await client.put(f"/v1/organizations/{uuid.uuid4()}")
    assert r.status_code == 405 and r.headers["allow"] == "GET, PATCH"


async def test_get_members_batch_is_a_405_not_a_bad_member_id(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    h = await auth_headers(await make_org("plan"), "plan_admin")
    r = await client.get("/v1/members/batch", headers=h)
    assert r.status_code == 405 and r.headers["allow"] == "POST"
    assert r.json()["type"] == "urn:oversight:problem:method-not-allowed"


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/v1/audit-events?until=0.5", "query.until"),
        ("/v1/audit-events?since=0", "query.since"),
        ("/v1/audit-events?until=1700000000", "query.until"),
        ("/v1/reviews?scheduled_from=1700000000", "query.scheduled_from"),
        ("/v1/reviews?scheduled_to=0", "query.scheduled_to"),
        ("/v1/reviews?scheduled_to=2025-01-01T00:00:00", "query.scheduled_to"),
    ],
)
async def test_dates_in_query_strings_are_iso_8601_only(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey, url: str, parameter: str
) -> None:
    h = await auth_headers(await make_org("plan"), "plan_admin")
    r = await client.get(url, headers=h)
    assert r.status_code == 422 and r.json()["type"] == "urn:oversight:problem:validation"
    assert [e["path"] for e in r.json()["errors"]] == [parameter]
    ok = await client.get(
        url.split("?")[0] + "?until=2025-01-31T12:00:00Z&scheduled_from=2025-01-01", headers=h
    )
    assert ok.status_code == 200, ok.text


async def test_a_unix_number_is_no_date_in_a_body_either(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    h = await auth_headers(await make_org("plan"), "plan_admin")
    body = {"npi": "1234567893", "name": "X", "program": "ecm", "effective_from": 1735689600}
    r = await client.post("/v1/providers", json=body, headers=h)
    assert r.status_code == 422
    assert [e["path"] for e in r.json()["errors"]] == ["body.effective_from"]


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
async def test_a_body_that_is_not_json_is_a_415_and_malformed_json_a_422(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey, content_type: str | None
) -> None:
    h = await auth_headers(await make_org("plan"), "plan_admin")
    body = b'{"npi": "1234567893", "name": "X", "program": "ecm", "effective_from": "2025-01-01"}'
    headers = h | ({"content-type": content_type} if content_type else {})
    r = await client.post("/v1/providers", content=body, headers=headers)
    assert r.status_code == 415 and r.json()["type"] == "urn:oversight:problem:unsupported-media-type"
    r = await client.post(
        "/v1/providers", content=b'{"npi": ', headers=h | {"content-type": "application/json"}
    )
    assert r.status_code == 422 and r.json()["detail"] == "the request body is not valid JSON"
    # Bytes that are not UTF-8 at all: the same declared 422 (FastAPI alone answers an undeclared 400).
    r = await client.post(
        "/v1/providers", content=b"\xff)[\xfe", headers=h | {"content-type": "application/json"}
    )
    assert r.status_code == 422 and r.json()["errors"][0]["path"] == "body", r.text
