from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.capacity_reports_list_kind_type_0 import CapacityReportsListKindType0
from ...models.capacity_reports_list_status_type_0 import CapacityReportsListStatusType0
from ...models.page_report_out import PageReportOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    program_id: UUID,
    *,
    participant: None | Unset | UUID = UNSET,
    status: CapacityReportsListStatusType0 | None | Unset = UNSET,
    kind: CapacityReportsListKindType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_participant: None | str | Unset
    if isinstance(participant, Unset):
        json_participant = UNSET
    elif isinstance(participant, UUID):
        json_participant = str(participant)
    else:
        json_participant = participant
    params["participant"] = json_participant

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, CapacityReportsListStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, CapacityReportsListKindType0):
        json_kind = kind.value
    else:
        json_kind = kind
    params["kind"] = json_kind

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/capacity/programs/{program_id}/reports".format(
            program_id=quote(str(program_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageReportOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageReportOut.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PageReportOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    program_id: UUID,
    *,
    client: AuthenticatedClient,
    participant: None | Unset | UUID = UNSET,
    status: CapacityReportsListStatusType0 | None | Unset = UNSET,
    kind: CapacityReportsListKindType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageReportOut | Problem]:
    """List Reports

    Args:
        program_id (UUID):
        participant (None | Unset | UUID): Only this participant's reports
        status (CapacityReportsListStatusType0 | None | Unset): due / overdue: still owed, before
            / after the due date
        kind (CapacityReportsListKindType0 | None | Unset):
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageReportOut | Problem]
    """

    kwargs = _get_kwargs(
        program_id=program_id,
        participant=participant,
        status=status,
        kind=kind,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    program_id: UUID,
    *,
    client: AuthenticatedClient,
    participant: None | Unset | UUID = UNSET,
    status: CapacityReportsListStatusType0 | None | Unset = UNSET,
    kind: CapacityReportsListKindType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageReportOut | Problem | None:
    """List Reports

    Args:
        program_id (UUID):
        participant (None | Unset | UUID): Only this participant's reports
        status (CapacityReportsListStatusType0 | None | Unset): due / overdue: still owed, before
            / after the due date
        kind (CapacityReportsListKindType0 | None | Unset):
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageReportOut | Problem
    """

    return sync_detailed(
        program_id=program_id,
        client=client,
        participant=participant,
        status=status,
        kind=kind,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    program_id: UUID,
    *,
    client: AuthenticatedClient,
    participant: None | Unset | UUID = UNSET,
    status: CapacityReportsListStatusType0 | None | Unset = UNSET,
    kind: CapacityReportsListKindType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageReportOut | Problem]:
    """List Reports

    Args:
        program_id (UUID):
        participant (None | Unset | UUID): Only this participant's reports
        status (CapacityReportsListStatusType0 | None | Unset): due / overdue: still owed, before
            / after the due date
        kind (CapacityReportsListKindType0 | None | Unset):
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageReportOut | Problem]
    """

    kwargs = _get_kwargs(
        program_id=program_id,
        participant=participant,
        status=status,
        kind=kind,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    program_id: UUID,
    *,
    client: AuthenticatedClient,
    participant: None | Unset | UUID = UNSET,
    status: CapacityReportsListStatusType0 | None | Unset = UNSET,
    kind: CapacityReportsListKindType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageReportOut | Problem | None:
    """List Reports

    Args:
        program_id (UUID):
        participant (None | Unset | UUID): Only this participant's reports
        status (CapacityReportsListStatusType0 | None | Unset): due / overdue: still owed, before
            / after the due date
        kind (CapacityReportsListKindType0 | None | Unset):
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageReportOut | Problem
    """

    return (
        await asyncio_detailed(
            program_id=program_id,
            client=client,
            participant=participant,
            status=status,
            kind=kind,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
