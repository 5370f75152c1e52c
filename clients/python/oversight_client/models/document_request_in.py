from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.document_request_in_kind import DocumentRequestInKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="DocumentRequestIn")


@_attrs_define
class DocumentRequestIn:
    """What to ask the provider for. ``kind`` decides the level (``policy.yaml``): a record-level kind needs
    ``record_id`` (a sampled record of the review), a provider-level kind must not have one. ``element_key``
    ties the request to one element of the tool. ``due_on`` defaults to the policy's days before the review.

        Attributes:
            kind (DocumentRequestInKind):
            due_on (datetime.date | None | Unset):
            element_key (None | str | Unset):
            note (None | str | Unset):
            record_id (None | Unset | UUID):
    """

    kind: DocumentRequestInKind
    due_on: datetime.date | None | Unset = UNSET
    element_key: None | str | Unset = UNSET
    note: None | str | Unset = UNSET
    record_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        due_on: None | str | Unset
        if isinstance(self.due_on, Unset):
            due_on = UNSET
        elif isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        element_key: None | str | Unset
        if isinstance(self.element_key, Unset):
            element_key = UNSET
        else:
            element_key = self.element_key

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        record_id: None | str | Unset
        if isinstance(self.record_id, Unset):
            record_id = UNSET
        elif isinstance(self.record_id, UUID):
            record_id = str(self.record_id)
        else:
            record_id = self.record_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
            }
        )
        if due_on is not UNSET:
            field_dict["due_on"] = due_on
        if element_key is not UNSET:
            field_dict["element_key"] = element_key
        if note is not UNSET:
            field_dict["note"] = note
        if record_id is not UNSET:
            field_dict["record_id"] = record_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = DocumentRequestInKind(d.pop("kind"))

        def _parse_due_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_on_type_0 = datetime.date.fromisoformat(data)

                return due_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        due_on = _parse_due_on(d.pop("due_on", UNSET))

        def _parse_element_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        element_key = _parse_element_key(d.pop("element_key", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        def _parse_record_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                record_id_type_0 = UUID(data)

                return record_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        record_id = _parse_record_id(d.pop("record_id", UNSET))

        document_request_in = cls(
            kind=kind,
            due_on=due_on,
            element_key=element_key,
            note=note,
            record_id=record_id,
        )

        return document_request_in
