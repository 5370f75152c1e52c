from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.site_out_owner import SiteOutOwner

T = TypeVar("T", bound="SiteOut")


@_attrs_define
class SiteOut:
    """
    Attributes:
        address_line (None | str):
        city (None | str):
        county (None | str):
        id (UUID):
        name (str):
        owner (SiteOutOwner): provider: the provider's own site, shown to every plan it contracts with and changed only
            by the provider; plan: an entry of the plan owner_id, shown to that plan (and the provider and the state), never
            to another plan, and changed only by that plan
        owner_id (UUID): The organization whose entry this site is
        postal_code (None | str):
        state (None | str):
        version (int):
    """

    address_line: None | str
    city: None | str
    county: None | str
    id: UUID
    name: str
    owner: SiteOutOwner
    owner_id: UUID
    postal_code: None | str
    state: None | str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        address_line: None | str
        address_line = self.address_line

        city: None | str
        city = self.city

        county: None | str
        county = self.county

        id = str(self.id)

        name = self.name

        owner = self.owner.value

        owner_id = str(self.owner_id)

        postal_code: None | str
        postal_code = self.postal_code

        state: None | str
        state = self.state

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "address_line": address_line,
                "city": city,
                "county": county,
                "id": id,
                "name": name,
                "owner": owner,
                "owner_id": owner_id,
                "postal_code": postal_code,
                "state": state,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_address_line(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        address_line = _parse_address_line(d.pop("address_line"))

        def _parse_city(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        city = _parse_city(d.pop("city"))

        def _parse_county(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        county = _parse_county(d.pop("county"))

        id = UUID(d.pop("id"))

        name = d.pop("name")

        owner = SiteOutOwner(d.pop("owner"))

        owner_id = UUID(d.pop("owner_id"))

        def _parse_postal_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        postal_code = _parse_postal_code(d.pop("postal_code"))

        def _parse_state(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        state = _parse_state(d.pop("state"))

        version = d.pop("version")

        site_out = cls(
            address_line=address_line,
            city=city,
            county=county,
            id=id,
            name=name,
            owner=owner,
            owner_id=owner_id,
            postal_code=postal_code,
            state=state,
            version=version,
        )

        site_out.additional_properties = d
        return site_out

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
