from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LegalHoldOut")


@_attrs_define
class LegalHoldOut:
    """
    Attributes:
        on_hold (bool):
        placed_at (datetime.datetime | None):
        placed_by (None | str):
        reason (None | str):
        review_id (UUID):
    """

    on_hold: bool
    placed_at: datetime.datetime | None
    placed_by: None | str
    reason: None | str
    review_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        on_hold = self.on_hold

        placed_at: None | str
        if isinstance(self.placed_at, datetime.datetime):
            placed_at = self.placed_at.isoformat()
        else:
            placed_at = self.placed_at

        placed_by: None | str
        placed_by = self.placed_by

        reason: None | str
        reason = self.reason

        review_id = str(self.review_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "on_hold": on_hold,
                "placed_at": placed_at,
                "placed_by": placed_by,
                "reason": reason,
                "review_id": review_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        on_hold = d.pop("on_hold")

        def _parse_placed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                placed_at_type_0 = datetime.datetime.fromisoformat(data)

                return placed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        placed_at = _parse_placed_at(d.pop("placed_at"))

        def _parse_placed_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        placed_by = _parse_placed_by(d.pop("placed_by"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        review_id = UUID(d.pop("review_id"))

        legal_hold_out = cls(
            on_hold=on_hold,
            placed_at=placed_at,
            placed_by=placed_by,
            reason=reason,
            review_id=review_id,
        )

        legal_hold_out.additional_properties = d
        return legal_hold_out

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
