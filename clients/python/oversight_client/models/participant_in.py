from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="ParticipantIn")


@_attrs_define
class ParticipantIn:
    """
    Attributes:
        plan_id (UUID): The plan (LME/MCO) organization joining the program
    """

    plan_id: UUID

    def to_dict(self) -> dict[str, Any]:
        plan_id = str(self.plan_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "plan_id": plan_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        plan_id = UUID(d.pop("plan_id"))

        participant_in = cls(
            plan_id=plan_id,
        )

        return participant_in
