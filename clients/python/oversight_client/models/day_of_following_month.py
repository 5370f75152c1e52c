from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DayOfFollowingMonth")


@_attrs_define
class DayOfFollowingMonth:
    """
    Attributes:
        day (int):
        kind (Literal['day_of_following_month']):
        months_after (int | Unset):  Default: 1.
    """

    day: int
    kind: Literal["day_of_following_month"]
    months_after: int | Unset = 1

    def to_dict(self) -> dict[str, Any]:
        day = self.day

        kind = self.kind

        months_after = self.months_after

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "day": day,
                "kind": kind,
            }
        )
        if months_after is not UNSET:
            field_dict["months_after"] = months_after

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        day = d.pop("day")

        kind = cast(Literal["day_of_following_month"], d.pop("kind"))
        if kind != "day_of_following_month":
            raise ValueError(f"kind must match const 'day_of_following_month', got '{kind}'")

        months_after = d.pop("months_after", UNSET)

        day_of_following_month = cls(
            day=day,
            kind=kind,
            months_after=months_after,
        )

        return day_of_following_month
