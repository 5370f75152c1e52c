from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LastDayOfMonth")


@_attrs_define
class LastDayOfMonth:
    """
    Attributes:
        kind (Literal['last_day_of_month']):
        months_after (int | Unset):  Default: 0.
    """

    kind: Literal["last_day_of_month"]
    months_after: int | Unset = 0

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        months_after = self.months_after

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
            }
        )
        if months_after is not UNSET:
            field_dict["months_after"] = months_after

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = cast(Literal["last_day_of_month"], d.pop("kind"))
        if kind != "last_day_of_month":
            raise ValueError(f"kind must match const 'last_day_of_month', got '{kind}'")

        months_after = d.pop("months_after", UNSET)

        last_day_of_month = cls(
            kind=kind,
            months_after=months_after,
        )

        return last_day_of_month
