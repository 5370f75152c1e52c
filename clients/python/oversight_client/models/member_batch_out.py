from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.row_result import RowResult


T = TypeVar("T", bound="MemberBatchOut")


@_attrs_define
class MemberBatchOut:
    """
    Attributes:
        created (int):
        enrollments (int): Enrollment rows written (inserted or updated)
        members (list[RowResult]):
        updated (int):
    """

    created: int
    enrollments: int
    members: list[RowResult]
    updated: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created = self.created

        enrollments = self.enrollments

        members = []
        for members_item_data in self.members:
            members_item = members_item_data.to_dict()
            members.append(members_item)

        updated = self.updated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created": created,
                "enrollments": enrollments,
                "members": members,
                "updated": updated,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.row_result import RowResult  # noqa: PLC0415

        d = dict(src_dict)
        created = d.pop("created")

        enrollments = d.pop("enrollments")

        members = []
        _members = d.pop("members")
        for members_item_data in _members:
            members_item = RowResult.from_dict(members_item_data)

            members.append(members_item)

        updated = d.pop("updated")

        member_batch_out = cls(
            created=created,
            enrollments=enrollments,
            members=members,
            updated=updated,
        )

        member_batch_out.additional_properties = d
        return member_batch_out

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
