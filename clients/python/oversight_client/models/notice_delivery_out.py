from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.destination_delivery_status import DestinationDeliveryStatus
from ..models.notice_delivery_out_channel import NoticeDeliveryOutChannel

T = TypeVar("T", bound="NoticeDeliveryOut")


@_attrs_define
class NoticeDeliveryOut:
    """
    Attributes:
        attempts (int):
        channel (NoticeDeliveryOutChannel):
        delivered_at (datetime.datetime | None):
        first_attempt_at (datetime.datetime | None):
        last_attempt_at (datetime.datetime | None):
        last_error (None | str):
        last_status_code (int | None): The receiver's HTTP status or SMTP reply code
        status (DestinationDeliveryStatus): One destination's delivery of a notice.
        webhook_endpoint_id (None | UUID):
    """

    attempts: int
    channel: NoticeDeliveryOutChannel
    delivered_at: datetime.datetime | None
    first_attempt_at: datetime.datetime | None
    last_attempt_at: datetime.datetime | None
    last_error: None | str
    last_status_code: int | None
    status: DestinationDeliveryStatus
    webhook_endpoint_id: None | UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempts = self.attempts

        channel = self.channel.value

        delivered_at: None | str
        if isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        first_attempt_at: None | str
        if isinstance(self.first_attempt_at, datetime.datetime):
            first_attempt_at = self.first_attempt_at.isoformat()
        else:
            first_attempt_at = self.first_attempt_at

        last_attempt_at: None | str
        if isinstance(self.last_attempt_at, datetime.datetime):
            last_attempt_at = self.last_attempt_at.isoformat()
        else:
            last_attempt_at = self.last_attempt_at

        last_error: None | str
        last_error = self.last_error

        last_status_code: int | None
        last_status_code = self.last_status_code

        status = self.status.value

        webhook_endpoint_id: None | str
        if isinstance(self.webhook_endpoint_id, UUID):
            webhook_endpoint_id = str(self.webhook_endpoint_id)
        else:
            webhook_endpoint_id = self.webhook_endpoint_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempts": attempts,
                "channel": channel,
                "delivered_at": delivered_at,
                "first_attempt_at": first_attempt_at,
                "last_attempt_at": last_attempt_at,
                "last_error": last_error,
                "last_status_code": last_status_code,
                "status": status,
                "webhook_endpoint_id": webhook_endpoint_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        attempts = d.pop("attempts")

        channel = NoticeDeliveryOutChannel(d.pop("channel"))

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

        def _parse_first_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_attempt_at_type_0 = datetime.datetime.fromisoformat(data)

                return first_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        first_attempt_at = _parse_first_attempt_at(d.pop("first_attempt_at"))

        def _parse_last_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_attempt_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_attempt_at = _parse_last_attempt_at(d.pop("last_attempt_at"))

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))

        def _parse_last_status_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        last_status_code = _parse_last_status_code(d.pop("last_status_code"))

        status = DestinationDeliveryStatus(d.pop("status"))

        def _parse_webhook_endpoint_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                webhook_endpoint_id_type_0 = UUID(data)

                return webhook_endpoint_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        webhook_endpoint_id = _parse_webhook_endpoint_id(d.pop("webhook_endpoint_id"))

        notice_delivery_out = cls(
            attempts=attempts,
            channel=channel,
            delivered_at=delivered_at,
            first_attempt_at=first_attempt_at,
            last_attempt_at=last_attempt_at,
            last_error=last_error,
            last_status_code=last_status_code,
            status=status,
            webhook_endpoint_id=webhook_endpoint_id,
        )

        notice_delivery_out.additional_properties = d
        return notice_delivery_out

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
