"""A webhook send must fit in its delivery job, or arq would cancel the job and rerun it forever."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from oversight_db.settings import Settings
from oversight_worker.settings import DELIVER_TIMEOUT_SECONDS


def test_a_webhook_timeout_longer_than_a_delivery_job_is_refused() -> None:
    with pytest.raises(ValidationError, match="webhook_timeout_seconds"):
        Settings(webhook_timeout_seconds=DELIVER_TIMEOUT_SECONDS)


def test_the_longest_allowed_webhook_timeout_leaves_the_job_time_for_its_database_work() -> None:
    longest = Settings.model_fields["webhook_timeout_seconds"].metadata
    bound = next(m.le for m in longest if hasattr(m, "le"))
    assert bound + 5 <= DELIVER_TIMEOUT_SECONDS
    assert Settings(webhook_timeout_seconds=bound).webhook_timeout_seconds == bound
