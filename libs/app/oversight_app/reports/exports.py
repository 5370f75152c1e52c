"""Export jobs, the request side: ask for an export, see its status, get an audited download URL.

The worker builds the file (``export_build``). An export belongs to the organization that asked for it: its
callers with ``reports:read`` see it, another organization gets 404. An export with member identity is
requested and downloaded only by callers with ``members:read``.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.audit import audit_event
from oversight_app.caller import Caller
from oversight_app.documents import signing
from oversight_app.errors import ProblemError, conflict, unprocessable
from oversight_app.lookup import one_or_404
from oversight_app.pagination import PageParams, keyset_page
from oversight_app.permissions import Permission
from oversight_app.reports.export_schemas import ExportDownloadOut, ExportIn, ExportOut, ExportSpec
from oversight_app.tenancy import provider_clause
from oversight_db.blobs import BlobStore, url_signing_key
from oversight_db.models.organizations import Organization
from oversight_db.models.reports import ExportJob
from oversight_db.outbox import hand_over_export
from oversight_db.settings import Settings
from oversight_domain.report_jobs import ExportKind, ExportStatus

# A download URL lives as long as an evidence document's (documents policy: 5 minutes).
DOWNLOAD_URL_SECONDS = 300
EXPORT_DOWNLOAD = "export-download"


def export_file_name(export: ExportJob) -> str:
    return f"{export.kind}-{export.id}.csv"  # ids only: a file name travels in headers and logs


def export_out(export: ExportJob) -> ExportOut:
    return ExportOut.model_validate(
        {
            **{c: getattr(export, c) for c in ExportOut.model_fields if c != "filters"},
            "filters": export.filters,
        }
    )


async def check_spec(session: AsyncSession, caller: Caller, spec: ExportSpec) -> dict[str, Any]:
    """The filters as stored (JSON), after the checks that need the caller or the database."""
    filters = spec.filters
    if spec.kind is ExportKind.REVIEWS:
        errors = []
        if filters.year is None:
            errors.append({"path": "filters.year", "message": "a reviews export covers one year"})
        if spec.include_member_identity:
            errors.append({"path": "include_member_identity", "message": "reviews carry no member identity"})
        if filters.finalized_from or filters.finalized_to:
            errors.append({"path": "filters.finalized_from", "message": "findings exports only"})
        if errors:
            raise unprocessable("the export's filters are not valid", errors)
    if spec.include_member_identity and not caller.can(Permission.MEMBERS_READ):
        raise ProblemError(403, "member identity needs members:read", slug="forbidden")
    if filters.provider_id is not None:
        seen = await session.scalar(
            select(Organization.id).where(
                Organization.id == filters.provider_id, provider_clause(caller, Organization.id)
            )
        )
        if seen is None:  # another tenant's provider reads as one that does not exist
            raise unprocessable(
                "no such provider", [{"path": "filters.provider_id", "message": "no such provider"}]
            )
    return filters.model_dump(mode="json", exclude_none=True)


async def create_export(session: AsyncSession, caller: Caller, body: ExportIn) -> ExportJob:
    filters = await check_spec(session, caller, body)
    export = ExportJob(
        id=uuid.uuid4(),
        organization_id=caller.organization_id,
        organization_kind=caller.organization_kind,
        kind=body.kind.value,
        format=body.format,
        filters=filters,
        include_member_identity=body.include_member_identity,
        status=ExportStatus.QUEUED.value,
        requested_by=caller.actor,
        attempts=0,
    )
    session.add(export)
    await session.flush()
    await session.refresh(export)
    await audit_event(
        session,
        caller,
        "report.export_requested",
        "export_job",
        export.id,
        {"kind": export.kind, "filters": filters, "phi": export.include_member_identity},
    )
    hand_over_export(session, export.id)
    return export


def _own(caller: Caller) -> Any:
    return ExportJob.organization_id == caller.organization_id


async def get_export(session: AsyncSession, caller: Caller, export_id: uuid.UUID) -> ExportJob:
    stmt = select(ExportJob).where(ExportJob.id == export_id, _own(caller))
    return await one_or_404(session, stmt, "export")


async def list_exports(
    session: AsyncSession, caller: Caller, params: PageParams, status: ExportStatus | None = None
) -> tuple[list[ExportJob], str | None]:
    stmt = select(ExportJob).where(_own(caller))
    if status is not None:
        stmt = stmt.where(ExportJob.status == status.value)
    return await keyset_page(session, stmt, [ExportJob.created_at, ExportJob.id], params, descending=True)


async def issue_download(
    session: AsyncSession, caller: Caller, export_id: uuid.UUID, blobs: BlobStore, settings: Settings
) -> ExportDownloadOut:
    """A short-lived URL to a ready export; every issuance is audited (a member-data read with identity)."""
    export = await get_export(session, caller, export_id)
    if export.include_member_identity and not caller.can(Permission.MEMBERS_READ):
        raise ProblemError(403, "this export carries member identity: members:read needed", slug="forbidden")
    if export.status != ExportStatus.READY.value or export.blob_key is None:
        raise conflict(f"the export is {export.status}", slug="export-not-ready")
    expires = int(time.time()) + DOWNLOAD_URL_SECONDS
    url = await blobs.presign_download(export.blob_key, expires_seconds=DOWNLOAD_URL_SECONDS)
    if url is None:  # the local-disk store: the API serves a signed URL itself
        signature = signing.sign(url_signing_key(settings), EXPORT_DOWNLOAD, export.id, expires)
        query = urlencode({"export_id": str(export.id), "expires": expires, "signature": signature})
        url = f"{settings.public_base_url.rstrip('/')}/v1/reports/export-downloads?{query}"
    await audit_event(
        session,
        caller,
        "report.export_download_issued",
        "export_job",
        export.id,
        {
            "kind": export.kind,
            "rows": export.row_count,
            "phi": export.include_member_identity,
            "expires_in_seconds": DOWNLOAD_URL_SECONDS,
        },
    )
    return ExportDownloadOut(
        export_id=export.id,
        url=url,
        expires_at=datetime.now(UTC) + timedelta(seconds=DOWNLOAD_URL_SECONDS),
        file_name=export_file_name(export),
    )


@dataclass(frozen=True)
class LocalExportFile:
    key: str
    file_name: str


async def local_download(
    session: AsyncSession, export_id: uuid.UUID, expires: int, signature: str, settings: Settings
) -> LocalExportFile:
    """What a signed local-disk URL serves (its issuance was audited); a bad or expired signature and an
    export no longer ready are all "not found"."""
    if not signing.valid(
        url_signing_key(settings), EXPORT_DOWNLOAD, export_id, expires, 0, signature, time.time()
    ):
        raise ProblemError(404, "export not found", slug="not-found")
    export = await session.scalar(
        select(ExportJob).where(ExportJob.id == export_id, ExportJob.status == ExportStatus.READY.value)
    )
    if export is None or export.blob_key is None:
        raise ProblemError(404, "export not found", slug="not-found")
    return LocalExportFile(export.blob_key, export_file_name(export))
