"""Load, parse and dump review tools (YAML or JSON); the shipped tools are package data."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import ValidationError

from oversight_domain.tools.models import ToolVersion, errors_from_pydantic

Format = Literal["yaml", "json"]

SHIPPED_TOOL_KEYS: tuple[str, ...] = ("ecm-partnership", "nc-tcm-monitoring")


class ToolValidationError(ValueError):
    """A tool document is invalid. ``errors`` lists ``{"path": ..., "message": ...}`` dicts, where
    ``path`` looks like ``sections[2].elements[0].points`` (``""`` for the document itself)."""

    def __init__(self, errors: list[dict[str, str]]) -> None:
        self.errors = errors
        summary = "; ".join(f"{e['path'] or '<document>'}: {e['message']}" for e in errors[:5])
        more = f" (+{len(errors) - 5} more)" if len(errors) > 5 else ""
        super().__init__(f"invalid tool: {summary}{more}")


def parse_tool(source: str | bytes | Mapping[str, Any], fmt: Format = "yaml") -> ToolVersion:
    """Validate a tool from YAML/JSON text or an already-decoded mapping.

    YAML is read with ``yaml.safe_load``. Numbers written as floats (``0.9``) are read as their
    decimal text, so thresholds stay exact (see :func:`oversight_domain.types.to_fraction`).
    """
    data: Any
    if isinstance(source, Mapping):
        data = source
    else:
        text = source.decode("utf-8") if isinstance(source, bytes) else source
        try:
            if fmt == "yaml":
                data = yaml.safe_load(text)
            elif fmt == "json":
                data = json.loads(text)
            else:
                raise ToolValidationError([{"path": "", "message": f"unknown format {fmt!r}"}])
        except (yaml.YAMLError, json.JSONDecodeError) as exc:
            raise ToolValidationError([{"path": "", "message": f"not valid {fmt}: {exc}"}]) from exc
    if not isinstance(data, Mapping):
        raise ToolValidationError([{"path": "", "message": "a tool document must be a mapping"}])
    try:
        return ToolVersion.model_validate(dict(data))
    except ValidationError as exc:
        raise ToolValidationError(errors_from_pydantic(list(exc.errors()))) from exc


def tool_to_data(tool: ToolVersion) -> dict[str, Any]:
    """Plain JSON-compatible data (fractions as ``"9/10"`` strings, tuples as lists)."""
    return tool.model_dump(mode="json")


def dump_tool(tool: ToolVersion, fmt: Format = "yaml") -> str:
    """Serialise a tool; ``parse_tool(dump_tool(t, fmt), fmt) == t`` for both formats."""
    data = tool_to_data(tool)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "yaml":
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)
    raise ValueError(f"unknown format {fmt!r}")


@cache
def load_tool(key: str) -> ToolVersion:
    """A shipped tool by key (``ecm-partnership``, ``nc-tcm-monitoring``). Raises ``KeyError`` if unknown."""
    if key not in SHIPPED_TOOL_KEYS:
        raise KeyError(f"no shipped tool {key!r}; shipped: {', '.join(SHIPPED_TOOL_KEYS)}")
    text = resources.files("oversight_domain.tools").joinpath(f"{key}.yaml").read_text(encoding="utf-8")
    return parse_tool(text, "yaml")


def shipped_tools() -> list[ToolVersion]:
    return [load_tool(key) for key in SHIPPED_TOOL_KEYS]
