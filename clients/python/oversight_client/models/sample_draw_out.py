from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.sample_draw_out_quotas import SampleDrawOutQuotas
    from ..models.sample_draw_out_strata_sizes import SampleDrawOutStrataSizes


T = TypeVar("T", bound="SampleDrawOut")


@_attrs_define
class SampleDrawOut:
    """
    Attributes:
        available (int): Members the frame offered this draw (the sum of strata_sizes)
        draw_number (int):
        drawn_at (datetime.datetime):
        drawn_by (str):
        frame_fingerprint (str):
        frame_size (int):
        held (int): Records drawn up front for the second stage (the upfront method)
        id (UUID):
        limited_by_frame (bool): Fewer records than requested were drawn because the frame had no more: all it had are
            in the sample
        quotas (SampleDrawOutQuotas): Records each pool gave the sample
        requested (int | None): Records the tool's sampling method asked this draw for; null for draws made before it
            was recorded
        reserve (int):
        review_id (UUID):
        sampled (int):
        seed (str):
        strata_sizes (SampleDrawOutStrataSizes): Members each pool offered this draw (not yet in the sample; for the up-
            front sample's second stage, its held records)
    """

    available: int
    draw_number: int
    drawn_at: datetime.datetime
    drawn_by: str
    frame_fingerprint: str
    frame_size: int
    held: int
    id: UUID
    limited_by_frame: bool
    quotas: SampleDrawOutQuotas
    requested: int | None
    reserve: int
    review_id: UUID
    sampled: int
    seed: str
    strata_sizes: SampleDrawOutStrataSizes
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        available = self.available

        draw_number = self.draw_number

        drawn_at = self.drawn_at.isoformat()

        drawn_by = self.drawn_by

        frame_fingerprint = self.frame_fingerprint

        frame_size = self.frame_size

        held = self.held

        id = str(self.id)

        limited_by_frame = self.limited_by_frame

        quotas = self.quotas.to_dict()

        requested: int | None
        requested = self.requested

        reserve = self.reserve

        review_id = str(self.review_id)

        sampled = self.sampled

        seed = self.seed

        strata_sizes = self.strata_sizes.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "available": available,
                "draw_number": draw_number,
                "drawn_at": drawn_at,
                "drawn_by": drawn_by,
                "frame_fingerprint": frame_fingerprint,
                "frame_size": frame_size,
                "held": held,
                "id": id,
                "limited_by_frame": limited_by_frame,
                "quotas": quotas,
                "requested": requested,
                "reserve": reserve,
                "review_id": review_id,
                "sampled": sampled,
                "seed": seed,
                "strata_sizes": strata_sizes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sample_draw_out_quotas import SampleDrawOutQuotas  # noqa: PLC0415
        from ..models.sample_draw_out_strata_sizes import SampleDrawOutStrataSizes  # noqa: PLC0415

        d = dict(src_dict)
        available = d.pop("available")

        draw_number = d.pop("draw_number")

        drawn_at = datetime.datetime.fromisoformat(d.pop("drawn_at"))

        drawn_by = d.pop("drawn_by")

        frame_fingerprint = d.pop("frame_fingerprint")

        frame_size = d.pop("frame_size")

        held = d.pop("held")

        id = UUID(d.pop("id"))

        limited_by_frame = d.pop("limited_by_frame")

        quotas = SampleDrawOutQuotas.from_dict(d.pop("quotas"))

        def _parse_requested(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        requested = _parse_requested(d.pop("requested"))

        reserve = d.pop("reserve")

        review_id = UUID(d.pop("review_id"))

        sampled = d.pop("sampled")

        seed = d.pop("seed")

        strata_sizes = SampleDrawOutStrataSizes.from_dict(d.pop("strata_sizes"))

        sample_draw_out = cls(
            available=available,
            draw_number=draw_number,
            drawn_at=drawn_at,
            drawn_by=drawn_by,
            frame_fingerprint=frame_fingerprint,
            frame_size=frame_size,
            held=held,
            id=id,
            limited_by_frame=limited_by_frame,
            quotas=quotas,
            requested=requested,
            reserve=reserve,
            review_id=review_id,
            sampled=sampled,
            seed=seed,
            strata_sizes=strata_sizes,
        )

        sample_draw_out.additional_properties = d
        return sample_draw_out

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
