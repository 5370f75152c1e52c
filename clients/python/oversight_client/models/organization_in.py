from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.organization_in_kind import OrganizationInKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.organization_settings import OrganizationSettings


T = TypeVar("T", bound="OrganizationIn")


@_attrs_define
class OrganizationIn:
    """
    Attributes:
        kind (OrganizationInKind):
        name (str):
        contact_name (None | str | Unset): The provider's contact person for reviews
        contact_title (None | str | Unset):
        fax (None | str | Unset):
        jurisdiction (None | str | Unset): Defaults to the creating state's
        npi (None | str | Unset): Required for providers
        partnership_no (None | str | Unset): The provider's number with the plan (Partnership No on the scorecard)
        phone (None | str | Unset):
        settings (OrganizationSettings | Unset): Where the organization's notices go (the worker reads these keys).
    """

    kind: OrganizationInKind
    name: str
    contact_name: None | str | Unset = UNSET
    contact_title: None | str | Unset = UNSET
    fax: None | str | Unset = UNSET
    jurisdiction: None | str | Unset = UNSET
    npi: None | str | Unset = UNSET
    partnership_no: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    settings: OrganizationSettings | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        name = self.name

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

        jurisdiction: None | str | Unset
        if isinstance(self.jurisdiction, Unset):
            jurisdiction = UNSET
        else:
            jurisdiction = self.jurisdiction

        npi: None | str | Unset
        if isinstance(self.npi, Unset):
            npi = UNSET
        else:
            npi = self.npi

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

        settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.settings, Unset):
            settings = self.settings.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "name": name,
            }
        )
        if contact_name is not UNSET:
            field_dict["contact_name"] = contact_name
        if contact_title is not UNSET:
            field_dict["contact_title"] = contact_title
        if fax is not UNSET:
            field_dict["fax"] = fax
        if jurisdiction is not UNSET:
            field_dict["jurisdiction"] = jurisdiction
        if npi is not UNSET:
            field_dict["npi"] = npi
        if partnership_no is not UNSET:
            field_dict["partnership_no"] = partnership_no
        if phone is not UNSET:
            field_dict["phone"] = phone
        if settings is not UNSET:
            field_dict["settings"] = settings

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.organization_settings import OrganizationSettings  # noqa: PLC0415

        d = dict(src_dict)
        kind = OrganizationInKind(d.pop("kind"))

        name = d.pop("name")

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

        def _parse_jurisdiction(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        jurisdiction = _parse_jurisdiction(d.pop("jurisdiction", UNSET))

        def _parse_npi(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        npi = _parse_npi(d.pop("npi", UNSET))

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

        _settings = d.pop("settings", UNSET)
        settings: OrganizationSettings | Unset
        if isinstance(_settings, Unset):
            settings = UNSET
        else:
            settings = OrganizationSettings.from_dict(_settings)

        organization_in = cls(
            kind=kind,
            name=name,
            contact_name=contact_name,
            contact_title=contact_title,
            fax=fax,
            jurisdiction=jurisdiction,
            npi=npi,
            partnership_no=partnership_no,
            phone=phone,
            settings=settings,
        )

        return organization_in
