from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="BudgetIn")


@_attrs_define
class BudgetIn:
    """
    Attributes:
        amount (str):
        milestone (int):
    """

    amount: str
    milestone: int

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        milestone = self.milestone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "milestone": milestone,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        milestone = d.pop("milestone")

        budget_in = cls(
            amount=amount,
            milestone=milestone,
        )

        return budget_in
