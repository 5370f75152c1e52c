from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PeriodIn")


@_attrs_define
class PeriodIn:
    """
    Attributes:
        end (datetime.date):
        start (datetime.date):
    """

    end: datetime.date
    start: datetime.date

    def to_dict(self) -> dict[str, Any]:
        end = self.end.isoformat()

        start = self.start.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "end": end,
                "start": start,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        end = datetime.date.fromisoformat(d.pop("end"))

        start = datetime.date.fromisoformat(d.pop("start"))

        period_in = cls(
            end=end,
            start=start,
        )

        return period_in
