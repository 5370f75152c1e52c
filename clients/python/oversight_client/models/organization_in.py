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
        jurisdiction (None | str | Unset): Defaults to the creating state's
        npi (None | str | Unset): Required for providers
        settings (OrganizationSettings | Unset): Where the organization's notices go (the worker reads these keys).
    """

    kind: OrganizationInKind
    name: str
    jurisdiction: None | str | Unset = UNSET
    npi: None | str | Unset = UNSET
    settings: OrganizationSettings | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        name = self.name

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
        if jurisdiction is not UNSET:
            field_dict["jurisdiction"] = jurisdiction
        if npi is not UNSET:
            field_dict["npi"] = npi
        if settings is not UNSET:
            field_dict["settings"] = settings

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.organization_settings import OrganizationSettings  # noqa: PLC0415

        d = dict(src_dict)
        kind = OrganizationInKind(d.pop("kind"))

        name = d.pop("name")

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

        _settings = d.pop("settings", UNSET)
        settings: OrganizationSettings | Unset
        if isinstance(_settings, Unset):
            settings = UNSET
        else:
            settings = OrganizationSettings.from_dict(_settings)

        organization_in = cls(
            kind=kind,
            name=name,
            jurisdiction=jurisdiction,
            npi=npi,
            settings=settings,
        )

        return organization_in
