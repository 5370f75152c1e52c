"""Shipped policy data (YAML) read by the domain: provider obligations (``ecm-provider-obligations.yaml``),
business calendars, and which automated checks notify the plan (``check-notices.yaml``)."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml


@cache
def check_notice_rules() -> frozenset[str]:
    """The check rules whose results opening or closing notify the plan."""
    text = resources.files(__name__).joinpath("check-notices.yaml").read_text(encoding="utf-8")
    return frozenset(str(rule) for rule in yaml.safe_load(text)["notify"])
