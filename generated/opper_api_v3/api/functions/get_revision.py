from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.function_revision import FunctionRevision
from ...types import Response


def _get_kwargs(
    name: str,
    revision_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/functions/{name}/revisions/{revision_id}".format(
            name=quote(str(name), safe=""),
            revision_id=quote(str(revision_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorResponse | FunctionRevision | None:
    if response.status_code == 200:
        response_200 = FunctionRevision.from_dict(response.json())

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
) -> Response[Any | ErrorResponse | FunctionRevision]:
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
) -> Response[Any | ErrorResponse | FunctionRevision]:
    """Get revision

     Get a specific revision of a function.

    Args:
        name (str):
        revision_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | FunctionRevision]
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
) -> Any | ErrorResponse | FunctionRevision | None:
    """Get revision

     Get a specific revision of a function.

    Args:
        name (str):
        revision_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | FunctionRevision
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
) -> Response[Any | ErrorResponse | FunctionRevision]:
    """Get revision

     Get a specific revision of a function.

    Args:
        name (str):
        revision_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | FunctionRevision]
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
) -> Any | ErrorResponse | FunctionRevision | None:
    """Get revision

     Get a specific revision of a function.

    Args:
        name (str):
        revision_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | FunctionRevision
    """

    return (
        await asyncio_detailed(
            name=name,
            revision_id=revision_id,
            client=client,
        )
    ).parsed
