from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TargetIn")


@_attrs_define
class TargetIn:
    """
    Attributes:
        measure (str): e.g. 'care managers hired'
        milestone (int):
        payment (str): What meeting this target earns
        quarter (int): The quarter's period_index in the program schedule (1-based)
        target (str):
    """

    measure: str
    milestone: int
    payment: str
    quarter: int
    target: str

    def to_dict(self) -> dict[str, Any]:
        measure = self.measure

        milestone = self.milestone

        payment = self.payment

        quarter = self.quarter

        target = self.target

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "measure": measure,
                "milestone": milestone,
                "payment": payment,
                "quarter": quarter,
                "target": target,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        measure = d.pop("measure")

        milestone = d.pop("milestone")

        payment = d.pop("payment")

        quarter = d.pop("quarter")

        target = d.pop("target")

        target_in = cls(
            measure=measure,
            milestone=milestone,
            payment=payment,
            quarter=quarter,
            target=target,
        )

        return target_in
