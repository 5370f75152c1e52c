from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.allocation_in_provider_type import AllocationInProviderType

T = TypeVar("T", bound="AllocationIn")


@_attrs_define
class AllocationIn:
    """
    Attributes:
        amount (str):
        milestone (int):
        provider_id (UUID):
        provider_type (AllocationInProviderType):
    """

    amount: str
    milestone: int
    provider_id: UUID
    provider_type: AllocationInProviderType

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        milestone = self.milestone

        provider_id = str(self.provider_id)

        provider_type = self.provider_type.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "milestone": milestone,
                "provider_id": provider_id,
                "provider_type": provider_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        milestone = d.pop("milestone")

        provider_id = UUID(d.pop("provider_id"))

        provider_type = AllocationInProviderType(d.pop("provider_type"))

        allocation_in = cls(
            amount=amount,
            milestone=milestone,
            provider_id=provider_id,
            provider_type=provider_type,
        )

        return allocation_in
