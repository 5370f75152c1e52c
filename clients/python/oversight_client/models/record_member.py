from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RecordMember")


@_attrs_define
class RecordMember:
    """Member identity (PHI): reading it is audited.

    Attributes:
        birth_date (datetime.date):
        first_name (str):
        id (UUID):
        last_name (str):
        member_number (str):
    """

    birth_date: datetime.date
    first_name: str
    id: UUID
    last_name: str
    member_number: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        birth_date = self.birth_date.isoformat()

        first_name = self.first_name

        id = str(self.id)

        last_name = self.last_name

        member_number = self.member_number

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "birth_date": birth_date,
                "first_name": first_name,
                "id": id,
                "last_name": last_name,
                "member_number": member_number,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        birth_date = datetime.date.fromisoformat(d.pop("birth_date"))

        first_name = d.pop("first_name")

        id = UUID(d.pop("id"))

        last_name = d.pop("last_name")

        member_number = d.pop("member_number")

        record_member = cls(
            birth_date=birth_date,
            first_name=first_name,
            id=id,
            last_name=last_name,
            member_number=member_number,
        )

        record_member.additional_properties = d
        return record_member

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
