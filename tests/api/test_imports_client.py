"""The shipped client sends activity imports: a CSV and an NDJSON file through ``imports_create`` (the format is
its ``file_format`` parameter; the body is bytes), loaded as what they are."""

from __future__ import annotations

import json
import uuid
from typing import BinaryIO, cast

import httpx
import pytest
from oversight_client import AuthenticatedClient
from oversight_client.api.imports import imports_create, imports_get
from oversight_client.models import ImportOut, ImportsCreateFileFormat, ImportsCreateKind, Problem
from oversight_client.types import File
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_api.app import create_app
from oversight_api.resources import Resources
from oversight_app.imports import loader
from tests.app.activity_world import activity_world
from tests.conftest import MakeKey

pytestmark = pytest.mark.asyncio(loop_scope="session")


def _file(data: bytes) -> File:
    # httpx's AsyncClient streams bytes but refuses a sync file object: an async caller hands over the bytes.
    return File(payload=cast(BinaryIO, data))


async def test_the_generated_client_sends_csv_and_ndjson_imports(
    resources: Resources, session: AsyncSession, auth_headers: MakeKey
) -> None:
    world = await activity_world(session)
    number = world.members[0].member_number
    csv_file = (
        "interaction_id,member_number,provider_npi,occurred_on,kind,duration_minutes,outcome,enrolled\n"
        f"C-1,{number},{world.provider.npi},2025-04-10,contact,20,reached,true\n"
    ).encode()
    member = {
        "member_number": f"{uuid.uuid4().int % 10**8:08d}B",
        "first_name": "Pat",
        "last_name": "Example",
        "birth_date": "1980-01-10",
        "program": "ecm",
        "provider_npi": world.provider.npi,
        "status": "enrolled",
        "start_date": "2025-01-01",
    }
    ndjson_file = (json.dumps(member) + "\n").encode()
    headers = await auth_headers(world.plan, "plan_admin")
    transport = httpx.ASGITransport(app=create_app(resources=resources), raise_app_exceptions=False)
    token = headers["Authorization"].removeprefix("Bearer ")
    async with AuthenticatedClient(
        base_url="http://test", token=token, httpx_args={"transport": transport}
    ) as api:
        sent_csv = await imports_create.asyncio_detailed(
            client=api,
            body=_file(csv_file),
            kind=ImportsCreateKind.INTERACTIONS,
            file_format=ImportsCreateFileFormat.CSV,
        )
        sent_ndjson = await imports_create.asyncio_detailed(
            client=api,
            body=_file(ndjson_file),
            kind=ImportsCreateKind.MEMBERS,
            file_format=ImportsCreateFileFormat.NDJSON,
        )
        for sent, fmt in ((sent_csv, "csv"), (sent_ndjson, "ndjson")):
            assert sent.status_code == 202, sent.content
            assert isinstance(sent.parsed, ImportOut) and sent.parsed.file_format.value == fmt

        # Loaded as the worker loads them: each file read in its own format.
        while (claimed := await loader.claim_next(resources.sessions)) is not None:
            await loader.load_import(resources.sessions, resources.blobs, claimed)
        for sent in (sent_csv, sent_ndjson):
            assert isinstance(sent.parsed, ImportOut)
            got = await imports_get.asyncio(sent.parsed.id, client=api)
            assert isinstance(got, ImportOut), got
            assert (got.status.value, got.rows, got.inserted, got.errors) == ("succeeded", 1, 1, [])

        # Sent again: the same import (200), nothing loaded twice.
        again = await imports_create.asyncio_detailed(
            client=api,
            body=_file(ndjson_file),
            kind=ImportsCreateKind.MEMBERS,
            file_format=ImportsCreateFileFormat.NDJSON,
        )
        assert again.status_code == 200
        assert isinstance(again.parsed, ImportOut) and isinstance(sent_ndjson.parsed, ImportOut)
        assert again.parsed.id == sent_ndjson.parsed.id
        # An import that is not the plan's is a Problem 404.
        elsewhere = await imports_get.asyncio(uuid.uuid4(), client=api)
        assert isinstance(elsewhere, Problem) and elsewhere.status == 404
