from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.suggestion_reason_details import SuggestionReasonDetails


T = TypeVar("T", bound="SuggestionReason")


@_attrs_define
class SuggestionReason:
    """Why an answer is suggested: a check result (rule, dates, non-PHI facts) or, for a "yes", the engagement
    windows that were all met; with the seed sentence the element rests on.

        Attributes:
            check_result_id (None | UUID):
            clause (None | str):
            details (SuggestionReasonDetails): Days late, due date, required/found, program, document kind
            ends_on (datetime.date | None):
            rule (str): The check rule, or engagement_windows_met for a suggested yes
            source (str):
            starts_on (datetime.date):
    """

    check_result_id: None | UUID
    clause: None | str
    details: SuggestionReasonDetails
    ends_on: datetime.date | None
    rule: str
    source: str
    starts_on: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        check_result_id: None | str
        if isinstance(self.check_result_id, UUID):
            check_result_id = str(self.check_result_id)
        else:
            check_result_id = self.check_result_id

        clause: None | str
        clause = self.clause

        details = self.details.to_dict()

        ends_on: None | str
        if isinstance(self.ends_on, datetime.date):
            ends_on = self.ends_on.isoformat()
        else:
            ends_on = self.ends_on

        rule = self.rule

        source = self.source

        starts_on = self.starts_on.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "check_result_id": check_result_id,
                "clause": clause,
                "details": details,
                "ends_on": ends_on,
                "rule": rule,
                "source": source,
                "starts_on": starts_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.suggestion_reason_details import SuggestionReasonDetails  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_check_result_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                check_result_id_type_0 = UUID(data)

                return check_result_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        check_result_id = _parse_check_result_id(d.pop("check_result_id"))

        def _parse_clause(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        clause = _parse_clause(d.pop("clause"))

        details = SuggestionReasonDetails.from_dict(d.pop("details"))

        def _parse_ends_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ends_on_type_0 = datetime.date.fromisoformat(data)

                return ends_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        ends_on = _parse_ends_on(d.pop("ends_on"))

        rule = d.pop("rule")

        source = d.pop("source")

        starts_on = datetime.date.fromisoformat(d.pop("starts_on"))

        suggestion_reason = cls(
            check_result_id=check_result_id,
            clause=clause,
            details=details,
            ends_on=ends_on,
            rule=rule,
            source=source,
            starts_on=starts_on,
        )

        suggestion_reason.additional_properties = d
        return suggestion_reason

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
