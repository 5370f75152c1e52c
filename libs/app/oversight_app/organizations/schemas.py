"""Input and output models for organizations, providers, network links and sites."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator

from oversight_app.bounds import Day
from oversight_app.organizations.npi import is_valid_npi
from oversight_app.permissions import Role
from oversight_app.text import Text, refuse_unstorable

Kind = Literal["state", "plan", "provider"]
Program = Literal["ecm", "tcm"]
LinkStatus = Literal["active", "suspended", "terminated"]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# One mailbox: no spaces or line breaks (a CR/LF in an address made every delivery attempt of the notice
# fail while building the message), no list separators or display names, a dot in the domain.
# The constraints come before the validator, so the document carries the pattern (after it, pydantic enforces
# it but leaves it out); NUL is excluded by the pattern itself.
# Whitespace is spelled out rather than \s, which the document's, pydantic's and a client's regex engines each
# read differently (C0/C1 controls, NEL, the Unicode spaces and line separators).
_MAILBOX = (
    r"[^@,;<>()\[\]\\\"\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+"
)
EmailAddress = Annotated[
    str,
    StringConstraints(max_length=254, pattern=rf"^{_MAILBOX}@{_MAILBOX}\.{_MAILBOX}$"),
    AfterValidator(refuse_unstorable),
]
Channel = Literal["inbox", "email", "webhook"]


class OrganizationSettings(_In):
    """Where the organization's notices go (the worker reads these keys)."""

    emails: list[EmailAddress] = Field(default_factory=list, max_length=50)
    role_emails: dict[Role, list[EmailAddress]] = Field(
        default_factory=dict, description="A notice meant for a role goes to that role's addresses"
    )
    notice_channels: list[Channel] | None = Field(
        default=None, description="Default: all three (email needs addresses, webhook an endpoint)"
    )


# A provider's scorecard header fields (seed 003's ECM Review Tool: Partnership No, Phone, Fax, Contact
# person/title). Phone and fax as people write them ("(707) 555-0100", "+1 707 555 0100 x12"): digits and
# the usual separators, an optional extension, 7-32 characters; letters are refused (a word is not a number).
PhoneNumber = Annotated[
    str,
    StringConstraints(
        min_length=7, max_length=32, pattern=r"^\+?[0-9(][0-9 ().-]*[0-9]( ?(x|ext\.?) ?[0-9]{1,6})?$"
    ),
]
PartnershipNo = Annotated[
    str, StringConstraints(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9 ._/-]*$")
]
CONTACT_FIELDS = ("partnership_no", "phone", "fax", "contact_name", "contact_title")


class _ContactIn(_In):
    partnership_no: PartnershipNo | None = Field(
        default=None, description="The provider's number with the plan (Partnership No on the scorecard)"
    )
    phone: PhoneNumber | None = None
    fax: PhoneNumber | None = None
    contact_name: Text | None = Field(
        default=None, min_length=1, max_length=200, description="The provider's contact person for reviews"
    )
    contact_title: Text | None = Field(default=None, min_length=1, max_length=200)


class _ContactOut(BaseModel):
    partnership_no: str | None = None
    phone: str | None = None
    fax: str | None = None
    contact_name: str | None = None
    contact_title: str | None = None


def _check_npi(value: str | None) -> str | None:
    if value is not None and not is_valid_npi(value):
        raise ValueError("is not a valid NPI (10 digits with the Luhn check digit)")
    return value


class OrganizationIn(_ContactIn):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kind": "provider",
                    "name": "Redwood ECM",
                    "npi": "1987654328",
                    "jurisdiction": "US-CA",
                    "settings": {"emails": ["oversight@redwood-ecm.example.org"]},
                    "partnership_no": "PHC-004512",
                    "phone": "(707) 555-0100",
                    "fax": "(707) 555-0101",
                    "contact_name": "Dana Reyes",
                    "contact_title": "ECM Program Manager",
                }
            ]
        }
    )

    kind: Kind
    name: Text = Field(min_length=1, max_length=300)
    npi: Text | None = Field(default=None, description="Required for providers")
    jurisdiction: Annotated[str, StringConstraints(pattern=r"^US-[A-Z]{2}$")] | None = Field(
        default=None, description="Defaults to the creating state's"
    )
    settings: OrganizationSettings = Field(default_factory=OrganizationSettings)

    _npi = field_validator("npi")(_check_npi)


class OrganizationPatch(_ContactIn):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Redwood ECM Services",
                    "phone": "+1 707 555 0100 x12",
                    "contact_title": "ECM Director",
                    "settings": {
                        "emails": ["oversight@redwood-ecm.example.org"],
                        "notice_channels": ["inbox", "email"],
                    },
                }
            ]
        }
    )

    name: Text | None = Field(default=None, min_length=1, max_length=300)
    settings: OrganizationSettings | None = None


class OrganizationOut(_ContactOut):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                    "kind": "state",
                    "name": "Redwood ECM",
                    "npi": "1987654328",
                    "jurisdiction": "US-CA",
                    "settings": {},
                    "partnership_no": None,
                    "phone": "(916) 555-0100",
                    "fax": None,
                    "contact_name": "Dana Reyes",
                    "contact_title": "Quality Manager",
                    "version": 1,
                    "created_at": "2025-03-04T15:30:00Z",
                    "updated_at": "2025-03-04T15:30:00Z",
                }
            ]
        },
    )

    id: uuid.UUID
    kind: Kind
    name: str
    npi: str | None
    jurisdiction: str
    settings: dict[str, Any]
    version: int
    created_at: datetime
    updated_at: datetime


class SiteIn(_In):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Redwood ECM Eureka",
                    "address_line": "100 Example St",
                    "city": "Eureka",
                    "state": "CA",
                    "postal_code": "95501",
                    "county": "Humboldt",
                }
            ]
        }
    )

    name: Text = Field(min_length=1, max_length=300)
    address_line: Text | None = Field(default=None, max_length=300)
    city: Text | None = Field(default=None, max_length=100)
    state: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = Field(default=None)
    postal_code: Annotated[str, StringConstraints(pattern=r"^\d{5}(-\d{4})?$")] | None = Field(default=None)
    county: Text | None = Field(default=None, max_length=100)


def _declared_not_null(schema: dict[str, Any]) -> None:
    """Declares an optional field that may be left out but not sent as null: its string branch, no default."""
    string = next(branch for branch in schema.pop("anyOf") if branch.get("type") != "null")
    schema.pop("default", None)
    schema.update(string)


class SitePatch(_In):
    """Change your own site: the fields given are set (``null`` clears an optional one; the name stays)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"address_line": "200 Example Ave", "postal_code": "95503"}]}
    )

    name: Text | None = Field(
        default=None, min_length=1, max_length=300, json_schema_extra=_declared_not_null
    )
    address_line: Text | None = Field(default=None, max_length=300)
    city: Text | None = Field(default=None, max_length=100)
    state: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = Field(default=None)
    postal_code: Annotated[str, StringConstraints(pattern=r"^\d{5}(-\d{4})?$")] | None = Field(default=None)
    county: Text | None = Field(default=None, max_length=100)

    @field_validator("name")
    @classmethod
    def _name_stays(cls, value: str | None) -> str | None:
        # Field validators see only values the client sent: an explicit null would erase a required field.
        if value is None:
            raise ValueError("a site keeps its name; send a new one or leave it out")
        return value


SiteOwner = Literal["provider", "plan"]


class SiteOut(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                    "name": "Redwood ECM",
                    "address_line": "100 Example St",
                    "city": "Eureka",
                    "state": "CA",
                    "postal_code": "95501",
                    "county": "Humboldt",
                    "owner": "provider",
                    "owner_id": "2f8a113d-f2d9-5433-9367-b939e6713921",
                    "version": 1,
                }
            ]
        },
    )

    id: uuid.UUID
    name: str
    address_line: str | None
    city: str | None
    state: str | None
    postal_code: str | None
    county: str | None
    owner: SiteOwner = Field(
        description="provider: the provider's own site, shown to every plan it contracts with and changed only "
        "by the provider; plan: an entry of the plan owner_id, shown to that plan (and the provider and the "
        "state), never to another plan, and changed only by that plan"
    )
    owner_id: uuid.UUID = Field(description="The organization whose entry this site is")
    version: int


class ProviderIn(_ContactIn):
    """Add a provider to the calling plan's network for one program (creating it unless the NPI exists)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "npi": "1987654328",
                    "name": "Redwood ECM",
                    "partnership_no": "PHC-004512",
                    "phone": "(707) 555-0100",
                    "program": "ecm",
                    "effective_from": "2025-01-01",
                    "sites": [
                        {
                            "name": "Redwood ECM Eureka",
                            "city": "Eureka",
                            "state": "CA",
                            "postal_code": "95501",
                            "county": "Humboldt",
                        }
                    ],
                }
            ]
        }
    )

    npi: Text
    name: Text = Field(min_length=1, max_length=300, description="Used when the NPI is new to Oversight")
    jurisdiction: Annotated[str, StringConstraints(pattern=r"^US-[A-Z]{2}$")] | None = Field(
        default=None, description="Default: the plan's"
    )
    program: Program
    effective_from: Day
    effective_to: Day | None = None
    sites: list[SiteIn] = Field(
        default_factory=list,
        max_length=100,
        description="Your own sites for this provider (other plans never see them)",
    )
    settings: OrganizationSettings = Field(
        default_factory=OrganizationSettings,
        description="The provider's notice contacts, used only when the NPI is new to Oversight; after that they "
        "are the provider's own record, which only the provider changes",
    )

    _npi = field_validator("npi")(_check_npi)


class NetworkLinkOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                    "plan_id": "7d3e5f1a-9b2c-4d6e-8f0a-1b3c5d7e9f20",
                    "provider_id": "3f1c2b9e-6a7d-4e1f-9b2a-5c8d7e6f4a10",
                    "program": "ecm",
                    "status": "active",
                    "effective_from": "2025-01-01",
                    "effective_to": "2026-12-31",
                    "version": 1,
                }
            ]
        }
    )

    id: uuid.UUID
    plan_id: uuid.UUID
    provider_id: uuid.UUID
    program: Program
    status: LinkStatus
    effective_from: date
    effective_to: date | None
    version: int


class NetworkLinkPatch(_In):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"status": "terminated", "effective_to": "2025-12-31"}]}
    )

    status: LinkStatus | None = None
    effective_to: Day | None = None


class ProviderOut(_ContactOut):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                    "name": "Redwood ECM",
                    "npi": "1987654328",
                    "jurisdiction": "US-CA",
                    "partnership_no": "PHC-004512",
                    "phone": "(707) 555-0100",
                    "fax": "(707) 555-0101",
                    "contact_name": "Dana Reyes",
                    "contact_title": "ECM Program Manager",
                    "version": 1,
                    "sites": [
                        {
                            "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                            "name": "Redwood ECM",
                            "address_line": "100 Example St",
                            "city": "Eureka",
                            "state": "CA",
                            "postal_code": "95501",
                            "county": "Humboldt",
                            "owner": "provider",
                            "owner_id": "2f8a113d-f2d9-5433-9367-b939e6713921",
                            "version": 1,
                        }
                    ],
                    "network": [
                        {
                            "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                            "plan_id": "7d3e5f1a-9b2c-4d6e-8f0a-1b3c5d7e9f20",
                            "provider_id": "3f1c2b9e-6a7d-4e1f-9b2a-5c8d7e6f4a10",
                            "program": "ecm",
                            "status": "active",
                            "effective_from": "2025-01-01",
                            "effective_to": "2026-12-31",
                            "version": 1,
                        }
                    ],
                }
            ]
        }
    )

    id: uuid.UUID
    name: str
    npi: str | None
    jurisdiction: str
    version: int
    sites: list[SiteOut] = Field(description="The provider's own sites and the caller's own entries")
    network: list[NetworkLinkOut] = Field(description="The links the caller may see")
