from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.action_plan_out_kind import ActionPlanOutKind
from ..models.action_plan_status import ActionPlanStatus

if TYPE_CHECKING:
    from ..models.action_plan_out_history_item import ActionPlanOutHistoryItem


T = TypeVar("T", bound="ActionPlanOut")


@_attrs_define
class ActionPlanOut:
    """
    Attributes:
        calendar (str):
        cap_opened_on (datetime.date | None):
        closed_on (datetime.date | None):
        created_at (datetime.datetime):
        day_type (str):
        due_on (datetime.date):
        history (list[ActionPlanOutHistoryItem]):
        holds (list[str]):
        id (UUID):
        issued_on (datetime.date):
        kind (ActionPlanOutKind):
        plan_id (UUID):
        program (str):
        provider_id (UUID):
        review_id (None | UUID):
        status (ActionPlanStatus): An action plan's state: PIP -> CAP -> termination recommendation (seed 003), or
            closed when accepted.
        submitted_on (datetime.date | None):
        technical_assistance (bool):
        updated_at (datetime.datetime):
        version (int):
    """

    calendar: str
    cap_opened_on: datetime.date | None
    closed_on: datetime.date | None
    created_at: datetime.datetime
    day_type: str
    due_on: datetime.date
    history: list[ActionPlanOutHistoryItem]
    holds: list[str]
    id: UUID
    issued_on: datetime.date
    kind: ActionPlanOutKind
    plan_id: UUID
    program: str
    provider_id: UUID
    review_id: None | UUID
    status: ActionPlanStatus
    submitted_on: datetime.date | None
    technical_assistance: bool
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        calendar = self.calendar

        cap_opened_on: None | str
        if isinstance(self.cap_opened_on, datetime.date):
            cap_opened_on = self.cap_opened_on.isoformat()
        else:
            cap_opened_on = self.cap_opened_on

        closed_on: None | str
        if isinstance(self.closed_on, datetime.date):
            closed_on = self.closed_on.isoformat()
        else:
            closed_on = self.closed_on

        created_at = self.created_at.isoformat()

        day_type = self.day_type

        due_on = self.due_on.isoformat()

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)

        holds = self.holds

        id = str(self.id)

        issued_on = self.issued_on.isoformat()

        kind = self.kind.value

        plan_id = str(self.plan_id)

        program = self.program

        provider_id = str(self.provider_id)

        review_id: None | str
        if isinstance(self.review_id, UUID):
            review_id = str(self.review_id)
        else:
            review_id = self.review_id

        status = self.status.value

        submitted_on: None | str
        if isinstance(self.submitted_on, datetime.date):
            submitted_on = self.submitted_on.isoformat()
        else:
            submitted_on = self.submitted_on

        technical_assistance = self.technical_assistance

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "calendar": calendar,
                "cap_opened_on": cap_opened_on,
                "closed_on": closed_on,
                "created_at": created_at,
                "day_type": day_type,
                "due_on": due_on,
                "history": history,
                "holds": holds,
                "id": id,
                "issued_on": issued_on,
                "kind": kind,
                "plan_id": plan_id,
                "program": program,
                "provider_id": provider_id,
                "review_id": review_id,
                "status": status,
                "submitted_on": submitted_on,
                "technical_assistance": technical_assistance,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action_plan_out_history_item import ActionPlanOutHistoryItem  # noqa: PLC0415

        d = dict(src_dict)
        calendar = d.pop("calendar")

        def _parse_cap_opened_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cap_opened_on_type_0 = datetime.date.fromisoformat(data)

                return cap_opened_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        cap_opened_on = _parse_cap_opened_on(d.pop("cap_opened_on"))

        def _parse_closed_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_on_type_0 = datetime.date.fromisoformat(data)

                return closed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        closed_on = _parse_closed_on(d.pop("closed_on"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        day_type = d.pop("day_type")

        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        history = []
        _history = d.pop("history")
        for history_item_data in _history:
            history_item = ActionPlanOutHistoryItem.from_dict(history_item_data)

            history.append(history_item)

        holds = cast(list[str], d.pop("holds"))

        id = UUID(d.pop("id"))

        issued_on = datetime.date.fromisoformat(d.pop("issued_on"))

        kind = ActionPlanOutKind(d.pop("kind"))

        plan_id = UUID(d.pop("plan_id"))

        program = d.pop("program")

        provider_id = UUID(d.pop("provider_id"))

        def _parse_review_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                review_id_type_0 = UUID(data)

                return review_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        review_id = _parse_review_id(d.pop("review_id"))

        status = ActionPlanStatus(d.pop("status"))

        def _parse_submitted_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                submitted_on_type_0 = datetime.date.fromisoformat(data)

                return submitted_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        submitted_on = _parse_submitted_on(d.pop("submitted_on"))

        technical_assistance = d.pop("technical_assistance")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        action_plan_out = cls(
            calendar=calendar,
            cap_opened_on=cap_opened_on,
            closed_on=closed_on,
            created_at=created_at,
            day_type=day_type,
            due_on=due_on,
            history=history,
            holds=holds,
            id=id,
            issued_on=issued_on,
            kind=kind,
            plan_id=plan_id,
            program=program,
            provider_id=provider_id,
            review_id=review_id,
            status=status,
            submitted_on=submitted_on,
            technical_assistance=technical_assistance,
            updated_at=updated_at,
            version=version,
        )

        action_plan_out.additional_properties = d
        return action_plan_out

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
