from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.notice_delivery_status import NoticeDeliveryStatus

if TYPE_CHECKING:
    from ..models.notice_delivery_out import NoticeDeliveryOut
    from ..models.notice_out_data import NoticeOutData


T = TypeVar("T", bound="NoticeOut")


@_attrs_define
class NoticeOut:
    """
    Attributes:
        attempts (int):
        created_at (datetime.datetime):
        data (NoticeOutData): Ids and non-PHI facts (dates, scores); never member data
        delivered_at (datetime.datetime | None):
        deliveries (list[NoticeDeliveryOut]): One entry per e-mail / webhook destination
        delivery_status (NoticeDeliveryStatus): A notice's delivery over all its destinations.
        id (UUID):
        kind (str):
        last_error (None | str):
        next_attempt_at (datetime.datetime | None):
        read_at (datetime.datetime | None):
        recipient_role (None | str):
        subject_id (UUID):
        subject_type (str):
    """

    attempts: int
    created_at: datetime.datetime
    data: NoticeOutData
    delivered_at: datetime.datetime | None
    deliveries: list[NoticeDeliveryOut]
    delivery_status: NoticeDeliveryStatus
    id: UUID
    kind: str
    last_error: None | str
    next_attempt_at: datetime.datetime | None
    read_at: datetime.datetime | None
    recipient_role: None | str
    subject_id: UUID
    subject_type: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempts = self.attempts

        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        delivered_at: None | str
        if isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        deliveries = []
        for deliveries_item_data in self.deliveries:
            deliveries_item = deliveries_item_data.to_dict()
            deliveries.append(deliveries_item)

        delivery_status = self.delivery_status.value

        id = str(self.id)

        kind = self.kind

        last_error: None | str
        last_error = self.last_error

        next_attempt_at: None | str
        if isinstance(self.next_attempt_at, datetime.datetime):
            next_attempt_at = self.next_attempt_at.isoformat()
        else:
            next_attempt_at = self.next_attempt_at

        read_at: None | str
        if isinstance(self.read_at, datetime.datetime):
            read_at = self.read_at.isoformat()
        else:
            read_at = self.read_at

        recipient_role: None | str
        recipient_role = self.recipient_role

        subject_id = str(self.subject_id)

        subject_type = self.subject_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempts": attempts,
                "created_at": created_at,
                "data": data,
                "delivered_at": delivered_at,
                "deliveries": deliveries,
                "delivery_status": delivery_status,
                "id": id,
                "kind": kind,
                "last_error": last_error,
                "next_attempt_at": next_attempt_at,
                "read_at": read_at,
                "recipient_role": recipient_role,
                "subject_id": subject_id,
                "subject_type": subject_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.notice_delivery_out import NoticeDeliveryOut  # noqa: PLC0415
        from ..models.notice_out_data import NoticeOutData  # noqa: PLC0415

        d = dict(src_dict)
        attempts = d.pop("attempts")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = NoticeOutData.from_dict(d.pop("data"))

        def _parse_delivered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_at_type_0 = datetime.datetime.fromisoformat(data)

                return delivered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at"))

        deliveries = []
        _deliveries = d.pop("deliveries")
        for deliveries_item_data in _deliveries:
            deliveries_item = NoticeDeliveryOut.from_dict(deliveries_item_data)

            deliveries.append(deliveries_item)

        delivery_status = NoticeDeliveryStatus(d.pop("delivery_status"))

        id = UUID(d.pop("id"))

        kind = d.pop("kind")

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))

        def _parse_next_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_attempt_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_attempt_at = _parse_next_attempt_at(d.pop("next_attempt_at"))

        def _parse_read_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                read_at_type_0 = datetime.datetime.fromisoformat(data)

                return read_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        read_at = _parse_read_at(d.pop("read_at"))

        def _parse_recipient_role(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        recipient_role = _parse_recipient_role(d.pop("recipient_role"))

        subject_id = UUID(d.pop("subject_id"))

        subject_type = d.pop("subject_type")

        notice_out = cls(
            attempts=attempts,
            created_at=created_at,
            data=data,
            delivered_at=delivered_at,
            deliveries=deliveries,
            delivery_status=delivery_status,
            id=id,
            kind=kind,
            last_error=last_error,
            next_attempt_at=next_attempt_at,
            read_at=read_at,
            recipient_role=recipient_role,
            subject_id=subject_id,
            subject_type=subject_type,
        )

        notice_out.additional_properties = d
        return notice_out

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
