"""The business calendars a deployment keeps, as one value services take (never read from a request)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from oversight_domain.calendars import Calendar


@dataclass(frozen=True)
class Calendars:
    """Each jurisdiction's public holidays plus the deployment's configured closure dates."""

    closures: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def with_closures(cls, closures: Iterable[date]) -> Calendars:
        return cls(frozenset(closures))

    def of(self, jurisdiction: str) -> Calendar:
        return Calendar.for_jurisdiction(jurisdiction, self.closures)
