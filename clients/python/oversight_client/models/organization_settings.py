from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.organization_settings_notice_channels_type_0_item import OrganizationSettingsNoticeChannelsType0Item
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.organization_settings_role_emails import OrganizationSettingsRoleEmails


T = TypeVar("T", bound="OrganizationSettings")


@_attrs_define
class OrganizationSettings:
    """Where the organization's notices go (the worker reads these keys).

    Attributes:
        emails (list[str] | Unset):
        notice_channels (list[OrganizationSettingsNoticeChannelsType0Item] | None | Unset): Default: all three (email
            needs addresses, webhook an endpoint)
        role_emails (OrganizationSettingsRoleEmails | Unset): A notice meant for a role goes to that role's addresses
    """

    emails: list[str] | Unset = UNSET
    notice_channels: list[OrganizationSettingsNoticeChannelsType0Item] | None | Unset = UNSET
    role_emails: OrganizationSettingsRoleEmails | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        emails: list[str] | Unset = UNSET
        if not isinstance(self.emails, Unset):
            emails = self.emails

        notice_channels: list[str] | None | Unset
        if isinstance(self.notice_channels, Unset):
            notice_channels = UNSET
        elif isinstance(self.notice_channels, list):
            notice_channels = []
            for notice_channels_type_0_item_data in self.notice_channels:
                notice_channels_type_0_item = notice_channels_type_0_item_data.value
                notice_channels.append(notice_channels_type_0_item)

        else:
            notice_channels = self.notice_channels

        role_emails: dict[str, Any] | Unset = UNSET
        if not isinstance(self.role_emails, Unset):
            role_emails = self.role_emails.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if emails is not UNSET:
            field_dict["emails"] = emails
        if notice_channels is not UNSET:
            field_dict["notice_channels"] = notice_channels
        if role_emails is not UNSET:
            field_dict["role_emails"] = role_emails

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.organization_settings_role_emails import OrganizationSettingsRoleEmails  # noqa: PLC0415

        d = dict(src_dict)
        emails = cast(list[str], d.pop("emails", UNSET))

        def _parse_notice_channels(data: object) -> list[OrganizationSettingsNoticeChannelsType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                notice_channels_type_0 = []
                _notice_channels_type_0 = data
                for notice_channels_type_0_item_data in _notice_channels_type_0:
                    notice_channels_type_0_item = OrganizationSettingsNoticeChannelsType0Item(
                        notice_channels_type_0_item_data
                    )

                    notice_channels_type_0.append(notice_channels_type_0_item)

                return notice_channels_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[OrganizationSettingsNoticeChannelsType0Item] | None | Unset, data)

        notice_channels = _parse_notice_channels(d.pop("notice_channels", UNSET))

        _role_emails = d.pop("role_emails", UNSET)
        role_emails: OrganizationSettingsRoleEmails | Unset
        if isinstance(_role_emails, Unset):
            role_emails = UNSET
        else:
            role_emails = OrganizationSettingsRoleEmails.from_dict(_role_emails)

        organization_settings = cls(
            emails=emails,
            notice_channels=notice_channels,
            role_emails=role_emails,
        )

        return organization_settings
