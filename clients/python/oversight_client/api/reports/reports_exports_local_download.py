from http import HTTPStatus
from typing import Any, cast
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    export_id: None | Unset | UUID = UNSET,
    expires: int | Unset = 0,
    signature: str | Unset = "",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_export_id: None | str | Unset
    if isinstance(export_id, Unset):
        json_export_id = UNSET
    elif isinstance(export_id, UUID):
        json_export_id = str(export_id)
    else:
        json_export_id = export_id
    params["export_id"] = json_export_id

    params["expires"] = expires

    params["signature"] = signature

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports/export-downloads",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
        return response_200

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    export_id: None | Unset | UUID = UNSET,
    expires: int | Unset = 0,
    signature: str | Unset = "",
) -> Response[Any | Problem]:
    """Local Export Download

     The local-disk store's signed download (S3 answers presigned URLs itself).

    Args:
        export_id (None | Unset | UUID):
        expires (int | Unset):  Default: 0.
        signature (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        export_id=export_id,
        expires=expires,
        signature=signature,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    export_id: None | Unset | UUID = UNSET,
    expires: int | Unset = 0,
    signature: str | Unset = "",
) -> Any | Problem | None:
    """Local Export Download

     The local-disk store's signed download (S3 answers presigned URLs itself).

    Args:
        export_id (None | Unset | UUID):
        expires (int | Unset):  Default: 0.
        signature (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return sync_detailed(
        client=client,
        export_id=export_id,
        expires=expires,
        signature=signature,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    export_id: None | Unset | UUID = UNSET,
    expires: int | Unset = 0,
    signature: str | Unset = "",
) -> Response[Any | Problem]:
    """Local Export Download

     The local-disk store's signed download (S3 answers presigned URLs itself).

    Args:
        export_id (None | Unset | UUID):
        expires (int | Unset):  Default: 0.
        signature (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        export_id=export_id,
        expires=expires,
        signature=signature,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    export_id: None | Unset | UUID = UNSET,
    expires: int | Unset = 0,
    signature: str | Unset = "",
) -> Any | Problem | None:
    """Local Export Download

     The local-disk store's signed download (S3 answers presigned URLs itself).

    Args:
        export_id (None | Unset | UUID):
        expires (int | Unset):  Default: 0.
        signature (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            export_id=export_id,
            expires=expires,
            signature=signature,
        )
    ).parsed
