"""Rendering notices: e-mail subject, plain text and HTML from jinja2 templates, and the webhook payload.

Everything renders from ``notice.data`` (ids and non-PHI facts) and links built from ``public_base_url``:
no template is given a member, a session or a model object, so none can leak member data.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from jinja2 import Environment, PackageLoader, Template, TemplateNotFound

from oversight_db.notice_kinds import NOTICE_KINDS, links_for

# Seed 000: providers are notified ahead "to allow time for providers to work with their care management
# platform vendors to establish user login access for the monitoring staff".
DEFAULT_ACCESS_NEEDED = (
    "User login access to your care management platform for the monitoring staff "
    "(arrange it with your platform vendor before the review date)",
    "Read access to the member records in the sample for the period under review",
)
_PLAN_TYPES = {"pip": "Performance Improvement Plan (PIP)", "cap": "Corrective Action Plan (CAP)"}
_OUTCOMES = {"pass": "Pass", "conditional_pass": "Conditional Pass", "pip": "Performance Improvement Plan"}


class NoticeDataError(ValueError):
    """The notice lacks a key its kind requires: rendering it would send an e-mail with holes in it."""


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def _longdate(value: Any) -> str:
    if isinstance(value, str):
        text: str = value
        try:
            value = date.fromisoformat(text[:10])
        except ValueError:
            return text
    if isinstance(value, datetime | date):
        month: str = value.strftime("%B")
        return f"{month} {value.day}, {value.year}"
    return "" if value is None else str(value)


def _humanize(value: Any) -> str:
    return str(value).replace("_", " ")


def _percent(value: Any) -> str:
    try:
        return f"{float(value):.1f}%"
    except (TypeError, ValueError):
        return str(value)


def _environment(autoescape: bool) -> Environment:
    env = Environment(
        loader=PackageLoader("oversight_worker", "templates"),
        autoescape=autoescape,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    filters: dict[str, Callable[[Any], str]] = {
        "longdate": _longdate,
        "humanize": _humanize,
        "percent": _percent,
        "plan_type": lambda v: _PLAN_TYPES.get(str(v).lower(), str(v).upper()),
        "outcome": lambda v: _OUTCOMES.get(str(v).lower(), _humanize(v)),
    }
    env.filters.update(filters)
    return env


_TEXT_ENV = _environment(autoescape=False)
_HTML_ENV = _environment(autoescape=True)


def _template(env: Environment, kind: str) -> Template:
    try:
        return env.get_template(f"{kind}.j2")
    except TemplateNotFound:
        return env.get_template("_generic.j2")


def _context(kind: str, notice_id: str, data: Mapping[str, Any], base_url: str) -> dict[str, Any]:
    spec = NOTICE_KINDS.get(kind)
    # Templates see only the keys their kind declares: whatever else a writer put in ``data`` (by mistake,
    # member data) cannot reach an e-mail. An unknown kind gets the generic template and no data at all.
    declared = sorted(spec.keys) if spec is not None else []
    data = {key: data[key] for key in declared if key in data}
    if spec is not None:
        missing = [key for key in spec.required if data.get(key) in (None, "")]
        if missing:
            raise NoticeDataError(f"{kind} notice lacks {', '.join(missing)}")
    holds = data.get("holds") or []
    sections = data.get("sections") or []
    access = data.get("access_needed") or DEFAULT_ACCESS_NEEDED
    requiring_action = data.get("sections_requiring_action") or []
    return {
        "kind": kind,
        "data": data,
        "links": links_for(base_url, notice_id, data),
        "access_needed": [access] if isinstance(access, str) else list(access),
        "holds": [_humanize(h) for h in holds] if isinstance(holds, list) else [],
        "sections": sections if isinstance(sections, list) else [],
        "requiring_action": [str(s) for s in requiring_action] if isinstance(requiring_action, list) else [],
    }


def _block(template: Template, name: str, context: dict[str, Any]) -> str:
    return "".join(template.blocks[name](template.new_context(context))).strip()


def render_email(
    kind: str, notice_id: uuid.UUID | str, data: Mapping[str, Any], base_url: str
) -> RenderedEmail:
    context = _context(kind, str(notice_id), data, base_url)
    text_template = _template(_TEXT_ENV, kind)
    subject = " ".join(_block(text_template, "subject", context).split())
    text = _block(text_template, "text", context) + "\n"
    html = _template(_HTML_ENV, kind).render(context)
    return RenderedEmail(subject=subject, text=text, html=html)


def webhook_payload(
    notice_id: uuid.UUID, kind: str, created_at: datetime, data: Mapping[str, Any], base_url: str
) -> dict[str, Any]:
    """``{id, type, created_at, data}``: the notice's ids and facts plus links, nothing else."""
    return {
        "id": str(notice_id),
        "type": kind,
        "created_at": created_at.isoformat(),
        "data": {**data, "links": links_for(base_url, str(notice_id), data)},
    }


def webhook_body(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, separators=(",", ":"), sort_keys=True, default=str).encode()
