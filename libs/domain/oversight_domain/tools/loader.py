"""Load, parse and dump review tools (YAML or JSON); the shipped tools are package data."""

from __future__ import annotations

import json
import re
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


# Limits on an uploaded tool document, far above what a real tool needs and low enough that parsing one costs
# milliseconds: the shipped tools are about 18 KB, 4 levels of nesting and numbers of at most 4 characters.
MAX_DOCUMENT_BYTES = 128 * 1024
"""A tool document's size in bytes (7 times the largest shipped tool)."""
MAX_DEPTH = 20
"""Nested mappings and lists (a tool uses 5: ``policies.compliance.staleness.max_age_days.<kind>``)."""
MAX_NUMBER_CHARS = 20
"""Characters in one number. Python refuses to read integers of 4,300 digits and more (a ``ValueError``);
a tool's numbers are points, day counts and thresholds, none longer than a few characters."""


class _ToolLoader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    """``yaml.safe_load``'s loader (libyaml when installed), with number sizes bounded while constructing."""


def _bounded(construct: Any) -> Any:
    def construct_number(loader: yaml.BaseLoader, node: yaml.ScalarNode) -> Any:
        if len(node.value) > MAX_NUMBER_CHARS:
            raise yaml.constructor.ConstructorError(
                None, None, f"a number longer than {MAX_NUMBER_CHARS} characters", node.start_mark
            )
        return construct(loader, node)

    return construct_number


for _tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
    _ToolLoader.add_constructor(_tag, _bounded(yaml.SafeLoader.yaml_constructors[_tag]))


def _position(mark: Any) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}"


def _check_yaml_structure(text: str) -> None:
    """Refuse aliases and deep nesting from the parser's events, before anything is built.

    An alias repeats its anchored node wherever it appears, so a few kilobytes of aliases expand into
    millions of values (the "billion laughs" document); a tool needs none, so none is accepted.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_ToolLoader):
        if isinstance(event, yaml.AliasEvent):
            raise ToolValidationError(
                [
                    {
                        "path": "",
                        "message": f"YAML aliases (*name) are not accepted ({_position(event.start_mark)})",
                    }
                ]
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise ToolValidationError(
                    [
                        {
                            "path": "",
                            "message": f"nested more than {MAX_DEPTH} levels deep ({_position(event.start_mark)})",
                        }
                    ]
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


# JSON strings hold no structure and no numbers: blanked (same length, so positions stay right) before the
# brackets and numbers are checked.
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_JSON_BRACKET = re.compile(r"[\[\]{}]")
_JSON_LONG_NUMBER = re.compile(rf"[-+0-9.eE]{{{MAX_NUMBER_CHARS + 1},}}")


def _json_position(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    return f"line {line}, column {offset - text.rfind(chr(10), 0, offset)}"


def _check_json_structure(text: str) -> None:
    """Refuse deep nesting and long numbers before ``json.loads`` (which recurses, and reads any integer)."""
    bare = _JSON_STRING.sub(lambda m: " " * len(m.group()), text)
    long_number = _JSON_LONG_NUMBER.search(bare)
    if long_number:
        where = _json_position(text, long_number.start())
        raise ToolValidationError(
            [{"path": "", "message": f"a number longer than {MAX_NUMBER_CHARS} characters ({where})"}]
        )
    depth = 0
    for bracket in _JSON_BRACKET.finditer(bare):
        depth += 1 if bracket.group() in "[{" else -1
        if depth > MAX_DEPTH:
            where = _json_position(text, bracket.start())
            raise ToolValidationError(
                [{"path": "", "message": f"nested more than {MAX_DEPTH} levels deep ({where})"}]
            )


def _too_large() -> dict[str, str]:
    return {"path": "", "message": f"the document is larger than {MAX_DOCUMENT_BYTES} bytes"}


def _decode(source: bytes) -> str:
    if len(source) > MAX_DOCUMENT_BYTES:
        raise ToolValidationError([_too_large()])
    try:
        return source.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ToolValidationError(
            [{"path": "", "message": f"not valid UTF-8 (byte {exc.start}: {exc.reason})"}]
        ) from None


def _read(text: str, fmt: Format) -> Any:
    """The document's data; the structure is checked first, so no step below can be made to run long."""
    try:
        if fmt == "yaml":
            _check_yaml_structure(text)
            return yaml.load(text, Loader=_ToolLoader)
        if fmt == "json":
            _check_json_structure(text)
            return json.loads(text)
    except ToolValidationError:
        raise
    # ValueError: JSON's decode errors, and a YAML timestamp that is no date (2024-13-45)
    except (yaml.YAMLError, ValueError) as exc:
        raise ToolValidationError([{"path": "", "message": f"not valid {fmt}: {exc}"}]) from None
    raise ToolValidationError([{"path": "", "message": f"unknown format {fmt!r}"}])


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _text_errors(data: Any) -> list[dict[str, str]]:
    """Strings the database cannot store (NUL, lone surrogates from JSON escapes), with their paths."""
    errors: list[dict[str, str]] = []
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:  # no recursion: the depth is bounded, but a loop needs no bound at all
        path, value = stack.pop()
        if isinstance(value, str):
            if _UNSTORABLE.search(value):
                errors.append({"path": path, "message": "contains a NUL character or a lone surrogate"})
        elif isinstance(value, Mapping):
            stack.extend((f"{path}.{k}" if path else str(k), v) for k, v in value.items())
            stack.extend((path or "<document>", k) for k in value)
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", v) for i, v in enumerate(value))
    return errors


def parse_tool(source: str | bytes | Mapping[str, Any], fmt: Format = "yaml") -> ToolVersion:
    """Validate a tool from YAML/JSON text or an already-decoded mapping.

    YAML is read with a safe loader that accepts no aliases. Numbers written as floats (``0.9``) are read as
    their decimal text, so thresholds stay exact (see :func:`oversight_domain.types.to_fraction`). Text is
    bounded (:data:`MAX_DOCUMENT_BYTES`, :data:`MAX_DEPTH`, :data:`MAX_NUMBER_CHARS`), so parsing costs
    milliseconds whatever the document; callers on an event loop still run it in a thread.
    """
    data: Any
    if isinstance(source, Mapping):
        data = source
    else:
        text = _decode(source) if isinstance(source, bytes) else source
        if len(text) > MAX_DOCUMENT_BYTES:  # characters, at least as many bytes
            raise ToolValidationError([_too_large()])
        data = _read(text, fmt)
    if not isinstance(data, Mapping):
        raise ToolValidationError([{"path": "", "message": "a tool document must be a mapping"}])
    errors = _text_errors(data)
    if errors:
        raise ToolValidationError(errors)
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
