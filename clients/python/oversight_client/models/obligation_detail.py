from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.obligation_detail_anchor import ObligationDetailAnchor
from ..models.obligation_view import ObligationView

if TYPE_CHECKING:
    from ..models.submission_out import SubmissionOut


T = TypeVar("T", bound="ObligationDetail")


@_attrs_define
class ObligationDetail:
    """
    Attributes:
        anchor (ObligationDetailAnchor):
        anchor_on (datetime.date): The date the cadence counts from
        created_at (datetime.datetime):
        decided_on (datetime.date | None):
        decision_comment (None | str):
        due_on (datetime.date):
        id (UUID):
        kind (str): program_narrative or peer_sharing (seed 003)
        late (bool | None): Whether the first submission came after the due date
        network_link_id (UUID):
        plan_id (UUID):
        program (str):
        provider_id (UUID):
        review_required (bool): The plan accepts or returns submissions of this kind
        sequence (int): 1 for the series' first occurrence, then 2, 3, ...
        site_id (None | UUID): The site owing it (peer sharing); null for the provider
        status (ObligationView): What callers see and filter on: the stored status, with owed-and-past-due shown as
            ``overdue``.
        submission_count (int):
        submissions (list[SubmissionOut]): Every submission, oldest first
        submitted_on (datetime.date | None):
        title (str):
        updated_at (datetime.datetime):
        version (int):
    """

    anchor: ObligationDetailAnchor
    anchor_on: datetime.date
    created_at: datetime.datetime
    decided_on: datetime.date | None
    decision_comment: None | str
    due_on: datetime.date
    id: UUID
    kind: str
    late: bool | None
    network_link_id: UUID
    plan_id: UUID
    program: str
    provider_id: UUID
    review_required: bool
    sequence: int
    site_id: None | UUID
    status: ObligationView
    submission_count: int
    submissions: list[SubmissionOut]
    submitted_on: datetime.date | None
    title: str
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        anchor = self.anchor.value

        anchor_on = self.anchor_on.isoformat()

        created_at = self.created_at.isoformat()

        decided_on: None | str
        if isinstance(self.decided_on, datetime.date):
            decided_on = self.decided_on.isoformat()
        else:
            decided_on = self.decided_on

        decision_comment: None | str
        decision_comment = self.decision_comment

        due_on = self.due_on.isoformat()

        id = str(self.id)

        kind = self.kind

        late: bool | None
        late = self.late

        network_link_id = str(self.network_link_id)

        plan_id = str(self.plan_id)

        program = self.program

        provider_id = str(self.provider_id)

        review_required = self.review_required

        sequence = self.sequence

        site_id: None | str
        if isinstance(self.site_id, UUID):
            site_id = str(self.site_id)
        else:
            site_id = self.site_id

        status = self.status.value

        submission_count = self.submission_count

        submissions = []
        for submissions_item_data in self.submissions:
            submissions_item = submissions_item_data.to_dict()
            submissions.append(submissions_item)

        submitted_on: None | str
        if isinstance(self.submitted_on, datetime.date):
            submitted_on = self.submitted_on.isoformat()
        else:
            submitted_on = self.submitted_on

        title = self.title

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "anchor": anchor,
                "anchor_on": anchor_on,
                "created_at": created_at,
                "decided_on": decided_on,
                "decision_comment": decision_comment,
                "due_on": due_on,
                "id": id,
                "kind": kind,
                "late": late,
                "network_link_id": network_link_id,
                "plan_id": plan_id,
                "program": program,
                "provider_id": provider_id,
                "review_required": review_required,
                "sequence": sequence,
                "site_id": site_id,
                "status": status,
                "submission_count": submission_count,
                "submissions": submissions,
                "submitted_on": submitted_on,
                "title": title,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.submission_out import SubmissionOut  # noqa: PLC0415

        d = dict(src_dict)
        anchor = ObligationDetailAnchor(d.pop("anchor"))

        anchor_on = datetime.date.fromisoformat(d.pop("anchor_on"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

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

        def _parse_decision_comment(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decision_comment = _parse_decision_comment(d.pop("decision_comment"))

        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        id = UUID(d.pop("id"))

        kind = d.pop("kind")

        def _parse_late(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        late = _parse_late(d.pop("late"))

        network_link_id = UUID(d.pop("network_link_id"))

        plan_id = UUID(d.pop("plan_id"))

        program = d.pop("program")

        provider_id = UUID(d.pop("provider_id"))

        review_required = d.pop("review_required")

        sequence = d.pop("sequence")

        def _parse_site_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                site_id_type_0 = UUID(data)

                return site_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        site_id = _parse_site_id(d.pop("site_id"))

        status = ObligationView(d.pop("status"))

        submission_count = d.pop("submission_count")

        submissions = []
        _submissions = d.pop("submissions")
        for submissions_item_data in _submissions:
            submissions_item = SubmissionOut.from_dict(submissions_item_data)

            submissions.append(submissions_item)

        def _parse_submitted_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                submitted_on_type_0 = datetime.date.fromisoformat(data)

                return submitted_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        submitted_on = _parse_submitted_on(d.pop("submitted_on"))

        title = d.pop("title")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        obligation_detail = cls(
            anchor=anchor,
            anchor_on=anchor_on,
            created_at=created_at,
            decided_on=decided_on,
            decision_comment=decision_comment,
            due_on=due_on,
            id=id,
            kind=kind,
            late=late,
            network_link_id=network_link_id,
            plan_id=plan_id,
            program=program,
            provider_id=provider_id,
            review_required=review_required,
            sequence=sequence,
            site_id=site_id,
            status=status,
            submission_count=submission_count,
            submissions=submissions,
            submitted_on=submitted_on,
            title=title,
            updated_at=updated_at,
            version=version,
        )

        obligation_detail.additional_properties = d
        return obligation_detail

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
