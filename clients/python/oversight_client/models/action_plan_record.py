from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ActionPlanRecord")


@_attrs_define
class ActionPlanRecord:
    """A PIP issued before the plan used Oversight: the due date is computed from ``issued_on``.

    Attributes:
        issued_on (datetime.date):
        provider_id (UUID):
        tool_key (str):
        comment (None | str | Unset):
        review_id (None | Unset | UUID):
        tool_version (None | str | Unset):
    """

    issued_on: datetime.date
    provider_id: UUID
    tool_key: str
    comment: None | str | Unset = UNSET
    review_id: None | Unset | UUID = UNSET
    tool_version: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        issued_on = self.issued_on.isoformat()

        provider_id = str(self.provider_id)

        tool_key = self.tool_key

        comment: None | str | Unset
        if isinstance(self.comment, Unset):
            comment = UNSET
        else:
            comment = self.comment

        review_id: None | str | Unset
        if isinstance(self.review_id, Unset):
            review_id = UNSET
        elif isinstance(self.review_id, UUID):
            review_id = str(self.review_id)
        else:
            review_id = self.review_id

        tool_version: None | str | Unset
        if isinstance(self.tool_version, Unset):
            tool_version = UNSET
        else:
            tool_version = self.tool_version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "issued_on": issued_on,
                "provider_id": provider_id,
                "tool_key": tool_key,
            }
        )
        if comment is not UNSET:
            field_dict["comment"] = comment
        if review_id is not UNSET:
            field_dict["review_id"] = review_id
        if tool_version is not UNSET:
            field_dict["tool_version"] = tool_version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        issued_on = datetime.date.fromisoformat(d.pop("issued_on"))

        provider_id = UUID(d.pop("provider_id"))

        tool_key = d.pop("tool_key")

        def _parse_comment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment = _parse_comment(d.pop("comment", UNSET))

        def _parse_review_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                review_id_type_0 = UUID(data)

                return review_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        review_id = _parse_review_id(d.pop("review_id", UNSET))

        def _parse_tool_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tool_version = _parse_tool_version(d.pop("tool_version", UNSET))

        action_plan_record = cls(
            issued_on=issued_on,
            provider_id=provider_id,
            tool_key=tool_key,
            comment=comment,
            review_id=review_id,
            tool_version=tool_version,
        )

        return action_plan_record
