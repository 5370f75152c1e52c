"""Who may call the organization, provider and network-link routes (the matrix is ``oversight_app.permissions``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from oversight_api.auth.caller import require
from oversight_app.caller import Caller
from oversight_app.permissions import Permission

OrganizationsRead = Annotated[Caller, Depends(require(Permission.ORGANIZATIONS_READ))]
OrganizationsWrite = Annotated[Caller, Depends(require(Permission.ORGANIZATIONS_WRITE))]
OrganizationsCreate = Annotated[Caller, Depends(require(Permission.ORGANIZATIONS_CREATE))]
ProvidersRead = Annotated[Caller, Depends(require(Permission.PROVIDERS_READ))]
ProvidersWrite = Annotated[Caller, Depends(require(Permission.PROVIDERS_WRITE))]
# A site is an entry in the caller's own record (a plan's about a provider in its network, or a provider's
# about itself), so writing one is organizations:write: held by plan admins and by providers, which
# providers:write (a plan's network) is not.
SitesWrite = Annotated[Caller, Depends(require(Permission.ORGANIZATIONS_WRITE))]
