from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dashboard_format import DashboardFormat
from ...models.plan_dashboard import PlanDashboard
from ...models.problem import Problem
from ...models.reports_plan_dashboard_program_type_0 import ReportsPlanDashboardProgramType0
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    program: None | ReportsPlanDashboardProgramType0 | Unset = UNSET,
    format_: DashboardFormat | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_program: None | str | Unset
    if isinstance(program, Unset):
        json_program = UNSET
    elif isinstance(program, ReportsPlanDashboardProgramType0):
        json_program = program.value
    else:
        json_program = program
    params["program"] = json_program

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports/dashboards/plan",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PlanDashboard | Problem | None:
    if response.status_code == 200:
        response_200 = PlanDashboard.from_dict(response.json())

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
) -> Response[PlanDashboard | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    program: None | ReportsPlanDashboardProgramType0 | Unset = UNSET,
    format_: DashboardFormat | Unset = UNSET,
) -> Response[PlanDashboard | Problem]:
    """Plan Dashboard

     Every provider's latest outcome and section scores, the trend by quarter, open action plans and
    their
    clocks, reviews due and overdue, Capacity Building reports outstanding. A plan's own.

    Args:
        program (None | ReportsPlanDashboardProgramType0 | Unset):
        format_ (DashboardFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlanDashboard | Problem]
    """

    kwargs = _get_kwargs(
        program=program,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    program: None | ReportsPlanDashboardProgramType0 | Unset = UNSET,
    format_: DashboardFormat | Unset = UNSET,
) -> PlanDashboard | Problem | None:
    """Plan Dashboard

     Every provider's latest outcome and section scores, the trend by quarter, open action plans and
    their
    clocks, reviews due and overdue, Capacity Building reports outstanding. A plan's own.

    Args:
        program (None | ReportsPlanDashboardProgramType0 | Unset):
        format_ (DashboardFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlanDashboard | Problem
    """

    return sync_detailed(
        client=client,
        program=program,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    program: None | ReportsPlanDashboardProgramType0 | Unset = UNSET,
    format_: DashboardFormat | Unset = UNSET,
) -> Response[PlanDashboard | Problem]:
    """Plan Dashboard

     Every provider's latest outcome and section scores, the trend by quarter, open action plans and
    their
    clocks, reviews due and overdue, Capacity Building reports outstanding. A plan's own.

    Args:
        program (None | ReportsPlanDashboardProgramType0 | Unset):
        format_ (DashboardFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlanDashboard | Problem]
    """

    kwargs = _get_kwargs(
        program=program,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    program: None | ReportsPlanDashboardProgramType0 | Unset = UNSET,
    format_: DashboardFormat | Unset = UNSET,
) -> PlanDashboard | Problem | None:
    """Plan Dashboard

     Every provider's latest outcome and section scores, the trend by quarter, open action plans and
    their
    clocks, reviews due and overdue, Capacity Building reports outstanding. A plan's own.

    Args:
        program (None | ReportsPlanDashboardProgramType0 | Unset):
        format_ (DashboardFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlanDashboard | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            program=program,
            format_=format_,
        )
    ).parsed
