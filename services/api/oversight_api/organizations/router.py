"""Organizations, providers (a plan's network) and network links."""

from __future__ import annotations

import uuid
from typing import Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from starlette.responses import JSONResponse

from oversight_api.auth.caller import require
from oversight_api.conventions.etags import etag_of, set_etag
from oversight_api.conventions.idempotency import IdempotencyKey, idempotent_call
from oversight_api.conventions.pagination import Pagination
from oversight_api.deps import Session
from oversight_api.organizations import service
from oversight_api.organizations.schemas import (
    NetworkLinkOut,
    NetworkLinkPatch,
    OrganizationIn,
    OrganizationOut,
    OrganizationPatch,
    ProviderIn,
    ProviderOut,
    SiteIn,
)
from oversight_app.caller import Caller
from oversight_app.pagination import Page
from oversight_app.permissions import Permission

router = APIRouter(tags=["organizations"])
providers_router = APIRouter(tags=["providers"])


def _created(body: OrganizationOut | ProviderOut, location: str) -> JSONResponse:
    return JSONResponse(
        body.model_dump(mode="json"),
        status_code=201,
        headers={"ETag": etag_of(body.version), "Location": location},
    )


@router.post(
    "/organizations", status_code=201, response_model=OrganizationOut, operation_id="organizations_create"
)
async def create_organization(
    body: OrganizationIn,
    request: Request,
    session: Session,
    idem: IdempotencyKey = None,
    caller: Caller = Depends(require(Permission.ORGANIZATIONS_CREATE)),
) -> JSONResponse:
    async def create() -> JSONResponse:
        out = await service.create_organization(session, request, caller, body)
        return _created(out, f"/v1/organizations/{out.id}")

    return await idempotent_call(session, request, caller, idem, body, create)


@router.get("/organizations", response_model=Page[OrganizationOut], operation_id="organizations_list")
async def list_organizations(
    session: Session,
    page: Pagination,
    kind: Literal["state", "plan", "provider"] | None = None,
    caller: Caller = Depends(require(Permission.ORGANIZATIONS_READ)),
) -> Page[OrganizationOut]:
    items, cursor = await service.list_organizations(session, caller, page, kind)
    return Page(items=items, next_cursor=cursor)


@router.get(
    "/organizations/{organization_id}", response_model=OrganizationOut, operation_id="organizations_get"
)
async def get_organization(
    organization_id: uuid.UUID,
    response: Response,
    session: Session,
    caller: Caller = Depends(require(Permission.ORGANIZATIONS_READ)),
) -> OrganizationOut:
    org = await service.get_organization(session, caller, organization_id)
    set_etag(response, org.version)
    return OrganizationOut.model_validate(org)


@router.patch(
    "/organizations/{organization_id}", response_model=OrganizationOut, operation_id="organizations_update"
)
async def update_organization(
    organization_id: uuid.UUID,
    body: OrganizationPatch,
    request: Request,
    response: Response,
    session: Session,
    caller: Caller = Depends(require(Permission.ORGANIZATIONS_WRITE)),
) -> OrganizationOut:
    org = await service.update_organization(session, request, caller, organization_id, body)
    set_etag(response, org.version)
    return OrganizationOut.model_validate(org)


@providers_router.post(
    "/providers", status_code=201, response_model=ProviderOut, operation_id="providers_add_to_network"
)
async def add_provider(
    body: ProviderIn,
    request: Request,
    session: Session,
    idem: IdempotencyKey = None,
    caller: Caller = Depends(require(Permission.PROVIDERS_WRITE)),
) -> JSONResponse:
    async def create() -> JSONResponse:
        out = await service.add_provider(session, request, caller, body)
        return _created(out, f"/v1/providers/{out.id}")

    return await idempotent_call(session, request, caller, idem, body, create)


@providers_router.get("/providers", response_model=Page[ProviderOut], operation_id="providers_list")
async def list_providers(
    session: Session,
    page: Pagination,
    program: Literal["ecm", "tcm"] | None = None,
    status: Literal["active", "suspended", "terminated"] | None = Query(
        None, description="Network link status"
    ),
    npi: str | None = Query(None, pattern=r"^\d{10}$"),
    caller: Caller = Depends(require(Permission.PROVIDERS_READ)),
) -> Page[ProviderOut]:
    items, cursor = await service.list_providers(session, caller, page, program, status, npi)
    return Page(items=items, next_cursor=cursor)


@providers_router.get("/providers/{provider_id}", response_model=ProviderOut, operation_id="providers_get")
async def get_provider(
    provider_id: uuid.UUID,
    response: Response,
    session: Session,
    caller: Caller = Depends(require(Permission.PROVIDERS_READ)),
) -> ProviderOut:
    out = await service.get_provider(session, caller, provider_id)
    set_etag(response, out.version)
    return out


@providers_router.post(
    "/providers/{provider_id}/sites",
    status_code=201,
    response_model=ProviderOut,
    operation_id="providers_add_site",
)
async def add_site(
    provider_id: uuid.UUID,
    body: SiteIn,
    request: Request,
    session: Session,
    idem: IdempotencyKey = None,
    caller: Caller = Depends(require(Permission.PROVIDERS_WRITE)),
) -> JSONResponse:
    async def create() -> JSONResponse:
        out = await service.add_site(session, request, caller, provider_id, body)
        return _created(out, f"/v1/providers/{out.id}")

    return await idempotent_call(session, request, caller, idem, body, create)


@providers_router.get(
    "/network-links/{network_link_id}", response_model=NetworkLinkOut, operation_id="network_links_get"
)
async def get_network_link(
    network_link_id: uuid.UUID,
    response: Response,
    session: Session,
    caller: Caller = Depends(require(Permission.PROVIDERS_READ)),
) -> NetworkLinkOut:
    out = await service.get_link(session, caller, network_link_id)
    set_etag(response, out.version)
    return out


@providers_router.patch(
    "/network-links/{network_link_id}", response_model=NetworkLinkOut, operation_id="network_links_update"
)
async def update_network_link(
    network_link_id: uuid.UUID,
    body: NetworkLinkPatch,
    request: Request,
    response: Response,
    session: Session,
    caller: Caller = Depends(require(Permission.PROVIDERS_WRITE)),
) -> NetworkLinkOut:
    """Suspend, reinstate or terminate a provider's contract for one program, or set its end date."""
    out = await service.update_link(session, request, caller, network_link_id, body)
    set_etag(response, out.version)
    return out
