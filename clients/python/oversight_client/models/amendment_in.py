from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.amendment_in_answer import AmendmentInAnswer
from ..types import UNSET, Unset

T = TypeVar("T", bound="AmendmentIn")


@_attrs_define
class AmendmentIn:
    """
    Attributes:
        answer (AmendmentInAnswer):
        finding_id (UUID):
        comment (None | str | Unset):
    """

    answer: AmendmentInAnswer
    finding_id: UUID
    comment: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        answer = self.answer.value

        finding_id = str(self.finding_id)

        comment: None | str | Unset
        if isinstance(self.comment, Unset):
            comment = UNSET
        else:
            comment = self.comment

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "answer": answer,
                "finding_id": finding_id,
            }
        )
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        answer = AmendmentInAnswer(d.pop("answer"))

        finding_id = UUID(d.pop("finding_id"))

        def _parse_comment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment = _parse_comment(d.pop("comment", UNSET))

        amendment_in = cls(
            answer=answer,
            finding_id=finding_id,
            comment=comment,
        )

        return amendment_in
