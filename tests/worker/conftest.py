"""Worker fixtures: resources on the test's rolled-back connection, a webhook sink, an SMTP sink."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import date
from typing import Any

import pytest
import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from oversight_db.blobs import LocalBlobStore
from oversight_db.models import Organization, WebhookEndpoint
from oversight_db.settings import Settings
from oversight_worker.context import WorkerResources
from tests.sinks import MailSink, WebhookSink, smtp_sink, webhook_sink


@pytest.fixture(scope="session")
def sink() -> Iterator[WebhookSink]:
    with webhook_sink() as s:
        yield s


@pytest.fixture(scope="session")
def mail() -> Iterator[MailSink]:
    with smtp_sink() as m:
        yield m


@pytest.fixture
def hooks(sink: WebhookSink) -> Iterator[WebhookSink]:
    sink.clear()
    yield sink
    sink.clear()


@pytest.fixture
def worker_settings(settings: Settings, mail: MailSink) -> Settings:
    return settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": mail.port,
            "smtp_starttls": False,
            "smtp_from": "notices@oversight.test",
            "webhook_timeout_seconds": 2.0,
        }
    )


@pytest_asyncio.fixture(loop_scope="session")
async def worker_res(
    worker_settings: Settings, engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession]
) -> AsyncIterator[WorkerResources]:
    """Worker resources whose sessions are the test's connection (rolled back afterwards)."""
    res = WorkerResources(
        settings=worker_settings,
        engine=engine,
        sessions=sessions,
        blobs=LocalBlobStore(worker_settings.data_dir / f"blobs-{uuid.uuid4().hex[:8]}"),
        worker_id="test-worker",
        today=lambda: date.today(),
    )
    yield res
    await res.webhooks.aclose()


async def add_endpoint(
    session: AsyncSession, org: Organization, url: str, secret: str = "whsec_test", **fields: Any
) -> WebhookEndpoint:
    endpoint = WebhookEndpoint(id=uuid.uuid4(), organization_id=org.id, url=url, secret=secret, **fields)
    session.add(endpoint)
    await session.flush()
    return endpoint
