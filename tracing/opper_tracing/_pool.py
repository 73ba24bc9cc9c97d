"""Connection defaults for the HTTP clients that ``Opper`` and ``AsyncOpper`` build themselves.

Project issue 12: many concurrent streams on one default ``AsyncOpper`` were slow and, past a
thousand, failed with pool timeouts. Figures from ``benchmarks/bench_concurrency.py`` (loopback,
50 text chunks per stream, 2 shared CPUs; see BENCHMARKS.md for the current run):

- httpx's own async transport (httpcore and h11) spends 50-70 µs of CPU per chunk read;
  aiohttp reads the same bytes for 6-12 µs. At 5,000 streams ``AsyncOpper`` took 20-26 s on
  httpx's transport and 7-8 s on ``httpx-aiohttp``'s ``AiohttpTransport``, with wall time per
  stream flat from 100 to 5,000 streams.
- Raising httpx's limits to 1,000 connections gains little (17-19 s against 20-24 s for plain
  httpx at 5,000 streams), and a semaphore in front of httpcore makes it worse: with 1,000
  connections behind the gate, 5,000 streams took 38 s. httpcore re-scans its connections on
  every request start and end (encode/httpcore#1035), so its cost grows with their number.
- 1,000 connections (openai-python's default) instead of httpx's 100 still matter for real,
  slow streams: a request waits for a free connection at most the pool timeout, so with 100
  connections and streams longer than that timeout the 101st-and-later concurrent streams fail.

So the async client uses aiohttp's transport when ``httpx-aiohttp`` is installed (the
``aiohttp`` extra) and no proxy is configured in the environment (httpx honours
``HTTP(S)_PROXY``/``NO_PROXY`` with its own transport; this one would not), else httpx's own,
and both use ``DEFAULT_LIMITS``. The sync client has no aiohttp counterpart and takes the
limits alone.
"""

from __future__ import annotations

import importlib
import urllib.request
from collections.abc import AsyncIterator
from typing import Any, Final

import httpx

__all__ = ["DEFAULT_LIMITS", "aiohttp_installed", "default_async_transport"]

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


def _environment_proxies() -> bool:
    # The source httpx reads for trust_env proxies: *_proxy variables and the OS settings.
    return any(scheme in urllib.request.getproxies() for scheme in ("http", "https", "all"))


def default_async_transport() -> httpx.AsyncBaseTransport | None:
    """A new aiohttp-backed transport with ``DEFAULT_LIMITS``, or ``None`` (use httpx's own
    transport, with ``limits=DEFAULT_LIMITS``) when ``httpx-aiohttp`` is not installed or the
    environment configures a proxy."""
    if _environment_proxies() or not aiohttp_installed():
        return None
    return _AiohttpTransport(DEFAULT_LIMITS)


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

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            response = await self._inner.handle_async_request(request)
        except httpx.TransportError as exc:
            mapped = self._remap(exc, request)
            if mapped is exc:
                raise
            raise mapped from exc.__cause__
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

    async def aclose(self) -> None:
        await self._inner.aclose()
