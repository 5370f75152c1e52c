from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.review_purpose import ReviewPurpose
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReviewCreate")


@_attrs_define
class ReviewCreate:
    """
    Attributes:
        period_end (datetime.date):
        period_start (datetime.date):
        provider_id (UUID):
        purpose (ReviewPurpose): Why a review is scheduled (``technical_assistance``: no corrective action plans, seed
            000).
        scheduled_for (datetime.date):
        tool_key (str):
        action_plan_id (None | Unset | UUID): For purpose follow_up (and only then): the open action plan the review
            follows up
        notice_waived_reason (None | str | Unset):
        populations_of_focus (list[str] | None | Unset):
        tool_version (None | str | Unset):
    """

    period_end: datetime.date
    period_start: datetime.date
    provider_id: UUID
    purpose: ReviewPurpose
    scheduled_for: datetime.date
    tool_key: str
    action_plan_id: None | Unset | UUID = UNSET
    notice_waived_reason: None | str | Unset = UNSET
    populations_of_focus: list[str] | None | Unset = UNSET
    tool_version: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        period_end = self.period_end.isoformat()

        period_start = self.period_start.isoformat()

        provider_id = str(self.provider_id)

        purpose = self.purpose.value

        scheduled_for = self.scheduled_for.isoformat()

        tool_key = self.tool_key

        action_plan_id: None | str | Unset
        if isinstance(self.action_plan_id, Unset):
            action_plan_id = UNSET
        elif isinstance(self.action_plan_id, UUID):
            action_plan_id = str(self.action_plan_id)
        else:
            action_plan_id = self.action_plan_id

        notice_waived_reason: None | str | Unset
        if isinstance(self.notice_waived_reason, Unset):
            notice_waived_reason = UNSET
        else:
            notice_waived_reason = self.notice_waived_reason

        populations_of_focus: list[str] | None | Unset
        if isinstance(self.populations_of_focus, Unset):
            populations_of_focus = UNSET
        elif isinstance(self.populations_of_focus, list):
            populations_of_focus = self.populations_of_focus

        else:
            populations_of_focus = self.populations_of_focus

        tool_version: None | str | Unset
        if isinstance(self.tool_version, Unset):
            tool_version = UNSET
        else:
            tool_version = self.tool_version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "period_end": period_end,
                "period_start": period_start,
                "provider_id": provider_id,
                "purpose": purpose,
                "scheduled_for": scheduled_for,
                "tool_key": tool_key,
            }
        )
        if action_plan_id is not UNSET:
            field_dict["action_plan_id"] = action_plan_id
        if notice_waived_reason is not UNSET:
            field_dict["notice_waived_reason"] = notice_waived_reason
        if populations_of_focus is not UNSET:
            field_dict["populations_of_focus"] = populations_of_focus
        if tool_version is not UNSET:
            field_dict["tool_version"] = tool_version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        period_end = datetime.date.fromisoformat(d.pop("period_end"))

        period_start = datetime.date.fromisoformat(d.pop("period_start"))

        provider_id = UUID(d.pop("provider_id"))

        purpose = ReviewPurpose(d.pop("purpose"))

        scheduled_for = datetime.date.fromisoformat(d.pop("scheduled_for"))

        tool_key = d.pop("tool_key")

        def _parse_action_plan_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                action_plan_id_type_0 = UUID(data)

                return action_plan_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        action_plan_id = _parse_action_plan_id(d.pop("action_plan_id", UNSET))

        def _parse_notice_waived_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notice_waived_reason = _parse_notice_waived_reason(d.pop("notice_waived_reason", UNSET))

        def _parse_populations_of_focus(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                populations_of_focus_type_0 = cast(list[str], data)

                return populations_of_focus_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        populations_of_focus = _parse_populations_of_focus(d.pop("populations_of_focus", UNSET))

        def _parse_tool_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tool_version = _parse_tool_version(d.pop("tool_version", UNSET))

        review_create = cls(
            period_end=period_end,
            period_start=period_start,
            provider_id=provider_id,
            purpose=purpose,
            scheduled_for=scheduled_for,
            tool_key=tool_key,
            action_plan_id=action_plan_id,
            notice_waived_reason=notice_waived_reason,
            populations_of_focus=populations_of_focus,
            tool_version=tool_version,
        )

        return review_create
