"""The stack the client journeys share: their own database and Redis db, ``oversight api``, ``oversight worker``
(both pools), a webhook sink, and the README's bootstrap run as written (``tests.e2e.stack``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.stack import Stack, client_stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with client_stack(tmp_path_factory.mktemp("client-stack")) as s:
        yield s
