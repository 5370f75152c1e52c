from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.claim_in import ClaimIn


T = TypeVar("T", bound="ClaimBatchIn")


@_attrs_define
class ClaimBatchIn:
    """
    Attributes:
        claims (list[ClaimIn]):
    """

    claims: list[ClaimIn]

    def to_dict(self) -> dict[str, Any]:
        claims = []
        for claims_item_data in self.claims:
            claims_item = claims_item_data.to_dict()
            claims.append(claims_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "claims": claims,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.claim_in import ClaimIn  # noqa: PLC0415

        d = dict(src_dict)
        claims = []
        _claims = d.pop("claims")
        for claims_item_data in _claims:
            claims_item = ClaimIn.from_dict(claims_item_data)

            claims.append(claims_item)

        claim_batch_in = cls(
            claims=claims,
        )

        return claim_batch_in
