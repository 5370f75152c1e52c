"""The long-jobs pool end to end through the generated client, on real processes (``tests.e2e.stack``: the API,
a main-pool worker and a long-jobs worker). Only the long-jobs worker builds exports and loads imports, so an
export reaching ``ready`` and an import reaching a final status went through its queue and its crons."""

from __future__ import annotations

import io
from typing import Any

import pytest
from oversight_client.api.imports import imports_create, imports_get
from oversight_client.api.reports import reports_exports_create, reports_exports_get
from oversight_client.models import ExportIn, ExportKind, ImportsCreateFileFormat, ImportsCreateKind
from oversight_client.types import File

from tests.e2e.stack import Stack, eventually, new_key, ok, today_utc

pytestmark = pytest.mark.e2e


def test_an_export_is_built_and_an_import_loaded_by_the_long_jobs_worker(stack: Stack) -> None:
    plan = stack.client(stack.readme["PLAN_KEY"])
    body = ExportIn.from_dict({"kind": ExportKind.REVIEWS.value, "filters": {"year": today_utc().year}})
    export = ok(reports_exports_create.sync_detailed(client=plan, body=body, idempotency_key=new_key()), 202)
    # A file the loader must refuse line by line (a member and a provider the plan never sent): what the
    # long-jobs worker's load does with every file, without depending on another journey's members.
    data = (
        b"interaction_id,member_number,provider_npi,occurred_on,kind,duration_minutes,outcome,enrolled\n"
        b"L-1,99999999Z,1000000004,2025-02-03,contact,15,reached,true\n"
    )
    sent = ok(
        imports_create.sync_detailed(
            client=plan,
            body=File(payload=io.BytesIO(data)),
            kind=ImportsCreateKind.INTERACTIONS,
            file_format=ImportsCreateFileFormat.CSV,
        ),
        202,
    )
    import_id = sent.id
    got: dict[str, Any] = {}

    def built() -> bool:
        got["export"] = ok(reports_exports_get.sync_detailed(export.id, client=plan))
        return bool(got["export"].status.value == "ready")

    def loaded() -> bool:
        got["import"] = ok(imports_get.sync_detailed(import_id, client=plan))
        return bool(got["import"].status.value in ("succeeded", "failed"))

    eventually(built, f"the export built by the long-jobs worker\n{stack.logs()}")
    eventually(loaded, f"the import loaded by the long-jobs worker\n{stack.logs()}")
    assert got["export"].row_count is not None and got["export"].byte_size > 0  # at least the header line
    assert got["import"].status.value == "failed"
    assert {(e.line, e.column) for e in got["import"].errors} == {(2, "member_number"), (2, "provider_npi")}
