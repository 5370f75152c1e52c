from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.import_out import ImportOut
from ...models.imports_create_file_format import ImportsCreateFileFormat
from ...models.imports_create_kind import ImportsCreateKind
from ...models.problem import Problem
from ...types import UNSET, File, Response


def _get_kwargs(
    *,
    body: File,
    kind: ImportsCreateKind,
    file_format: ImportsCreateFileFormat,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_kind = kind.value
    params["kind"] = json_kind

    json_file_format = file_format.value
    params["file_format"] = json_file_format

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/imports",
        "params": params,
    }

    _kwargs["content"] = body.payload
    headers["Content-Type"] = "application/octet-stream"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ImportOut | Problem | None:
    if response.status_code == 200:
        response_200 = ImportOut.from_dict(response.json())

        return response_200

    if response.status_code == 202:
        response_202 = ImportOut.from_dict(response.json())

        return response_202

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ImportOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: File,
    kind: ImportsCreateKind,
    file_format: ImportsCreateFileFormat,
) -> Response[ImportOut | Problem]:
    """Create Import

     Send a file of care-management activity; the worker loads it (202). The same file again answers
    200 with the import it made the first time, and loads nothing twice.

    Args:
        kind (ImportsCreateKind):
        file_format (ImportsCreateFileFormat): How the body is written: `csv` or `ndjson`
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportOut | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        kind=kind,
        file_format=file_format,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: File,
    kind: ImportsCreateKind,
    file_format: ImportsCreateFileFormat,
) -> ImportOut | Problem | None:
    """Create Import

     Send a file of care-management activity; the worker loads it (202). The same file again answers
    200 with the import it made the first time, and loads nothing twice.

    Args:
        kind (ImportsCreateKind):
        file_format (ImportsCreateFileFormat): How the body is written: `csv` or `ndjson`
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportOut | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        kind=kind,
        file_format=file_format,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: File,
    kind: ImportsCreateKind,
    file_format: ImportsCreateFileFormat,
) -> Response[ImportOut | Problem]:
    """Create Import

     Send a file of care-management activity; the worker loads it (202). The same file again answers
    200 with the import it made the first time, and loads nothing twice.

    Args:
        kind (ImportsCreateKind):
        file_format (ImportsCreateFileFormat): How the body is written: `csv` or `ndjson`
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportOut | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        kind=kind,
        file_format=file_format,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: File,
    kind: ImportsCreateKind,
    file_format: ImportsCreateFileFormat,
) -> ImportOut | Problem | None:
    """Create Import

     Send a file of care-management activity; the worker loads it (202). The same file again answers
    200 with the import it made the first time, and loads nothing twice.

    Args:
        kind (ImportsCreateKind):
        file_format (ImportsCreateFileFormat): How the body is written: `csv` or `ndjson`
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            kind=kind,
            file_format=file_format,
        )
    ).parsed
