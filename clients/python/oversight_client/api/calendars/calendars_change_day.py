from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.calendar_day_change import CalendarDayChange
from ...models.organization_calendar_out import OrganizationCalendarOut
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    organization_id: UUID,
    *,
    body: CalendarDayChange,
    if_match: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/organizations/{organization_id}/calendar/days".format(
            organization_id=quote(str(organization_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OrganizationCalendarOut | Problem | None:
    if response.status_code == 200:
        response_200 = OrganizationCalendarOut.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 428:
        response_428 = Problem.from_dict(response.json())

        return response_428

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[OrganizationCalendarOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    organization_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CalendarDayChange,
    if_match: str,
) -> Response[OrganizationCalendarOut | Problem]:
    """Change Day

     Close a day or keep one open, with the reason (audited). A change back to the state's schedule
    undoes the earlier change. Send the calendar's ETag in If-Match (`"0"` before the first change).

    Args:
        organization_id (UUID):
        if_match (str):
        body (CalendarDayChange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrganizationCalendarOut | Problem]
    """

    kwargs = _get_kwargs(
        organization_id=organization_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    organization_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CalendarDayChange,
    if_match: str,
) -> OrganizationCalendarOut | Problem | None:
    """Change Day

     Close a day or keep one open, with the reason (audited). A change back to the state's schedule
    undoes the earlier change. Send the calendar's ETag in If-Match (`"0"` before the first change).

    Args:
        organization_id (UUID):
        if_match (str):
        body (CalendarDayChange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrganizationCalendarOut | Problem
    """

    return sync_detailed(
        organization_id=organization_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    organization_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CalendarDayChange,
    if_match: str,
) -> Response[OrganizationCalendarOut | Problem]:
    """Change Day

     Close a day or keep one open, with the reason (audited). A change back to the state's schedule
    undoes the earlier change. Send the calendar's ETag in If-Match (`"0"` before the first change).

    Args:
        organization_id (UUID):
        if_match (str):
        body (CalendarDayChange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrganizationCalendarOut | Problem]
    """

    kwargs = _get_kwargs(
        organization_id=organization_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    organization_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CalendarDayChange,
    if_match: str,
) -> OrganizationCalendarOut | Problem | None:
    """Change Day

     Close a day or keep one open, with the reason (audited). A change back to the state's schedule
    undoes the earlier change. Send the calendar's ETag in If-Match (`"0"` before the first change).

    Args:
        organization_id (UUID):
        if_match (str):
        body (CalendarDayChange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrganizationCalendarOut | Problem
    """

    return (
        await asyncio_detailed(
            organization_id=organization_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
