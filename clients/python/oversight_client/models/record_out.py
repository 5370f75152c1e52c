from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sample_record_status import SampleRecordStatus

if TYPE_CHECKING:
    from ..models.record_member import RecordMember


T = TypeVar("T", bound="RecordOut")


@_attrs_define
class RecordOut:
    """
    Attributes:
        draw_number (int):
        excluded_at (datetime.datetime | None):
        exclusion_reason (None | str):
        id (UUID):
        member (RecordMember): Member identity (PHI): reading it is audited.
        position (int):
        replaces_record_id (None | UUID):
        review_id (UUID):
        status (SampleRecordStatus): A drawn member: in the sample, held in reserve (the oversample), or excluded (and
            replaced); ``held``:
            drawn up front and reviewed only if the first records fail (the ``upfront`` sampling method, NCQA 8/30).
        stratum (str):
    """

    draw_number: int
    excluded_at: datetime.datetime | None
    exclusion_reason: None | str
    id: UUID
    member: RecordMember
    position: int
    replaces_record_id: None | UUID
    review_id: UUID
    status: SampleRecordStatus
    stratum: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        draw_number = self.draw_number

        excluded_at: None | str
        if isinstance(self.excluded_at, datetime.datetime):
            excluded_at = self.excluded_at.isoformat()
        else:
            excluded_at = self.excluded_at

        exclusion_reason: None | str
        exclusion_reason = self.exclusion_reason

        id = str(self.id)

        member = self.member.to_dict()

        position = self.position

        replaces_record_id: None | str
        if isinstance(self.replaces_record_id, UUID):
            replaces_record_id = str(self.replaces_record_id)
        else:
            replaces_record_id = self.replaces_record_id

        review_id = str(self.review_id)

        status = self.status.value

        stratum = self.stratum

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "draw_number": draw_number,
                "excluded_at": excluded_at,
                "exclusion_reason": exclusion_reason,
                "id": id,
                "member": member,
                "position": position,
                "replaces_record_id": replaces_record_id,
                "review_id": review_id,
                "status": status,
                "stratum": stratum,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.record_member import RecordMember  # noqa: PLC0415

        d = dict(src_dict)
        draw_number = d.pop("draw_number")

        def _parse_excluded_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                excluded_at_type_0 = datetime.datetime.fromisoformat(data)

                return excluded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        excluded_at = _parse_excluded_at(d.pop("excluded_at"))

        def _parse_exclusion_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        exclusion_reason = _parse_exclusion_reason(d.pop("exclusion_reason"))

        id = UUID(d.pop("id"))

        member = RecordMember.from_dict(d.pop("member"))

        position = d.pop("position")

        def _parse_replaces_record_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                replaces_record_id_type_0 = UUID(data)

                return replaces_record_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        replaces_record_id = _parse_replaces_record_id(d.pop("replaces_record_id"))

        review_id = UUID(d.pop("review_id"))

        status = SampleRecordStatus(d.pop("status"))

        stratum = d.pop("stratum")

        record_out = cls(
            draw_number=draw_number,
            excluded_at=excluded_at,
            exclusion_reason=exclusion_reason,
            id=id,
            member=member,
            position=position,
            replaces_record_id=replaces_record_id,
            review_id=review_id,
            status=status,
            stratum=stratum,
        )

        record_out.additional_properties = d
        return record_out

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
