"""OIDC bearer tokens for the SPA: static public key or JWKS URL; issuer, audience, expiry; claim names."""

from __future__ import annotations

import dataclasses
import json
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import httpx
import jwt
import pytest
import pytest_asyncio
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_api.app import create_app
from oversight_api.resources import Resources
from oversight_app.caller import Caller
from oversight_app.permissions import Role
from oversight_db.models import AuditEvent, Organization
from tests.conftest import MakeOrg

ISSUER = "https://login.example.org/realms/oversight"
AUDIENCE = "oversight-api"


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def public_pem(key: rsa.RSAPrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def token(
    key: rsa.RSAPrivateKey, org: Organization | str, roles: Any = ("plan_admin",), **overrides: Any
) -> str:
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": ISSUER, "aud": AUDIENCE, "sub": "user-42", "iat": now, "exp": now + 300,
        "org_id": str(org.id) if isinstance(org, Organization) else org, "roles": list(roles),
    }  # fmt: skip
    claims.update(overrides)
    kid = claims.pop("kid", "k1")
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})


async def _client(resources: Resources, **settings: Any) -> httpx.AsyncClient:
    configured = dataclasses.replace(
        resources,
        settings=resources.settings.model_copy(
            update={"oidc_issuer": ISSUER, "oidc_audience": AUDIENCE, **settings}
        ),
        jwks_cache={},
    )
    app = create_app(resources=configured)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


@pytest_asyncio.fixture(loop_scope="session")
async def static_client(resources: Resources, rsa_key: rsa.RSAPrivateKey) -> AsyncIterator[httpx.AsyncClient]:
    async with await _client(resources, oidc_public_key=public_pem(rsa_key)) as c:
        yield c


def bearer(t: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {t}"}


async def test_a_valid_token_authenticates_with_org_and_role(
    static_client: httpx.AsyncClient, rsa_key: rsa.RSAPrivateKey, make_org: MakeOrg
) -> None:
    plan = await make_org("plan")
    r = await static_client.get(
        "/v1/ping", headers=bearer(token(rsa_key, plan, roles=["viewer", "plan_admin"]))
    )
    assert r.status_code == 200, r.text
    assert r.json() == {
        "organization_id": str(plan.id), "organization_kind": "plan", "role": "plan_admin", "actor": "user:user-42",
    }  # fmt: skip


@pytest.mark.parametrize(
    "overrides",
    [{"aud": "someone-else"}, {"iss": "https://evil.example"}, {"exp": int(time.time()) - 120}],
    ids=["wrong-audience", "wrong-issuer", "expired"],
)
async def test_bad_tokens_are_401_problems(
    static_client: httpx.AsyncClient, rsa_key: rsa.RSAPrivateKey, make_org: MakeOrg, overrides: dict[str, Any]
) -> None:
    plan = await make_org("plan")
    r = await static_client.get("/v1/ping", headers=bearer(token(rsa_key, plan, **overrides)))
    assert r.status_code == 401
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["type"] == "urn:oversight:problem:unauthenticated"


async def test_a_token_signed_by_another_key_or_not_a_jwt_is_401(
    static_client: httpx.AsyncClient, make_org: MakeOrg
) -> None:
    plan = await make_org("plan")
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    for t in (token(other, plan), "not-a-jwt"):
        assert (await static_client.get("/v1/ping", headers=bearer(t))).status_code == 401


async def test_unknown_org_is_401_and_a_role_foreign_to_the_org_is_403(
    static_client: httpx.AsyncClient, rsa_key: rsa.RSAPrivateKey, make_org: MakeOrg
) -> None:
    r = await static_client.get(
        "/v1/ping", headers=bearer(token(rsa_key, "5f1f6d0e-0000-4000-8000-000000000000"))
    )
    assert r.status_code == 401
    plan = await make_org("plan")
    r = await static_client.get(
        "/v1/ping", headers=bearer(token(rsa_key, plan, roles=["provider", "state_admin"]))
    )
    assert r.status_code == 403 and r.json()["type"] == "urn:oversight:problem:forbidden"


async def test_claim_names_come_from_settings(
    resources: Resources, rsa_key: rsa.RSAPrivateKey, make_org: MakeOrg
) -> None:
    state = await make_org("state")
    async with await _client(
        resources,
        oidc_public_key=public_pem(rsa_key),
        oidc_org_claim="https://oversight/org",
        oidc_roles_claim="groups",
    ) as c:
        t = token(
            rsa_key,
            "ignored",
            roles=[],
            **{"https://oversight/org": str(state.id), "groups": "viewer state_admin"},
        )
        r = await c.get("/v1/ping", headers=bearer(t))
    assert r.status_code == 200 and r.json()["role"] == "state_admin"


@pytest.fixture(scope="module")
def jwks_url(rsa_key: rsa.RSAPrivateKey) -> Iterator[str]:
    jwk = json.loads(RSAAlgorithm.to_jwk(rsa_key.public_key()))
    body = json.dumps({"keys": [{**jwk, "kid": "k1", "use": "sig", "alg": "RS256"}]}).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/certs"
    finally:
        server.shutdown()
        server.server_close()


async def test_keys_from_a_jwks_url(
    resources: Resources, rsa_key: rsa.RSAPrivateKey, make_org: MakeOrg, jwks_url: str
) -> None:
    plan = await make_org("plan")
    async with await _client(resources, oidc_jwks_url=jwks_url) as c:
        ok = await c.get("/v1/ping", headers=bearer(token(rsa_key, plan, roles=["reviewer"])))
        assert ok.status_code == 200 and ok.json()["role"] == "reviewer"
        unknown_kid = await c.get("/v1/ping", headers=bearer(token(rsa_key, plan, kid="rotated-away")))
        assert unknown_kid.status_code == 401
        expired = await c.get("/v1/ping", headers=bearer(token(rsa_key, plan, exp=int(time.time()) - 120)))
        assert expired.status_code == 401


FORGED_SUBJECTS = {
    "newline": "user-42\nuser:admin",
    "carriage-return": "user-42\r",
    "tab": "user-42\tadmin",
    "nul": "user-42\x00",
    "escape": "\x1b[31muser-42",
    "delete": "user-42\x7f",
    "c1-control": "user-42\x85next",
    "bidi-override": "user-\u202e24",
    "zero-width": "user\u200b-42",
    "line-separator": "user-42\u2028admin",
    "empty": "",
    "too-long": "u" * 196,  # "user:" + 196 characters would not fit the audit trail's 200
}


@pytest.mark.parametrize("sub", FORGED_SUBJECTS.values(), ids=FORGED_SUBJECTS.keys())
async def test_a_subject_with_control_characters_or_too_long_is_a_401_never_an_actor(
    static_client: httpx.AsyncClient,
    rsa_key: rsa.RSAPrivateKey,
    make_org: MakeOrg,
    session: AsyncSession,
    sub: str,
) -> None:
    plan = await make_org("plan")
    t = token(rsa_key, plan, sub=sub)
    ping = await static_client.get("/v1/ping", headers=bearer(t))
    write = await static_client.post(
        "/v1/api-keys", json={"name": "forged", "role": "viewer"}, headers=bearer(t)
    )
    for r in (ping, write):
        assert r.status_code == 401, r.text
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["type"] == "urn:oversight:problem:unauthenticated"
        assert sub not in r.text or not sub
    actors = await session.scalars(select(AuditEvent.actor).where(AuditEvent.organization_id == plan.id))
    assert list(actors) == []


async def test_a_long_printable_non_ascii_subject_is_the_actor(
    static_client: httpx.AsyncClient, rsa_key: rsa.RSAPrivateKey, make_org: MakeOrg, session: AsyncSession
) -> None:
    plan = await make_org("plan")
    sub = "Jürgen Ødegård " + "x" * 180  # 195 characters: "user:" + sub is the audit trail's 200
    t = token(rsa_key, plan, sub=sub)
    ping = await static_client.get("/v1/ping", headers=bearer(t))
    assert ping.status_code == 200 and ping.json()["actor"] == f"user:{sub}"
    write = await static_client.post("/v1/api-keys", json={"name": "ok", "role": "viewer"}, headers=bearer(t))
    assert write.status_code == 201, write.text
    actors = await session.scalars(select(AuditEvent.actor).where(AuditEvent.organization_id == plan.id))
    assert list(actors) == [f"user:{sub}"]


def test_a_caller_cannot_carry_an_unclean_actor() -> None:
    """Whatever builds a Caller from outside input checks it first; one that did not fails here."""
    for actor in ("user:a\nb", "", "x" * 201, "cli:\u202eroot"):
        with pytest.raises(ValueError):
            Caller(uuid.uuid4(), "plan", Role.VIEWER, actor)
    assert Caller(uuid.uuid4(), "plan", Role.VIEWER, "x" * 200).actor == "x" * 200
