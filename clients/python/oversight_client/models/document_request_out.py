from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.document_request_out_level import DocumentRequestOutLevel
from ..models.document_request_out_status import DocumentRequestOutStatus

if TYPE_CHECKING:
    from ..models.document_summary import DocumentSummary


T = TypeVar("T", bound="DocumentRequestOut")


@_attrs_define
class DocumentRequestOut:
    """
    Attributes:
        created_at (datetime.datetime):
        day_type (str):
        dispute_id (None | UUID): set for evidence a provider attached to its dispute
        documents (list[DocumentSummary]):
        due_on (datetime.date):
        element_key (None | str):
        id (UUID):
        kind (str):
        level (DocumentRequestOutLevel):
        note (None | str):
        outstanding (bool): open and no version available yet
        overdue (bool):
        plan_id (UUID):
        provider_id (UUID):
        record_id (None | UUID):
        requested_by (str):
        review_id (None | UUID): null only for a dispute's evidence without a review
        status (DocumentRequestOutStatus):
        version (int):
    """

    created_at: datetime.datetime
    day_type: str
    dispute_id: None | UUID
    documents: list[DocumentSummary]
    due_on: datetime.date
    element_key: None | str
    id: UUID
    kind: str
    level: DocumentRequestOutLevel
    note: None | str
    outstanding: bool
    overdue: bool
    plan_id: UUID
    provider_id: UUID
    record_id: None | UUID
    requested_by: str
    review_id: None | UUID
    status: DocumentRequestOutStatus
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        day_type = self.day_type

        dispute_id: None | str
        if isinstance(self.dispute_id, UUID):
            dispute_id = str(self.dispute_id)
        else:
            dispute_id = self.dispute_id

        documents = []
        for documents_item_data in self.documents:
            documents_item = documents_item_data.to_dict()
            documents.append(documents_item)

        due_on = self.due_on.isoformat()

        element_key: None | str
        element_key = self.element_key

        id = str(self.id)

        kind = self.kind

        level = self.level.value

        note: None | str
        note = self.note

        outstanding = self.outstanding

        overdue = self.overdue

        plan_id = str(self.plan_id)

        provider_id = str(self.provider_id)

        record_id: None | str
        if isinstance(self.record_id, UUID):
            record_id = str(self.record_id)
        else:
            record_id = self.record_id

        requested_by = self.requested_by

        review_id: None | str
        if isinstance(self.review_id, UUID):
            review_id = str(self.review_id)
        else:
            review_id = self.review_id

        status = self.status.value

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "day_type": day_type,
                "dispute_id": dispute_id,
                "documents": documents,
                "due_on": due_on,
                "element_key": element_key,
                "id": id,
                "kind": kind,
                "level": level,
                "note": note,
                "outstanding": outstanding,
                "overdue": overdue,
                "plan_id": plan_id,
                "provider_id": provider_id,
                "record_id": record_id,
                "requested_by": requested_by,
                "review_id": review_id,
                "status": status,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.document_summary import DocumentSummary  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        day_type = d.pop("day_type")

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

        documents = []
        _documents = d.pop("documents")
        for documents_item_data in _documents:
            documents_item = DocumentSummary.from_dict(documents_item_data)

            documents.append(documents_item)

        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        def _parse_element_key(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        element_key = _parse_element_key(d.pop("element_key"))

        id = UUID(d.pop("id"))

        kind = d.pop("kind")

        level = DocumentRequestOutLevel(d.pop("level"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        outstanding = d.pop("outstanding")

        overdue = d.pop("overdue")

        plan_id = UUID(d.pop("plan_id"))

        provider_id = UUID(d.pop("provider_id"))

        def _parse_record_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                record_id_type_0 = UUID(data)

                return record_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        record_id = _parse_record_id(d.pop("record_id"))

        requested_by = d.pop("requested_by")

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

        status = DocumentRequestOutStatus(d.pop("status"))

        version = d.pop("version")

        document_request_out = cls(
            created_at=created_at,
            day_type=day_type,
            dispute_id=dispute_id,
            documents=documents,
            due_on=due_on,
            element_key=element_key,
            id=id,
            kind=kind,
            level=level,
            note=note,
            outstanding=outstanding,
            overdue=overdue,
            plan_id=plan_id,
            provider_id=provider_id,
            record_id=record_id,
            requested_by=requested_by,
            review_id=review_id,
            status=status,
            version=version,
        )

        document_request_out.additional_properties = d
        return document_request_out

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
