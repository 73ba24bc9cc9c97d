"""Connection defaults for the HTTP clients that ``Opper`` and ``AsyncOpper`` build themselves.

Project issue 12: many concurrent streams on one default ``AsyncOpper`` were slow and, past a
thousand, failed with pool timeouts. ``benchmarks/bench_concurrency.py`` opens N streams of 50
text chunks at once on one client over loopback (2 shared CPUs; see BENCHMARKS.md). At N =
5,000, httpx's own transport took 23-42 s, its time per stream growing with N (httpcore's pool
walks every connection whenever a request starts or ends, encode/httpcore#1035), while aiohttp
held a flat 1.2-2.7 ms per stream. So the async client sends through aiohttp when no proxy from
the environment applies to its base URL, and through httpx's own transport otherwise (given
that proxy: httpx reads the environment only for clients built without a transport); both with
``DEFAULT_LIMITS``. 1,000 connections, openai-python's choice, also matter for real streams that
last longer than the pool timeout: with httpx's 100, the 101st concurrent such stream waits for
a connection and times out. The sync client has no aiohttp counterpart and takes the limits
alone.

Issue 19, the aiohttp transport in a service (``_AiohttpTransport``, on aiohttp directly: the
``httpx-aiohttp`` layer it replaced cost two async generators per read and mapped every error
twice). ``benchmarks/bench_service.py`` has the figures:

- **Cancellation at every read.** A read that finds data already buffered returns without
  suspending, so a task relaying a fast stream never let its event loop run: Starlette's
  disconnect watch, an anyio cancel scope and every other request waited until the buffer ran
  dry (3.4 s and 11,000 chunks after a client hung up, other requests stalled as long). Such a
  read now yields to the loop once (a bare ``yield``, as ``asyncio.sleep(0)``: 1.2-2.2 µs), and
  reads take at most 4 KiB, about 80 small events, so a hang-up stops the stream within
  milliseconds and closes its connection; a read that had to wait gave the loop its turn.
- **One pool per event loop.** An aiohttp session belongs to the loop it was made in, so each
  loop that sends gets its own, made by its first request, and closed when the loop ends: an
  async generator started in the loop holds it, and the loop's ``shutdown_asyncgens()``
  (``asyncio.run``, ``asyncio.Runner``, ``anyio.run``, uvicorn) closes it while the loop can
  still close connections. So a module-level client serves one ``asyncio.run()`` after another.
  A dropped transport closes its connections at once, in their loop's thread: a client never
  closed prints no "Unclosed client session", "Unclosed connector" or "Event loop is closed".
- **No certificates until TLS is used.** One TLS context for the process, with httpx's
  certificates (certifi, or ``SSL_CERT_FILE``/``SSL_CERT_DIR``), which it loads at its first
  handshake: 16-20 ms of CPU that every client paid when made (twice with ``httpx-aiohttp``),
  ``http://`` base URL or not. aiohttp is imported by the first request, not by the client.
"""

from __future__ import annotations

import asyncio
import functools
import importlib
import importlib.util
import os
import ssl
import sys
import threading
import types
import urllib.request
import weakref
from collections.abc import AsyncGenerator, Generator
from typing import TYPE_CHECKING, Any, Final, Self

import httpx

from ._exceptions import OpperError

if TYPE_CHECKING:
    import aiohttp

__all__ = [
    "DEFAULT_LIMITS",
    "EventLoopError",
    "aiohttp_installed",
    "default_async_transport",
    "default_sync_transport",
    "environment_proxy",
    "tls_context",
]

DEFAULT_LIMITS: Final = httpx.Limits(
    max_connections=1000, max_keepalive_connections=100, keepalive_expiry=5.0
)
"""openai-python's limits: 1,000 connections, 100 kept alive when idle, each for 5 s."""

_READ_SIZE: Final = 4096
_NO_ASYNCIO: Final = (
    "AsyncOpper's default transport is aiohttp, which runs only on asyncio; under another "
    "event loop, pass transport=httpx.AsyncHTTPTransport()"
)
_OTHER_LOOP: Final = (
    "this response was opened in another event loop; read a response in the loop that sent "
    "its request (the client itself serves any loop)"
)


class EventLoopError(OpperError, RuntimeError):
    """The async client was used where its transport cannot work: outside asyncio, or reading a
    response in an event loop other than the one that opened it. The message says what to do."""


def aiohttp_installed() -> bool:
    """Whether aiohttp can be imported (without importing it)."""
    if "aiohttp" in sys.modules:
        return sys.modules["aiohttp"] is not None
    return importlib.util.find_spec("aiohttp") is not None


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
    """A new transport for an async client of ``base_url``: aiohttp's, when aiohttp is
    installed and no proxy applies, else httpx's own (with the proxy, if any); both with
    ``DEFAULT_LIMITS``. Nothing is connected, and aiohttp not imported, before a request."""
    proxy = environment_proxy(base_url)
    if proxy is None and aiohttp_installed():
        return _AiohttpTransport(DEFAULT_LIMITS)
    return httpx.AsyncHTTPTransport(limits=DEFAULT_LIMITS, proxy=proxy, verify=tls_context())


def default_sync_transport(base_url: str | httpx.URL) -> httpx.BaseTransport:
    """A new transport for a sync client of ``base_url``: httpx's own, ``DEFAULT_LIMITS``, the
    environment's proxy if one applies."""
    return httpx.HTTPTransport(
        limits=DEFAULT_LIMITS, proxy=environment_proxy(base_url), verify=tls_context()
    )


class _TLSContext(ssl.SSLContext):
    """A verifying client context that loads its CA certificates at its first handshake."""

    _loaded = False
    _lock = threading.Lock()

    def _load(self) -> None:
        with self._lock:
            if self._loaded:
                return
            # httpx.create_ssl_context(verify=True)'s choice of certificates.
            if os.environ.get("SSL_CERT_FILE"):
                self.load_verify_locations(cafile=os.environ["SSL_CERT_FILE"])
            elif os.environ.get("SSL_CERT_DIR"):
                self.load_verify_locations(capath=os.environ["SSL_CERT_DIR"])
            else:
                import certifi

                self.load_verify_locations(cafile=certifi.where())
            self._loaded = True

    def wrap_socket(self, *args: Any, **kwargs: Any) -> ssl.SSLSocket:
        if not self._loaded:
            self._load()
        return super().wrap_socket(*args, **kwargs)

    def wrap_bio(self, *args: Any, **kwargs: Any) -> ssl.SSLObject:
        if not self._loaded:
            self._load()
        return super().wrap_bio(*args, **kwargs)


@functools.cache
def tls_context() -> ssl.SSLContext:
    """The process's TLS context for the default transports: ``ssl.create_default_context()``'s
    settings and httpx's certificates, loaded when the first TLS connection needs them."""
    context = _TLSContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies certificates and host names
    if sys.version_info >= (3, 13):
        context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN | ssl.VERIFY_X509_STRICT
    if (keylog := os.environ.get("SSLKEYLOGFILE")) and not sys.flags.ignore_environment:
        context.keylog_filename = keylog
    return context


@types.coroutine
def _checkpoint() -> Generator[None, None, None]:
    """One turn of the event loop, where a pending cancellation is delivered."""
    yield


async def _closed_with_loop(
    session: aiohttp.ClientSession, responses: weakref.WeakSet[aiohttp.ClientResponse]
) -> AsyncGenerator[None, None]:
    """Started in a loop, this generator is closed by that loop's ``shutdown_asyncgens()``,
    while the loop can still close the session's connections."""
    try:
        yield
    finally:
        await session.close()
        _release(responses)


def _release(responses: weakref.WeakSet[aiohttp.ClientResponse]) -> None:
    # Responses left unread let go of their connections (already closed with the connector);
    # otherwise aiohttp warns about each at exit (ResourceWarning, shown by -W default).
    for response in list(responses):
        response.release()


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class _LoopPool:
    """One event loop's aiohttp session, closed when the loop ends or the transport goes."""

    __slots__ = ("_closer", "loop", "responses", "session")

    def __init__(self, loop: asyncio.AbstractEventLoop, session: aiohttp.ClientSession) -> None:
        self.loop = loop
        self.session = session
        self.responses: weakref.WeakSet[aiohttp.ClientResponse] = weakref.WeakSet()
        self._closer = _closed_with_loop(session, self.responses)

    async def start(self) -> None:
        await anext(self._closer)

    async def aclose(self) -> None:
        await self._closer.aclose()

    def close_now(self) -> None:
        """Close the connections from code that cannot wait (the transport's finaliser), in
        the loop's own thread."""
        loop = self.loop
        if loop.is_running() and loop is not _running_loop():
            loop.call_soon_threadsafe(self.close_now)
            return
        connector = self.session.connector
        if connector is not None and not connector.closed:
            # close() closes every connection before it returns; what it returns only waits
            # for their sockets to be released, which the loop finishes by itself.
            connector.close().__await__().close()
        _release(self.responses)


def _close_all_now(pools: dict[asyncio.AbstractEventLoop, _LoopPool]) -> None:
    for pool in pools.values():
        pool.close_now()


def _aiohttp() -> Any:
    return importlib.import_module("aiohttp")


class _AiohttpTransport(httpx.AsyncBaseTransport):
    """Sends through aiohttp: one session per event loop, no cookies (the httpx client above
    keeps them), aiohttp's errors as the httpx errors httpx's own transport raises."""

    def __init__(self, limits: httpx.Limits) -> None:
        self._limits = limits
        self._pools: dict[asyncio.AbstractEventLoop, _LoopPool] = {}
        self._timeouts: dict[tuple[Any, ...], Any] = {}
        # A dropped transport closes its connections. The finaliser keeps the sessions reachable
        # until then, so that a transport collected in a reference cycle does not take them
        # along, unclosed, into aiohttp's own finalisers (which print "Unclosed ...").
        weakref.finalize(self, _close_all_now, self._pools)

    async def _pool(self, loop: asyncio.AbstractEventLoop) -> _LoopPool:
        pool = self._pools.get(loop)
        if pool is not None and not pool.session.closed:
            return pool
        aio = _aiohttp()
        connector = aio.TCPConnector(
            limit=self._limits.max_connections or 0,
            keepalive_timeout=self._limits.keepalive_expiry,
            ssl=tls_context(),
        )
        session: aiohttp.ClientSession = aio.ClientSession(
            connector=connector, cookie_jar=aio.DummyCookieJar()
        )
        pool = self._pools[loop] = _LoopPool(loop, session)
        await pool.start()
        # Loops closed without closing their async generators leave their pools here; closing
        # a session of a closed loop only marks it closed.
        for dead in [other for other in self._pools if other.is_closed()]:
            await self._pools.pop(dead).aclose()
        return pool

    def _timeout(self, request: httpx.Request) -> Any:
        timeout = request.extensions.get("timeout") or {}
        key = (timeout.get("connect"), timeout.get("read"), timeout.get("pool"))
        found = self._timeouts.get(key)
        if found is None:
            found = self._timeouts[key] = _aiohttp().ClientTimeout(
                sock_connect=key[0], sock_read=key[1], connect=key[2]
            )
        return found

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise EventLoopError(_NO_ASYNCIO) from None
        pool = await self._pool(loop)
        headers = request.headers.multi_items()
        data: Any
        try:
            data = request.content or None
        except httpx.RequestNotRead:
            data = request.stream
            headers = [(k, v) for k, v in headers if k.lower() != "transfer-encoding"]
        from yarl import URL  # aiohttp's URL type; the URL is encoded already

        try:
            response = await pool.session.request(
                request.method,
                URL(str(request.url), encoded=True),
                headers=headers,
                data=data,
                allow_redirects=False,
                auto_decompress=False,
                timeout=self._timeout(request),
                server_hostname=request.extensions.get("sni_hostname"),
            )
        except Exception as exc:
            _raise_as_httpx(exc, request)
            raise
        version = response.version or (1, 1)
        pool.responses.add(response)
        extensions = {"http_version": b"HTTP/%d.%d" % (version[0], version[1])}
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
        """Close the sessions of this loop and of closed loops now; those of loops running in
        other threads are closed there."""
        pools = list(self._pools.values())
        self._pools.clear()
        here = _running_loop()
        for pool in pools:
            if pool.loop is here or pool.loop.is_closed():
                await pool.aclose()
            else:
                pool.close_now()


class _Body(httpx.AsyncByteStream):
    """A response body read straight from aiohttp, one event-loop turn per read that did not
    wait; closing it gives the connection back (closes it when the body is unread)."""

    __slots__ = ("_content", "_loop", "_request", "_response")

    def __init__(
        self,
        response: aiohttp.ClientResponse,
        request: httpx.Request,
        loop: asyncio.AbstractEventLoop,
    ) -> None:
        self._response = response
        self._content = response.content
        self._request = request
        self._loop = loop

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> bytes:
        content = self._content
        try:
            data = content.read_nowait(_READ_SIZE)
            if data:
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


def _raise_as_httpx(
    exc: Exception, request: httpx.Request, loop: asyncio.AbstractEventLoop | None = None
) -> None:
    """Raise the httpx error (or ``EventLoopError``) that ``exc``, raised by aiohttp while
    sending ``request`` or reading its body in ``loop``, stands for; return if there is none."""
    aio = _aiohttp()
    message = str(exc) or type(exc).__name__
    error: Exception
    if isinstance(exc, aio.ConnectionTimeoutError):
        error = httpx.ConnectTimeout(message, request=request)
    elif isinstance(exc, aio.SocketTimeoutError):
        error = httpx.ReadTimeout(message, request=request)
    elif isinstance(exc, aio.ServerTimeoutError):
        error = httpx.ConnectTimeout(message, request=request)
    elif isinstance(exc, aio.ClientConnectorError):
        error = httpx.ConnectError(message, request=request)
    elif isinstance(exc, aio.ServerDisconnectedError):
        # Sent, then no answer: not a connect failure, which policies take as safe to resend.
        error = httpx.RemoteProtocolError(message, request=request)
    elif isinstance(exc, aio.ClientConnectionError | aio.ClientPayloadError):
        error = httpx.ReadError(message, request=request)
    elif isinstance(exc, aio.InvalidURL | aio.NonHttpUrlClientError):
        error = httpx.UnsupportedProtocol(message, request=request)
    elif isinstance(exc, aio.ClientError):
        # A response head aiohttp cannot parse, say: its request_info holds the request's
        # headers, Authorization included, so only its message travels on, with no chain.
        detail = getattr(exc, "message", None) or type(exc).__name__
        raise httpx.RemoteProtocolError(
            f"{type(exc).__name__}: {detail}", request=request
        ) from None
    elif isinstance(exc, RuntimeError) and loop is not None:
        if asyncio.get_running_loop() is not loop:
            raise EventLoopError(_OTHER_LOOP) from None
        error = httpx.ReadError(message, request=request)  # "Connection closed."
    else:
        return
    raise error from exc
