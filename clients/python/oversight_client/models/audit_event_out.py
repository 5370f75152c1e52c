from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.audit_event_out_changes import AuditEventOutChanges


T = TypeVar("T", bound="AuditEventOut")


@_attrs_define
class AuditEventOut:
    """
    Attributes:
        action (str):
        actor (str):
        changes (AuditEventOutChanges):
        entity_id (None | str):
        entity_type (str):
        hash_ (str):
        id (UUID):
        occurred_at (datetime.datetime):
        organization_id (None | UUID):
        prev_hash (None | str):
        request_id (None | str):
        seq (int):
    """

    action: str
    actor: str
    changes: AuditEventOutChanges
    entity_id: None | str
    entity_type: str
    hash_: str
    id: UUID
    occurred_at: datetime.datetime
    organization_id: None | UUID
    prev_hash: None | str
    request_id: None | str
    seq: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        actor = self.actor

        changes = self.changes.to_dict()

        entity_id: None | str
        entity_id = self.entity_id

        entity_type = self.entity_type

        hash_ = self.hash_

        id = str(self.id)

        occurred_at = self.occurred_at.isoformat()

        organization_id: None | str
        if isinstance(self.organization_id, UUID):
            organization_id = str(self.organization_id)
        else:
            organization_id = self.organization_id

        prev_hash: None | str
        prev_hash = self.prev_hash

        request_id: None | str
        request_id = self.request_id

        seq = self.seq

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "actor": actor,
                "changes": changes,
                "entity_id": entity_id,
                "entity_type": entity_type,
                "hash": hash_,
                "id": id,
                "occurred_at": occurred_at,
                "organization_id": organization_id,
                "prev_hash": prev_hash,
                "request_id": request_id,
                "seq": seq,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_event_out_changes import AuditEventOutChanges  # noqa: PLC0415

        d = dict(src_dict)
        action = d.pop("action")

        actor = d.pop("actor")

        changes = AuditEventOutChanges.from_dict(d.pop("changes"))

        def _parse_entity_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        entity_id = _parse_entity_id(d.pop("entity_id"))

        entity_type = d.pop("entity_type")

        hash_ = d.pop("hash")

        id = UUID(d.pop("id"))

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        def _parse_organization_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                organization_id_type_0 = UUID(data)

                return organization_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        organization_id = _parse_organization_id(d.pop("organization_id"))

        def _parse_prev_hash(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        prev_hash = _parse_prev_hash(d.pop("prev_hash"))

        def _parse_request_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        request_id = _parse_request_id(d.pop("request_id"))

        seq = d.pop("seq")

        audit_event_out = cls(
            action=action,
            actor=actor,
            changes=changes,
            entity_id=entity_id,
            entity_type=entity_type,
            hash_=hash_,
            id=id,
            occurred_at=occurred_at,
            organization_id=organization_id,
            prev_hash=prev_hash,
            request_id=request_id,
            seq=seq,
        )

        audit_event_out.additional_properties = d
        return audit_event_out

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
