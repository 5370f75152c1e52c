from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.network_link_out_program import NetworkLinkOutProgram
from ..models.network_link_out_status import NetworkLinkOutStatus

T = TypeVar("T", bound="NetworkLinkOut")


@_attrs_define
class NetworkLinkOut:
    """
    Attributes:
        effective_from (datetime.date):
        effective_to (datetime.date | None):
        id (UUID):
        plan_id (UUID):
        program (NetworkLinkOutProgram):
        provider_id (UUID):
        status (NetworkLinkOutStatus):
        version (int):
    """

    effective_from: datetime.date
    effective_to: datetime.date | None
    id: UUID
    plan_id: UUID
    program: NetworkLinkOutProgram
    provider_id: UUID
    status: NetworkLinkOutStatus
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        effective_from = self.effective_from.isoformat()

        effective_to: None | str
        if isinstance(self.effective_to, datetime.date):
            effective_to = self.effective_to.isoformat()
        else:
            effective_to = self.effective_to

        id = str(self.id)

        plan_id = str(self.plan_id)

        program = self.program.value

        provider_id = str(self.provider_id)

        status = self.status.value

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "effective_from": effective_from,
                "effective_to": effective_to,
                "id": id,
                "plan_id": plan_id,
                "program": program,
                "provider_id": provider_id,
                "status": status,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        effective_from = datetime.date.fromisoformat(d.pop("effective_from"))

        def _parse_effective_to(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                effective_to_type_0 = datetime.date.fromisoformat(data)

                return effective_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        effective_to = _parse_effective_to(d.pop("effective_to"))

        id = UUID(d.pop("id"))

        plan_id = UUID(d.pop("plan_id"))

        program = NetworkLinkOutProgram(d.pop("program"))

        provider_id = UUID(d.pop("provider_id"))

        status = NetworkLinkOutStatus(d.pop("status"))

        version = d.pop("version")

        network_link_out = cls(
            effective_from=effective_from,
            effective_to=effective_to,
            id=id,
            plan_id=plan_id,
            program=program,
            provider_id=provider_id,
            status=status,
            version=version,
        )

        network_link_out.additional_properties = d
        return network_link_out

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
