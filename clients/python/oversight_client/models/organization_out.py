from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.organization_out_kind import OrganizationOutKind

if TYPE_CHECKING:
    from ..models.organization_out_settings import OrganizationOutSettings


T = TypeVar("T", bound="OrganizationOut")


@_attrs_define
class OrganizationOut:
    """
    Attributes:
        created_at (datetime.datetime):
        id (UUID):
        jurisdiction (str):
        kind (OrganizationOutKind):
        name (str):
        npi (None | str):
        settings (OrganizationOutSettings):
        updated_at (datetime.datetime):
        version (int):
    """

    created_at: datetime.datetime
    id: UUID
    jurisdiction: str
    kind: OrganizationOutKind
    name: str
    npi: None | str
    settings: OrganizationOutSettings
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        id = str(self.id)

        jurisdiction = self.jurisdiction

        kind = self.kind.value

        name = self.name

        npi: None | str
        npi = self.npi

        settings = self.settings.to_dict()

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "id": id,
                "jurisdiction": jurisdiction,
                "kind": kind,
                "name": name,
                "npi": npi,
                "settings": settings,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.organization_out_settings import OrganizationOutSettings  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = UUID(d.pop("id"))

        jurisdiction = d.pop("jurisdiction")

        kind = OrganizationOutKind(d.pop("kind"))

        name = d.pop("name")

        def _parse_npi(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        npi = _parse_npi(d.pop("npi"))

        settings = OrganizationOutSettings.from_dict(d.pop("settings"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        organization_out = cls(
            created_at=created_at,
            id=id,
            jurisdiction=jurisdiction,
            kind=kind,
            name=name,
            npi=npi,
            settings=settings,
            updated_at=updated_at,
            version=version,
        )

        organization_out.additional_properties = d
        return organization_out

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
