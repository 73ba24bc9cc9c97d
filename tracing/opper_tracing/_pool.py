"""Connection defaults for the HTTP clients that ``Opper`` and ``AsyncOpper`` build themselves.

Project issue 12: many concurrent streams on one default ``AsyncOpper`` were slow and, past a
thousand, failed with pool timeouts. ``benchmarks/bench_concurrency.py`` opens N streams of 50
text chunks at once on one client over loopback (2 shared CPUs; ranges are over runs on a
machine other work shared, see BENCHMARKS.md for the latest). At N = 5,000:

- ``AsyncOpper`` on httpx's own transport, with these limits: 23-42 s, 90-140 µs of CPU per
  chunk, and the time per stream grows with N (3.1-5.0 ms at 1,000, 4.7-8.4 ms at 5,000).
  With httpx's default limits (100 connections, 20 kept) the run did not end within 60 s.
- Option (a), limits alone (1,000 connections, 100 kept): 27-29 s. Option (c), a semaphore in
  front of httpx's pool: 31 s with 100 slots, 52 s with 1,000. httpcore's pool walks its
  connections and queued requests whenever a request starts or ends (encode/httpcore#1035),
  and plain httpx reading raw bytes already spends 50-70 µs of CPU per chunk.
- Option (b), ``httpx-aiohttp``'s ``AiohttpTransport`` with 1,000 connections: 5.8-8.2 s,
  23-32 µs per chunk, and time per stream flat from 100 to 5,000 streams (1.2-2.7 ms). For
  comparison: raw aiohttp 1.3 s, openai-python 40 s by default and 9.9 s on its aiohttp client.

So the async client uses aiohttp's transport (``httpx-aiohttp`` is a dependency; without
it, httpx's own) when no proxy from the environment applies to its base URL, and httpx's own
otherwise (given that proxy: httpx reads the environment only for clients built without a
transport); both with ``DEFAULT_LIMITS``. 1,000 connections, openai-python's choice, also
matter for real streams that last longer than the pool timeout: with httpx's 100,
the 101st concurrent such stream waits for a connection and times out. The sync client has no
aiohttp counterpart and takes the limits alone.
"""

from __future__ import annotations

import importlib
import urllib.request
from collections.abc import AsyncIterator
from typing import Any, Final

import httpx

__all__ = [
    "DEFAULT_LIMITS",
    "aiohttp_installed",
    "default_async_transport",
    "default_sync_transport",
    "environment_proxy",
]

DEFAULT_LIMITS: Final = httpx.Limits(
    max_connections=1000, max_keepalive_connections=100, keepalive_expiry=5.0
)
"""openai-python's limits: 1,000 connections, 100 kept alive when idle, each for 5 s."""


def aiohttp_installed() -> bool:
    """Whether ``httpx-aiohttp`` (and so aiohttp) can be imported."""
    try:
        importlib.import_module("httpx_aiohttp")
    except ImportError:
        return False
    return True


def environment_proxy(url: str | httpx.URL) -> httpx.Proxy | None:
    """The proxy the environment sets for requests to ``url``: ``HTTPS_PROXY`` (or
    ``HTTP_PROXY`` for http URLs), else ``ALL_PROXY``, unless ``NO_PROXY`` exempts its host.

    httpx applies these itself only to a client built without ``transport=``; a client that
    passes one must put the proxy on the transport.
    """
    target = httpx.URL(url)
    proxies = urllib.request.getproxies()
    proxy = proxies.get(target.scheme) or proxies.get("all")
    if not proxy or urllib.request.proxy_bypass(target.host):
        return None
    return httpx.Proxy(proxy)


def default_async_transport(base_url: str | httpx.URL) -> httpx.AsyncBaseTransport:
    """A new transport for an async client of ``base_url``: aiohttp's, when ``httpx-aiohttp``
    is installed and no proxy applies, else httpx's own (with the proxy, if any); both with
    ``DEFAULT_LIMITS``."""
    proxy = environment_proxy(base_url)
    if proxy is None and aiohttp_installed():
        return _AiohttpTransport(DEFAULT_LIMITS)
    return httpx.AsyncHTTPTransport(limits=DEFAULT_LIMITS, proxy=proxy)


def default_sync_transport(base_url: str | httpx.URL) -> httpx.BaseTransport:
    """A new transport for a sync client of ``base_url``: httpx's own, ``DEFAULT_LIMITS``, the
    environment's proxy if one applies."""
    return httpx.HTTPTransport(limits=DEFAULT_LIMITS, proxy=environment_proxy(base_url))


class _AiohttpTransport(httpx.AsyncBaseTransport):
    """``httpx_aiohttp.AiohttpTransport`` with a session of our own and httpx's error classes.

    The session keeps no cookies (the httpx client above keeps them). httpx-aiohttp maps every
    aiohttp connection error to ``httpx.ConnectTimeout``, which reads as "not sent, safe to
    retry"; a server that hung up after the request, or a reset connection, are mapped back to
    what httpx's own transport raises, so retry policies see the same errors on both.
    """

    def __init__(self, limits: httpx.Limits) -> None:
        self._aiohttp: Any = importlib.import_module("aiohttp")
        self._limits = limits
        module: Any = importlib.import_module("httpx_aiohttp")
        # A factory: aiohttp sessions need a running event loop, which the first request has.
        self._inner: httpx.AsyncBaseTransport = module.AiohttpTransport(
            limits=limits, client=self._session
        )

    def _session(self) -> Any:
        aiohttp = self._aiohttp
        connector = aiohttp.TCPConnector(
            limit=self._limits.max_connections or 0,
            keepalive_timeout=self._limits.keepalive_expiry,
            ssl=getattr(self._inner, "ssl_context", True),
        )
        return aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar())

    def _remap(self, exc: httpx.TransportError, request: httpx.Request) -> httpx.TransportError:
        aiohttp = self._aiohttp
        cause = exc.__cause__
        if not isinstance(exc, httpx.ConnectTimeout) or not isinstance(
            cause, aiohttp.ClientConnectionError
        ):
            return exc
        if isinstance(cause, aiohttp.ClientConnectorError):
            return httpx.ConnectError(str(cause), request=request)
        if isinstance(cause, aiohttp.ServerDisconnectedError):
            return httpx.RemoteProtocolError(str(cause), request=request)
        if isinstance(cause, aiohttp.ServerTimeoutError):
            return exc
        return httpx.ReadError(str(cause), request=request)

    def _unmapped(self, exc: Exception, request: httpx.Request) -> httpx.TransportError:
        # An aiohttp error httpx-aiohttp lets through (a response head it cannot parse, say):
        # its request_info holds the request's headers, Authorization included, so only its
        # message travels on, with no chain.
        message = getattr(exc, "message", None) or type(exc).__name__
        return httpx.RemoteProtocolError(f"{type(exc).__name__}: {message}", request=request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            response = await self._inner.handle_async_request(request)
        except httpx.TransportError as exc:
            mapped = self._remap(exc, request)
            if mapped is exc:
                raise
            raise mapped from exc.__cause__
        except self._aiohttp.ClientError as exc:
            raise self._unmapped(exc, request) from None
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _Body(response.stream, self, request)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


class _Body(httpx.AsyncByteStream):
    """A response body whose read errors go through ``_AiohttpTransport._remap``."""

    def __init__(
        self, inner: httpx.AsyncByteStream, transport: _AiohttpTransport, request: httpx.Request
    ) -> None:
        self._inner = inner
        self._transport = transport
        self._request = request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for piece in self._inner:
                yield piece
        except httpx.TransportError as exc:
            mapped = self._transport._remap(exc, self._request)
            if mapped is exc:
                raise
            raise mapped from exc.__cause__
        except self._transport._aiohttp.ClientError as exc:
            raise self._transport._unmapped(exc, self._request) from None

    async def aclose(self) -> None:
        await self._inner.aclose()
