from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RoiIn")


@_attrs_define
class RoiIn:
    """A release of information (seed 003, "Valid ROI"): whom it authorizes and when it is in effect.

    Attributes:
        authorizes (str):
        effective_on (datetime.date):
        expires_on (datetime.date | None | Unset):
    """

    authorizes: str
    effective_on: datetime.date
    expires_on: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        authorizes = self.authorizes

        effective_on = self.effective_on.isoformat()

        expires_on: None | str | Unset
        if isinstance(self.expires_on, Unset):
            expires_on = UNSET
        elif isinstance(self.expires_on, datetime.date):
            expires_on = self.expires_on.isoformat()
        else:
            expires_on = self.expires_on

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "authorizes": authorizes,
                "effective_on": effective_on,
            }
        )
        if expires_on is not UNSET:
            field_dict["expires_on"] = expires_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        authorizes = d.pop("authorizes")

        effective_on = datetime.date.fromisoformat(d.pop("effective_on"))

        def _parse_expires_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_on_type_0 = datetime.date.fromisoformat(data)

                return expires_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        expires_on = _parse_expires_on(d.pop("expires_on", UNSET))

        roi_in = cls(
            authorizes=authorizes,
            effective_on=effective_on,
            expires_on=expires_on,
        )

        return roi_in
