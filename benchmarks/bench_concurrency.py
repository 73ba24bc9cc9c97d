"""Many concurrent streams on one client: the fan-out of project issues 12 and 17.

A raw asyncio HTTP/1.1 server in a child process (127.0.0.1, TCP_NODELAY, keep-alive) answers
``POST /v2/call/stream`` with a ``span_id`` event and then 50 text-delta events, each its own
chunked-encoding chunk, 10 to a ``send``, yielding to its event loop between two sends so the
streams of many clients interleave as a live service's would; ``POST /v3/call/stream`` answers
the same 50 deltas as v3's ``content`` events, then ``done``, ``event: complete`` and ``[DONE]``.
Each contender runs in a child process of its own (so its peak RSS is its own), opens N streams
at once on one client and reads every one to the end, with a deadline: what is unfinished at the
deadline counts as errors.

Run alone: ``python -m benchmarks.bench_concurrency [--quick]``.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import math
import resource
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Final

from benchmarks._harness import DASH, main, md_table

__all__ = [
    "BODY",
    "BODY_BYTES",
    "CHUNKS",
    "CONTENDERS",
    "HOLD_SECONDS",
    "SIZES",
    "STREAM_PATH",
    "V3_BODY_BYTES",
    "V3_STREAM_PATH",
    "Outcome",
    "measure_section",
    "run",
    "run_contender",
    "run_options",
    "serve",
    "sse_server",
]

ROOT: Final = Path(__file__).resolve().parent.parent
CHUNKS: Final = 50
"""Content events per stream, after the ``span_id`` event."""
EVENTS_PER_WRITE: Final = 10
"""Content events the server sends in one ``send`` (each its own HTTP chunk)."""
SIZES: Final = {
    "full": {100: 3, 1000: 1, 2000: 1, 5000: 1},
    "quick": {50: 3, 200: 1},
    "smoke": {20: 1},
}
"""Mode → {concurrent streams: runs}; the table shows each contender's median run."""
DEADLINES: Final = {"full": 60.0, "quick": 8.0, "smoke": 20.0}
"""Mode → seconds one contender has for all N streams of one run."""
API_KEY: Final = "k"
BODY: Final = {"name": "bench", "input": "fan-out"}
STREAM_PATH: Final = "/v2/call/stream"
V3_STREAM_PATH: Final = "/v3/call/stream"
TARGET_RAW_RATIO: Final = 3.0
TARGET_SIZES: Final = (2000, 5000)
"""Issue 17: N = 2,000 and 5,000 within ``TARGET_RAW_RATIO`` of raw aiohttp's wall time (a run
without these sizes, such as the quick one, is judged at its largest)."""

_EVENT: Final = b'data: {"delta": "abcd", "chunk_type": "text"}\r\n\r\n'
_HEAD: Final = (
    b"HTTP/1.1 200 OK\r\n"
    b"Content-Type: text/event-stream\r\n"
    b"Cache-Control: no-cache\r\n"
    b"Connection: keep-alive\r\n"
    b"Transfer-Encoding: chunked\r\n\r\n"
)
_NOT_FOUND: Final = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n"
_START_TIMEOUT: Final = 20.0
HOLD_SECONDS: Final = 30.0
"""With ``?hold`` on the URL, a stream stops this long after its first content events, or until
the client goes (for tests of streams abandoned part-way)."""


def _span_event() -> bytes:
    return b'data: {"span_id": "%s"}\r\n\r\n' % str(uuid.uuid4()).encode()


BODY_BYTES: Final = len(_span_event()) + CHUNKS * len(_EVENT)
"""Decoded body length of one stream (every span id is a 36-character UUID)."""
_FIRST_CONTENT_BYTE: Final = len(_span_event())


def _chunked(payload: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(payload), payload)


_CONTENT_WRITE: Final = _chunked(_EVENT) * EVENTS_PER_WRITE
_V3_EVENT: Final = b'data: {"type": "content", "delta": "abcd"}\r\n\r\n'
_V3_CONTENT_WRITE: Final = _chunked(_V3_EVENT) * EVENTS_PER_WRITE
_V3_USAGE: Final = {"input_tokens": 12, "output_tokens": CHUNKS}
_V3_TRAILER: Final = [
    b"data: " + json.dumps({"type": "done", "usage": _V3_USAGE}).encode() + b"\r\n\r\n",
    b"event: complete\r\ndata: "
    + json.dumps(
        {
            "data": "abcd" * CHUNKS,
            "meta": {
                "function_name": BODY["name"],
                "script_cached": False,
                "execution_ms": 1,
                "llm_calls": 1,
                "tts_calls": 0,
                "image_gen_calls": 0,
                "usage": _V3_USAGE,
                "cost": 0.00084,
                "trace_uuid": "0b5a7c1e-7f0e-4b8a-9d4e-2f7a3c9e1d20",
            },
        }
    ).encode()
    + b"\r\n\r\n",
    b"data: [DONE]\r\n\r\n",
]
V3_BODY_BYTES: Final = CHUNKS * len(_V3_EVENT) + sum(map(len, _V3_TRAILER))
"""Decoded body length of one v3 stream: the same deltas as content events, then the trailer."""


class _Connection(asyncio.Protocol):
    """One client connection: requests in order, one streamed response at a time."""

    def __init__(self, tasks: set[asyncio.Task[None]]) -> None:
        self._tasks = tasks
        self._buffer = bytearray()
        self._busy = False
        self._transport: asyncio.Transport | None = None
        self._lost = asyncio.Event()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        self._answer()

    def _answer(self) -> None:
        transport = self._transport
        while not self._busy and transport is not None and not transport.is_closing():
            end = self._buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            lines = bytes(self._buffer[:end]).decode("latin-1").split("\r\n")
            length = 0
            for line in lines[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if len(self._buffer) < end + 4 + length:
                return
            del self._buffer[: end + 4 + length]
            method, target, _ = lines[0].split(" ", 2)
            path, _, query = target.partition("?")
            if method == "POST" and path in (STREAM_PATH, V3_STREAM_PATH):
                self._busy = True
                hold = query == "hold"
                v3 = path == V3_STREAM_PATH
                task = asyncio.get_running_loop().create_task(self._stream(transport, hold, v3))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
            else:
                transport.write(_NOT_FOUND)

    def connection_lost(self, exc: Exception | None) -> None:
        self._lost.set()

    async def _stream(self, transport: asyncio.Transport, hold: bool, v3: bool = False) -> None:
        transport.write(_HEAD if v3 else _HEAD + _chunked(_span_event()))
        for i in range(CHUNKS // EVENTS_PER_WRITE):
            await asyncio.sleep(0)
            if hold and i == 1:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._lost.wait(), HOLD_SECONDS)
            if transport.is_closing():
                return
            transport.write(_V3_CONTENT_WRITE if v3 else _CONTENT_WRITE)
        trailer = b"".join(map(_chunked, _V3_TRAILER)) if v3 else b""
        transport.write(trailer + b"0\r\n\r\n")
        self._busy = False
        self._answer()


async def _serve_forever(ready: Callable[[str], None]) -> None:
    tasks: set[asyncio.Task[None]] = set()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: _Connection(tasks), "127.0.0.1", 0, backlog=4096, reuse_address=True
    )
    port = server.sockets[0].getsockname()[1]
    ready(f"http://127.0.0.1:{port}/v2")
    async with server:
        await server.serve_forever()


def serve() -> None:
    """Serve until killed; print the base URL (``http://127.0.0.1:PORT/v2``) when listening."""
    asyncio.run(_serve_forever(lambda url: print(url, flush=True)))


def _child(function: str, *args: str, stderr: int | None = None) -> subprocess.Popen[str]:
    code = f"from benchmarks.bench_concurrency import {function}; {function}()"
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
    )


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stdout is not None:
        process.stdout.close()


@contextlib.contextmanager
def sse_server() -> Iterator[str]:
    """The base URL (``.../v2``) of the raw SSE server, run in a child process until exit."""
    process = _child("serve")
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + _START_TIMEOUT
        line = ""
        while not line:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the SSE server did not start (exit code {process.poll()})")
            line = process.stdout.readline().strip()
        yield line
    finally:
        _stop(process)


# A contender: an async context manager, given the base URL, that yields a coroutine function
# reading one whole stream and returning (perf_counter at its first content chunk, chunks read).
OneStream = Callable[[], Awaitable[tuple[float | None, int]]]
Contender = Callable[[str], contextlib.AbstractAsyncContextManager[OneStream]]


def _count_bytes(start: float | None, received: int, piece: bytes) -> tuple[float | None, int]:
    received += len(piece)
    if start is None and received > _FIRST_CONTENT_BYTE:
        start = time.perf_counter()
    return start, received


def _bytes_to_chunks(received: int) -> int:
    """Raw readers count bytes; a whole body is ``CHUNKS`` chunks, anything else is short."""
    return CHUNKS if received == BODY_BYTES else -1


@contextlib.asynccontextmanager
async def _opper(base_url: str, **client_kwargs: Any) -> AsyncIterator[OneStream]:
    from opper_tracing import AsyncOpper

    async with AsyncOpper(api_key=API_KEY, base_url=base_url, **client_kwargs) as client:

        async def one() -> tuple[float | None, int]:
            first = None
            n = 0
            async with await client.stream(BODY["name"], input=BODY["input"]) as stream:
                async for chunk in stream:
                    if chunk.delta is None:
                        continue
                    if first is None:
                        first = time.perf_counter()
                    n += 1
            return first, n

        yield one


def _opper_default(base_url: str) -> contextlib.AbstractAsyncContextManager[OneStream]:
    return _opper(base_url)


@contextlib.asynccontextmanager
async def _opper_v3(base_url: str) -> AsyncIterator[OneStream]:
    from opper_tracing.v3 import AsyncOpper

    root = base_url.removesuffix("/v2")
    async with AsyncOpper(api_key=API_KEY, base_url=root) as client:

        async def one() -> tuple[float | None, int]:
            first = None
            n = 0
            async with client.stream(BODY["name"], input=BODY["input"]) as stream:
                async for chunk in stream:
                    if chunk.type != "content":
                        continue
                    if first is None:
                        first = time.perf_counter()
                    n += 1
            return first, n

        yield one


def _opper_pool(base_url: str) -> contextlib.AbstractAsyncContextManager[OneStream]:
    from opper_tracing import _pool

    return _opper(base_url, transport=_pool.default_async_transport(base_url))


def _opper_transport(make: Callable[[], Any]) -> Contender:
    def contender(base_url: str) -> contextlib.AbstractAsyncContextManager[OneStream]:
        return _opper(base_url, transport=make())

    return contender


@contextlib.asynccontextmanager
async def _httpx(base_url: str, **client_kwargs: Any) -> AsyncIterator[OneStream]:
    import httpx

    url = base_url + "/call/stream"
    headers = {"Authorization": f"Bearer {API_KEY}"}
    async with httpx.AsyncClient(**client_kwargs) as client:

        async def one() -> tuple[float | None, int]:
            first = None
            received = 0
            async with client.stream("POST", url, json=BODY, headers=headers) as response:
                response.raise_for_status()
                async for piece in response.aiter_bytes():
                    first, received = _count_bytes(first, received, piece)
            return first, _bytes_to_chunks(received)

        yield one


def _httpx_default(base_url: str) -> contextlib.AbstractAsyncContextManager[OneStream]:
    return _httpx(base_url)


def _httpx_1000(base_url: str) -> contextlib.AbstractAsyncContextManager[OneStream]:
    import httpx

    return _httpx(base_url, limits=httpx.Limits(max_connections=1000))


@contextlib.asynccontextmanager
async def _aiohttp_raw(base_url: str, limit: int = 100) -> AsyncIterator[OneStream]:
    import aiohttp

    url = base_url + "/call/stream"
    headers = {"Authorization": f"Bearer {API_KEY}"}
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=limit)) as session:

        async def one() -> tuple[float | None, int]:
            first = None
            received = 0
            async with session.post(url, json=BODY, headers=headers) as response:
                response.raise_for_status()
                async for piece in response.content.iter_any():
                    first, received = _count_bytes(first, received, piece)
            return first, _bytes_to_chunks(received)

        yield one


@contextlib.asynccontextmanager
async def _openai(base_url: str, aiohttp: bool) -> AsyncIterator[OneStream]:
    import openai

    http_client = openai.DefaultAioHttpClient() if aiohttp else None
    async with openai.AsyncOpenAI(
        api_key=API_KEY, base_url=base_url, http_client=http_client
    ) as client:

        async def one() -> tuple[float | None, int]:
            first = None
            n = 0
            # openai's own SSE reader and JSON decoding on our route: the bytes every other
            # contender reads, none of OpenAI's response models.
            stream = await client.post(
                "/call/stream",
                cast_to=object,
                body=BODY,
                stream=True,
                stream_cls=openai.AsyncStream[object],
            )
            async with stream:
                async for event in stream:
                    if isinstance(event, dict) and "span_id" in event:
                        continue
                    if first is None:
                        first = time.perf_counter()
                    n += 1
            return first, n

        yield one


def _openai_default(base_url: str) -> contextlib.AbstractAsyncContextManager[OneStream]:
    return _openai(base_url, aiohttp=False)


def _openai_aiohttp(base_url: str) -> contextlib.AbstractAsyncContextManager[OneStream]:
    return _openai(base_url, aiohttp=True)


def _gated(width: int) -> Contender:
    """Option (c): at most ``width`` requests in httpx's pool (of ``width`` connections) at
    once; the rest wait on a semaphore, from request until the body is closed."""

    def contender(base_url: str) -> contextlib.AbstractAsyncContextManager[OneStream]:
        import httpx

        class Released(httpx.AsyncByteStream):
            """A response body that frees its semaphore slot once closed."""

            def __init__(self, inner: Any, gate: asyncio.Semaphore) -> None:
                self._inner = inner
                self._gate: asyncio.Semaphore | None = gate

            async def __aiter__(self) -> AsyncIterator[bytes]:
                async for piece in self._inner:
                    yield piece

            async def aclose(self) -> None:
                try:
                    await self._inner.aclose()
                finally:
                    gate, self._gate = self._gate, None
                    if gate is not None:
                        gate.release()

        class Gate(httpx.AsyncBaseTransport):
            def __init__(self) -> None:
                limits = httpx.Limits(max_connections=width, max_keepalive_connections=100)
                self._inner = httpx.AsyncHTTPTransport(limits=limits)
                self._gate = asyncio.Semaphore(width)

            async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
                await self._gate.acquire()
                try:
                    response = await self._inner.handle_async_request(request)
                except BaseException:
                    self._gate.release()
                    raise
                response.stream = Released(response.stream, self._gate)
                return response

            async def aclose(self) -> None:
                await self._inner.aclose()

        return _opper(base_url, transport=Gate())

    return contender


OURS_DEFAULT: Final = "opper-tracing `AsyncOpper`, default"
OURS_V3: Final = "opper-tracing v3 `AsyncOpper`, default, v3 route"
HTTPX_DEFAULT: Final = "httpx `AsyncClient`, default limits, raw bytes"
HTTPX_1000: Final = "httpx `AsyncClient`, 1,000 connections, raw bytes"
RAW_AIOHTTP: Final = "aiohttp `ClientSession`, raw bytes (floor)"
OPENAI_DEFAULT: Final = "openai `AsyncOpenAI`, default"
OPENAI_AIOHTTP: Final = "openai `AsyncOpenAI`, `DefaultAioHttpClient`"

CONTENDERS: Final[dict[str, Contender]] = {
    OURS_DEFAULT: _opper_default,
    OURS_V3: _opper_v3,
    HTTPX_DEFAULT: _httpx_default,
    HTTPX_1000: _httpx_1000,
    RAW_AIOHTTP: _aiohttp_raw,
    OPENAI_DEFAULT: _openai_default,
    OPENAI_AIOHTTP: _openai_aiohttp,
}
"""Every contender of the table, by the name its row shows."""


def _pool_transport(base_url: str) -> Any:
    from opper_tracing import _pool

    return _pool.default_async_transport(base_url)


def _httpx_transport(pool_limits: bool) -> Any:
    import httpx

    from opper_tracing import _pool

    if pool_limits:
        return httpx.AsyncHTTPTransport(limits=_pool.DEFAULT_LIMITS)
    return httpx.AsyncHTTPTransport()


OPTIONS: Final[dict[str, Contender]] = {
    "(a) httpx transport, httpx's limits 100/20": _opper_transport(
        lambda: _httpx_transport(pool_limits=False)
    ),
    "(a) httpx transport, limits 1,000/100": _opper_transport(
        lambda: _httpx_transport(pool_limits=True)
    ),
    "(b) `_pool`'s aiohttp transport, 1,000 connections": _opper_pool,
    "(b) without opper-tracing: httpx `AsyncClient` on `_pool`'s transport, raw bytes": (
        lambda base_url: _httpx(base_url, transport=_pool_transport(base_url))
    ),
    "(b) without httpx: aiohttp, 1,000 connections, raw bytes": (
        lambda base_url: _aiohttp_raw(base_url, limit=1000)
    ),
    "(c) semaphore of 100, httpx transport, 100 connections": _gated(100),
    "(c) semaphore of 1,000, httpx transport, 1,000 connections": _gated(1000),
}
"""The options weighed for ``AsyncOpper``'s defaults (``run_options``), not in ``make bench``."""


@dataclasses.dataclass(frozen=True)
class Outcome:
    """One contender's runs of N concurrent streams: figures of the median run by wall time."""

    streams: int
    errors: int
    """Streams that failed or were short, over all runs."""
    wall: float
    cpu: float
    first_p50: float | None
    first_p99: float | None
    peak_rss: int = 0
    """Bytes: the child process's high-water mark, interpreter and imports included."""
    error_kinds: tuple[str, ...] = ()
    runs: int = 1


def _peak_rss() -> int:
    # VmHWM belongs to this process's own memory map; ru_maxrss would carry over the parent's
    # peak across fork and exec.
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


async def _round(one: OneStream, n: int, deadline: float) -> Outcome:
    cpu0 = time.process_time()
    start = time.perf_counter()
    tasks = [asyncio.ensure_future(one()) for _ in range(n)]
    _, pending = await asyncio.wait(tasks, timeout=deadline)
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu0
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.wait(pending, timeout=10)
    firsts: list[float] = []
    kinds: dict[str, int] = {}
    for task in tasks:
        if task in pending:
            kind = "deadline"
        elif task.cancelled() or task.exception() is not None:
            kind = "cancelled" if task.cancelled() else type(task.exception()).__name__
        else:
            first, count = task.result()
            if count == CHUNKS and first is not None:
                firsts.append(first - start)
                continue
            kind = "short"
        kinds[kind] = kinds.get(kind, 0) + 1
    quantiles = statistics.quantiles(firsts, n=100, method="inclusive") if len(firsts) > 1 else []
    return Outcome(
        streams=n,
        errors=n - len(firsts),
        wall=wall,
        cpu=cpu,
        first_p50=quantiles[49] if quantiles else None,
        first_p99=quantiles[98] if quantiles else None,
        error_kinds=tuple(f"{kind} x{count}" for kind, count in sorted(kinds.items())),
    )


async def _run_streams(
    contender: Contender, base_url: str, n: int, deadline: float, runs: int
) -> Outcome:
    rounds: list[Outcome] = []
    async with contender(base_url) as one:
        first, count = await asyncio.wait_for(one(), deadline)  # warm-up: imports, one connection
        if count != CHUNKS or first is None:
            raise RuntimeError(f"warm-up stream read {count} chunks, not {CHUNKS}")
        for _ in range(runs):
            rounds.append(await _round(one, n, deadline))
            if rounds[-1].errors:
                break  # a contender that fails gets no more rounds to fail in
    median = sorted(rounds, key=lambda o: o.wall)[len(rounds) // 2]
    return dataclasses.replace(
        median,
        errors=sum(o.errors for o in rounds),
        error_kinds=tuple(kind for o in rounds for kind in o.error_kinds),
        peak_rss=_peak_rss(),
        runs=len(rounds),
    )


def run_contender() -> None:
    """Child-process entry: ``NAME BASE_URL N DEADLINE RUNS``; prints the ``Outcome`` as JSON."""
    name, base_url, n, deadline, runs = sys.argv[1:6]
    contender = {**CONTENDERS, **OPTIONS}[name]
    outcome = asyncio.run(_run_streams(contender, base_url, int(n), float(deadline), int(runs)))
    print(json.dumps(outcome.__dict__), flush=True)


def measure_one(name: str, base_url: str, n: int, deadline: float, runs: int = 1) -> Outcome:
    """Run contender ``name`` with ``n`` streams in a child process; a failed or stuck child
    counts all ``n`` as errors, named by the last line it wrote to stderr."""
    args = (name, base_url, str(n), str(deadline), str(runs))
    process = _child("run_contender", *args, stderr=subprocess.PIPE)
    try:
        out, err = process.communicate(timeout=deadline * runs + 30)
        lines = out.strip().splitlines()
        if process.returncode == 0 and lines:
            fields = json.loads(lines[-1])
            fields["error_kinds"] = tuple(fields["error_kinds"])
            return Outcome(**fields)
        last = err.strip().splitlines()[-1:] or [f"exit code {process.returncode}"]
        kind = f"child failed: {last[0][:120]}"
        print(f"benchmarks: {name}, {n} streams:\n{err}", file=sys.stderr, flush=True)
    except subprocess.TimeoutExpired:
        kind = "child killed at its deadline"
    finally:
        _stop(process)
        if process.stderr is not None:
            process.stderr.close()
    return Outcome(n, n, math.nan, math.nan, None, None, error_kinds=(kind,))


def _fmt_s(seconds: float | None) -> str:
    if seconds is None or math.isnan(seconds):
        return DASH
    return f"{seconds * 1e3:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _row(name: str, o: Outcome) -> list[object]:
    failed = math.isnan(o.wall)
    return [
        name,
        f"{o.streams:,}",
        _fmt_s(o.wall),
        DASH if failed else f"{o.wall / o.streams * 1e3:.2f}",
        DASH if failed else f"{o.cpu / (o.streams * CHUNKS) * 1e6:.1f}",
        _fmt_s(o.first_p50),
        _fmt_s(o.first_p99),
        f"{o.peak_rss / 2**20:.0f} MiB" if o.peak_rss else DASH,
        f"{o.errors:,}" + (f" ({', '.join(o.error_kinds)})" if o.error_kinds else ""),
    ]


_HEADERS: Final = (
    "client",
    "streams",
    "wall",
    "ms per stream",
    "CPU µs per chunk",
    "first chunk p50",
    "first chunk p99",
    "peak RSS",
    "errors",
)


@dataclasses.dataclass(frozen=True)
class Result:
    """The Markdown section and every run's outcome, by (contender, streams)."""

    markdown: str
    outcomes: dict[tuple[str, int], Outcome]


def _measure(
    size: str, contenders: dict[str, Contender], server: str | None
) -> dict[tuple[str, int], Outcome]:
    deadline = DEADLINES[size]
    outcomes: dict[tuple[str, int], Outcome] = {}
    with contextlib.ExitStack() as stack:
        base_url = server or stack.enter_context(sse_server())
        names = list(contenders)
        for i, n in enumerate(SIZES[size]):
            # A different contender goes first at each size: the machine is shared and noisy.
            shift = i % len(names)
            for name in names[shift:] + names[:shift]:
                outcomes[name, n] = measure_one(name, base_url, n, deadline, SIZES[size][n])
                print(f"benchmarks:   {n:>5} streams, {name}", file=sys.stderr, flush=True)
    return outcomes


def _ratios(
    outcomes: dict[tuple[str, int], Outcome], num: str, den: str, sizes: Iterable[int]
) -> tuple[list[float], list[float]]:
    """``num / den`` at each size: wall times, CPU times (NaN for a run that failed whole)."""
    walls = [outcomes[num, n].wall / outcomes[den, n].wall for n in sizes]
    cpus = [outcomes[num, n].cpu / outcomes[den, n].cpu for n in sizes]
    return walls, cpus


def _least(values: list[float]) -> float:
    return math.nan if any(map(math.isnan, values)) else min(values)


def _most(values: list[float]) -> float:
    return math.nan if any(map(math.isnan, values)) else max(values)


def _judged_sizes(size: str) -> list[int]:
    """The sizes the raw-aiohttp target is judged at: ``TARGET_SIZES``, else the largest."""
    sizes = list(SIZES[size])
    return [n for n in sizes if n in TARGET_SIZES] or [max(sizes)]


def _at(sizes: Iterable[int], values: Iterable[float]) -> str:
    return ", ".join(f"{n:,}: {value:.2f}x" for n, value in zip(sizes, values, strict=True))


def _verdicts(size: str, outcomes: dict[tuple[str, int], Outcome]) -> list[str]:
    """Target lines for the default ``AsyncOpper``, then a line (no target) for v3's; a run
    that failed as a whole fails its targets.

    "Faster than openai-python" is judged on CPU time: on this shared machine the wall time of
    one run swings by up to 2x with other load, CPU time by a few percent. Wall time is shown
    beside it, and is what the raw-aiohttp target is judged on, as set (issue 17: N = 2,000 and
    5,000 within 3x).
    """
    sizes = list(SIZES[size])
    ours = OURS_DEFAULT
    errors = sum(outcomes[ours, n].errors for n in sizes)
    lines = [f"- {ours} with no error at any size: {_verdict(errors == 0)} ({errors:,} errors)"]
    walls: list[float] = []
    cpus: list[float] = []
    for peer in (OPENAI_DEFAULT, OPENAI_AIOHTTP):
        peer_walls, peer_cpus = _ratios(outcomes, peer, ours, sizes)
        walls += peer_walls
        cpus += peer_cpus
    least_cpu = _least(cpus)
    lines.append(
        f"- {ours} faster than openai-python, default and aiohttp, at every size (CPU "
        f"time): {_verdict(least_cpu > 1)} (least openai / ours: {least_cpu:.2f}x CPU, "
        f"{_least(walls):.2f}x wall)"
    )
    judged = _judged_sizes(size)
    walls, cpus = _ratios(outcomes, ours, RAW_AIOHTTP, judged)
    worst = _most(walls)
    at = " and ".join(f"{n:,}" for n in judged)
    all_walls, _ = _ratios(outcomes, ours, RAW_AIOHTTP, sizes)
    lines.append(
        f"- {ours} wall time within {TARGET_RAW_RATIO:.0f}x of raw aiohttp at {at} streams: "
        f"{_verdict(worst <= TARGET_RAW_RATIO)} (wall {_at(judged, walls)}; CPU "
        f"{_at(judged, cpus)}; every size, wall: {_at(sizes, all_walls)})"
    )
    errors = sum(outcomes[OURS_V3, n].errors for n in sizes)
    v3_walls, v3_cpus = _ratios(outcomes, OURS_V3, RAW_AIOHTTP, sizes)
    lines.append(
        f"- {OURS_V3} (no target of its own): {errors:,} errors; against raw aiohttp on the v2 "
        f"route, wall {_at(sizes, v3_walls)}; CPU {_at(sizes, v3_cpus)}"
    )
    return lines


def _verdict(met: bool) -> str:
    return "**met**" if met else "**not met**"


def measure_section(size: str, server: str | None = None) -> Result:
    """Run every contender at every N of ``size`` (a key of ``SIZES``) against ``server`` (a
    base URL; default: start one) and return the section."""
    outcomes = _measure(size, CONTENDERS, server)
    rows = [_row(name, outcomes[name, n]) for n in SIZES[size] for name in CONTENDERS]
    sizes = ", ".join(f"{n:,}" for n in SIZES[size])
    runs = ", ".join(str(r) for r in SIZES[size].values())
    verdicts = "\n".join(_verdicts(size, outcomes))
    markdown = f"""## Concurrent streams on one client

N streams opened at once on one client and each read to its end, for N = {sizes}; each
contender and N in a child process of its own, which runs the N streams {runs} times (after one
warm-up stream) and reports its median run by wall time. The server, a raw asyncio HTTP/1.1
server in another child process on 127.0.0.1, answers `POST {STREAM_PATH}` with a `span_id`
event and {CHUNKS} text-delta events ({BODY_BYTES:,} body bytes), {EVENTS_PER_WRITE} events to a
`send`, yielding between sends so that concurrent streams interleave. Wall time runs from the
launch of all N to the end of the last; first chunk is from that launch to a stream's first
content chunk (raw readers: its first body byte past the `span_id` event), so it includes
waiting for a connection. CPU is the child's (`time.process_time`) over the N streams; peak
RSS is the child's high-water mark, interpreter and imports included (about 35-65 MiB). A run
has {DEADLINES[size]:.0f} s: streams unfinished by then count as errors; errors are over all
runs, and a contender stops at its first run with any.

opper-tracing parses every event into a typed chunk; openai-python reads the same route with its
own SSE reader and JSON decoding (`AsyncOpenAI.post(..., stream=True,
stream_cls=AsyncStream[object])`, none of OpenAI's models); the raw httpx and aiohttp rows only
count bytes. A default `AsyncOpper` sends through `opper_tracing._pool`'s transport, on aiohttp
directly, with 1,000 connections (`httpx-aiohttp` is installed only for openai-python's
`DefaultAioHttpClient` row). The v3 row is `opper_tracing.v3.AsyncOpper`, default too, on the
server's `{V3_STREAM_PATH}`: the same {CHUNKS} deltas in the same sends as v3 `content` events,
then `done`, `event: complete` with the whole text and `[DONE]` ({V3_BODY_BYTES:,} body bytes
against v2's {BODY_BYTES:,}); it counts `content` chunks. (Earlier runs had a `_pool` defaults
row, `AsyncOpper(transport=default_async_transport(base_url))`: the default client, so it went.)

{md_table(_HEADERS, rows)}

{verdicts}
"""
    return Result(markdown, outcomes)


def run_options(size: str = "full", server: str | None = None) -> str:
    """The options weighed for ``AsyncOpper``'s defaults, as a Markdown table::

    python -c "from benchmarks.bench_concurrency import run_options; print(run_options())"
    """
    contenders = {OURS_DEFAULT: _opper_default, **OPTIONS}
    outcomes = _measure(size, contenders, server)
    rows = [_row(name, outcomes[name, n]) for n in SIZES[size] for name in contenders]
    return md_table(_HEADERS, rows)


def run(quick: bool) -> str:
    """This benchmark's Markdown section."""
    return measure_section("quick" if quick else "full").markdown


if __name__ == "__main__":
    main(run, __doc__)
