from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.dispute_decision import DisputeDecision
from ..models.dispute_status import DisputeStatus
from ..models.dispute_subject import DisputeSubject

if TYPE_CHECKING:
    from ..models.dispute_out_changes import DisputeOutChanges
    from ..models.evidence_out import EvidenceOut


T = TypeVar("T", bound="DisputeOut")


@_attrs_define
class DisputeOut:
    """
    Attributes:
        action_plan_id (None | UUID):
        changes (DisputeOutChanges):
        created_at (datetime.datetime):
        decided_by (None | str):
        decided_on (datetime.date | None):
        decision (DisputeDecision | None):
        decision_comment (None | str):
        decision_due_on (datetime.date):
        evidence (list[EvidenceOut]):
        filed_on (datetime.date):
        finding_id (None | UUID):
        id (UUID):
        plan_id (UUID):
        provider_id (UUID):
        reason (str):
        received_on (datetime.date): When the provider received the decision
        review_id (None | UUID):
        status (DisputeStatus): A dispute is open until the plan decides it.
        subject (DisputeSubject): What a provider disputes (seed 004: "the LME/MCO's decision in question").
        updated_at (datetime.datetime):
        version (int):
        window_closes_on (datetime.date): The last day the decision could be disputed (seed 004)
    """

    action_plan_id: None | UUID
    changes: DisputeOutChanges
    created_at: datetime.datetime
    decided_by: None | str
    decided_on: datetime.date | None
    decision: DisputeDecision | None
    decision_comment: None | str
    decision_due_on: datetime.date
    evidence: list[EvidenceOut]
    filed_on: datetime.date
    finding_id: None | UUID
    id: UUID
    plan_id: UUID
    provider_id: UUID
    reason: str
    received_on: datetime.date
    review_id: None | UUID
    status: DisputeStatus
    subject: DisputeSubject
    updated_at: datetime.datetime
    version: int
    window_closes_on: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action_plan_id: None | str
        if isinstance(self.action_plan_id, UUID):
            action_plan_id = str(self.action_plan_id)
        else:
            action_plan_id = self.action_plan_id

        changes = self.changes.to_dict()

        created_at = self.created_at.isoformat()

        decided_by: None | str
        decided_by = self.decided_by

        decided_on: None | str
        if isinstance(self.decided_on, datetime.date):
            decided_on = self.decided_on.isoformat()
        else:
            decided_on = self.decided_on

        decision: None | str
        if isinstance(self.decision, DisputeDecision):
            decision = self.decision.value
        else:
            decision = self.decision

        decision_comment: None | str
        decision_comment = self.decision_comment

        decision_due_on = self.decision_due_on.isoformat()

        evidence = []
        for evidence_item_data in self.evidence:
            evidence_item = evidence_item_data.to_dict()
            evidence.append(evidence_item)

        filed_on = self.filed_on.isoformat()

        finding_id: None | str
        if isinstance(self.finding_id, UUID):
            finding_id = str(self.finding_id)
        else:
            finding_id = self.finding_id

        id = str(self.id)

        plan_id = str(self.plan_id)

        provider_id = str(self.provider_id)

        reason = self.reason

        received_on = self.received_on.isoformat()

        review_id: None | str
        if isinstance(self.review_id, UUID):
            review_id = str(self.review_id)
        else:
            review_id = self.review_id

        status = self.status.value

        subject = self.subject.value

        updated_at = self.updated_at.isoformat()

        version = self.version

        window_closes_on = self.window_closes_on.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action_plan_id": action_plan_id,
                "changes": changes,
                "created_at": created_at,
                "decided_by": decided_by,
                "decided_on": decided_on,
                "decision": decision,
                "decision_comment": decision_comment,
                "decision_due_on": decision_due_on,
                "evidence": evidence,
                "filed_on": filed_on,
                "finding_id": finding_id,
                "id": id,
                "plan_id": plan_id,
                "provider_id": provider_id,
                "reason": reason,
                "received_on": received_on,
                "review_id": review_id,
                "status": status,
                "subject": subject,
                "updated_at": updated_at,
                "version": version,
                "window_closes_on": window_closes_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dispute_out_changes import DisputeOutChanges  # noqa: PLC0415
        from ..models.evidence_out import EvidenceOut  # noqa: PLC0415

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

        changes = DisputeOutChanges.from_dict(d.pop("changes"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_decided_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decided_by = _parse_decided_by(d.pop("decided_by"))

        def _parse_decided_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_on_type_0 = datetime.date.fromisoformat(data)

                return decided_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        decided_on = _parse_decided_on(d.pop("decided_on"))

        def _parse_decision(data: object) -> DisputeDecision | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decision_type_0 = DisputeDecision(data)

                return decision_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DisputeDecision | None, data)

        decision = _parse_decision(d.pop("decision"))

        def _parse_decision_comment(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decision_comment = _parse_decision_comment(d.pop("decision_comment"))

        decision_due_on = datetime.date.fromisoformat(d.pop("decision_due_on"))

        evidence = []
        _evidence = d.pop("evidence")
        for evidence_item_data in _evidence:
            evidence_item = EvidenceOut.from_dict(evidence_item_data)

            evidence.append(evidence_item)

        filed_on = datetime.date.fromisoformat(d.pop("filed_on"))

        def _parse_finding_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finding_id_type_0 = UUID(data)

                return finding_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        finding_id = _parse_finding_id(d.pop("finding_id"))

        id = UUID(d.pop("id"))

        plan_id = UUID(d.pop("plan_id"))

        provider_id = UUID(d.pop("provider_id"))

        reason = d.pop("reason")

        received_on = datetime.date.fromisoformat(d.pop("received_on"))

        def _parse_review_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                review_id_type_0 = UUID(data)

                return review_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        review_id = _parse_review_id(d.pop("review_id"))

        status = DisputeStatus(d.pop("status"))

        subject = DisputeSubject(d.pop("subject"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        window_closes_on = datetime.date.fromisoformat(d.pop("window_closes_on"))

        dispute_out = cls(
            action_plan_id=action_plan_id,
            changes=changes,
            created_at=created_at,
            decided_by=decided_by,
            decided_on=decided_on,
            decision=decision,
            decision_comment=decision_comment,
            decision_due_on=decision_due_on,
            evidence=evidence,
            filed_on=filed_on,
            finding_id=finding_id,
            id=id,
            plan_id=plan_id,
            provider_id=provider_id,
            reason=reason,
            received_on=received_on,
            review_id=review_id,
            status=status,
            subject=subject,
            updated_at=updated_at,
            version=version,
            window_closes_on=window_closes_on,
        )

        dispute_out.additional_properties = d
        return dispute_out

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
