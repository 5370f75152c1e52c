"""Organizations, providers (a plan's network) and network links."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from pydantic import StringConstraints

from oversight_api.conventions.etags import IfMatch
from oversight_api.conventions.idempotency import idempotent
from oversight_api.conventions.pagination import Pagination
from oversight_api.conventions.responses import respond
from oversight_api.deps import Session
from oversight_api.organizations.auth import (
    OrganizationsCreate,
    OrganizationsRead,
    OrganizationsWrite,
    ProvidersRead,
    ProvidersWrite,
    SitesWrite,
)
from oversight_app.organizations import service
from oversight_app.organizations.schemas import (
    NetworkLinkOut,
    NetworkLinkPatch,
    OrganizationIn,
    OrganizationOut,
    OrganizationPatch,
    ProviderIn,
    ProviderOut,
    SiteIn,
    SiteOut,
    SitePatch,
)
from oversight_app.pagination import Page

router = APIRouter(tags=["organizations"])
providers_router = APIRouter(tags=["providers"])


@router.post(
    "/organizations", status_code=201, response_model=OrganizationOut, operation_id="organizations_create"
)
@idempotent
async def create_organization(
    body: OrganizationIn, session: Session, caller: OrganizationsCreate
) -> Response:
    org = OrganizationOut.model_validate(await service.create_organization(session, caller, body))
    return respond(org, status=201, etag=org.version, location=f"/v1/organizations/{org.id}")


@router.get("/organizations", response_model=Page[OrganizationOut], operation_id="organizations_list")
async def list_organizations(
    session: Session,
    page: Pagination,
    caller: OrganizationsRead,
    kind: Literal["state", "plan", "provider"] | None = None,
) -> Page[OrganizationOut]:
    items, cursor = await service.list_organizations(session, caller, page, kind)
    return Page(items=items, next_cursor=cursor)


@router.get(
    "/organizations/{organization_id}", response_model=OrganizationOut, operation_id="organizations_get"
)
async def get_organization(
    organization_id: uuid.UUID, session: Session, caller: OrganizationsRead
) -> Response:
    org = OrganizationOut.model_validate(await service.get_organization(session, caller, organization_id))
    return respond(org, etag=org.version)


@router.patch(
    "/organizations/{organization_id}", response_model=OrganizationOut, operation_id="organizations_update"
)
async def update_organization(
    organization_id: uuid.UUID,
    body: OrganizationPatch,
    session: Session,
    caller: OrganizationsWrite,
    if_match: IfMatch = None,
) -> Response:
    updated = await service.update_organization(session, caller, organization_id, body, if_match)
    org = OrganizationOut.model_validate(updated)
    return respond(org, etag=org.version)


@providers_router.post(
    "/providers", status_code=201, response_model=ProviderOut, operation_id="providers_add_to_network"
)
@idempotent
async def add_provider(body: ProviderIn, session: Session, caller: ProvidersWrite) -> Response:
    provider = await service.add_provider(session, caller, body)
    return respond(provider, status=201, etag=provider.version, location=f"/v1/providers/{provider.id}")


@providers_router.get("/providers", response_model=Page[ProviderOut], operation_id="providers_list")
async def list_providers(
    session: Session,
    page: Pagination,
    caller: ProvidersRead,
    program: Literal["ecm", "tcm"] | None = None,
    status: Literal["active", "suspended", "terminated"] | None = Query(
        None, description="Network link status"
    ),
    npi: Annotated[str, StringConstraints(pattern=r"^\d{10}$")] | None = Query(None),
) -> Page[ProviderOut]:
    items, cursor = await service.list_providers(session, caller, page, program, status, npi)
    return Page(items=items, next_cursor=cursor)


@providers_router.get("/providers/{provider_id}", response_model=ProviderOut, operation_id="providers_get")
async def get_provider(provider_id: uuid.UUID, session: Session, caller: ProvidersRead) -> Response:
    provider = await service.get_provider(session, caller, provider_id)
    return respond(provider, etag=provider.version)


@providers_router.post(
    "/providers/{provider_id}/sites",
    status_code=201,
    response_model=ProviderOut,
    operation_id="providers_add_site",
)
@idempotent
async def add_site(provider_id: uuid.UUID, body: SiteIn, session: Session, caller: SitesWrite) -> Response:
    """A plan adds its own site for a provider in its network (no other plan sees it); the provider adds its
    own (every plan it contracts with sees it)."""
    provider = await service.add_site(session, caller, provider_id, body)
    return respond(provider, status=201, etag=provider.version, location=f"/v1/providers/{provider.id}")


@providers_router.get(
    "/providers/{provider_id}/sites/{site_id}", response_model=SiteOut, operation_id="providers_get_site"
)
async def get_site(
    provider_id: uuid.UUID, site_id: uuid.UUID, session: Session, caller: ProvidersRead
) -> Response:
    site = await service.get_site(session, caller, provider_id, site_id)
    return respond(site, etag=site.version)


@providers_router.patch(
    "/providers/{provider_id}/sites/{site_id}", response_model=SiteOut, operation_id="providers_update_site"
)
async def update_site(
    provider_id: uuid.UUID,
    site_id: uuid.UUID,
    body: SitePatch,
    session: Session,
    caller: SitesWrite,
    if_match: IfMatch = None,
) -> Response:
    """Change a site you entered (a plan its own, a provider its own); another plan's site is a 404."""
    site = await service.update_site(session, caller, provider_id, site_id, body, if_match)
    return respond(site, etag=site.version)


@providers_router.delete(
    "/providers/{provider_id}/sites/{site_id}", status_code=204, operation_id="providers_delete_site"
)
async def delete_site(
    provider_id: uuid.UUID, site_id: uuid.UUID, session: Session, caller: SitesWrite
) -> Response:
    """Remove a site you entered. Takes no If-Match, like the other deletes (API keys, webhook endpoints)."""
    await service.delete_site(session, caller, provider_id, site_id)
    return Response(status_code=204)


@providers_router.get(
    "/network-links/{network_link_id}", response_model=NetworkLinkOut, operation_id="network_links_get"
)
async def get_network_link(network_link_id: uuid.UUID, session: Session, caller: ProvidersRead) -> Response:
    link = await service.get_link(session, caller, network_link_id)
    return respond(link, etag=link.version)


@providers_router.patch(
    "/network-links/{network_link_id}", response_model=NetworkLinkOut, operation_id="network_links_update"
)
async def update_network_link(
    network_link_id: uuid.UUID,
    body: NetworkLinkPatch,
    session: Session,
    caller: ProvidersWrite,
    if_match: IfMatch = None,
) -> Response:
    """Suspend, reinstate or terminate a provider's contract for one program, or set its end date."""
    link = await service.update_link(session, caller, network_link_id, body, if_match)
    return respond(link, etag=link.version)
