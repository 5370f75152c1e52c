"""The business calendars a deployment keeps, as one value services take (never read from a request)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from oversight_domain.calendars import Calendar


@dataclass(frozen=True)
class Calendars:
    """Each jurisdiction's calendar (its published schedule, see ``oversight_domain.calendars``) plus the
    deployment's configured closure dates; once bound to an organization
    (``oversight_app.business_calendars.service.for_organization``), that organization's own calendar."""

    closures: frozenset[date] = field(default_factory=frozenset)
    own: Calendar | None = None

    @classmethod
    def with_closures(cls, closures: Iterable[date]) -> Calendars:
        return cls(frozenset(closures))

    def bound(self, own: Calendar) -> Calendars:
        return replace(self, own=own)

    def of(self, jurisdiction: str) -> Calendar:
        """The calendar a rule of ``jurisdiction`` uses: the bound organization's own when it has one."""
        if self.own is not None:
            return self.own
        return Calendar.for_jurisdiction(jurisdiction, self.closures)
