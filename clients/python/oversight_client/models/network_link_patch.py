from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.network_link_patch_status_type_0 import NetworkLinkPatchStatusType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="NetworkLinkPatch")


@_attrs_define
class NetworkLinkPatch:
    """
    Attributes:
        effective_to (datetime.date | None | Unset):
        status (NetworkLinkPatchStatusType0 | None | Unset):
    """

    effective_to: datetime.date | None | Unset = UNSET
    status: NetworkLinkPatchStatusType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        effective_to: None | str | Unset
        if isinstance(self.effective_to, Unset):
            effective_to = UNSET
        elif isinstance(self.effective_to, datetime.date):
            effective_to = self.effective_to.isoformat()
        else:
            effective_to = self.effective_to

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, NetworkLinkPatchStatusType0):
            status = self.status.value
        else:
            status = self.status

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if effective_to is not UNSET:
            field_dict["effective_to"] = effective_to
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

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

        def _parse_status(data: object) -> NetworkLinkPatchStatusType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = NetworkLinkPatchStatusType0(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NetworkLinkPatchStatusType0 | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        network_link_patch = cls(
            effective_to=effective_to,
            status=status,
        )

        return network_link_patch
