"""Sending one notice over one channel: signed webhooks and SMTP e-mail.

Each send returns an ``Outcome`` (delivered, retry or failed) and never raises for the receiver's faults;
``last_error`` is an HTTP status or an exception type, never a response body.
"""

from __future__ import annotations

import asyncio
import binascii
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from typing import Any, Literal, Protocol

import aiosmtplib
import httpx
from standardwebhooks import Webhook

from oversight_db.settings import Settings
from oversight_worker.render import RenderedEmail
from oversight_worker.retry import retryable_status
from oversight_worker.webhooks import WebhookClient

USER_AGENT = "Oversight-Webhooks/1"


@dataclass(frozen=True)
class Outcome:
    result: Literal["delivered", "retry", "failed", "cancelled"]
    status_code: int | None = None
    error: str | None = None


class WebhookTarget(Protocol):
    """What a signed POST needs of a ``webhook_endpoint`` row (the ORM object or the worker's snapshot)."""

    @property
    def url(self) -> str: ...
    @property
    def secret(self) -> str: ...
    @property
    def previous_secret(self) -> str | None: ...
    @property
    def previous_secret_expires_at(self) -> datetime | None: ...
    @property
    def deleted_at(self) -> datetime | None: ...


def signature_header(endpoint: WebhookTarget, notice_id: str, timestamp: datetime, body: bytes) -> str:
    """``webhook-signature`` (Standard Webhooks): ``v1,<base64>`` signed with the endpoint's secret by the
    ``standardwebhooks`` library; during a rotation's grace period a second one, signed with the previous
    secret, follows after a space, so receivers can switch secrets without rejecting deliveries. Raises
    ``ValueError`` for a secret that is not ``whsec_`` + base64."""
    secrets = [endpoint.secret]
    if (
        endpoint.previous_secret
        and endpoint.previous_secret_expires_at is not None
        and endpoint.previous_secret_expires_at > timestamp
    ):
        secrets.append(endpoint.previous_secret)
    if not all(s.removeprefix("whsec_") for s in secrets):
        raise ValueError("empty webhook secret")  # checked here: the library's own error is not public
    # The body is JSON we rendered (UTF-8); the library signs text.
    data = body.decode()
    return " ".join(Webhook(secret).sign(notice_id, timestamp, data) for secret in secrets)


async def send_webhook(
    client: WebhookClient,
    endpoint: WebhookTarget,
    body: bytes,
    notice_id: str,
    kind: str,
    now: datetime,
    timeout_seconds: float,
) -> Outcome:
    if endpoint.deleted_at is not None:
        return Outcome("cancelled", error="endpoint deleted")
    try:
        signature = signature_header(endpoint, notice_id, now, body)
    except (binascii.Error, ValueError):
        # Never the secret itself in the error; a new secret (rotate-secret) is the fix, not a retry.
        return Outcome("failed", error="endpoint secret is not whsec_ + base64")
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        # Standard Webhooks: the id is the notice's, the same on every retry (receivers de-duplicate on it);
        # the timestamp is this attempt's, and what was signed.
        "webhook-id": notice_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
        # Kept from before the Standard Webhooks headers (README): the same value as webhook-id.
        "Idempotency-Key": notice_id,
        "Oversight-Event": kind,
    }
    try:
        # Redirects are not followed (the client never does): a 3xx is the receiver's misconfiguration.
        code = await client.post(endpoint.url, headers, body, timeout_seconds=timeout_seconds)
    except TimeoutError as exc:
        return Outcome("retry", error=f"timeout ({type(exc).__name__})")
    except (httpx.HTTPError, httpx.InvalidURL, OSError, ValueError) as exc:
        # ValueError: a header it cannot send. The class of the underlying error, never its message.
        return Outcome("retry", error=f"connection error ({type(exc.__cause__ or exc).__name__})")
    if 200 <= code < 300:
        return Outcome("delivered", status_code=code)
    if retryable_status(code):
        return Outcome("retry", status_code=code, error=f"HTTP {code}")
    return Outcome("failed", status_code=code, error=f"HTTP {code}")


def email_recipients(org_settings: dict[str, Any], role: str | None) -> list[str]:
    """The organization's notice addresses; a notice for a role goes to that role's list when it has one."""
    by_role = org_settings.get("role_emails") or {}
    if role and isinstance(by_role, dict) and by_role.get(role):
        return [str(a) for a in by_role[role]]
    return [str(a) for a in (org_settings.get("emails") or [])]


def build_email(
    settings: Settings, recipients: list[str], rendered: RenderedEmail, notice_id: str
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = ", ".join(recipients)
    message["Subject"] = rendered.subject
    # Lets mail systems and people's filters thread and de-duplicate retries of the same notice.
    message["Message-ID"] = f"<notice-{notice_id}@oversight>"
    message["X-Oversight-Notice-Id"] = notice_id
    message.set_content(rendered.text)
    message.add_alternative(rendered.html, subtype="html")
    return message


async def send_email(
    settings: Settings, message: EmailMessage, slots: asyncio.Semaphore | None = None
) -> Outcome:
    """Send over a new SMTP session; with ``slots``, only when one is free (waiting for one counts against
    the timeout, like a webhook waiting for a connection)."""
    if not settings.smtp_host:
        return Outcome("failed", error="SMTP is not configured")
    if slots is None:
        return await _smtp_send(settings, message)
    try:
        async with asyncio.timeout(settings.webhook_timeout_seconds):
            await slots.acquire()
    except TimeoutError:
        return Outcome("retry", error="SMTP connection error (PoolTimeout)")
    try:
        return await _smtp_send(settings, message)
    finally:
        slots.release()


async def _smtp_send(settings: Settings, message: EmailMessage) -> Outcome:
    try:
        await aiosmtplib.send(
            message,
            hostname=settings.smtp_host,
            port=settings.smtp_port,
            start_tls=settings.smtp_starttls,
            username=settings.smtp_username,
            password=settings.smtp_password.get_secret_value() if settings.smtp_password else None,
            timeout=settings.webhook_timeout_seconds,
        )
    except aiosmtplib.SMTPResponseException as exc:
        # 4xx replies are temporary by definition (RFC 5321); 5xx are permanent.
        result: Literal["retry", "failed"] = "retry" if 400 <= exc.code < 500 else "failed"
        return Outcome(result, status_code=exc.code, error=f"SMTP {exc.code}")
    except aiosmtplib.SMTPRecipientsRefused:
        return Outcome("failed", error="SMTP recipients refused")
    except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
        return Outcome("retry", error=f"SMTP connection error ({type(exc).__name__})")
    return Outcome("delivered")
