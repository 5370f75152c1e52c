"""Who sees what: the tenancy rules, in one place. Every resource imports its scoping from here.

- A **provider** caller sees its own organization, the plans it contracts with, and data about itself.
- A **plan** caller sees itself, the providers in its network (any link status: a terminated provider's
  history stays visible) and its own members.
- A **state** caller sees the organizations of its jurisdiction (the Capacity Building program spans every
  plan there) and no member data.

Each function returns a SQL expression (a filter clause or a subquery of ids) so scoping happens in the
same statement as the read: no extra round trip, and no code path that loads first and checks later.
Objects outside the scope are reported as 404 by the callers (``problems.not_found``), never 403.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, false, literal, or_, select, union
from sqlalchemy.orm import InstrumentedAttribute

from oversight_app.caller import Caller
from oversight_db.models.members import Enrollment, Member
from oversight_db.models.organizations import NetworkLink, Organization

Column = InstrumentedAttribute[Any] | ColumnElement[Any]


def _jurisdiction_of(organization_id: uuid.UUID) -> Any:
    return select(Organization.jurisdiction).where(Organization.id == organization_id).scalar_subquery()


def _jurisdiction_orgs(caller: Caller, kind: str | None = None) -> Select[tuple[uuid.UUID]]:
    stmt = select(Organization.id).where(
        Organization.jurisdiction == _jurisdiction_of(caller.organization_id)
    )
    if kind is not None:
        stmt = stmt.where(Organization.kind == kind)
    return stmt


def network_provider_ids(plan_id: uuid.UUID) -> Select[tuple[uuid.UUID]]:
    return select(NetworkLink.provider_id).where(NetworkLink.plan_id == plan_id)


def contracting_plan_ids(provider_id: uuid.UUID) -> Select[tuple[uuid.UUID]]:
    return select(NetworkLink.plan_id).where(NetworkLink.provider_id == provider_id)


def visible_organization_ids(caller: Caller) -> Any:
    """A subquery of every organization id the caller may read."""
    own = select(literal(caller.organization_id).label("id"))
    if caller.organization_kind == "plan":
        return union(own, network_provider_ids(caller.organization_id)).subquery()
    if caller.organization_kind == "provider":
        return union(own, contracting_plan_ids(caller.organization_id)).subquery()
    return _jurisdiction_orgs(caller).subquery()


def organization_clause(caller: Caller, organization_id: Column) -> ColumnElement[bool]:
    """Rows about an organization the caller may read."""
    return organization_id.in_(select(visible_organization_ids(caller).c[0]))


def administered_clause(caller: Caller, organization_id: Column) -> ColumnElement[bool]:
    """Organizations whose own record the caller may change: itself; a state also its jurisdiction's."""
    if caller.organization_kind == "state":
        return or_(organization_id == caller.organization_id, organization_id.in_(_jurisdiction_orgs(caller)))
    return organization_id == caller.organization_id


def provider_clause(caller: Caller, provider_id: Column) -> ColumnElement[bool]:
    """Rows about a provider the caller may read: a plan's network, a provider itself, a state's jurisdiction."""
    if caller.organization_kind == "plan":
        return provider_id.in_(network_provider_ids(caller.organization_id))
    if caller.organization_kind == "provider":
        return provider_id == caller.organization_id
    return provider_id.in_(_jurisdiction_orgs(caller, "provider"))


def plan_clause(caller: Caller, plan_id: Column) -> ColumnElement[bool]:
    """Rows owned by a plan: the plan itself, its contracted providers (read), a state's jurisdiction."""
    if caller.organization_kind == "plan":
        return plan_id == caller.organization_id
    if caller.organization_kind == "provider":
        return plan_id.in_(contracting_plan_ids(caller.organization_id))
    return plan_id.in_(_jurisdiction_orgs(caller, "plan"))


def plan_provider_clause(caller: Caller, plan_id: Column, provider_id: Column) -> ColumnElement[bool]:
    """Rows about one plan-provider relationship (reviews, findings, action plans, notices).

    The plan sees its own; the provider sees those about itself (not another provider's with the same
    plan); the state sees those of its jurisdiction's plans.
    """
    if caller.organization_kind == "plan":
        return plan_id == caller.organization_id
    if caller.organization_kind == "provider":
        return provider_id == caller.organization_id
    return plan_id.in_(_jurisdiction_orgs(caller, "plan"))


def network_link_clause(caller: Caller) -> ColumnElement[bool]:
    return plan_provider_clause(caller, NetworkLink.plan_id, NetworkLink.provider_id)


def in_network_clause(
    plan_id: uuid.UUID,
    provider_id: Column,
    program: Column | str | None = None,
    *,
    active_on: date | None = None,
) -> ColumnElement[bool]:
    """``provider_id`` has a link with the plan (for ``program`` when given) that is not terminated; with
    ``active_on``, one that is ``active`` (not suspended) and whose contract has not ended by that date."""
    conditions = [NetworkLink.plan_id == plan_id, NetworkLink.provider_id == provider_id]
    if active_on is None:
        conditions.append(NetworkLink.status != "terminated")
    else:
        conditions += [
            NetworkLink.status == "active",
            or_(NetworkLink.effective_to.is_(None), NetworkLink.effective_to >= active_on),
        ]
    if program is not None:
        conditions.append(NetworkLink.program == program)
    return exists().where(and_(*conditions))


def member_clause(caller: Caller) -> ColumnElement[bool]:
    """Members (PHI): a plan sees the members it sent; a provider those enrolled with it; a state none."""
    if caller.organization_kind == "plan":
        return Member.plan_id == caller.organization_id
    if caller.organization_kind == "provider":
        return exists().where(
            Enrollment.member_id == Member.id, Enrollment.provider_id == caller.organization_id
        )
    return false()
