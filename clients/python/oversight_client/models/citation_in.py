from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CitationIn")


@_attrs_define
class CitationIn:
    """A document of the review the answer rests on, optionally pages of it (``3``, ``2-4, 7``).

    Attributes:
        document_id (UUID):
        pages (None | str | Unset):
    """

    document_id: UUID
    pages: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        document_id = str(self.document_id)

        pages: None | str | Unset
        if isinstance(self.pages, Unset):
            pages = UNSET
        else:
            pages = self.pages

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "document_id": document_id,
            }
        )
        if pages is not UNSET:
            field_dict["pages"] = pages

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        document_id = UUID(d.pop("document_id"))

        def _parse_pages(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pages = _parse_pages(d.pop("pages", UNSET))

        citation_in = cls(
            document_id=document_id,
            pages=pages,
        )

        return citation_in
