from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.export_kind import ExportKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.export_filters import ExportFilters


T = TypeVar("T", bound="ExportIn")


@_attrs_define
class ExportIn:
    """
    Attributes:
        kind (ExportKind):
        filters (ExportFilters | Unset): Which rows: every filter is optional except a ``reviews`` export's ``year``.
            Ids, dates and keys only.
        format_ (Literal['csv'] | Unset):  Default: 'csv'.
        include_member_identity (bool | Unset): findings only: add the member number and the reviewer's comment (free
            text that may name a member); needs members:read to request and to download Default: False.
    """

    kind: ExportKind
    filters: ExportFilters | Unset = UNSET
    format_: Literal["csv"] | Unset = "csv"
    include_member_identity: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        filters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.filters, Unset):
            filters = self.filters.to_dict()

        format_ = self.format_

        include_member_identity = self.include_member_identity

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
            }
        )
        if filters is not UNSET:
            field_dict["filters"] = filters
        if format_ is not UNSET:
            field_dict["format"] = format_
        if include_member_identity is not UNSET:
            field_dict["include_member_identity"] = include_member_identity

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.export_filters import ExportFilters  # noqa: PLC0415

        d = dict(src_dict)
        kind = ExportKind(d.pop("kind"))

        _filters = d.pop("filters", UNSET)
        filters: ExportFilters | Unset
        if isinstance(_filters, Unset):
            filters = UNSET
        else:
            filters = ExportFilters.from_dict(_filters)

        format_ = cast(Literal["csv"] | Unset, d.pop("format", UNSET))
        if format_ != "csv" and not isinstance(format_, Unset):
            raise ValueError(f"format must match const 'csv', got '{format_}'")

        include_member_identity = d.pop("include_member_identity", UNSET)

        export_in = cls(
            kind=kind,
            filters=filters,
            format_=format_,
            include_member_identity=include_member_identity,
        )

        return export_in
