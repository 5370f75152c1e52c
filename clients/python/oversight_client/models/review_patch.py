from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.review_patch_status_type_0 import ReviewPatchStatusType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReviewPatch")


@_attrs_define
class ReviewPatch:
    """
    Attributes:
        cancel_reason (None | str | Unset):
        notice_waived_reason (None | str | Unset):
        period_end (datetime.date | None | Unset):
        period_start (datetime.date | None | Unset):
        populations_of_focus (list[str] | None | Unset):
        scheduled_for (datetime.date | None | Unset):
        status (None | ReviewPatchStatusType0 | Unset):
    """

    cancel_reason: None | str | Unset = UNSET
    notice_waived_reason: None | str | Unset = UNSET
    period_end: datetime.date | None | Unset = UNSET
    period_start: datetime.date | None | Unset = UNSET
    populations_of_focus: list[str] | None | Unset = UNSET
    scheduled_for: datetime.date | None | Unset = UNSET
    status: None | ReviewPatchStatusType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        cancel_reason: None | str | Unset
        if isinstance(self.cancel_reason, Unset):
            cancel_reason = UNSET
        else:
            cancel_reason = self.cancel_reason

        notice_waived_reason: None | str | Unset
        if isinstance(self.notice_waived_reason, Unset):
            notice_waived_reason = UNSET
        else:
            notice_waived_reason = self.notice_waived_reason

        period_end: None | str | Unset
        if isinstance(self.period_end, Unset):
            period_end = UNSET
        elif isinstance(self.period_end, datetime.date):
            period_end = self.period_end.isoformat()
        else:
            period_end = self.period_end

        period_start: None | str | Unset
        if isinstance(self.period_start, Unset):
            period_start = UNSET
        elif isinstance(self.period_start, datetime.date):
            period_start = self.period_start.isoformat()
        else:
            period_start = self.period_start

        populations_of_focus: list[str] | None | Unset
        if isinstance(self.populations_of_focus, Unset):
            populations_of_focus = UNSET
        elif isinstance(self.populations_of_focus, list):
            populations_of_focus = self.populations_of_focus

        else:
            populations_of_focus = self.populations_of_focus

        scheduled_for: None | str | Unset
        if isinstance(self.scheduled_for, Unset):
            scheduled_for = UNSET
        elif isinstance(self.scheduled_for, datetime.date):
            scheduled_for = self.scheduled_for.isoformat()
        else:
            scheduled_for = self.scheduled_for

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, ReviewPatchStatusType0):
            status = self.status.value
        else:
            status = self.status

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if cancel_reason is not UNSET:
            field_dict["cancel_reason"] = cancel_reason
        if notice_waived_reason is not UNSET:
            field_dict["notice_waived_reason"] = notice_waived_reason
        if period_end is not UNSET:
            field_dict["period_end"] = period_end
        if period_start is not UNSET:
            field_dict["period_start"] = period_start
        if populations_of_focus is not UNSET:
            field_dict["populations_of_focus"] = populations_of_focus
        if scheduled_for is not UNSET:
            field_dict["scheduled_for"] = scheduled_for
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_cancel_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cancel_reason = _parse_cancel_reason(d.pop("cancel_reason", UNSET))

        def _parse_notice_waived_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notice_waived_reason = _parse_notice_waived_reason(d.pop("notice_waived_reason", UNSET))

        def _parse_period_end(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_end_type_0 = datetime.date.fromisoformat(data)

                return period_end_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        period_end = _parse_period_end(d.pop("period_end", UNSET))

        def _parse_period_start(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_start_type_0 = datetime.date.fromisoformat(data)

                return period_start_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        period_start = _parse_period_start(d.pop("period_start", UNSET))

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

        def _parse_scheduled_for(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                scheduled_for_type_0 = datetime.date.fromisoformat(data)

                return scheduled_for_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        scheduled_for = _parse_scheduled_for(d.pop("scheduled_for", UNSET))

        def _parse_status(data: object) -> None | ReviewPatchStatusType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = ReviewPatchStatusType0(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReviewPatchStatusType0 | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        review_patch = cls(
            cancel_reason=cancel_reason,
            notice_waived_reason=notice_waived_reason,
            period_end=period_end,
            period_start=period_start,
            populations_of_focus=populations_of_focus,
            scheduled_for=scheduled_for,
            status=status,
        )

        return review_patch
