"""The fault matrix: every way a streamed call can go wrong on the wire, sync and async.

Each fault is a scripted answer from ``RawServer``, a real HTTP/1.1 server on 127.0.0.1 that writes
bytes exactly as given (so it can cut a body inside an event, omit the length, reset the
connection or send 200 KB of headers, which a well-behaved server framework will not). For each
fault and each client the test checks the exception the caller gets, what the stream kept, how
many requests reached the server, and the call span's status, ``error.type`` and
``opper.stream.completed``. README.md ("Failures") shows the same matrix as a table.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import struct
import threading
import traceback
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import StatusCode

from _fakes import SPAN_ID, sse
from opper_tracing import (
    APIConnectionError,
    APIResponseError,
    AsyncOpper,
    Opper,
    RetryPolicy,
    StreamDecodeError,
    StreamError,
    StreamInterruptedError,
)
from opper_tracing._telemetry import error_type
from test_exceptions import assert_no_key, spell, spellings

__all__: list[str] = []

KEY = "sk-fault-matrix-0123456789"
RESET = "reset"
"""A step: close the connection with a TCP reset (SO_LINGER 0)."""
STALL = "stall"
"""A step: send nothing more until the server stops (the client's read timeout fires first)."""

Step = bytes | str


def head(
    status: int = 200,
    reason: str = "OK",
    content_type: str | None = "text/event-stream",
    framing: str = "chunked",
    extra: tuple[tuple[str, str], ...] = (),
) -> bytes:
    """A response head; ``framing`` is ``chunked``, ``close`` (no length: the body ends when the
    connection closes) or a Content-Length as text."""
    lines = [f"HTTP/1.1 {status} {reason}", "Connection: close"]
    if content_type:
        lines.append(f"Content-Type: {content_type}")
    if framing == "chunked":
        lines.append("Transfer-Encoding: chunked")
    elif framing != "close":
        lines.append(f"Content-Length: {framing}")
    lines += [f"{name}: {value}" for name, value in extra]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def chunk(data: bytes) -> bytes:
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


END = b"0\r\n\r\n"
SPAN_EVENT = sse({"span_id": SPAN_ID})
HEL = sse({"delta": "Hel", "chunk_type": "text"})
LO = sse({"delta": "lo", "chunk_type": "text"})
WHOLE = (head(), chunk(SPAN_EVENT), chunk(HEL), chunk(LO), END)


def status(code: int, reason: str, *extra: tuple[str, str]) -> tuple[Step, ...]:
    body = b'{"type": "Busy", "message": "try again"}'
    return (head(code, reason, "application/json", str(len(body)), extra) + body,)


@dataclass
class Recorded:
    headers: dict[str, str]
    body: bytes


@dataclass
class RawServer:
    """Answers the n-th request with ``replies[n]`` (the last one repeats): a list of steps,
    bytes written as they are, ``RESET`` or ``STALL``; then the connection is closed."""

    replies: list[tuple[Step, ...]]
    requests: list[Recorded] = field(default_factory=list)

    def __enter__(self) -> str:
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        accept = threading.Thread(target=self._accept, daemon=True)
        accept.start()
        self._threads.append(accept)
        host, port = self._listener.getsockname()
        return f"http://{host}:{port}/v2"

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(10)
        self._listener.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(10)
            request = self._read_request(conn)
            if request is None:
                return
            reply = self.replies[min(len(self.requests), len(self.replies) - 1)]
            self.requests.append(request)
            for step in reply:
                if step == RESET:
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    return
                if step == STALL:
                    self._stop.wait(30)
                    return
                assert isinstance(step, bytes)
                conn.sendall(step)

    @staticmethod
    def _read_request(conn: socket.socket) -> Recorded | None:
        data = b""
        while b"\r\n\r\n" not in data:
            piece = conn.recv(65536)
            if not piece:
                return None
            data += piece
        raw_head, _, body = data.partition(b"\r\n\r\n")
        headers = {}
        for line in raw_head.decode("latin-1").split("\r\n")[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        while len(body) < int(headers.get("content-length", "0")):
            body += conn.recv(65536)
        return Recorded(headers, body)


@dataclass(frozen=True)
class Fault:
    replies: tuple[tuple[Step, ...], ...]
    error: type[Exception] | None
    """The exception the caller gets (exactly this class), or None."""
    text: str
    """``stream.text`` afterwards, or the error's ``text`` (what was kept)."""
    requests: int
    """How many requests reached the server."""
    message: str = ""
    """A part of the error message."""


FAULTS: dict[str, Fault] = {
    "reset before headers": Fault(
        ((RESET,),), APIConnectionError, "", 1, "on POST /v2/call/stream"
    ),
    "reset mid-stream": Fault(
        ((head(), chunk(SPAN_EVENT), chunk(HEL), RESET),),
        StreamInterruptedError,
        "Hel",
        1,
        "the stream was interrupted",
    ),
    "stall before the first event": Fault(
        ((head(), STALL),), StreamInterruptedError, "", 1, "read timeout"
    ),
    "stall after the first event": Fault(
        ((head(), chunk(SPAN_EVENT), chunk(HEL), STALL),),
        StreamInterruptedError,
        "Hel",
        1,
        "read timeout",
    ),
    "429 with Retry-After, then 200": Fault(
        (status(429, "Too Many Requests", ("Retry-After", "0")), WHOLE), None, "Hello", 2
    ),
    "500, then 200": Fault((status(500, "Internal Server Error"), WHOLE), None, "Hello", 2),
    "malformed JSON event": Fault(
        ((head(), chunk(SPAN_EVENT), chunk(HEL), chunk(b"data: {not json\n\n"), END),),
        StreamDecodeError,
        "Hel",
        1,
        "not JSON",
    ),
    "error chunk": Fault(
        (
            (
                head(),
                chunk(SPAN_EVENT),
                chunk(HEL),
                chunk(sse({"chunk_type": "error", "error_type": "Guard", "error_message": "no"})),
                END,
            ),
        ),
        StreamError,
        "Hel",
        1,
        "Guard: no",
    ),
    "final event without its blank line": Fault(
        ((head(), chunk(SPAN_EVENT), chunk(HEL), chunk(LO[:-2]), END),),
        StreamInterruptedError,
        "Hel",
        1,
        "inside an event",
    ),
    "huge response headers": Fault(
        ((head(extra=(("X-Big", "a" * 200_000),)) + chunk(SPAN_EVENT) + END,),),
        APIConnectionError,
        "",
        1,
        "on POST /v2/call/stream",
    ),
    "close-delimited body cut inside an event": Fault(
        ((head(framing="close"), SPAN_EVENT, HEL, LO[:12]),),
        StreamInterruptedError,
        "Hel",
        1,
        "inside an event",
    ),
    "close-delimited body cut between events": Fault(
        ((head(framing="close"), SPAN_EVENT, HEL, LO),), None, "Hello", 1
    ),
    "wrong content type (a login page)": Fault(
        ((head(content_type="text/html", framing="27") + b"<html><form>login</form>..",),),
        APIResponseError,
        "",
        1,
        "expected text/event-stream, got 'text/html'",
    ),
    "non-SSE 200 (a JSON body)": Fault(
        ((head(content_type="application/json", framing="21") + b'{"message": "Hello!"}',),),
        APIResponseError,
        "",
        1,
        'the body starts \'{"message": "Hello!"}\'',
    ),
    "event stream with no event (a ping)": Fault(
        ((head(), chunk(b": ping\n\n"), END),),
        StreamInterruptedError,
        "",
        1,
        "before the stream's first event",
    ),
}


@dataclass
class Outcome:
    text: str
    error: Exception | None
    stream: Any


def run_stream(mode: str, client: Any) -> Outcome:
    """Open a stream and read it to its end; what the caller saw."""
    if mode == "sync":
        stream = None
        try:
            with client.stream("t", input="x") as stream:
                for _ in stream:
                    pass
        except Exception as exc:
            return Outcome(getattr(exc, "text", ""), exc, stream)
        return Outcome(stream.text, None, stream)

    async def main() -> Outcome:
        stream = None
        try:
            async with client.stream("t", input="x") as stream:
                async for _ in stream:
                    pass
        except Exception as exc:
            return Outcome(getattr(exc, "text", ""), exc, stream)
        finally:
            await client.aclose()
        return Outcome(stream.text, None, stream)

    return asyncio.run(main())


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def make_client(mode: str, base_url: str, tracer_provider: Any, **options: Any) -> Any:
    options.setdefault("retry", RetryPolicy(max_retries=2, initial_delay=0))
    options.setdefault("timeout", httpx.Timeout(5, read=0.5))
    cls = Opper if mode == "sync" else AsyncOpper
    return cls(api_key=KEY, base_url=base_url, tracer_provider=tracer_provider, **options)


@pytest.mark.parametrize("name", list(FAULTS))
def test_fault(name: str, mode: str, tracer_provider: Any, span_exporter: Any) -> None:
    fault = FAULTS[name]
    server = RawServer(list(fault.replies))
    with server as base_url:
        client = make_client(mode, base_url, tracer_provider)
        outcome = run_stream(mode, client)
        if mode == "sync":
            client.close()

    error = outcome.error
    if fault.error is None:
        assert error is None, repr(error)
        assert outcome.stream.completed
    else:
        assert type(error) is fault.error, repr(error)
        assert fault.message in str(error)
        assert not str(error).rstrip().endswith(":"), "the message says what failed"
        assert KEY not in repr(error)
    assert outcome.text == fault.text
    assert len(server.requests) == fault.requests
    keys = {request.headers["idempotency-key"] for request in server.requests}
    assert len(keys) == 1, "every attempt of one call carries the same idempotency key"

    (span,) = span_exporter.get_finished_spans()
    attributes = dict(span.attributes or {})
    assert attributes["opper.stream.completed"] is (error is None)
    if error is None:
        assert span.status.status_code is StatusCode.UNSET
        assert "error.type" not in attributes
    else:
        assert span.status.status_code is StatusCode.ERROR
        assert attributes["error.type"] == error_type(error)
    retries = [event for event in span.events if event.name == "opper.retry"]
    assert len(retries) == fault.requests - 1


def test_retry_after_is_what_the_retry_waited(tracer_provider: Any, span_exporter: Any) -> None:
    # The policy alone would wait 5 to 10 s; Retry-After: 0 is what the client honours.
    server = RawServer([status(429, "Too Many Requests", ("Retry-After", "0")), WHOLE])
    patient = RetryPolicy(max_retries=1, initial_delay=10)
    with (
        server as base_url,
        make_client("sync", base_url, tracer_provider, retry=patient) as client,
    ):
        outcome = run_stream("sync", client)
    assert outcome.error is None
    (span,) = span_exporter.get_finished_spans()
    (retry,) = [event for event in span.events if event.name == "opper.retry"]
    assert dict(retry.attributes or {}) == {"error.type": "429", "opper.retry.wait": 0.0}


# --- call(): the same rules for a whole answer ------------------------------------------------

ANSWER = json.dumps({"span_id": SPAN_ID, "message": "Hello"}).encode()
CALL_FAULTS: dict[str, tuple[tuple[tuple[Step, ...], ...], type[Exception] | None, int]] = {
    "reset before headers": (((RESET,),), APIConnectionError, 1),
    "500, then 200": (
        (
            status(500, "Internal Server Error"),
            (head(content_type="application/json", framing=str(len(ANSWER))) + ANSWER,),
        ),
        None,
        2,
    ),
    "200 login page": (
        ((head(content_type="text/html", framing="13") + b"<html>login..",),),
        APIResponseError,
        1,
    ),
}


@pytest.mark.parametrize("name", list(CALL_FAULTS))
def test_call_fault(name: str, mode: str, tracer_provider: Any, span_exporter: Any) -> None:
    replies, expected, requests = CALL_FAULTS[name]
    server = RawServer(list(replies))

    async def call_async(client: Any) -> Any:
        async with client:
            return await client.call("t", input="x")

    error: Exception | None = None
    with server as base_url:
        client = make_client(mode, base_url, tracer_provider)
        try:
            if mode == "sync":
                with client:
                    result = client.call("t", input="x")
            else:
                result = asyncio.run(call_async(client))
        except Exception as exc:
            error = exc
    if expected is None:
        assert error is None, repr(error)
        assert result.message == "Hello"
    else:
        assert type(error) is expected, repr(error)
        assert "POST /v2/call" in str(error)
    assert len(server.requests) == requests
    assert len({request.headers["idempotency-key"] for request in server.requests}) == 1
    (span,) = span_exporter.get_finished_spans()
    attributes = dict(span.attributes or {})
    assert attributes.get("error.type") == (None if error is None else error_type(error))


# --- cancelled: the span's error.type is the exception the caller sees -----------------------

STALLED = [(head(), chunk(SPAN_EVENT), chunk(HEL), STALL)]


@pytest.mark.parametrize("nesting", ["timeout inside the client", "timeout around the client"])
def test_a_stream_under_asyncio_timeout_records_timeout_error(
    nesting: str, tracer_provider: Any, span_exporter: Any
) -> None:
    streams: list[Any] = []

    async def read(client: Any) -> None:
        async with client.stream("t", input="x") as stream:
            streams.append(stream)
            async for _ in stream:
                pass

    async def main(base_url: str) -> None:
        client = make_client("async", base_url, tracer_provider, timeout=30)
        if nesting == "timeout inside the client":
            async with client, asyncio.timeout(0.3):
                await read(client)
        else:
            async with asyncio.timeout(0.3), client:
                await read(client)

    server = RawServer(STALLED)
    with server as base_url, pytest.raises(TimeoutError):
        asyncio.run(main(base_url))
    (stream,) = streams
    assert stream.text == "Hel"
    assert not stream.completed
    assert len(server.requests) == 1
    (span,) = span_exporter.get_finished_spans()
    assert span.status.status_code is StatusCode.ERROR
    assert dict(span.attributes or {})["error.type"] == "TimeoutError"


def test_a_cancelled_stream_records_cancelled_error(
    tracer_provider: Any, span_exporter: Any
) -> None:
    async def main(base_url: str) -> None:
        first = asyncio.Event()

        async def read(client: Any) -> None:
            async with client.stream("t", input="x") as stream:
                streams.append(stream)
                async for _ in stream:
                    first.set()

        async with make_client("async", base_url, tracer_provider, timeout=30) as client:
            task = asyncio.create_task(read(client))
            await first.wait()
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

    streams: list[Any] = []
    server = RawServer(STALLED)
    with server as base_url:
        asyncio.run(main(base_url))
    (stream,) = streams
    assert stream.text == "Hel"
    assert not stream.completed
    assert len(server.requests) == 1
    (span,) = span_exporter.get_finished_spans()
    assert span.status.status_code is StatusCode.ERROR
    assert dict(span.attributes or {})["error.type"] == "CancelledError"


# --- nothing leaks: the key a server echoes, however spelled, reaches no message, span or log --

ASCII_KEYS = st.text(
    st.characters(min_codepoint=33, max_codepoint=126), min_size=6, max_size=32
).map(lambda rest: "sk-" + rest)


@st.composite
def echoes(draw: st.DrawFn) -> tuple[str, str]:
    """(key, the key as a server echoes it: each character spelled its own way)."""
    key = draw(ASCII_KEYS)
    hows = draw(spellings(key))
    return key, "".join(spell(char, how) for char, how in zip(key, hows, strict=True))


def _leak_reply(site: str, echo: str) -> Any:
    """A MockTransport handler that puts ``echo`` at ``site`` of its answer."""
    phrase = echo.encode("ascii", "backslashreplace")
    events = {
        "error chunk": sse(
            {"span_id": SPAN_ID},
            {"chunk_type": "error", "error_type": f"E{echo}", "error_message": f"no {echo}"},
        ),
        "malformed event": sse({"span_id": SPAN_ID}, "x" * 150 + echo + "{"),
        "span id": sse({"span_id": echo}, {"chunk_type": "error", "error_type": "X"}),
        "reason phrase of a 200": sse({"span_id": SPAN_ID}) + b"data: {",
    }

    def handler(request: httpx.Request) -> httpx.Response:
        if site in events:
            return httpx.Response(
                200,
                headers={"content-type": "text/event-stream"},
                content=events[site],
                extensions={"reason_phrase": phrase if "reason" in site else b"OK"},
            )
        if site == "error status":
            body = json.dumps({"type": "E", "message": echo, "detail": {echo: echo}})
            return httpx.Response(400, content=body.encode(), extensions={"reason_phrase": phrase})
        if site == "non-SSE 200":
            return httpx.Response(200, headers={"content-type": "text/html"}, text=f"<p>{echo}")
        raise httpx.RemoteProtocolError(f"illegal status line: {echo!r}")

    return handler


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@given(
    echoes(),
    st.sampled_from(
        [
            "error chunk",
            "malformed event",
            "span id",
            "reason phrase of a 200",
            "error status",
            "non-SSE 200",
            "transport error",
        ]
    ),
)
@settings(max_examples=150, deadline=None)
def test_an_echoed_key_reaches_no_message_span_or_log(echo: tuple[str, str], site: str) -> None:
    key, spelled = echo
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    records = _Records()
    loggers = [logging.getLogger(name) for name in ("httpx", "opper_tracing")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(records)
        logger.setLevel(logging.DEBUG)
    try:
        with Opper(
            api_key=key,
            base_url="https://api.test/v2",
            transport=httpx.MockTransport(_leak_reply(site, spelled)),
            tracer_provider=provider,
            retry=RetryPolicy(max_retries=0),
        ) as client:
            outcome = run_stream("sync", client)
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(records)
            logger.setLevel(level)
        provider.shutdown()
    error = outcome.error
    assert error is not None
    seen = [str(error), repr(error), *records.lines]
    seen += [str(getattr(error, name, "")) for name in ("body", "error_type", "error_message")]
    seen += ["".join(traceback.format_exception(error))]
    for span in exporter.get_finished_spans():
        seen += [str(span.status.description), str(dict(span.attributes or {}))]
        seen += [str(dict(event.attributes or {})) for event in span.events]
    assert_no_key(key, *seen)
