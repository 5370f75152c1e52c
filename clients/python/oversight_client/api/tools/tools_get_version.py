from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.tool_version_out import ToolVersionOut
from ...types import Response


def _get_kwargs(
    tool_key: str,
    version: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/tools/{tool_key}/versions/{version}".format(
            tool_key=quote(str(tool_key), safe=""),
            version=quote(str(version), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ToolVersionOut | None:
    if response.status_code == 200:
        response_200 = ToolVersionOut.from_dict(response.json())

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
) -> Response[Problem | ToolVersionOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    tool_key: str,
    version: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | ToolVersionOut]:
    """Get Tool Version

    Args:
        tool_key (str):
        version (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ToolVersionOut]
    """

    kwargs = _get_kwargs(
        tool_key=tool_key,
        version=version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    tool_key: str,
    version: str,
    *,
    client: AuthenticatedClient,
) -> Problem | ToolVersionOut | None:
    """Get Tool Version

    Args:
        tool_key (str):
        version (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ToolVersionOut
    """

    return sync_detailed(
        tool_key=tool_key,
        version=version,
        client=client,
    ).parsed


async def asyncio_detailed(
    tool_key: str,
    version: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | ToolVersionOut]:
    """Get Tool Version

    Args:
        tool_key (str):
        version (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ToolVersionOut]
    """

    kwargs = _get_kwargs(
        tool_key=tool_key,
        version=version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    tool_key: str,
    version: str,
    *,
    client: AuthenticatedClient,
) -> Problem | ToolVersionOut | None:
    """Get Tool Version

    Args:
        tool_key (str):
        version (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ToolVersionOut
    """

    return (
        await asyncio_detailed(
            tool_key=tool_key,
            version=version,
            client=client,
        )
    ).parsed
