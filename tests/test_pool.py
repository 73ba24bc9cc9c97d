"""The connection defaults of ``opper_tracing._pool``: what they are, and that they hold up.

Against the raw SSE server of ``benchmarks/bench_concurrency.py`` (a child process): 1,000
concurrent streams through an ``httpx.AsyncClient`` built with the defaults all complete, and
300 streams left after their first chunk give every connection back, sync and async. Nothing
here is timed. The aiohttp cases are skipped where aiohttp (a dependency) is missing.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpcore
import httpx
import pytest

from opper_tracing import _pool

# benchmarks/ is a top-level directory of the repository, not part of the installed package.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from benchmarks import bench_concurrency as bench  # noqa: E402

__all__: list[str] = []

_TIMEOUT = 60.0
_PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")
_API = "https://api.opper.ai/v2"


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with bench.sse_server() as base_url:
        yield base_url + "/call/stream"


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.fixture
def without_aiohttp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "aiohttp", None)  # makes its import fail


def _aiohttp_transport(base_url: str = _API) -> httpx.AsyncBaseTransport:
    if not _pool.aiohttp_installed():
        pytest.skip("aiohttp is not installed")
    transport = _pool.default_async_transport(base_url)
    assert not isinstance(transport, httpx.AsyncHTTPTransport)
    return transport


def _async_transport(kind: str, base_url: str) -> httpx.AsyncBaseTransport:
    """The two transports ``AsyncOpper`` may get by default."""
    if kind == "aiohttp":
        return _aiohttp_transport(base_url)
    return httpx.AsyncHTTPTransport(limits=_pool.DEFAULT_LIMITS)


def _in_use(transport: Any) -> int:
    """Connections a response holds now; reads private state, as no public API tells."""
    if isinstance(transport, httpx.HTTPTransport | httpx.AsyncHTTPTransport):
        connections = transport._pool.connections
        return sum(1 for c in connections if not c.is_idle() and not c.is_closed())
    # The aiohttp sessions, one per event loop that sent through the transport.
    return sum(len(pool.session.connector._acquired) for pool in transport._pools.values())


def _proxy_url(transport: Any) -> str | None:
    """The proxy an httpx transport sends through (``None``: it connects directly)."""
    pool = transport._pool
    if isinstance(pool, httpcore.HTTPProxy | httpcore.AsyncHTTPProxy):
        origin = pool._proxy_url
        return f"{origin.scheme.decode()}://{origin.host.decode()}:{origin.port}"
    return None


def test_default_limits_are_openai_pythons() -> None:
    limits = _pool.DEFAULT_LIMITS

    assert limits.max_connections == 1000
    assert limits.max_keepalive_connections == 100
    assert limits.keepalive_expiry == 5.0


def test_default_async_transport_is_aiohttps_when_installed() -> None:
    transport = _aiohttp_transport()

    assert isinstance(transport, httpx.AsyncBaseTransport)
    assert _pool.default_async_transport(_API) is not transport, "one per client"


@pytest.mark.usefixtures("without_aiohttp")
def test_default_async_transport_is_httpxs_without_aiohttp() -> None:
    transport = _pool.default_async_transport(_API)

    assert not _pool.aiohttp_installed()
    assert isinstance(transport, httpx.AsyncHTTPTransport)
    assert transport._pool._max_connections == 1000
    assert _proxy_url(transport) is None


def test_default_sync_transport_is_httpxs_with_the_limits() -> None:
    transport = _pool.default_sync_transport(_API)

    assert isinstance(transport, httpx.HTTPTransport)
    assert transport._pool._max_connections == 1000
    assert transport._pool._max_keepalive_connections == 100


@pytest.mark.parametrize(
    ("variable", "base_url"),
    [
        ("HTTPS_PROXY", _API),
        ("https_proxy", _API),
        ("HTTP_PROXY", "http://127.0.0.1:8000/v2"),
        ("ALL_PROXY", _API),
    ],
)
def test_a_proxy_from_the_environment_goes_to_httpxs_transport(
    monkeypatch: pytest.MonkeyPatch, variable: str, base_url: str
) -> None:
    monkeypatch.setenv(variable, "http://proxy.invalid:3128")

    async_transport = _pool.default_async_transport(base_url)
    sync_transport = _pool.default_sync_transport(base_url)

    assert isinstance(async_transport, httpx.AsyncHTTPTransport)
    assert _proxy_url(async_transport) == "http://proxy.invalid:3128"
    assert _proxy_url(sync_transport) == "http://proxy.invalid:3128"


def test_a_proxy_for_the_other_scheme_or_an_exempt_host_is_not_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://proxy.invalid:3128")
    assert _pool.environment_proxy(_API) is None  # an https URL

    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.invalid:3128")
    monkeypatch.setenv("NO_PROXY", "localhost,.opper.ai")
    assert _pool.environment_proxy(_API) is None
    assert _proxy_url(_pool.default_sync_transport(_API)) is None
    proxy = _pool.environment_proxy("https://example.com/")
    assert proxy is not None
    assert str(proxy.url) == "http://proxy.invalid:3128"


async def _read_whole(client: httpx.AsyncClient, url: str) -> int:
    async with client.stream("POST", url, json=bench.BODY) as response:
        response.raise_for_status()
        return len(await response.aread())


@pytest.mark.parametrize("kind", ["aiohttp", "httpx"])
async def test_a_thousand_concurrent_streams_complete(server: str, kind: str) -> None:
    transport = _async_transport(kind, server)
    async with httpx.AsyncClient(transport=transport) as client:
        reads = [_read_whole(client, server) for _ in range(1000)]
        sizes = await asyncio.wait_for(asyncio.gather(*reads), _TIMEOUT)

    assert sizes == [bench.BODY_BYTES] * 1000


@contextlib.asynccontextmanager
async def _first_chunk(client: httpx.AsyncClient, url: str) -> AsyncIterator[bytes]:
    async with client.stream("POST", url, json=bench.BODY) as response:
        pieces = response.aiter_raw()
        try:
            yield await anext(pieces)
        finally:
            await pieces.aclose()


@pytest.mark.parametrize("kind", ["aiohttp", "httpx"])
async def test_streams_left_after_one_chunk_give_their_connections_back(
    server: str, kind: str
) -> None:
    transport = _async_transport(kind, server)
    # ?hold: the server stops after the first events until the client goes, so the body
    # cannot be read ahead and the connection released early.
    held = server + "?hold"
    async with httpx.AsyncClient(transport=transport) as client:
        async with contextlib.AsyncExitStack() as streams:
            opened = [streams.enter_async_context(_first_chunk(client, held)) for _ in range(300)]
            firsts = await asyncio.wait_for(asyncio.gather(*opened), _TIMEOUT)
            assert all(firsts)
            assert _in_use(transport) == 300
        assert _in_use(transport) == 0
        # The pool still serves after the abandoned streams.
        assert await _read_whole(client, server) == bench.BODY_BYTES


def test_sync_streams_left_after_one_chunk_give_their_connections_back(server: str) -> None:
    transport = _pool.default_sync_transport(server)
    held = server + "?hold"
    with httpx.Client(transport=transport, timeout=_TIMEOUT) as client:
        with contextlib.ExitStack() as streams:
            # Each iterator is kept: a dropped one closes its response as it is collected.
            iterators = []
            for _ in range(300):
                response = streams.enter_context(client.stream("POST", held, json=bench.BODY))
                iterators.append(response.iter_raw())
                assert next(iterators[-1])
            assert _in_use(transport) == 300
        assert _in_use(transport) == 0
        assert len(client.post(server, json=bench.BODY).content) == bench.BODY_BYTES


@contextlib.contextmanager
def _closed_port() -> Iterator[int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    yield port


@contextlib.asynccontextmanager
async def _hang_up_server() -> AsyncIterator[str]:
    """Reads a request, then closes the connection without an answer."""

    async def hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(1)
        writer.close()

    server = await asyncio.start_server(hang_up, "127.0.0.1", 0)
    async with server:
        yield f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/"


async def test_aiohttp_errors_read_as_httpxs_own() -> None:
    transport = _aiohttp_transport()
    async with httpx.AsyncClient(transport=transport) as client:
        with _closed_port() as port, pytest.raises(httpx.ConnectError):
            await client.post(f"http://127.0.0.1:{port}/", json={})
        # Sent, then no answer: not a connect failure, so no policy takes it as safe to resend.
        async with _hang_up_server() as url:
            with pytest.raises(httpx.RemoteProtocolError):
                await client.post(url, json={})


# -- the same, through the client's own defaults against the emulator ---------------------------


async def test_a_thousand_concurrent_streams_on_one_default_async_opper(emulator: Any) -> None:
    from opper_tracing import AsyncOpper

    async with AsyncOpper(api_key="test", base_url=emulator.base_url) as opper:
        assert not isinstance(opper._inner, httpx.AsyncHTTPTransport) or not (
            _pool.aiohttp_installed()
        )

        async def one(i: int) -> str:
            async with opper.stream("story", input=f"tale {i}") as stream:
                text: str = await stream.get_final_output()
                return text

        texts = await asyncio.wait_for(asyncio.gather(*(one(i) for i in range(1000))), 180)
    assert len(texts) == 1000
    assert all(f"tale {i}" in text for i, text in enumerate(texts))


_STALL = {"X-Emulator-Fault": "stall-after=3; only=call_stream"}


async def test_client_streams_closed_after_one_chunk_give_their_connections_back(
    emulator: Any,
) -> None:
    from opper_tracing import AsyncOpper

    async with AsyncOpper(
        api_key="test", base_url=emulator.base_url, default_headers=_STALL
    ) as opper:
        streams = await asyncio.gather(*(opper.stream("story", input="x") for _ in range(300)))
        firsts = await asyncio.gather(*(anext(stream) for stream in streams))
        assert all(chunk.delta for chunk in firsts)
        assert _in_use(opper._inner) == 300
        await asyncio.gather(*(stream.aclose() for stream in streams))
        assert _in_use(opper._inner) == 0
        assert all(not stream.completed for stream in streams)


def test_sync_client_streams_left_after_one_chunk_give_their_connections_back(
    emulator: Any,
) -> None:
    import gc

    from opper_tracing import Opper

    with Opper(api_key="test", base_url=emulator.base_url, default_headers=_STALL) as opper:
        streams = [opper.stream("story", input="x") for _ in range(100)]
        assert all(next(stream).delta for stream in streams)
        assert _in_use(opper._inner) == 100
        for stream in streams[:50]:
            stream.close()
        del stream
        del streams[:50]
        assert _in_use(opper._inner) == 50
        streams.clear()  # abandoned without close(): the collector gives them back
        gc.collect()
        assert _in_use(opper._inner) == 0


# -- TLS: one context per process, certificates loaded by the first handshake -----------------

_TLS_CHILD = """
import asyncio, http.server, ssl, sys, threading
import httpx
from opper_tracing import AsyncOpper, Opper, _pool

for url in ("http://127.0.0.1:9/v2", "https://api.opper.ai/v2"):  # making clients loads nothing
    AsyncOpper(api_key="k", base_url=url)
    Opper(api_key="k", base_url=url)
context = _pool.tls_context()
print("aiohttp imported:", "aiohttp" in sys.modules)
print("certificates:", context.cert_store_stats()["x509_ca"])
print("verifies:", context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname)


class Ok(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Ok)
served = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
served.load_cert_chain(sys.argv[1], sys.argv[2])
server.socket = served.wrap_socket(server.socket, server_side=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
url = f"https://127.0.0.1:{server.server_address[1]}/"


def outcome(send):
    try:
        return send().text
    except httpx.ConnectError as exc:
        return "verify failed" if "CERTIFICATE_VERIFY_FAILED" in str(exc) else repr(exc)


async def send_async():
    async with httpx.AsyncClient(transport=_pool.default_async_transport(url)) as client:
        return await client.get(url)


with httpx.Client(transport=_pool.default_sync_transport(url)) as client:
    print("sync:", outcome(lambda: client.get(url)))
print("async:", outcome(lambda: asyncio.run(send_async())))
print("certificates loaded:", context.cert_store_stats()["x509_ca"] > 0)
server.shutdown()
"""


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A certificate for 127.0.0.1 that no CA signed, and its key."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = str(folder / "cert.pem"), str(folder / "key.pem")
    command = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1"
    subprocess.run(
        [*command.split(), "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.mark.parametrize("trusted", [False, True], ids=["unknown-ca", "SSL_CERT_FILE"])
def test_tls_is_verified_with_certificates_loaded_at_the_first_handshake(
    self_signed: tuple[str, str], trusted: bool
) -> None:
    cert, key = self_signed
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    if trusted:
        env["SSL_CERT_FILE"] = cert  # read at the first handshake, as httpx reads it
    result = subprocess.run(
        [sys.executable, "-c", _TLS_CHILD, cert, key],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    answer = "ok" if trusted else "verify failed"
    assert result.stdout.splitlines() == [
        "aiohttp imported: False",
        "certificates: 0",
        "verifies: True",
        f"sync: {answer}",
        f"async: {answer}",
        "certificates loaded: True",
    ]
