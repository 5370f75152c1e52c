from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.organization_out_kind import OrganizationOutKind
from ..types import UNSET, Unset

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
        contact_name (None | str | Unset):
        contact_title (None | str | Unset):
        fax (None | str | Unset):
        partnership_no (None | str | Unset):
        phone (None | str | Unset):
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
    contact_name: None | str | Unset = UNSET
    contact_title: None | str | Unset = UNSET
    fax: None | str | Unset = UNSET
    partnership_no: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
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

        contact_name: None | str | Unset
        if isinstance(self.contact_name, Unset):
            contact_name = UNSET
        else:
            contact_name = self.contact_name

        contact_title: None | str | Unset
        if isinstance(self.contact_title, Unset):
            contact_title = UNSET
        else:
            contact_title = self.contact_title

        fax: None | str | Unset
        if isinstance(self.fax, Unset):
            fax = UNSET
        else:
            fax = self.fax

        partnership_no: None | str | Unset
        if isinstance(self.partnership_no, Unset):
            partnership_no = UNSET
        else:
            partnership_no = self.partnership_no

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

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
        if contact_name is not UNSET:
            field_dict["contact_name"] = contact_name
        if contact_title is not UNSET:
            field_dict["contact_title"] = contact_title
        if fax is not UNSET:
            field_dict["fax"] = fax
        if partnership_no is not UNSET:
            field_dict["partnership_no"] = partnership_no
        if phone is not UNSET:
            field_dict["phone"] = phone

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

        def _parse_contact_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contact_name = _parse_contact_name(d.pop("contact_name", UNSET))

        def _parse_contact_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contact_title = _parse_contact_title(d.pop("contact_title", UNSET))

        def _parse_fax(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        fax = _parse_fax(d.pop("fax", UNSET))

        def _parse_partnership_no(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        partnership_no = _parse_partnership_no(d.pop("partnership_no", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

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
            contact_name=contact_name,
            contact_title=contact_title,
            fax=fax,
            partnership_no=partnership_no,
            phone=phone,
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
