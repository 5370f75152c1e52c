from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.scorecard_version_out_outcome_type_0 import ScorecardVersionOutOutcomeType0
from ..models.scorecard_version_out_reason import ScorecardVersionOutReason

if TYPE_CHECKING:
    from ..models.scorecard_out import ScorecardOut


T = TypeVar("T", bound="ScorecardVersionOut")


@_attrs_define
class ScorecardVersionOut:
    """One scorecard a finalized review has had: 1 at finalization, then one per dispute decision that
    amended findings.

        Attributes:
            created_at (datetime.datetime):
            created_by (str):
            dispute_id (None | UUID):
            outcome (None | ScorecardVersionOutOutcomeType0):
            reason (ScorecardVersionOutReason):
            review_id (UUID):
            scorecard (ScorecardOut):
            version_number (int):
    """

    created_at: datetime.datetime
    created_by: str
    dispute_id: None | UUID
    outcome: None | ScorecardVersionOutOutcomeType0
    reason: ScorecardVersionOutReason
    review_id: UUID
    scorecard: ScorecardOut
    version_number: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        created_by = self.created_by

        dispute_id: None | str
        if isinstance(self.dispute_id, UUID):
            dispute_id = str(self.dispute_id)
        else:
            dispute_id = self.dispute_id

        outcome: None | str
        if isinstance(self.outcome, ScorecardVersionOutOutcomeType0):
            outcome = self.outcome.value
        else:
            outcome = self.outcome

        reason = self.reason.value

        review_id = str(self.review_id)

        scorecard = self.scorecard.to_dict()

        version_number = self.version_number

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "created_by": created_by,
                "dispute_id": dispute_id,
                "outcome": outcome,
                "reason": reason,
                "review_id": review_id,
                "scorecard": scorecard,
                "version_number": version_number,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scorecard_out import ScorecardOut  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        created_by = d.pop("created_by")

        def _parse_dispute_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                dispute_id_type_0 = UUID(data)

                return dispute_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        dispute_id = _parse_dispute_id(d.pop("dispute_id"))

        def _parse_outcome(data: object) -> None | ScorecardVersionOutOutcomeType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                outcome_type_0 = ScorecardVersionOutOutcomeType0(data)

                return outcome_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ScorecardVersionOutOutcomeType0, data)

        outcome = _parse_outcome(d.pop("outcome"))

        reason = ScorecardVersionOutReason(d.pop("reason"))

        review_id = UUID(d.pop("review_id"))

        scorecard = ScorecardOut.from_dict(d.pop("scorecard"))

        version_number = d.pop("version_number")

        scorecard_version_out = cls(
            created_at=created_at,
            created_by=created_by,
            dispute_id=dispute_id,
            outcome=outcome,
            reason=reason,
            review_id=review_id,
            scorecard=scorecard,
            version_number=version_number,
        )

        scorecard_version_out.additional_properties = d
        return scorecard_version_out

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
