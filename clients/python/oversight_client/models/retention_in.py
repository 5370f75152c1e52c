from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RetentionIn")


@_attrs_define
class RetentionIn:
    """
    Attributes:
        years (int):
    """

    years: int

    def to_dict(self) -> dict[str, Any]:
        years = self.years

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "years": years,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        years = d.pop("years")

        retention_in = cls(
            years=years,
        )

        return retention_in
