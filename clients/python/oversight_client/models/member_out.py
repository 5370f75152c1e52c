from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.enrollment_out import EnrollmentOut


T = TypeVar("T", bound="MemberOut")


@_attrs_define
class MemberOut:
    """
    Attributes:
        birth_date (datetime.date):
        created_at (datetime.datetime):
        enrollments (list[EnrollmentOut]):
        first_name (str):
        gender (None | str):
        id (UUID):
        last_name (str):
        member_number (str):
        plan_code (None | str):
        plan_id (UUID):
        updated_at (datetime.datetime):
        version (int):
    """

    birth_date: datetime.date
    created_at: datetime.datetime
    enrollments: list[EnrollmentOut]
    first_name: str
    gender: None | str
    id: UUID
    last_name: str
    member_number: str
    plan_code: None | str
    plan_id: UUID
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        birth_date = self.birth_date.isoformat()

        created_at = self.created_at.isoformat()

        enrollments = []
        for enrollments_item_data in self.enrollments:
            enrollments_item = enrollments_item_data.to_dict()
            enrollments.append(enrollments_item)

        first_name = self.first_name

        gender: None | str
        gender = self.gender

        id = str(self.id)

        last_name = self.last_name

        member_number = self.member_number

        plan_code: None | str
        plan_code = self.plan_code

        plan_id = str(self.plan_id)

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "birth_date": birth_date,
                "created_at": created_at,
                "enrollments": enrollments,
                "first_name": first_name,
                "gender": gender,
                "id": id,
                "last_name": last_name,
                "member_number": member_number,
                "plan_code": plan_code,
                "plan_id": plan_id,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.enrollment_out import EnrollmentOut  # noqa: PLC0415

        d = dict(src_dict)
        birth_date = datetime.date.fromisoformat(d.pop("birth_date"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        enrollments = []
        _enrollments = d.pop("enrollments")
        for enrollments_item_data in _enrollments:
            enrollments_item = EnrollmentOut.from_dict(enrollments_item_data)

            enrollments.append(enrollments_item)

        first_name = d.pop("first_name")

        def _parse_gender(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        gender = _parse_gender(d.pop("gender"))

        id = UUID(d.pop("id"))

        last_name = d.pop("last_name")

        member_number = d.pop("member_number")

        def _parse_plan_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        plan_code = _parse_plan_code(d.pop("plan_code"))

        plan_id = UUID(d.pop("plan_id"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        member_out = cls(
            birth_date=birth_date,
            created_at=created_at,
            enrollments=enrollments,
            first_name=first_name,
            gender=gender,
            id=id,
            last_name=last_name,
            member_number=member_number,
            plan_code=plan_code,
            plan_id=plan_id,
            updated_at=updated_at,
            version=version,
        )

        member_out.additional_properties = d
        return member_out

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
