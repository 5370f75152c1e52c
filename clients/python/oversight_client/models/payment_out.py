from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PaymentOut")


@_attrs_define
class PaymentOut:
    """
    Attributes:
        amount (str):
        earned_on (datetime.date):
        id (UUID):
        milestone (int):
        period_index (int):
        provider_id (None | UUID): None: the plan's own (unallocated) share
        source_id (UUID):
        source_type (str):
    """

    amount: str
    earned_on: datetime.date
    id: UUID
    milestone: int
    period_index: int
    provider_id: None | UUID
    source_id: UUID
    source_type: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        earned_on = self.earned_on.isoformat()

        id = str(self.id)

        milestone = self.milestone

        period_index = self.period_index

        provider_id: None | str
        if isinstance(self.provider_id, UUID):
            provider_id = str(self.provider_id)
        else:
            provider_id = self.provider_id

        source_id = str(self.source_id)

        source_type = self.source_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "earned_on": earned_on,
                "id": id,
                "milestone": milestone,
                "period_index": period_index,
                "provider_id": provider_id,
                "source_id": source_id,
                "source_type": source_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        earned_on = datetime.date.fromisoformat(d.pop("earned_on"))

        id = UUID(d.pop("id"))

        milestone = d.pop("milestone")

        period_index = d.pop("period_index")

        def _parse_provider_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                provider_id_type_0 = UUID(data)

                return provider_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        provider_id = _parse_provider_id(d.pop("provider_id"))

        source_id = UUID(d.pop("source_id"))

        source_type = d.pop("source_type")

        payment_out = cls(
            amount=amount,
            earned_on=earned_on,
            id=id,
            milestone=milestone,
            period_index=period_index,
            provider_id=provider_id,
            source_id=source_id,
            source_type=source_type,
        )

        payment_out.additional_properties = d
        return payment_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
