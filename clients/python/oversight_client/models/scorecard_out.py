from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.scorecard_out_outcome_type_0 import ScorecardOutOutcomeType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.evidence_cited_out import EvidenceCitedOut
    from ..models.record_score_out import RecordScoreOut
    from ..models.sample_stage_out import SampleStageOut
    from ..models.section_score_out import SectionScoreOut
    from ..models.total_score_out import TotalScoreOut
    from ..models.unanswered_out import UnansweredOut


T = TypeVar("T", bound="ScorecardOut")


@_attrs_define
class ScorecardOut:
    """
    Attributes:
        expansion_required (bool):
        final (bool): true once the review is finalized (the frozen snapshot)
        outcome (None | ScorecardOutOutcomeType0):
        records (list[RecordScoreOut]):
        review_id (UUID):
        sections (list[SectionScoreOut]):
        sections_requiring_action (list[str]):
        tool_key (str):
        tool_version (str):
        total (TotalScoreOut):
        unanswered (list[UnansweredOut]):
        evidence (list[EvidenceCitedOut] | Unset): The documents the findings cite, per record and element (empty in
            scorecards frozen before citations existed)
        sample_draws (list[SampleStageOut] | Unset): Each draw's requested, available and drawn records
        sample_limited_by_frame (bool | Unset): A draw had fewer members left in the frame than the sampling method
            asked for; the sample holds all of them (sample_draws has the counts) Default: False.
    """

    expansion_required: bool
    final: bool
    outcome: None | ScorecardOutOutcomeType0
    records: list[RecordScoreOut]
    review_id: UUID
    sections: list[SectionScoreOut]
    sections_requiring_action: list[str]
    tool_key: str
    tool_version: str
    total: TotalScoreOut
    unanswered: list[UnansweredOut]
    evidence: list[EvidenceCitedOut] | Unset = UNSET
    sample_draws: list[SampleStageOut] | Unset = UNSET
    sample_limited_by_frame: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        expansion_required = self.expansion_required

        final = self.final

        outcome: None | str
        if isinstance(self.outcome, ScorecardOutOutcomeType0):
            outcome = self.outcome.value
        else:
            outcome = self.outcome

        records = []
        for records_item_data in self.records:
            records_item = records_item_data.to_dict()
            records.append(records_item)

        review_id = str(self.review_id)

        sections = []
        for sections_item_data in self.sections:
            sections_item = sections_item_data.to_dict()
            sections.append(sections_item)

        sections_requiring_action = self.sections_requiring_action

        tool_key = self.tool_key

        tool_version = self.tool_version

        total = self.total.to_dict()

        unanswered = []
        for unanswered_item_data in self.unanswered:
            unanswered_item = unanswered_item_data.to_dict()
            unanswered.append(unanswered_item)

        evidence: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.evidence, Unset):
            evidence = []
            for evidence_item_data in self.evidence:
                evidence_item = evidence_item_data.to_dict()
                evidence.append(evidence_item)

        sample_draws: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.sample_draws, Unset):
            sample_draws = []
            for sample_draws_item_data in self.sample_draws:
                sample_draws_item = sample_draws_item_data.to_dict()
                sample_draws.append(sample_draws_item)

        sample_limited_by_frame = self.sample_limited_by_frame

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "expansion_required": expansion_required,
                "final": final,
                "outcome": outcome,
                "records": records,
                "review_id": review_id,
                "sections": sections,
                "sections_requiring_action": sections_requiring_action,
                "tool_key": tool_key,
                "tool_version": tool_version,
                "total": total,
                "unanswered": unanswered,
            }
        )
        if evidence is not UNSET:
            field_dict["evidence"] = evidence
        if sample_draws is not UNSET:
            field_dict["sample_draws"] = sample_draws
        if sample_limited_by_frame is not UNSET:
            field_dict["sample_limited_by_frame"] = sample_limited_by_frame

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.evidence_cited_out import EvidenceCitedOut  # noqa: PLC0415
        from ..models.record_score_out import RecordScoreOut  # noqa: PLC0415
        from ..models.sample_stage_out import SampleStageOut  # noqa: PLC0415
        from ..models.section_score_out import SectionScoreOut  # noqa: PLC0415
        from ..models.total_score_out import TotalScoreOut  # noqa: PLC0415
        from ..models.unanswered_out import UnansweredOut  # noqa: PLC0415

        d = dict(src_dict)
        expansion_required = d.pop("expansion_required")

        final = d.pop("final")

        def _parse_outcome(data: object) -> None | ScorecardOutOutcomeType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                outcome_type_0 = ScorecardOutOutcomeType0(data)

                return outcome_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ScorecardOutOutcomeType0, data)

        outcome = _parse_outcome(d.pop("outcome"))

        records = []
        _records = d.pop("records")
        for records_item_data in _records:
            records_item = RecordScoreOut.from_dict(records_item_data)

            records.append(records_item)

        review_id = UUID(d.pop("review_id"))

        sections = []
        _sections = d.pop("sections")
        for sections_item_data in _sections:
            sections_item = SectionScoreOut.from_dict(sections_item_data)

            sections.append(sections_item)

        sections_requiring_action = cast(list[str], d.pop("sections_requiring_action"))

        tool_key = d.pop("tool_key")

        tool_version = d.pop("tool_version")

        total = TotalScoreOut.from_dict(d.pop("total"))

        unanswered = []
        _unanswered = d.pop("unanswered")
        for unanswered_item_data in _unanswered:
            unanswered_item = UnansweredOut.from_dict(unanswered_item_data)

            unanswered.append(unanswered_item)

        _evidence = d.pop("evidence", UNSET)
        evidence: list[EvidenceCitedOut] | Unset = UNSET
        if _evidence is not UNSET:
            evidence = []
            for evidence_item_data in _evidence:
                evidence_item = EvidenceCitedOut.from_dict(evidence_item_data)

                evidence.append(evidence_item)

        _sample_draws = d.pop("sample_draws", UNSET)
        sample_draws: list[SampleStageOut] | Unset = UNSET
        if _sample_draws is not UNSET:
            sample_draws = []
            for sample_draws_item_data in _sample_draws:
                sample_draws_item = SampleStageOut.from_dict(sample_draws_item_data)

                sample_draws.append(sample_draws_item)

        sample_limited_by_frame = d.pop("sample_limited_by_frame", UNSET)

        scorecard_out = cls(
            expansion_required=expansion_required,
            final=final,
            outcome=outcome,
            records=records,
            review_id=review_id,
            sections=sections,
            sections_requiring_action=sections_requiring_action,
            tool_key=tool_key,
            tool_version=tool_version,
            total=total,
            unanswered=unanswered,
            evidence=evidence,
            sample_draws=sample_draws,
            sample_limited_by_frame=sample_limited_by_frame,
        )

        scorecard_out.additional_properties = d
        return scorecard_out

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
