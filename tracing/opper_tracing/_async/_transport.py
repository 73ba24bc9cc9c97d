"""The transport stack's sends (see ``opper_tracing._transport`` for what it adds)."""

from __future__ import annotations

from typing import Any

import httpx
from opentelemetry import trace

from .._telemetry import activated
from .._transport import StackBase, connection_error
from ._io import sleep

__all__ = ["AsyncClientTransport", "AsyncOpperTransport"]


class AsyncOpperTransport(StackBase, httpx.AsyncBaseTransport):
    """The stack over ``inner``, what really sends: ``AsyncOpperTransport(inner, api_key=...,
    base_url=..., retry=..., tracer=...)``. Closing it leaves ``inner`` open (clients made by
    ``with_options`` share it)."""

    def __init__(self, inner: httpx.AsyncBaseTransport, **config: Any) -> None:
        super().__init__(**config)
        self.inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        hops = 0
        while True:
            response = await self._hop(request)
            following = self._redirect(request, response, hops)
            if following is None:
                return response
            await response.aclose()
            request, hops = following, hops + 1

    async def _hop(self, request: httpx.Request) -> httpx.Response:
        attempt, retry = self._begin(request)
        # The operation's span is current through retries and waits: a retry's log line
        # carries its trace and span ids.
        with activated(attempt.span if attempt.own else trace.INVALID_SPAN):
            try:
                while True:
                    try:
                        response = await self._send_once(request)
                        break
                    except Exception as exc:
                        wait = retry.wait_after(exc, attempt.resends + 1)
                        if wait is None:
                            raise
                        attempt.retrying(exc, wait)
                        await sleep(wait)
            except BaseException as exc:
                attempt.done(None, exc)
                raise
        attempt.done(response, None)
        return response

    async def _send_once(self, request: httpx.Request) -> httpx.Response:
        try:
            response = await self.inner.handle_async_request(request)
        except httpx.TransportError as exc:
            raise connection_error(exc, request, self._api_key) from exc
        response.request = request
        self._clean(response)
        if response.status_code < 400:
            return response
        try:
            await response.aread()
        finally:
            await response.aclose()
        raise self._failure(request, response)


class AsyncClientTransport(httpx.AsyncBaseTransport):
    """Sends through a user's ``httpx.AsyncClient`` without changing it: its pool, proxies,
    hooks, certificates and default headers apply; nothing of it is given the API key. Closing
    this leaves the user's client open."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        for name, value in self.client.headers.items():  # its defaults: send() adds none
            request.headers.setdefault(name, value)
        return await self.client.send(request, stream=True)

    async def aclose(self) -> None:
        pass
