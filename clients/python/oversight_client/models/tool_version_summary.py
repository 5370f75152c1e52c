from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ToolVersionSummary")


@_attrs_define
class ToolVersionSummary:
    """
    Attributes:
        content_hash (str):
        created_at (datetime.datetime):
        id (UUID):
        in_use (bool):
        jurisdiction (str):
        key (str):
        organization_id (None | UUID):
        program (str):
        shipped (bool):
        title (str):
        version (str):
    """

    content_hash: str
    created_at: datetime.datetime
    id: UUID
    in_use: bool
    jurisdiction: str
    key: str
    organization_id: None | UUID
    program: str
    shipped: bool
    title: str
    version: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content_hash = self.content_hash

        created_at = self.created_at.isoformat()

        id = str(self.id)

        in_use = self.in_use

        jurisdiction = self.jurisdiction

        key = self.key

        organization_id: None | str
        if isinstance(self.organization_id, UUID):
            organization_id = str(self.organization_id)
        else:
            organization_id = self.organization_id

        program = self.program

        shipped = self.shipped

        title = self.title

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content_hash": content_hash,
                "created_at": created_at,
                "id": id,
                "in_use": in_use,
                "jurisdiction": jurisdiction,
                "key": key,
                "organization_id": organization_id,
                "program": program,
                "shipped": shipped,
                "title": title,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        content_hash = d.pop("content_hash")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = UUID(d.pop("id"))

        in_use = d.pop("in_use")

        jurisdiction = d.pop("jurisdiction")

        key = d.pop("key")

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

        program = d.pop("program")

        shipped = d.pop("shipped")

        title = d.pop("title")

        version = d.pop("version")

        tool_version_summary = cls(
            content_hash=content_hash,
            created_at=created_at,
            id=id,
            in_use=in_use,
            jurisdiction=jurisdiction,
            key=key,
            organization_id=organization_id,
            program=program,
            shipped=shipped,
            title=title,
            version=version,
        )

        tool_version_summary.additional_properties = d
        return tool_version_summary

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
