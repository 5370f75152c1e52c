from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.follow_up_result_out import FollowUpResultOut
    from ..models.review_out import ReviewOut
    from ..models.scorecard_out import ScorecardOut


T = TypeVar("T", bound="FinalizeOut")


@_attrs_define
class FinalizeOut:
    """
    Attributes:
        action_plan_id (None | UUID):
        review (ReviewOut):
        scorecard (ScorecardOut):
        follow_up (FollowUpResultOut | None | Unset):
    """

    action_plan_id: None | UUID
    review: ReviewOut
    scorecard: ScorecardOut
    follow_up: FollowUpResultOut | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.follow_up_result_out import FollowUpResultOut  # noqa: PLC0415

        action_plan_id: None | str
        if isinstance(self.action_plan_id, UUID):
            action_plan_id = str(self.action_plan_id)
        else:
            action_plan_id = self.action_plan_id

        review = self.review.to_dict()

        scorecard = self.scorecard.to_dict()

        follow_up: dict[str, Any] | None | Unset
        if isinstance(self.follow_up, Unset):
            follow_up = UNSET
        elif isinstance(self.follow_up, FollowUpResultOut):
            follow_up = self.follow_up.to_dict()
        else:
            follow_up = self.follow_up

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action_plan_id": action_plan_id,
                "review": review,
                "scorecard": scorecard,
            }
        )
        if follow_up is not UNSET:
            field_dict["follow_up"] = follow_up

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.follow_up_result_out import FollowUpResultOut  # noqa: PLC0415
        from ..models.review_out import ReviewOut  # noqa: PLC0415
        from ..models.scorecard_out import ScorecardOut  # noqa: PLC0415

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

        review = ReviewOut.from_dict(d.pop("review"))

        scorecard = ScorecardOut.from_dict(d.pop("scorecard"))

        def _parse_follow_up(data: object) -> FollowUpResultOut | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                follow_up_type_0 = FollowUpResultOut.from_dict(data)

                return follow_up_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FollowUpResultOut | None | Unset, data)

        follow_up = _parse_follow_up(d.pop("follow_up", UNSET))

        finalize_out = cls(
            action_plan_id=action_plan_id,
            review=review,
            scorecard=scorecard,
            follow_up=follow_up,
        )

        finalize_out.additional_properties = d
        return finalize_out

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
