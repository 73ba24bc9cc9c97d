"""The connection defaults of ``Opper`` and ``AsyncOpper``, and the latter's aiohttp transport
(figures: ``benchmarks/bench_concurrency.py`` and ``bench_service.py``).

Both allow 1,000 connections, as openai-python does. aiohttp's cost per stream stays flat where
httpcore's grows (encode/httpcore#1035); a proxy from the environment keeps httpx's transport. On
aiohttp, a read that finds data buffered yields to the loop once, so a cancellation stops a fast
stream at once; each event loop gets its own session, closed by the loop's ``shutdown_asyncgens()``
while it can still close connections; one TLS context per process loads its certificates at the
first handshake, and aiohttp is imported by the first request, so making a client costs little.
"""

from __future__ import annotations

import asyncio
import functools
import importlib.util
import os
import ssl
import sys
import threading
import types
import urllib.request
import weakref
from collections.abc import AsyncGenerator, Generator, Iterable
from typing import TYPE_CHECKING, Any, Final, NamedTuple, Self

import httpx

from ._exceptions import EventLoopError

if TYPE_CHECKING:
    from aiohttp import ClientResponse, ClientSession

    _Loop = asyncio.AbstractEventLoop

__all__ = [
    "DEFAULT_LIMITS", "aiohttp_installed", "default_async_transport", "default_sync_transport",
    "environment_proxy", "tls_context",
]  # fmt: skip

DEFAULT_LIMITS: Final = httpx.Limits(
    max_connections=1000, max_keepalive_connections=100, keepalive_expiry=5.0
)
_READ_SIZE: Final = 4096
_HTTPX_ERRORS: Final = (  # aiohttp's error class → httpx's; the first that matches wins
    ("ConnectionTimeoutError", httpx.ConnectTimeout), ("SocketTimeoutError", httpx.ReadTimeout),
    ("ServerTimeoutError", httpx.ConnectTimeout), ("ClientConnectorError", httpx.ConnectError),
    # Sent, then no answer: not a connect failure, which policies take as safe to resend.
    ("ServerDisconnectedError", httpx.RemoteProtocolError),
    ("ClientConnectionError", httpx.ReadError), ("ClientPayloadError", httpx.ReadError),
    ("InvalidURL", httpx.UnsupportedProtocol), ("NonHttpUrlClientError", httpx.UnsupportedProtocol),
)  # fmt: skip


def aiohttp_installed() -> bool:
    return importlib.util.find_spec("aiohttp") is not None  # None where sys.modules has None


def environment_proxy(url: str | httpx.URL) -> httpx.Proxy | None:
    """The proxy the environment sets for ``url`` (``HTTPS_PROXY``, ``HTTP_PROXY``, else
    ``ALL_PROXY``) unless ``NO_PROXY`` exempts its host."""
    target, proxies = httpx.URL(url), urllib.request.getproxies()
    proxy = proxies.get(target.scheme) or proxies.get("all")
    return httpx.Proxy(proxy) if proxy and not urllib.request.proxy_bypass(target.host) else None


def default_async_transport(base_url: str | httpx.URL) -> httpx.AsyncBaseTransport:
    """aiohttp's when it is installed and no proxy applies, else httpx's own."""
    proxy = environment_proxy(base_url)
    if proxy is None and aiohttp_installed():
        return _AiohttpTransport(DEFAULT_LIMITS)
    return httpx.AsyncHTTPTransport(limits=DEFAULT_LIMITS, proxy=proxy, verify=tls_context())


def default_sync_transport(base_url: str | httpx.URL) -> httpx.BaseTransport:
    proxy = environment_proxy(base_url)
    return httpx.HTTPTransport(limits=DEFAULT_LIMITS, proxy=proxy, verify=tls_context())


class _TLSContext(ssl.SSLContext):
    """A verifying client context that loads httpx's choice of CA certificates (``SSL_CERT_FILE``,
    else ``SSL_CERT_DIR``, else certifi's) at its first handshake."""

    _loaded = False
    _lock = threading.Lock()

    def _load(self) -> None:
        with self._lock:
            if self._loaded:
                return
            cafile = os.environ.get("SSL_CERT_FILE") or None
            capath = None if cafile else os.environ.get("SSL_CERT_DIR") or None
            if not (cafile or capath):
                import certifi

                cafile = certifi.where()
            self.load_verify_locations(cafile, capath)
            self._loaded = True

    def wrap_socket(self, *args: Any, **kwargs: Any) -> ssl.SSLSocket:
        self._load()
        return super().wrap_socket(*args, **kwargs)

    def wrap_bio(self, *args: Any, **kwargs: Any) -> ssl.SSLObject:
        self._load()
        return super().wrap_bio(*args, **kwargs)


@functools.cache
def tls_context() -> ssl.SSLContext:
    """The process's TLS context for the default transports: ``ssl.create_default_context()``'s
    settings, httpx's certificates."""
    context = _TLSContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies certificates and host names
    if sys.version_info >= (3, 13):
        context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN | ssl.VERIFY_X509_STRICT
    if (keylog := os.environ.get("SSLKEYLOGFILE")) and not sys.flags.ignore_environment:
        context.keylog_filename = keylog
    return context


@types.coroutine
def _checkpoint() -> Generator[None, None, None]:
    yield  # one turn of the event loop, where a pending cancellation is delivered


def _running_loop() -> _Loop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


async def _closed_with_loop(
    session: ClientSession, responses: weakref.WeakSet[ClientResponse]
) -> AsyncGenerator[None, None]:
    try:
        yield
    finally:
        await session.close()
        for response in list(responses):
            response.release()


class _LoopPool(NamedTuple):
    loop: _Loop
    session: ClientSession
    responses: weakref.WeakSet[ClientResponse]
    closer: AsyncGenerator[None, None]  # _closed_with_loop, started in ``loop``


def _close_now(pools: Iterable[_LoopPool]) -> None:
    """Close the pools' connections without waiting, each in its loop's thread."""
    for pool in list(pools):
        if pool.loop.is_running() and pool.loop is not _running_loop():
            pool.loop.call_soon_threadsafe(_close_now, [pool])
            continue
        if (connector := pool.session.connector) is not None and not connector.closed:
            connector.close().__await__().close()  # what it returns only waits for sockets
        # Unread responses let go of their connections, or aiohttp warns at exit (ResourceWarning).
        for response in list(pool.responses):
            response.release()


@functools.cache
def _timeout(connect: float | None, read: float | None, pool: float | None) -> Any:
    import aiohttp

    return aiohttp.ClientTimeout(sock_connect=connect, sock_read=read, connect=pool)


class _AiohttpTransport(httpx.AsyncBaseTransport):
    """Sends through aiohttp with a session per event loop and no cookies (the httpx client
    keeps them)."""

    def __init__(self, limits: httpx.Limits) -> None:
        self._limit, self._keepalive = limits.max_connections or 0, limits.keepalive_expiry
        self._pools: dict[_Loop, _LoopPool] = {}
        # The finaliser keeps the sessions reachable until the transport goes, so that one
        # collected in a reference cycle does not take them, unclosed, into aiohttp's own.
        weakref.finalize(self, _close_now, self._pools.values())

    async def _pool(self, loop: _Loop) -> _LoopPool:
        pool = self._pools.get(loop)
        if pool is not None and not pool.session.closed:
            return pool
        import aiohttp

        connector = aiohttp.TCPConnector(
            limit=self._limit, keepalive_timeout=self._keepalive, ssl=tls_context()
        )
        session = aiohttp.ClientSession(
            connector=connector, cookie_jar=aiohttp.DummyCookieJar(), auto_decompress=False
        )
        responses: weakref.WeakSet[ClientResponse] = weakref.WeakSet()
        closer = _closed_with_loop(session, responses)
        pool = self._pools[loop] = _LoopPool(loop, session, responses, closer)
        await anext(pool.closer)
        # Loops closed without closing their async generators leave their pools here; closing
        # a session of a closed loop only marks it closed.
        for dead in [other for other in self._pools if other.is_closed()]:
            await self._pools.pop(dead).closer.aclose()
        return pool

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if (loop := _running_loop()) is None:
            raise EventLoopError(
                "AsyncOpper's default transport is aiohttp, which runs only on asyncio; under "
                "another event loop, pass transport=httpx.AsyncHTTPTransport()"
            )
        pool = await self._pool(loop)
        headers = request.headers.multi_items()
        try:
            data: Any = request.content or None
        except httpx.RequestNotRead:
            data = request.stream
            headers = [(k, v) for k, v in headers if k.lower() != "transfer-encoding"]
        from yarl import URL  # aiohttp's URL type; the URL is encoded already

        timeout = request.extensions.get("timeout") or {}
        try:
            response = await pool.session.request(
                request.method,
                URL(str(request.url), encoded=True),
                headers=headers,
                data=data,
                allow_redirects=False,
                timeout=_timeout(timeout.get("connect"), timeout.get("read"), timeout.get("pool")),
                server_hostname=request.extensions.get("sni_hostname"),
            )
        except Exception as exc:
            _raise_as_httpx(exc, request)
            raise
        pool.responses.add(response)
        extensions = {"http_version": b"HTTP/%d.%d" % (response.version or (1, 1))}
        if response.reason:
            extensions["reason_phrase"] = response.reason.encode()
        return httpx.Response(
            response.status,
            headers=response.raw_headers,
            stream=_Body(response, request, loop),
            request=request,
            extensions=extensions,
        )

    async def aclose(self) -> None:
        """Close the sessions of this loop and of closed loops now, others in their threads."""
        pools, here = list(self._pools.values()), _running_loop()
        self._pools.clear()
        for pool in pools:
            if pool.loop is here or pool.loop.is_closed():
                await pool.closer.aclose()
            else:
                _close_now([pool])


class _Body(httpx.AsyncByteStream):
    """A body read straight from aiohttp, with a checkpoint after each read that did not wait;
    closing it gives the connection back (closes it when the body is unread)."""

    __slots__ = ("_loop", "_request", "_response")

    def __init__(self, response: ClientResponse, request: httpx.Request, loop: _Loop) -> None:
        self._response, self._request, self._loop = response, request, loop

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> bytes:
        content = self._response.content
        try:
            if data := content.read_nowait(_READ_SIZE):
                await _checkpoint()
                return data
            data = await content.read(_READ_SIZE)
        except Exception as exc:
            _raise_as_httpx(exc, self._request, self._loop)
            raise
        if data:
            return data
        raise StopAsyncIteration

    async def aclose(self) -> None:
        self._response.release()


def _raise_as_httpx(exc: Exception, request: httpx.Request, loop: _Loop | None = None) -> None:
    """Raise the httpx error (or ``EventLoopError``) that ``exc``, raised by aiohttp while
    sending ``request`` or reading its body in ``loop``, stands for; return if there is none."""
    import aiohttp

    name = type(exc).__name__
    for aiohttp_name, error in _HTTPX_ERRORS:
        if isinstance(exc, getattr(aiohttp, aiohttp_name)):
            raise error(str(exc) or name, request=request) from exc
    if isinstance(exc, aiohttp.ClientError):
        # A response head aiohttp cannot parse, say: its request_info holds the request's
        # headers, Authorization included, so only its message travels on, with no chain.
        detail = f"{name}: {getattr(exc, 'message', None) or name}"
        raise httpx.RemoteProtocolError(detail, request=request) from None
    if isinstance(exc, RuntimeError) and loop is not None:
        if asyncio.get_running_loop() is not loop:
            raise EventLoopError(
                "this response was opened in another event loop; read a response in the loop "
                "that sent its request (the client itself serves any loop)"
            ) from None
        raise httpx.ReadError(str(exc) or name, request=request) from exc
