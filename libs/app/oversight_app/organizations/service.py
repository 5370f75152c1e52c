"""Organizations, providers and the network. Services only flush; the caller's unit of work commits.

Creating an organization has two doors into one use case. ``POST /v1/organizations`` is a state
administrator's (the route requires ``organizations:create``): the new organization is of the state's own
jurisdiction and the event goes to the state's audit chain. The ``oversight orgs create`` CLI is the
operator's, who holds the database and stands for no organization; that is how the first state of a
deployment comes to exist, when no caller can. Both run the same validation and insert
(:func:`_insert_organization`) after their own check: the operator names any jurisdiction and the event opens
the new organization's own chain, recorded as its administrator (:func:`administrator`), the way every other
CLI write acts for an organization.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, literal_column, or_, select, text
from sqlalchemy.dialects.postgresql import aggregate_order_by, insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app import tenancy
from oversight_app.audit import audit_event
from oversight_app.caller import Caller
from oversight_app.errors import ProblemError, conflict, not_found, unprocessable
from oversight_app.etags import check_if_match
from oversight_app.lookup import one_or_404
from oversight_app.organizations.schemas import (
    CONTACT_FIELDS,
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
from oversight_app.pagination import PageParams, keyset_page
from oversight_app.permissions import Role
from oversight_db.models.organizations import NetworkLink, Organization, ProviderSite

FieldErrors = list[dict[str, str]]

# The role an organization's own administrator holds; the CLI operator acts in it (``administrator``).
ADMINISTRATOR_ROLE: dict[str, Role] = {
    "state": Role.STATE_ADMIN,
    "plan": Role.PLAN_ADMIN,
    "provider": Role.PROVIDER,
}


def administrator(organization_id: uuid.UUID, kind: str, actor: str) -> Caller:
    """``actor`` (an operator, ``cli:<user>``) acting as the organization's own administrator."""
    return Caller(organization_id, kind, ADMINISTRATOR_ROLE[kind], actor)


async def _jurisdiction(session: AsyncSession, organization_id: uuid.UUID) -> str:
    value = await session.scalar(select(Organization.jurisdiction).where(Organization.id == organization_id))
    assert value is not None
    return value


# --- organizations -------------------------------------------------------------------------------------


def _npi_errors(body: OrganizationIn) -> FieldErrors:
    if body.kind == "provider" and body.npi is None:
        return [{"path": "body.npi", "message": "a provider needs an NPI"}]
    if body.kind != "provider" and body.npi is not None:
        return [{"path": "body.npi", "message": "only providers carry an NPI"}]
    return []


async def _insert_organization(
    session: AsyncSession, body: OrganizationIn, jurisdiction: str, errors: FieldErrors
) -> Organization:
    """Validate (``errors``: what the door's own check found) and insert; no permission check, no audit."""
    errors = errors + _npi_errors(body)
    if errors:
        raise unprocessable("the organization is not valid", errors)
    if body.npi and await session.scalar(select(Organization.id).where(Organization.npi == body.npi)):
        raise conflict("an organization with this NPI exists", slug="npi-taken")
    org = Organization(
        id=uuid.uuid4(),
        kind=body.kind,
        name=body.name,
        npi=body.npi,
        jurisdiction=jurisdiction,
        settings=body.settings.model_dump(mode="json", exclude_none=True),
        **body.model_dump(include=set(CONTACT_FIELDS)),
    )
    session.add(org)
    await session.flush()
    return org


async def _audit_created(
    session: AsyncSession, caller: Caller, org: Organization, body: OrganizationIn
) -> None:
    changes = {"fields": sorted(body.model_fields_set), "kind": body.kind}
    await audit_event(session, caller, "organization.created", "organization", org.id, changes)


async def create_organization(session: AsyncSession, caller: Caller, body: OrganizationIn) -> Organization:
    """A state creates an organization of its own jurisdiction (the default when the body names none)."""
    own = await _jurisdiction(session, caller.organization_id)
    jurisdiction = body.jurisdiction or own
    errors: FieldErrors = []
    if jurisdiction != own:
        errors.append({"path": "body.jurisdiction", "message": f"must be your jurisdiction ({own})"})
    org = await _insert_organization(session, body, jurisdiction, errors)
    await _audit_created(session, caller, org, body)
    return org


async def create_organization_as_operator(
    session: AsyncSession, actor: str, body: OrganizationIn
) -> Organization:
    """The operator (``actor``: ``cli:<user>``) creates an organization of any kind and jurisdiction; the
    body must name the jurisdiction, since there is no caller's to default to."""
    errors: FieldErrors = []
    if body.jurisdiction is None:
        errors.append({"path": "body.jurisdiction", "message": "name the jurisdiction, e.g. US-NC"})
    org = await _insert_organization(session, body, body.jurisdiction or "", errors)
    await _audit_created(session, administrator(org.id, org.kind, actor), org, body)
    return org


async def list_organizations(
    session: AsyncSession, caller: Caller, page: PageParams, kind: str | None
) -> tuple[list[OrganizationOut], str | None]:
    stmt = select(Organization).where(tenancy.organization_clause(caller, Organization.id))
    if kind is not None:
        stmt = stmt.where(Organization.kind == kind)
    rows, cursor = await keyset_page(session, stmt, [Organization.name, Organization.id], page)
    return [OrganizationOut.model_validate(r) for r in rows], cursor


async def get_organization(session: AsyncSession, caller: Caller, organization_id: uuid.UUID) -> Organization:
    org = await session.scalar(
        select(Organization).where(
            Organization.id == organization_id, tenancy.organization_clause(caller, Organization.id)
        )
    )
    if org is None:
        raise not_found("organization")
    return org


async def update_organization(
    session: AsyncSession,
    caller: Caller,
    organization_id: uuid.UUID,
    body: OrganizationPatch,
    if_match: str | None,
) -> Organization:
    org = await get_organization(session, caller, organization_id)
    administered = await session.scalar(
        select(
            exists().where(Organization.id == org.id, tenancy.administered_clause(caller, Organization.id))
        )
    )
    if not administered:
        # Visible (so a 403 reveals nothing new) but not the caller's to change.
        raise ProblemError(403, "you may change only your own organization", slug="forbidden")
    check_if_match(if_match, org.version)
    changed = body.model_dump(mode="json", exclude_unset=True, exclude_none=True)
    for field, value in changed.items():
        setattr(org, field, value)
    await session.flush()
    await audit_event(
        session, caller, "organization.updated", "organization", org.id, {"fields": sorted(changed)}
    )
    await session.refresh(org)
    return org


# --- providers -----------------------------------------------------------------------------------------


def site_clause(caller: Caller) -> ColumnElement[bool]:
    """Sites the caller may read: a provider's own sites, plus the entries tenancy's plan-provider rule lets the
    caller see (a plan its own; the provider every plan's entry about it; a state its jurisdiction's plans').
    Another plan's entry about the same provider is outside it, so it is a 404 like any other tenant's row."""
    return and_(
        tenancy.provider_clause(caller, ProviderSite.provider_id),
        or_(
            ProviderSite.owner_id == ProviderSite.provider_id,
            tenancy.plan_provider_clause(caller, ProviderSite.owner_id, ProviderSite.provider_id),
        ),
    )


def _owner_kind() -> Any:
    return case(
        (ProviderSite.owner_id == ProviderSite.provider_id, literal_column("'provider'")),
        else_=literal_column("'plan'"),
    )


def _sites_json(caller: Caller) -> Any:
    site = func.jsonb_build_object(
        "id",
        ProviderSite.id,
        "name",
        ProviderSite.name,
        "address_line",
        ProviderSite.address_line,
        "city",
        ProviderSite.city,
        "state",
        ProviderSite.state,
        "postal_code",
        ProviderSite.postal_code,
        "county",
        ProviderSite.county,
        "owner",
        _owner_kind(),
        "owner_id",
        ProviderSite.owner_id,
        "version",
        ProviderSite.version,
    )
    # Two owners may each have a "Main": the provider's own first, then by id, so the order is stable.
    order = aggregate_order_by(site, ProviderSite.name, _owner_kind().desc(), ProviderSite.id)
    return (
        select(func.coalesce(func.jsonb_agg(order), text("'[]'::jsonb")))
        .where(ProviderSite.provider_id == Organization.id, site_clause(caller))
        .correlate(Organization)
        .scalar_subquery()
    )


def _links_json(caller: Caller) -> Any:
    link = func.jsonb_build_object(
        "id",
        NetworkLink.id,
        "plan_id",
        NetworkLink.plan_id,
        "provider_id",
        NetworkLink.provider_id,
        "program",
        NetworkLink.program,
        "status",
        NetworkLink.status,
        "effective_from",
        NetworkLink.effective_from,
        "effective_to",
        NetworkLink.effective_to,
        "version",
        NetworkLink.version,
    )
    order = aggregate_order_by(link, NetworkLink.plan_id, NetworkLink.program)
    return (
        select(func.coalesce(func.jsonb_agg(order), text("'[]'::jsonb")))
        .where(NetworkLink.provider_id == Organization.id, tenancy.network_link_clause(caller))
        .correlate(Organization)
        .scalar_subquery()
    )


def _provider_select(caller: Caller) -> Select[Any]:
    """One statement per page: providers with their sites and visible links aggregated as JSON."""
    return select(
        Organization.id,
        Organization.name,
        Organization.npi,
        Organization.jurisdiction,
        Organization.version,
        *(getattr(Organization, name) for name in CONTACT_FIELDS),
        _sites_json(caller).label("sites"),
        _links_json(caller).label("network"),
    ).where(Organization.kind == "provider", tenancy.provider_clause(caller, Organization.id))


def _provider_out(row: Any) -> ProviderOut:
    return ProviderOut.model_validate(dict(row._mapping))


async def get_provider(session: AsyncSession, caller: Caller, provider_id: uuid.UUID) -> ProviderOut:
    row = (
        await session.execute(_provider_select(caller).where(Organization.id == provider_id))
    ).one_or_none()
    if row is None:
        raise not_found("provider")
    return _provider_out(row)


async def list_providers(
    session: AsyncSession,
    caller: Caller,
    page: PageParams,
    program: str | None,
    status: str | None,
    npi: str | None,
) -> tuple[list[ProviderOut], str | None]:
    stmt = _provider_select(caller)
    if npi is not None:
        stmt = stmt.where(Organization.npi == npi)
    if program is not None or status is not None:
        conditions = [NetworkLink.provider_id == Organization.id, tenancy.network_link_clause(caller)]
        if program is not None:
            conditions.append(NetworkLink.program == program)
        if status is not None:
            conditions.append(NetworkLink.status == status)
        stmt = stmt.where(exists().where(and_(*conditions)))
    rows, cursor = await keyset_page(session, stmt, [Organization.name, Organization.id], page, scalars=False)
    return [_provider_out(r) for r in rows], cursor


async def _insert_sites(
    session: AsyncSession, provider_id: uuid.UUID, owner_id: uuid.UUID, sites: list[SiteIn]
) -> int:
    """Insert ``owner_id``'s sites for the provider; a name the owner already has is skipped (counted out)."""
    if not sites:
        return 0
    names = [s.name for s in sites]
    if len(set(names)) != len(names):
        raise unprocessable(
            "site names must be unique",
            [
                {"path": f"body.sites[{i}].name", "message": "duplicate site name"}
                for i, n in enumerate(names)
                if names.index(n) != i
            ],
        )
    result = await session.execute(
        insert(ProviderSite)
        .values(
            [
                {
                    "id": uuid.uuid4(),
                    "provider_id": provider_id,
                    "owner_id": owner_id,
                    "version": 1,
                    **s.model_dump(),
                }
                for s in sites
            ]
        )
        .on_conflict_do_nothing(index_elements=["provider_id", "owner_id", "name"])
        .returning(ProviderSite.id)
    )
    return len(result.all())


def _check_addition(caller: Caller, body: ProviderIn) -> None:
    if caller.organization_kind != "plan":
        raise ProblemError(403, "only a plan adds providers to its network", slug="forbidden")
    if body.effective_to is not None and body.effective_to < body.effective_from:
        raise unprocessable(
            "the link ends before it starts",
            [{"path": "body.effective_to", "message": "before effective_from"}],
        )


async def _provider_for_npi(
    session: AsyncSession, caller: Caller, body: ProviderIn
) -> tuple[uuid.UUID, bool]:
    """The NPI's provider organization, created unless it exists: (its id, whether it is new).

    ON CONFLICT makes two plans adding one new NPI at once safe: one inserts, the other finds it.
    """
    jurisdiction = body.jurisdiction or await _jurisdiction(session, caller.organization_id)
    created = await session.scalar(
        insert(Organization)
        .values(
            id=uuid.uuid4(),
            kind="provider",
            name=body.name,
            npi=body.npi,
            jurisdiction=jurisdiction,
            settings=body.settings.model_dump(mode="json", exclude_none=True),
            **body.model_dump(include=set(CONTACT_FIELDS)),
            version=1,
        )
        .on_conflict_do_nothing(index_elements=["npi"], index_where=Organization.npi.is_not(None))
        .returning(Organization.id)
    )
    if created is not None:
        await audit_event(
            session,
            caller,
            "organization.created",
            "organization",
            created,
            {"fields": ["kind", "name", "npi", "jurisdiction", "settings"], "kind": "provider"},
        )
        return created, True
    existing = (
        await session.execute(select(Organization.id, Organization.kind).where(Organization.npi == body.npi))
    ).one()
    if existing.kind != "provider":
        raise conflict("this NPI belongs to an organization that is not a provider", slug="npi-taken")
    return existing.id, False


async def _link_to_network(
    session: AsyncSession, caller: Caller, provider_id: uuid.UUID, body: ProviderIn, new_provider: bool
) -> None:
    link_id = await session.scalar(
        insert(NetworkLink)
        .values(
            id=uuid.uuid4(),
            plan_id=caller.organization_id,
            provider_id=provider_id,
            program=body.program,
            status="active",
            effective_from=body.effective_from,
            effective_to=body.effective_to,
            version=1,
        )
        .on_conflict_do_nothing(index_elements=["plan_id", "provider_id", "program"])
        .returning(NetworkLink.id)
    )
    if link_id is None:
        raise conflict(f"this provider is already in your {body.program} network", slug="already-in-network")
    await audit_event(
        session,
        caller,
        "network_link.created",
        "network_link",
        link_id,
        {
            "fields": ["program", "status", "effective_from", "effective_to"],
            "provider_id": str(provider_id),
            "program": body.program,
            "new_provider": new_provider,
        },
    )


async def add_provider(session: AsyncSession, caller: Caller, body: ProviderIn) -> ProviderOut:
    """A plan adds a provider (by NPI, created if new) to its network for one program, with its sites."""
    _check_addition(caller, body)
    provider_id, new_provider = await _provider_for_npi(session, caller, body)
    await _link_to_network(session, caller, provider_id, body, new_provider)
    # The plan's sites are its own entries, whether the provider is new or another plan's already.
    sites = await _insert_sites(session, provider_id, caller.organization_id, body.sites)
    if sites:
        await audit_event(
            session, caller, "provider_site.created", "organization", provider_id, {"count": sites}
        )
    return await get_provider(session, caller, provider_id)


def _site_owner(caller: Caller) -> uuid.UUID:
    """Whose entry a new site is: the calling plan's own, or the provider's own when the provider adds it."""
    if caller.organization_kind not in ("plan", "provider"):
        raise ProblemError(403, "only a plan or the provider itself enters sites", slug="forbidden")
    return caller.organization_id


async def add_site(session: AsyncSession, caller: Caller, provider_id: uuid.UUID, body: SiteIn) -> SiteOut:
    """Add a site: a plan's own entry about a provider in its network, or a provider's own site. Answers the
    new site (what a client reads, links and deletes next), not the provider."""
    await get_provider(session, caller, provider_id)  # 404 outside the caller's network (or not itself)
    owner_id = _site_owner(caller)
    if not await _insert_sites(session, provider_id, owner_id, [body]):
        raise conflict("you already have a site with that name for this provider", slug="site-exists")
    await audit_event(session, caller, "provider_site.created", "organization", provider_id, {"count": 1})
    site_id = await session.scalar(
        select(ProviderSite.id).where(
            ProviderSite.provider_id == provider_id,
            ProviderSite.owner_id == owner_id,
            ProviderSite.name == body.name,
        )
    )
    assert site_id is not None  # inserted just above
    return await get_site(session, caller, provider_id, site_id)


async def _load_site(
    session: AsyncSession, caller: Caller, provider_id: uuid.UUID, site_id: uuid.UUID, *, lock: bool = False
) -> ProviderSite:
    stmt = select(ProviderSite).where(
        ProviderSite.id == site_id, ProviderSite.provider_id == provider_id, site_clause(caller)
    )
    return await one_or_404(session, stmt, "site", lock=lock)


async def _own_site(
    session: AsyncSession, caller: Caller, provider_id: uuid.UUID, site_id: uuid.UUID
) -> ProviderSite:
    site = await _load_site(session, caller, provider_id, site_id, lock=True)
    if site.owner_id != caller.organization_id:
        # Visible (the provider sees each plan's entry about it, a state its plans'), so a 403 reveals nothing;
        # another plan's entry never gets here: it is outside site_clause, a 404.
        raise ProblemError(403, "only the organization that entered a site changes it", slug="forbidden")
    return site


async def get_site(
    session: AsyncSession, caller: Caller, provider_id: uuid.UUID, site_id: uuid.UUID
) -> SiteOut:
    return SiteOut.model_validate(await _load_site(session, caller, provider_id, site_id))


async def update_site(
    session: AsyncSession,
    caller: Caller,
    provider_id: uuid.UUID,
    site_id: uuid.UUID,
    body: SitePatch,
    if_match: str | None,
) -> SiteOut:
    site = await _own_site(session, caller, provider_id, site_id)
    check_if_match(if_match, site.version)
    changed = body.model_dump(exclude_unset=True)
    try:
        # A savepoint, so a rename onto another of the owner's names is a 409 and the request goes on.
        async with session.begin_nested():
            for field, value in changed.items():
                setattr(site, field, value)
            await session.flush()
    except IntegrityError:
        raise conflict(
            "you already have a site with that name for this provider", slug="site-exists"
        ) from None
    await audit_event(
        session,
        caller,
        "provider_site.updated",
        "provider_site",
        site.id,
        {"fields": sorted(changed), "provider_id": str(provider_id)},
    )
    await session.refresh(site)
    return SiteOut.model_validate(site)


async def delete_site(
    session: AsyncSession, caller: Caller, provider_id: uuid.UUID, site_id: uuid.UUID
) -> None:
    site = await _own_site(session, caller, provider_id, site_id)
    await session.delete(site)
    await session.flush()
    await audit_event(
        session, caller, "provider_site.deleted", "provider_site", site_id, {"provider_id": str(provider_id)}
    )


# --- network links -------------------------------------------------------------------------------------


async def _load_link(session: AsyncSession, caller: Caller, link_id: uuid.UUID) -> NetworkLink:
    link = await session.scalar(
        select(NetworkLink).where(NetworkLink.id == link_id, tenancy.network_link_clause(caller))
    )
    if link is None:
        raise not_found("network link")
    return link


async def get_link(session: AsyncSession, caller: Caller, link_id: uuid.UUID) -> NetworkLinkOut:
    return NetworkLinkOut.model_validate(await _load_link(session, caller, link_id), from_attributes=True)


async def update_link(
    session: AsyncSession,
    caller: Caller,
    link_id: uuid.UUID,
    body: NetworkLinkPatch,
    if_match: str | None,
) -> NetworkLinkOut:
    link = await _load_link(session, caller, link_id)
    if link.plan_id != caller.organization_id:
        raise ProblemError(403, "only the plan changes its network", slug="forbidden")
    check_if_match(if_match, link.version)
    changed = body.model_dump(exclude_unset=True)
    if changed.get("status") is None:
        changed.pop("status", None)
    effective_to = changed.get("effective_to", link.effective_to)
    if effective_to is not None and effective_to < link.effective_from:
        raise unprocessable(
            "the link ends before it starts",
            [{"path": "body.effective_to", "message": "before effective_from"}],
        )
    for field, value in changed.items():
        setattr(link, field, value)
    await session.flush()
    await audit_event(
        session,
        caller,
        "network_link.updated",
        "network_link",
        link.id,
        {"fields": sorted(changed), **({"status": changed["status"]} if "status" in changed else {})},
    )
    await session.refresh(link)
    return NetworkLinkOut.model_validate(link, from_attributes=True)
