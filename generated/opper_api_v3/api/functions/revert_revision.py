from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.function_details import FunctionDetails
from ...types import Response


def _get_kwargs(
    name: str,
    revision_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/functions/{name}/revisions/{revision_id}/revert".format(
            name=quote(str(name), safe=""),
            revision_id=quote(str(revision_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorResponse | FunctionDetails | None:
    if response.status_code == 200:
        response_200 = FunctionDetails.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = cast(Any, None)
        return response_401

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | ErrorResponse | FunctionDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    revision_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | ErrorResponse | FunctionDetails]:
    """Revert to revision

     Revert a function to a previous revision.

    Args:
        name (str):
        revision_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | FunctionDetails]
    """

    kwargs = _get_kwargs(
        name=name,
        revision_id=revision_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    revision_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Any | ErrorResponse | FunctionDetails | None:
    """Revert to revision

     Revert a function to a previous revision.

    Args:
        name (str):
        revision_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | FunctionDetails
    """

    return sync_detailed(
        name=name,
        revision_id=revision_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    name: str,
    revision_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | ErrorResponse | FunctionDetails]:
    """Revert to revision

     Revert a function to a previous revision.

    Args:
        name (str):
        revision_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | FunctionDetails]
    """

    kwargs = _get_kwargs(
        name=name,
        revision_id=revision_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    revision_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Any | ErrorResponse | FunctionDetails | None:
    """Revert to revision

     Revert a function to a previous revision.

    Args:
        name (str):
        revision_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | FunctionDetails
    """

    return (
        await asyncio_detailed(
            name=name,
            revision_id=revision_id,
            client=client,
        )
    ).parsed
