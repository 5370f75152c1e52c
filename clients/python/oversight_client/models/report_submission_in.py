from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.progress_in import ProgressIn


T = TypeVar("T", bound="ReportSubmissionIn")


@_attrs_define
class ReportSubmissionIn:
    """
    Attributes:
        progress (list[ProgressIn]):
        narrative (None | str | Unset):
    """

    progress: list[ProgressIn]
    narrative: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        progress = []
        for progress_item_data in self.progress:
            progress_item = progress_item_data.to_dict()
            progress.append(progress_item)

        narrative: None | str | Unset
        if isinstance(self.narrative, Unset):
            narrative = UNSET
        else:
            narrative = self.narrative

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "progress": progress,
            }
        )
        if narrative is not UNSET:
            field_dict["narrative"] = narrative

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.progress_in import ProgressIn  # noqa: PLC0415

        d = dict(src_dict)
        progress = []
        _progress = d.pop("progress")
        for progress_item_data in _progress:
            progress_item = ProgressIn.from_dict(progress_item_data)

            progress.append(progress_item)

        def _parse_narrative(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        narrative = _parse_narrative(d.pop("narrative", UNSET))

        report_submission_in = cls(
            progress=progress,
            narrative=narrative,
        )

        return report_submission_in
