from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.participant_totals_out import ParticipantTotalsOut


T = TypeVar("T", bound="TotalsOut")


@_attrs_define
class TotalsOut:
    """
    Attributes:
        budgeted (str):
        earned (str):
        funding_total (None | str): Shown to the program's state only
        participants (list[ParticipantTotalsOut]):
        program_id (UUID):
    """

    budgeted: str
    earned: str
    funding_total: None | str
    participants: list[ParticipantTotalsOut]
    program_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        budgeted = self.budgeted

        earned = self.earned

        funding_total: None | str
        funding_total = self.funding_total

        participants = []
        for participants_item_data in self.participants:
            participants_item = participants_item_data.to_dict()
            participants.append(participants_item)

        program_id = str(self.program_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "budgeted": budgeted,
                "earned": earned,
                "funding_total": funding_total,
                "participants": participants,
                "program_id": program_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.participant_totals_out import ParticipantTotalsOut  # noqa: PLC0415

        d = dict(src_dict)
        budgeted = d.pop("budgeted")

        earned = d.pop("earned")

        def _parse_funding_total(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        funding_total = _parse_funding_total(d.pop("funding_total"))

        participants = []
        _participants = d.pop("participants")
        for participants_item_data in _participants:
            participants_item = ParticipantTotalsOut.from_dict(participants_item_data)

            participants.append(participants_item)

        program_id = UUID(d.pop("program_id"))

        totals_out = cls(
            budgeted=budgeted,
            earned=earned,
            funding_total=funding_total,
            participants=participants,
            program_id=program_id,
        )

        totals_out.additional_properties = d
        return totals_out

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
