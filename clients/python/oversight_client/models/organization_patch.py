from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.organization_settings import OrganizationSettings


T = TypeVar("T", bound="OrganizationPatch")


@_attrs_define
class OrganizationPatch:
    """
    Attributes:
        contact_name (None | str | Unset): The provider's contact person for reviews
        contact_title (None | str | Unset):
        fax (None | str | Unset):
        name (None | str | Unset):
        partnership_no (None | str | Unset): The provider's number with the plan (Partnership No on the scorecard)
        phone (None | str | Unset):
        settings (None | OrganizationSettings | Unset):
    """

    contact_name: None | str | Unset = UNSET
    contact_title: None | str | Unset = UNSET
    fax: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    partnership_no: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    settings: None | OrganizationSettings | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.organization_settings import OrganizationSettings  # noqa: PLC0415

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

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

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

        settings: dict[str, Any] | None | Unset
        if isinstance(self.settings, Unset):
            settings = UNSET
        elif isinstance(self.settings, OrganizationSettings):
            settings = self.settings.to_dict()
        else:
            settings = self.settings

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if contact_name is not UNSET:
            field_dict["contact_name"] = contact_name
        if contact_title is not UNSET:
            field_dict["contact_title"] = contact_title
        if fax is not UNSET:
            field_dict["fax"] = fax
        if name is not UNSET:
            field_dict["name"] = name
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

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

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

        def _parse_settings(data: object) -> None | OrganizationSettings | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                settings_type_0 = OrganizationSettings.from_dict(data)

                return settings_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OrganizationSettings | Unset, data)

        settings = _parse_settings(d.pop("settings", UNSET))

        organization_patch = cls(
            contact_name=contact_name,
            contact_title=contact_title,
            fax=fax,
            name=name,
            partnership_no=partnership_no,
            phone=phone,
            settings=settings,
        )

        return organization_patch
