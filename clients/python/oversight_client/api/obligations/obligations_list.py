import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.obligation_view import ObligationView
from ...models.page_obligation_out import PageObligationOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: None | ObligationView | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    provider_id: None | Unset | UUID = UNSET,
    site_id: None | Unset | UUID = UNSET,
    due_after: datetime.date | None | Unset = UNSET,
    due_before: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ObligationView):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    else:
        json_kind = kind
    params["kind"] = json_kind

    json_provider_id: None | str | Unset
    if isinstance(provider_id, Unset):
        json_provider_id = UNSET
    elif isinstance(provider_id, UUID):
        json_provider_id = str(provider_id)
    else:
        json_provider_id = provider_id
    params["provider_id"] = json_provider_id

    json_site_id: None | str | Unset
    if isinstance(site_id, Unset):
        json_site_id = UNSET
    elif isinstance(site_id, UUID):
        json_site_id = str(site_id)
    else:
        json_site_id = site_id
    params["site_id"] = json_site_id

    json_due_after: None | str | Unset
    if isinstance(due_after, Unset):
        json_due_after = UNSET
    elif isinstance(due_after, datetime.date):
        json_due_after = due_after.isoformat()
    else:
        json_due_after = due_after
    params["due_after"] = json_due_after

    json_due_before: None | str | Unset
    if isinstance(due_before, Unset):
        json_due_before = UNSET
    elif isinstance(due_before, datetime.date):
        json_due_before = due_before.isoformat()
    else:
        json_due_before = due_before
    params["due_before"] = json_due_before

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
        "url": "/v1/obligations",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageObligationOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageObligationOut.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[PageObligationOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: None | ObligationView | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    provider_id: None | Unset | UUID = UNSET,
    site_id: None | Unset | UUID = UNSET,
    due_after: datetime.date | None | Unset = UNSET,
    due_before: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageObligationOut | Problem]:
    """List Obligations

    Args:
        status (None | ObligationView | Unset):
        kind (None | str | Unset): program_narrative or peer_sharing
        provider_id (None | Unset | UUID):
        site_id (None | Unset | UUID):
        due_after (datetime.date | None | Unset): Due on or after this date (ISO)
        due_before (datetime.date | None | Unset): Due on or before this date (ISO)
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageObligationOut | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        kind=kind,
        provider_id=provider_id,
        site_id=site_id,
        due_after=due_after,
        due_before=due_before,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    status: None | ObligationView | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    provider_id: None | Unset | UUID = UNSET,
    site_id: None | Unset | UUID = UNSET,
    due_after: datetime.date | None | Unset = UNSET,
    due_before: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageObligationOut | Problem | None:
    """List Obligations

    Args:
        status (None | ObligationView | Unset):
        kind (None | str | Unset): program_narrative or peer_sharing
        provider_id (None | Unset | UUID):
        site_id (None | Unset | UUID):
        due_after (datetime.date | None | Unset): Due on or after this date (ISO)
        due_before (datetime.date | None | Unset): Due on or before this date (ISO)
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageObligationOut | Problem
    """

    return sync_detailed(
        client=client,
        status=status,
        kind=kind,
        provider_id=provider_id,
        site_id=site_id,
        due_after=due_after,
        due_before=due_before,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: None | ObligationView | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    provider_id: None | Unset | UUID = UNSET,
    site_id: None | Unset | UUID = UNSET,
    due_after: datetime.date | None | Unset = UNSET,
    due_before: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageObligationOut | Problem]:
    """List Obligations

    Args:
        status (None | ObligationView | Unset):
        kind (None | str | Unset): program_narrative or peer_sharing
        provider_id (None | Unset | UUID):
        site_id (None | Unset | UUID):
        due_after (datetime.date | None | Unset): Due on or after this date (ISO)
        due_before (datetime.date | None | Unset): Due on or before this date (ISO)
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageObligationOut | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        kind=kind,
        provider_id=provider_id,
        site_id=site_id,
        due_after=due_after,
        due_before=due_before,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: None | ObligationView | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    provider_id: None | Unset | UUID = UNSET,
    site_id: None | Unset | UUID = UNSET,
    due_after: datetime.date | None | Unset = UNSET,
    due_before: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageObligationOut | Problem | None:
    """List Obligations

    Args:
        status (None | ObligationView | Unset):
        kind (None | str | Unset): program_narrative or peer_sharing
        provider_id (None | Unset | UUID):
        site_id (None | Unset | UUID):
        due_after (datetime.date | None | Unset): Due on or after this date (ISO)
        due_before (datetime.date | None | Unset): Due on or before this date (ISO)
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageObligationOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            kind=kind,
            provider_id=provider_id,
            site_id=site_id,
            due_after=due_after,
            due_before=due_before,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
