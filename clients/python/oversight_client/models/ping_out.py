from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.role import Role

T = TypeVar("T", bound="PingOut")


@_attrs_define
class PingOut:
    """
    Attributes:
        actor (str):
        organization_id (UUID):
        organization_kind (str):
        role (Role):
    """

    actor: str
    organization_id: UUID
    organization_kind: str
    role: Role
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor = self.actor

        organization_id = str(self.organization_id)

        organization_kind = self.organization_kind

        role = self.role.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor": actor,
                "organization_id": organization_id,
                "organization_kind": organization_kind,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actor = d.pop("actor")

        organization_id = UUID(d.pop("organization_id"))

        organization_kind = d.pop("organization_kind")

        role = Role(d.pop("role"))

        ping_out = cls(
            actor=actor,
            organization_id=organization_id,
            organization_kind=organization_kind,
            role=role,
        )

        ping_out.additional_properties = d
        return ping_out

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
