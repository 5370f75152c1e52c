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
    import_id: None | Unset | UUID = UNSET,
    size: int | Unset = 0,
    expires: int | Unset = 0,
    signature: str | Unset = "",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_import_id: None | str | Unset
    if isinstance(import_id, Unset):
        json_import_id = UNSET
    elif isinstance(import_id, UUID):
        json_import_id = str(import_id)
    else:
        json_import_id = import_id
    params["import_id"] = json_import_id

    params["size"] = size

    params["expires"] = expires

    params["signature"] = signature

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/import-uploads",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

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
    import_id: None | Unset | UUID = UNSET,
    size: int | Unset = 0,
    expires: int | Unset = 0,
    signature: str | Unset = "",
) -> Response[Any | Problem]:
    """Local Upload

    Args:
        import_id (None | Unset | UUID):
        size (int | Unset):  Default: 0.
        expires (int | Unset):  Default: 0.
        signature (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        import_id=import_id,
        size=size,
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
    import_id: None | Unset | UUID = UNSET,
    size: int | Unset = 0,
    expires: int | Unset = 0,
    signature: str | Unset = "",
) -> Any | Problem | None:
    """Local Upload

    Args:
        import_id (None | Unset | UUID):
        size (int | Unset):  Default: 0.
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
        import_id=import_id,
        size=size,
        expires=expires,
        signature=signature,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    import_id: None | Unset | UUID = UNSET,
    size: int | Unset = 0,
    expires: int | Unset = 0,
    signature: str | Unset = "",
) -> Response[Any | Problem]:
    """Local Upload

    Args:
        import_id (None | Unset | UUID):
        size (int | Unset):  Default: 0.
        expires (int | Unset):  Default: 0.
        signature (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        import_id=import_id,
        size=size,
        expires=expires,
        signature=signature,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    import_id: None | Unset | UUID = UNSET,
    size: int | Unset = 0,
    expires: int | Unset = 0,
    signature: str | Unset = "",
) -> Any | Problem | None:
    """Local Upload

    Args:
        import_id (None | Unset | UUID):
        size (int | Unset):  Default: 0.
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
            import_id=import_id,
            size=size,
            expires=expires,
            signature=signature,
        )
    ).parsed
