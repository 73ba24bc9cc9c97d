"""An ``AsyncOpper`` in a service (project issue 19): what making a client costs beside a call,
and how soon a client's disconnect stops the Opper stream its request was relaying.

- Construction: CPU time of ``AsyncOpper(...)`` and ``Opper(...)`` for an ``http://`` base URL
  and an ``https://`` one (never connected), beside one ``call()`` on a kept-alive connection
  to the emulator, which runs in a child process so that its CPU is not counted.
- Disconnect: a Starlette app under uvicorn (in a thread of this process, its ``AsyncOpper``
  made in the lifespan) relays a stream of ``STREAM_EVENTS`` text events through a
  ``StreamingResponse``, spending ``WORK_PER_CHUNK`` s on each (a service's rendering or
  instrumentation). Its client reads the first bytes, stops reading for ``STALL`` s (its
  socket buffers fill, so the app waits, and the Opper stream piles up in the app's buffers),
  then hangs up. Measured: from the hang-up to the end of the relay's generator, the chunks
  relayed meanwhile, whether the Opper stream completed, and the slowest ``/ping`` the app
  answered meanwhile.

Run alone: ``python -m benchmarks.bench_service [--quick]``.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import socket
import statistics
import threading
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any, Final

import httpx

from benchmarks._harness import main, md_table
from benchmarks.bench_client import API_KEY, Result

__all__ = [
    "STREAM_EVENTS",
    "TARGET_STOP_SECONDS",
    "WORK_PER_CHUNK",
    "Disconnect",
    "Relay",
    "Service",
    "disconnect",
    "measure_section",
    "relay_service",
    "run",
]

STREAM_EVENTS: Final = 20_000
"""Text events of the relayed stream: 4 characters each, about 1 MB of SSE."""
WORK_PER_CHUNK: Final = 0.0002
"""Seconds the relay spends on each chunk: at this pace the whole stream takes 4 s or more."""
STALL: Final = 0.3
TARGET_STOP_SECONDS: Final = 1.0
SIZES: Final = {"full": (200, 5), "quick": (50, 2), "smoke": (5, 1)}
"""Mode → (constructions and calls per repetition, disconnects)."""
_NAME: Final = "relay"
_PAD: Final = 4096
"""Each delta is sent 4,096 times over, so a client that stops reading fills its socket fast."""


_DISCONNECT_HEADERS: Final = (
    "stop after hang-up",
    "chunks relayed after it",
    "stream completed",
    "raised in the relay",
    "slowest /ping meanwhile",
    "connections left",
)


@dataclasses.dataclass
class Relay:
    """What the relay endpoint saw of its Opper stream (written by the service's thread)."""

    chunks: int = 0
    ended: float | None = None
    """``time.perf_counter()`` when the relay's generator ended."""
    error: str | None = None
    completed: bool | None = None


@dataclasses.dataclass
class Service:
    """A running relay service: its port, its client's transport and its relays."""

    port: int
    transport: httpx.AsyncBaseTransport
    relays: list[Relay] = dataclasses.field(default_factory=list)


def _app(base_url: str, api_key: str, service: Service, work: float) -> Any:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse, StreamingResponse
    from starlette.routing import Route

    from opper_tracing import AsyncOpper

    clients: list[AsyncOpper] = []
    examples = [{"input": "go", "output": "abcd" * STREAM_EVENTS}]

    @contextlib.asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        async with AsyncOpper(
            api_key=api_key, base_url=base_url, transport=service.transport
        ) as opper:
            clients.append(opper)
            yield

    async def relay(request: Request) -> StreamingResponse:
        record = Relay()
        service.relays.append(record)

        async def body() -> AsyncIterator[bytes]:
            stream = None
            try:
                async with clients[0].stream(_NAME, input="go", examples=examples) as stream:
                    async for text in stream.text_stream:
                        record.chunks += 1
                        time.sleep(work)
                        yield text.encode() * _PAD
                    record.completed = stream.completed
            except BaseException as exc:
                record.completed = getattr(stream, "completed", None)
                record.error = type(exc).__name__
                raise
            finally:
                record.ended = time.perf_counter()

        return StreamingResponse(body(), media_type="text/plain")

    async def ping(request: Request) -> PlainTextResponse:
        return PlainTextResponse("pong")

    return Starlette(routes=[Route("/relay", relay), Route("/ping", ping)], lifespan=lifespan)


@contextlib.contextmanager
def relay_service(
    base_url: str, *, api_key: str = API_KEY, work: float = WORK_PER_CHUNK
) -> Iterator[Service]:
    """The relay app under uvicorn on 127.0.0.1, in a thread, until the block ends; its
    ``AsyncOpper`` (made in the lifespan) sends through ``service.transport``, the default."""
    import uvicorn

    from opper_tracing._pool import default_async_transport

    service = Service(port=0, transport=default_async_transport(base_url))
    config = uvicorn.Config(
        _app(base_url, api_key, service, work), host="127.0.0.1", port=0, log_level="error"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="relay-service", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the relay service did not start")
            time.sleep(0.01)
        service.port = server.servers[0].sockets[0].getsockname()[1]
        yield service
    finally:
        server.should_exit = True
        thread.join(20)


def connections_in_use(transport: Any) -> int:
    """Connections the aiohttp transport holds for responses now (private state: no API says)."""
    if hasattr(transport, "_pools"):
        sessions = [pool.session for pool in list(transport._pools.values())]
    else:  # the transport of httpx-aiohttp, before issue 19, for before/after figures
        sessions = [s for s in [transport._inner.client] if hasattr(s, "connector")]
    return sum(len(s.connector._acquired) for s in sessions if s.connector is not None)


@dataclasses.dataclass(frozen=True)
class Disconnect:
    """One hang-up during a relayed stream."""

    stop_seconds: float
    """From the hang-up to the end of the relay's generator."""
    chunks_after: int
    chunks_total: int
    completed: bool | None
    error: str | None
    slowest_ping: float
    connections_left: int
    """Upstream connections still held by a response once the relay ended (0: closed)."""


def disconnect(service: Service, *, stall: float = STALL, timeout: float = 60.0) -> Disconnect:
    """Request ``/relay``, read its first bytes, stop reading for ``stall`` s, hang up."""
    relays = len(service.relays)
    with socket.socket() as client:
        client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        client.connect(("127.0.0.1", service.port))
        client.sendall(b"GET /relay HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        received = b""
        while len(received) < 2 * _PAD:
            piece = client.recv(_PAD)
            if not piece:
                raise RuntimeError(f"the relay ended its answer early: {received[:200]!r}")
            received += piece
        time.sleep(stall)
        record = service.relays[relays]
    hung_up = time.perf_counter()
    at_hang_up = record.chunks
    pings = []
    deadline = hung_up + timeout
    with httpx.Client(base_url=f"http://127.0.0.1:{service.port}", timeout=timeout) as http:
        while not pings or (record.ended is None and time.perf_counter() < deadline):
            start = time.perf_counter()
            http.get("/ping")
            pings.append(time.perf_counter() - start)
    # The relay has ended; its response is closed right after, in the service's thread.
    settle = time.perf_counter() + 5
    while connections_in_use(service.transport) and time.perf_counter() < settle:
        time.sleep(0.01)
    ended = record.ended if record.ended is not None else float("nan")
    return Disconnect(
        stop_seconds=ended - hung_up,
        chunks_after=record.chunks - at_hang_up,
        chunks_total=record.chunks,
        completed=record.completed,
        error=record.error,
        slowest_ping=max(pings),
        connections_left=connections_in_use(service.transport),
    )


def _construction(base_url: str, n: int) -> dict[str, float]:
    """µs of CPU per construction, and per call on a kept-alive connection."""
    from opper_tracing import AsyncOpper, Opper

    def per(make: Any) -> float:
        make()  # first: imports, the process's one TLS context
        start = time.process_time()
        for _ in range(n):
            make()
        return (time.process_time() - start) / n * 1e6

    figures = {
        "AsyncOpper(base_url=http://...)": per(
            lambda: AsyncOpper(api_key=API_KEY, base_url=base_url)
        ),
        "AsyncOpper(base_url=https://...)": per(
            lambda: AsyncOpper(api_key=API_KEY, base_url="https://api.opper.ai/v2")
        ),
        "Opper(base_url=http://...)": per(lambda: Opper(api_key=API_KEY, base_url=base_url)),
        "Opper(base_url=https://...)": per(
            lambda: Opper(api_key=API_KEY, base_url="https://api.opper.ai/v2")
        ),
    }

    async def calls() -> float:
        async with AsyncOpper(api_key=API_KEY, base_url=base_url) as opper:
            await opper.call("greet", input="Ann")
            start = time.process_time()
            for _ in range(n):
                await opper.call("greet", input="Ann")
            return (time.process_time() - start) / n * 1e6

    figures["AsyncOpper.call(), kept-alive connection"] = asyncio.run(calls())
    with Opper(api_key=API_KEY, base_url=base_url) as opper:
        opper.call("greet", input="Ann")
        start = time.process_time()
        for _ in range(n):
            opper.call("greet", input="Ann")
        figures["Opper.call(), kept-alive connection"] = (time.process_time() - start) / n * 1e6
    return figures


def measure_section(size: str, emulator: str | None = None) -> Result:
    """Both measurements at ``size`` (a key of ``SIZES``) against ``emulator`` (a base URL;
    default: start one in a child process)."""
    from benchmarks.bench_loopback import emulator_process

    n, disconnects = SIZES[size]
    with contextlib.ExitStack() as stack:
        base_url = emulator or stack.enter_context(emulator_process())
        if base_url is None:
            return Result("## In a service\n\nNot measured: the emulator is not installed.\n", {})
        construction = _construction(base_url, n)
        with relay_service(base_url) as service:
            runs = [disconnect(service) for _ in range(disconnects)]
    call = construction["AsyncOpper.call(), kept-alive connection"]
    made = construction["AsyncOpper(base_url=http://...)"]
    rows = [[name, f"{us:,.0f}"] for name, us in construction.items()]
    median = sorted(runs, key=lambda r: r.stop_seconds)[len(runs) // 2]
    stops = [r.stop_seconds for r in runs]
    stop_range = f"{min(stops) * 1e3:.0f}-{max(stops) * 1e3:.0f} ms"
    disconnect_rows = [
        [
            f"{r.stop_seconds * 1e3:,.0f} ms",
            f"{r.chunks_after:,} of {STREAM_EVENTS:,}",
            r.completed,
            r.error or "",
            f"{r.slowest_ping * 1e3:,.0f} ms",
            r.connections_left,
        ]
        for r in runs
    ]
    markdown = f"""## In a service

Construction (CPU µs, after a first one; {n} of each) beside one call on a kept-alive connection
to the emulator in a child process:

{md_table(("what", "CPU µs"), rows)}

Making an `AsyncOpper` costs {made / call:.2f}x a call on a kept-alive connection.

A client hanging up on a Starlette `StreamingResponse` that relays a {STREAM_EVENTS:,}-event
`AsyncOpper` stream at {WORK_PER_CHUNK * 1e3:.1f} ms of work per chunk, after it stopped reading
for {STALL} s ({disconnects} hang-ups; median stop {median.stop_seconds * 1e3:,.0f} ms, range
{stop_range}):

{md_table(_DISCONNECT_HEADERS, disconnect_rows)}
"""
    figures = {
        "construction_to_call": made / call,
        "disconnect_stop_s": statistics.median(stops),
    }
    return Result(markdown, figures)


def run(quick: bool) -> str:
    """This benchmark's Markdown section."""
    return measure_section("quick" if quick else "full").markdown


if __name__ == "__main__":
    main(run, __doc__)
