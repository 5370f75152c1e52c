from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.review_purpose import ReviewPurpose
from ..models.review_status import ReviewStatus

T = TypeVar("T", bound="ReviewOut")


@_attrs_define
class ReviewOut:
    """
    Attributes:
        action_plan_id (None | UUID): A follow-up review's action plan
        cancel_reason (None | str):
        cancelled_at (datetime.datetime | None):
        created_at (datetime.datetime):
        finalized_at (datetime.datetime | None):
        id (UUID):
        next_review_due (datetime.date | None):
        notice_waived_reason (None | str):
        notified_on (datetime.date):
        outcome (None | str):
        period_end (datetime.date):
        period_start (datetime.date):
        plan_id (UUID):
        populations_of_focus (list[str]):
        program (str):
        provider_id (UUID):
        purpose (ReviewPurpose): Why a review is scheduled (``technical_assistance``: no corrective action plans, seed
            000).
        scheduled_for (datetime.date):
        scope_sections (list[str]): The sections a follow-up answers and scores (the plan's sections requiring action);
            empty: the whole tool
        status (ReviewStatus): A review's life: scheduled, in progress once samples or findings are recorded, then
            final.
        technical_assistance (bool):
        tool_key (str):
        tool_version (str):
        updated_at (datetime.datetime):
        version (int):
    """

    action_plan_id: None | UUID
    cancel_reason: None | str
    cancelled_at: datetime.datetime | None
    created_at: datetime.datetime
    finalized_at: datetime.datetime | None
    id: UUID
    next_review_due: datetime.date | None
    notice_waived_reason: None | str
    notified_on: datetime.date
    outcome: None | str
    period_end: datetime.date
    period_start: datetime.date
    plan_id: UUID
    populations_of_focus: list[str]
    program: str
    provider_id: UUID
    purpose: ReviewPurpose
    scheduled_for: datetime.date
    scope_sections: list[str]
    status: ReviewStatus
    technical_assistance: bool
    tool_key: str
    tool_version: str
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action_plan_id: None | str
        if isinstance(self.action_plan_id, UUID):
            action_plan_id = str(self.action_plan_id)
        else:
            action_plan_id = self.action_plan_id

        cancel_reason: None | str
        cancel_reason = self.cancel_reason

        cancelled_at: None | str
        if isinstance(self.cancelled_at, datetime.datetime):
            cancelled_at = self.cancelled_at.isoformat()
        else:
            cancelled_at = self.cancelled_at

        created_at = self.created_at.isoformat()

        finalized_at: None | str
        if isinstance(self.finalized_at, datetime.datetime):
            finalized_at = self.finalized_at.isoformat()
        else:
            finalized_at = self.finalized_at

        id = str(self.id)

        next_review_due: None | str
        if isinstance(self.next_review_due, datetime.date):
            next_review_due = self.next_review_due.isoformat()
        else:
            next_review_due = self.next_review_due

        notice_waived_reason: None | str
        notice_waived_reason = self.notice_waived_reason

        notified_on = self.notified_on.isoformat()

        outcome: None | str
        outcome = self.outcome

        period_end = self.period_end.isoformat()

        period_start = self.period_start.isoformat()

        plan_id = str(self.plan_id)

        populations_of_focus = self.populations_of_focus

        program = self.program

        provider_id = str(self.provider_id)

        purpose = self.purpose.value

        scheduled_for = self.scheduled_for.isoformat()

        scope_sections = self.scope_sections

        status = self.status.value

        technical_assistance = self.technical_assistance

        tool_key = self.tool_key

        tool_version = self.tool_version

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action_plan_id": action_plan_id,
                "cancel_reason": cancel_reason,
                "cancelled_at": cancelled_at,
                "created_at": created_at,
                "finalized_at": finalized_at,
                "id": id,
                "next_review_due": next_review_due,
                "notice_waived_reason": notice_waived_reason,
                "notified_on": notified_on,
                "outcome": outcome,
                "period_end": period_end,
                "period_start": period_start,
                "plan_id": plan_id,
                "populations_of_focus": populations_of_focus,
                "program": program,
                "provider_id": provider_id,
                "purpose": purpose,
                "scheduled_for": scheduled_for,
                "scope_sections": scope_sections,
                "status": status,
                "technical_assistance": technical_assistance,
                "tool_key": tool_key,
                "tool_version": tool_version,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_action_plan_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                action_plan_id_type_0 = UUID(data)

                return action_plan_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        action_plan_id = _parse_action_plan_id(d.pop("action_plan_id"))

        def _parse_cancel_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cancel_reason = _parse_cancel_reason(d.pop("cancel_reason"))

        def _parse_cancelled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cancelled_at_type_0 = datetime.datetime.fromisoformat(data)

                return cancelled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        cancelled_at = _parse_cancelled_at(d.pop("cancelled_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_finalized_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finalized_at_type_0 = datetime.datetime.fromisoformat(data)

                return finalized_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finalized_at = _parse_finalized_at(d.pop("finalized_at"))

        id = UUID(d.pop("id"))

        def _parse_next_review_due(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_review_due_type_0 = datetime.date.fromisoformat(data)

                return next_review_due_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        next_review_due = _parse_next_review_due(d.pop("next_review_due"))

        def _parse_notice_waived_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        notice_waived_reason = _parse_notice_waived_reason(d.pop("notice_waived_reason"))

        notified_on = datetime.date.fromisoformat(d.pop("notified_on"))

        def _parse_outcome(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        outcome = _parse_outcome(d.pop("outcome"))

        period_end = datetime.date.fromisoformat(d.pop("period_end"))

        period_start = datetime.date.fromisoformat(d.pop("period_start"))

        plan_id = UUID(d.pop("plan_id"))

        populations_of_focus = cast(list[str], d.pop("populations_of_focus"))

        program = d.pop("program")

        provider_id = UUID(d.pop("provider_id"))

        purpose = ReviewPurpose(d.pop("purpose"))

        scheduled_for = datetime.date.fromisoformat(d.pop("scheduled_for"))

        scope_sections = cast(list[str], d.pop("scope_sections"))

        status = ReviewStatus(d.pop("status"))

        technical_assistance = d.pop("technical_assistance")

        tool_key = d.pop("tool_key")

        tool_version = d.pop("tool_version")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        review_out = cls(
            action_plan_id=action_plan_id,
            cancel_reason=cancel_reason,
            cancelled_at=cancelled_at,
            created_at=created_at,
            finalized_at=finalized_at,
            id=id,
            next_review_due=next_review_due,
            notice_waived_reason=notice_waived_reason,
            notified_on=notified_on,
            outcome=outcome,
            period_end=period_end,
            period_start=period_start,
            plan_id=plan_id,
            populations_of_focus=populations_of_focus,
            program=program,
            provider_id=provider_id,
            purpose=purpose,
            scheduled_for=scheduled_for,
            scope_sections=scope_sections,
            status=status,
            technical_assistance=technical_assistance,
            tool_key=tool_key,
            tool_version=tool_version,
            updated_at=updated_at,
            version=version,
        )

        review_out.additional_properties = d
        return review_out

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
