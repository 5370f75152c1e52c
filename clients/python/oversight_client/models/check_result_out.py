from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.check_result_out_status import CheckResultOutStatus

if TYPE_CHECKING:
    from ..models.check_result_out_details import CheckResultOutDetails
    from ..models.check_result_out_sources_item import CheckResultOutSourcesItem


T = TypeVar("T", bound="CheckResultOut")


@_attrs_define
class CheckResultOut:
    """
    Attributes:
        clause (None | str):
        closed_at (datetime.datetime | None):
        details (CheckResultOutDetails):
        ends_on (Any):
        id (UUID):
        member_id (UUID):
        opened_at (datetime.datetime):
        provider_id (UUID):
        rule (str):
        sources (list[CheckResultOutSourcesItem]):
        starts_on (Any):
        status (CheckResultOutStatus):
        subject_key (str):
    """

    clause: None | str
    closed_at: datetime.datetime | None
    details: CheckResultOutDetails
    ends_on: Any
    id: UUID
    member_id: UUID
    opened_at: datetime.datetime
    provider_id: UUID
    rule: str
    sources: list[CheckResultOutSourcesItem]
    starts_on: Any
    status: CheckResultOutStatus
    subject_key: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        clause: None | str
        clause = self.clause

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        details = self.details.to_dict()

        ends_on = self.ends_on

        id = str(self.id)

        member_id = str(self.member_id)

        opened_at = self.opened_at.isoformat()

        provider_id = str(self.provider_id)

        rule = self.rule

        sources = []
        for sources_item_data in self.sources:
            sources_item = sources_item_data.to_dict()
            sources.append(sources_item)

        starts_on = self.starts_on

        status = self.status.value

        subject_key = self.subject_key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "clause": clause,
                "closed_at": closed_at,
                "details": details,
                "ends_on": ends_on,
                "id": id,
                "member_id": member_id,
                "opened_at": opened_at,
                "provider_id": provider_id,
                "rule": rule,
                "sources": sources,
                "starts_on": starts_on,
                "status": status,
                "subject_key": subject_key,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.check_result_out_details import CheckResultOutDetails  # noqa: PLC0415
        from ..models.check_result_out_sources_item import CheckResultOutSourcesItem  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_clause(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        clause = _parse_clause(d.pop("clause"))

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        details = CheckResultOutDetails.from_dict(d.pop("details"))

        ends_on = d.pop("ends_on")

        id = UUID(d.pop("id"))

        member_id = UUID(d.pop("member_id"))

        opened_at = datetime.datetime.fromisoformat(d.pop("opened_at"))

        provider_id = UUID(d.pop("provider_id"))

        rule = d.pop("rule")

        sources = []
        _sources = d.pop("sources")
        for sources_item_data in _sources:
            sources_item = CheckResultOutSourcesItem.from_dict(sources_item_data)

            sources.append(sources_item)

        starts_on = d.pop("starts_on")

        status = CheckResultOutStatus(d.pop("status"))

        subject_key = d.pop("subject_key")

        check_result_out = cls(
            clause=clause,
            closed_at=closed_at,
            details=details,
            ends_on=ends_on,
            id=id,
            member_id=member_id,
            opened_at=opened_at,
            provider_id=provider_id,
            rule=rule,
            sources=sources,
            starts_on=starts_on,
            status=status,
            subject_key=subject_key,
        )

        check_result_out.additional_properties = d
        return check_result_out

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
