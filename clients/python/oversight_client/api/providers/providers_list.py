from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_provider_out import PageProviderOut
from ...models.problem import Problem
from ...models.providers_list_program_type_0 import ProvidersListProgramType0
from ...models.providers_list_status_type_0 import ProvidersListStatusType0
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    program: None | ProvidersListProgramType0 | Unset = UNSET,
    status: None | ProvidersListStatusType0 | Unset = UNSET,
    npi: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_program: None | str | Unset
    if isinstance(program, Unset):
        json_program = UNSET
    elif isinstance(program, ProvidersListProgramType0):
        json_program = program.value
    else:
        json_program = program
    params["program"] = json_program

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ProvidersListStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_npi: None | str | Unset
    if isinstance(npi, Unset):
        json_npi = UNSET
    else:
        json_npi = npi
    params["npi"] = json_npi

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
        "url": "/v1/providers",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageProviderOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageProviderOut.from_dict(response.json())

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
) -> Response[PageProviderOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    program: None | ProvidersListProgramType0 | Unset = UNSET,
    status: None | ProvidersListStatusType0 | Unset = UNSET,
    npi: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageProviderOut | Problem]:
    """List Providers

    Args:
        program (None | ProvidersListProgramType0 | Unset):
        status (None | ProvidersListStatusType0 | Unset): Network link status
        npi (None | str | Unset):
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageProviderOut | Problem]
    """

    kwargs = _get_kwargs(
        program=program,
        status=status,
        npi=npi,
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
    program: None | ProvidersListProgramType0 | Unset = UNSET,
    status: None | ProvidersListStatusType0 | Unset = UNSET,
    npi: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageProviderOut | Problem | None:
    """List Providers

    Args:
        program (None | ProvidersListProgramType0 | Unset):
        status (None | ProvidersListStatusType0 | Unset): Network link status
        npi (None | str | Unset):
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageProviderOut | Problem
    """

    return sync_detailed(
        client=client,
        program=program,
        status=status,
        npi=npi,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    program: None | ProvidersListProgramType0 | Unset = UNSET,
    status: None | ProvidersListStatusType0 | Unset = UNSET,
    npi: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageProviderOut | Problem]:
    """List Providers

    Args:
        program (None | ProvidersListProgramType0 | Unset):
        status (None | ProvidersListStatusType0 | Unset): Network link status
        npi (None | str | Unset):
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageProviderOut | Problem]
    """

    kwargs = _get_kwargs(
        program=program,
        status=status,
        npi=npi,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    program: None | ProvidersListProgramType0 | Unset = UNSET,
    status: None | ProvidersListStatusType0 | Unset = UNSET,
    npi: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageProviderOut | Problem | None:
    """List Providers

    Args:
        program (None | ProvidersListProgramType0 | Unset):
        status (None | ProvidersListStatusType0 | Unset): Network link status
        npi (None | str | Unset):
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageProviderOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            program=program,
            status=status,
            npi=npi,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
