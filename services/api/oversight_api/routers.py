"""Every router the app serves, in one list (new resources add a line here)."""

from __future__ import annotations

from fastapi import APIRouter

from oversight_api.action_plans.router import router as action_plans_router
from oversight_api.action_plans.router import standing_router
from oversight_api.api_keys.router import router as api_keys_router
from oversight_api.audit_events.router import router as audit_events_router
from oversight_api.business_calendars.router import router as calendars_router
from oversight_api.capacity.router import router as capacity_router
from oversight_api.checks.router import router as checks_router
from oversight_api.disputes.router import router as disputes_router
from oversight_api.documents.router import router as documents_router
from oversight_api.health.router import router as health_router
from oversight_api.imports.router import router as imports_router
from oversight_api.members.router import router as members_router
from oversight_api.notices.router import router as notices_router
from oversight_api.obligations.router import router as obligations_router
from oversight_api.organizations.router import providers_router
from oversight_api.organizations.router import router as organizations_router
from oversight_api.ping.router import router as ping_router
from oversight_api.reports.router import router as reports_router
from oversight_api.reviews.router import router as reviews_router
from oversight_api.tools.router import router as tools_router
from oversight_api.webhooks.router import router as webhooks_router

ROOT_ROUTERS: list[APIRouter] = [health_router]
V1_ROUTERS: list[APIRouter] = [
    imports_router,
    checks_router,
    calendars_router,
    ping_router,
    organizations_router,
    providers_router,
    api_keys_router,
    audit_events_router,
    members_router,
    tools_router,
    reviews_router,
    action_plans_router,
    standing_router,
    disputes_router,
    notices_router,
    webhooks_router,
    capacity_router,
    obligations_router,
    documents_router,
    reports_router,
]
