from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.provider_in_program import ProviderInProgram
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.organization_settings import OrganizationSettings
    from ..models.site_in import SiteIn


T = TypeVar("T", bound="ProviderIn")


@_attrs_define
class ProviderIn:
    """Add a provider to the calling plan's network for one program (creating it unless the NPI exists).

    Attributes:
        effective_from (datetime.date):
        name (str): Used when the NPI is new to Oversight
        npi (str):
        program (ProviderInProgram):
        contact_name (None | str | Unset): The provider's contact person for reviews
        contact_title (None | str | Unset):
        effective_to (datetime.date | None | Unset):
        fax (None | str | Unset):
        jurisdiction (None | str | Unset): Default: the plan's
        partnership_no (None | str | Unset): The provider's number with the plan (Partnership No on the scorecard)
        phone (None | str | Unset):
        settings (OrganizationSettings | Unset): Where the organization's notices go (the worker reads these keys).
        sites (list[SiteIn] | Unset): Your own sites for this provider (other plans never see them)
    """

    effective_from: datetime.date
    name: str
    npi: str
    program: ProviderInProgram
    contact_name: None | str | Unset = UNSET
    contact_title: None | str | Unset = UNSET
    effective_to: datetime.date | None | Unset = UNSET
    fax: None | str | Unset = UNSET
    jurisdiction: None | str | Unset = UNSET
    partnership_no: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    settings: OrganizationSettings | Unset = UNSET
    sites: list[SiteIn] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        effective_from = self.effective_from.isoformat()

        name = self.name

        npi = self.npi

        program = self.program.value

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

        effective_to: None | str | Unset
        if isinstance(self.effective_to, Unset):
            effective_to = UNSET
        elif isinstance(self.effective_to, datetime.date):
            effective_to = self.effective_to.isoformat()
        else:
            effective_to = self.effective_to

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

        sites: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.sites, Unset):
            sites = []
            for sites_item_data in self.sites:
                sites_item = sites_item_data.to_dict()
                sites.append(sites_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "effective_from": effective_from,
                "name": name,
                "npi": npi,
                "program": program,
            }
        )
        if contact_name is not UNSET:
            field_dict["contact_name"] = contact_name
        if contact_title is not UNSET:
            field_dict["contact_title"] = contact_title
        if effective_to is not UNSET:
            field_dict["effective_to"] = effective_to
        if fax is not UNSET:
            field_dict["fax"] = fax
        if jurisdiction is not UNSET:
            field_dict["jurisdiction"] = jurisdiction
        if partnership_no is not UNSET:
            field_dict["partnership_no"] = partnership_no
        if phone is not UNSET:
            field_dict["phone"] = phone
        if settings is not UNSET:
            field_dict["settings"] = settings
        if sites is not UNSET:
            field_dict["sites"] = sites

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.organization_settings import OrganizationSettings  # noqa: PLC0415
        from ..models.site_in import SiteIn  # noqa: PLC0415

        d = dict(src_dict)
        effective_from = datetime.date.fromisoformat(d.pop("effective_from"))

        name = d.pop("name")

        npi = d.pop("npi")

        program = ProviderInProgram(d.pop("program"))

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

        def _parse_effective_to(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                effective_to_type_0 = datetime.date.fromisoformat(data)

                return effective_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        effective_to = _parse_effective_to(d.pop("effective_to", UNSET))

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

        _sites = d.pop("sites", UNSET)
        sites: list[SiteIn] | Unset = UNSET
        if _sites is not UNSET:
            sites = []
            for sites_item_data in _sites:
                sites_item = SiteIn.from_dict(sites_item_data)

                sites.append(sites_item)

        provider_in = cls(
            effective_from=effective_from,
            name=name,
            npi=npi,
            program=program,
            contact_name=contact_name,
            contact_title=contact_title,
            effective_to=effective_to,
            fax=fax,
            jurisdiction=jurisdiction,
            partnership_no=partnership_no,
            phone=phone,
            settings=settings,
            sites=sites,
        )

        return provider_in
