"""Every router the app serves, in one list (new resources add a line here)."""

from __future__ import annotations

from fastapi import APIRouter

from oversight_api.health.router import router as health_router
from oversight_api.notices.router import router as notices_router
from oversight_api.webhooks.router import router as webhooks_router

ROOT_ROUTERS: list[APIRouter] = [health_router]
V1_ROUTERS: list[APIRouter] = []
V1_ROUTERS.append(notices_router)
V1_ROUTERS.append(webhooks_router)
