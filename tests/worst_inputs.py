"""The worst inputs for the tool importer and the capacity schedule, shared by the limit tests and the
event-loop test (issue 12: "One request stalls the process")."""

from __future__ import annotations

import json
from typing import Any

import yaml

from oversight_domain.tools import dump_tool, load_tool
from oversight_domain.tools.loader import MAX_DOCUMENT_BYTES
from oversight_domain.tools.models import MAX_ELEMENTS, MAX_SECTIONS


def tool_data(key: str = "ecm-limits", version: str = "1") -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(dump_tool(load_tool("ecm-partnership")))
    data["key"], data["version"] = key, version
    return data


def alias_bomb(target_bytes: int = 600_000) -> bytes:
    """A tool whose sections are aliases of a section whose elements are aliases of one element: each alias
    line multiplies the work of building and validating the document (the 600 KB one of the issue)."""
    data = tool_data()
    element = json.dumps(data["sections"][0]["elements"][0])
    del data["sections"]
    head = f"element: &e {element}\n"
    per = max(1, (target_bytes - len(head)) // 2 // 4)  # "*e, " and "*s, " are 4 bytes each
    section = "section: &s {key: s, title: S, elements: [" + ", ".join(["*e"] * per) + "]}\n"
    sections = "sections: [" + ", ".join(["*s"] * per) + "]\n"
    # the anchors ride in an unknown top-level key: the document is refused anyway, after the work
    return (head + section + sections + yaml.safe_dump(data, sort_keys=False)).encode()


def deep_json(levels: int = 100_000) -> bytes:
    return ("[" * levels + "]" * levels).encode()


def deep_yaml(levels: int = 100_000) -> bytes:
    return ("key: " + "[" * levels + "]" * levels).encode()


def long_integer_json(digits: int = 4_400) -> bytes:
    data = tool_data()
    data["sections"][0]["elements"][0]["points"] = 0
    return json.dumps(data).replace('"points": 0', '"points": ' + "9" * digits, 1).encode()


def long_integer_yaml(digits: int = 4_400) -> bytes:
    data = tool_data()
    data["sections"][0]["elements"][0]["points"] = 123456789
    return yaml.safe_dump(data, sort_keys=False).replace("123456789", "9" * digits, 1).encode()


INVALID_UTF8 = b"key: ecm-limits\ntitle: caf\xe9 \xff\xfe\n"


def largest_tool() -> bytes:
    """A valid tool at the limits: the most sections and elements, and long text, just under the size limit."""
    data = tool_data("ecm-largest")
    template = data["sections"][0]["elements"][0]
    per_section = MAX_ELEMENTS // MAX_SECTIONS
    text = "x" * 150
    data["sections"] = [
        {
            "key": f"s{s}",
            "title": f"Section {s}",
            "elements": [
                {**template, "key": f"e{s}.{e}", "requirement": text, "level": "record"}
                for e in range(per_section)
            ],
        }
        for s in range(MAX_SECTIONS)
    ]
    # through JSON: the elements share their lists, which safe_dump would write as anchors and aliases
    raw = yaml.safe_dump(json.loads(json.dumps(data)), sort_keys=False, width=1000).encode()
    assert len(raw) <= MAX_DOCUMENT_BYTES, len(raw)
    return raw
