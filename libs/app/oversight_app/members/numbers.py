"""Member number formats per jurisdiction, loaded from ``member_numbers.yaml`` (data, not code)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml


@dataclass(frozen=True)
class MemberNumberFormat:
    name: str
    pattern: re.Pattern[str]
    example: str

    @property
    def problem(self) -> str:
        """What is said of a number that does not fit; it never repeats the value (it is PHI)."""
        return f"is not a valid {self.name} (expected the form {self.example})"

    def check(self, value: str) -> str | None:
        """None when ``value`` fits; else ``problem``."""
        if self.pattern.fullmatch(value):
            return None
        return self.problem


@cache
def _formats() -> dict[str, MemberNumberFormat]:
    raw = yaml.safe_load((Path(__file__).parent / "member_numbers.yaml").read_text())
    return {
        key: MemberNumberFormat(str(v["name"]), re.compile(str(v["pattern"])), str(v["example"]))
        for key, v in raw.items()
    }


def format_for(jurisdiction: str) -> MemberNumberFormat:
    formats = _formats()
    return formats.get(jurisdiction, formats["default"])
