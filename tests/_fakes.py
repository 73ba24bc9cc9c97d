"""Test doubles shared by the client and stream tests: a scripted Opper API behind
``httpx.MockTransport`` and a telemetry recorder that logs every hook the client calls."""

from __future__ import annotations

import json
import threading
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import Any

import httpx

SPAN_ID = "123e4567-e89b-12d3-a456-426614174000"
API_KEY = "sk-test-SECRET-0123456789"


def sse(*payloads: Any, newline: str = "\r\n") -> bytes:
    """Frame payloads as SSE events (dicts are JSON-encoded, str/bytes sent as is)."""
    out = []
    for payload in payloads:
        data = payload if isinstance(payload, str) else json.dumps(payload)
        out.append(f"data: {data}{newline}{newline}")
    return "".join(out).encode()


TEXT_STREAM = sse(
    {"span_id": SPAN_ID},
    {"delta": "Hel", "chunk_type": "text"},
    {"delta": "lo", "chunk_type": "text"},
)


class Body(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body sent in the given pieces; an exception in the list is raised there, and a
    ``threading.Event`` is waited on (so a test can hold the server mid-stream)."""

    def __init__(self, pieces: list[Any]) -> None:
        self.pieces = pieces
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        for piece in self.pieces:
            if isinstance(piece, BaseException):
                raise piece
            if isinstance(piece, threading.Event):
                piece.wait(10)
                continue
            yield piece

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for piece in self.__iter__():
            yield piece

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


Reply = httpx.Response | BaseException | Callable[[httpx.Request], httpx.Response]


class FakeAPI:
    """Answers each request with the next scripted reply (the last one repeats)."""

    def __init__(self, *replies: Reply) -> None:
        self.replies = list(replies)
        self.requests: list[httpx.Request] = []
        self.bodies: list[Body] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        reply = self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
        if isinstance(reply, BaseException):
            raise reply
        if not isinstance(reply, httpx.Response):
            reply = reply(request)
        if isinstance(reply.stream, Body):
            self.bodies.append(reply.stream)
        return reply

    @property
    def json_bodies(self) -> list[Any]:
        return [json.loads(request.content) for request in self.requests]


def ok(**fields: Any) -> httpx.Response:
    return httpx.Response(200, json={"span_id": SPAN_ID, **fields})


def streaming(*pieces: Any) -> httpx.Response:
    return httpx.Response(
        200, headers={"content-type": "text/event-stream"}, stream=Body(list(pieces))
    )


def error(
    status: int, body: Any = None, headers: Mapping[str, str] | None = None
) -> httpx.Response:
    if body is None:
        body = {"type": "SomeError", "message": "went wrong", "detail": {"where": "here"}}
    if isinstance(body, str):
        return httpx.Response(status, text=body, headers=headers)
    return httpx.Response(status, json=body, headers=headers)


class RecordingSpan:
    """Records the hooks a client drives on a call's span."""

    wants_each_chunk = True

    def __init__(self, **start: Any) -> None:
        self.start = start
        self.events: list[tuple[str, Any]] = []

    def inject(self, headers: dict[str, str]) -> None:
        headers["traceparent"] = "00-" + "1" * 32 + "-" + "2" * 16 + "-01"
        self.events.append(("inject", None))

    def activate(self) -> Any:
        import contextlib

        self.events.append(("activate", None))
        return contextlib.nullcontext()

    def on_opper_span_id(self, span_id: str) -> None:
        self.events.append(("span_id", span_id))

    def on_request_id(self, request_id: str | None) -> None:
        if request_id:
            self.events.append(("request_id", request_id))

    def on_opper_trace_id(self, trace_id: str) -> None:
        self.events.append(("trace_id", trace_id))

    def stop_clock(self) -> None:
        self.events.append(("stop_clock", None))

    def on_first_chunk(self) -> None:
        self.events.append(("first_chunk", None))

    def on_chunk(self) -> None:
        self.events.append(("chunk", None))

    def on_result(self, **result: Any) -> None:
        self.events.append(("result", result))

    def finish(self, error: BaseException | None = None, *, completed: bool = True) -> None:
        self.events.append(("finish", (error, completed)))

    def abandon(self) -> None:
        self.events.append(("abandon", None))

    def named(self, name: str) -> list[Any]:
        return [value for event, value in self.events if event == name]


class RecordingTelemetry:
    """Stands in for ``Telemetry``; ``spans`` lists every span started."""

    capture_content = False

    def __init__(self, *, each_chunk: bool = True) -> None:
        self.spans: list[RecordingSpan] = []
        self.each_chunk = each_chunk

    def start(self, *, stream: bool, body: dict[str, Any]) -> RecordingSpan:
        span = RecordingSpan(stream=stream, **body)
        span.wants_each_chunk = self.each_chunk
        self.spans.append(span)
        return span


class Driver:
    """Runs client calls sync or async with one event loop per test (pooled connections are
    bound to their loop), and closes every client it made."""

    def __init__(self, mode: str) -> None:
        import asyncio

        self.mode = mode
        self.runner = asyncio.Runner() if mode == "async" else None
        self.clients: list[Any] = []

    def client(self, *, version: int = 2, **options: Any) -> Any:
        if version == 3:
            from opper_tracing.v3 import AsyncOpper, Opper
        else:
            from opper_tracing import AsyncOpper, Opper  # type: ignore[assignment]

        client = (Opper if self.mode == "sync" else AsyncOpper)(**options)
        self.clients.append(client)
        return client

    def run(self, coro_or_value: Any) -> Any:
        return self.runner.run(coro_or_value) if self.runner else coro_or_value

    def call(self, client: Any, *args: Any, **kwargs: Any) -> Any:
        return self.run(client.call(*args, **kwargs))

    def stream(self, client: Any, *args: Any, limit: int | None = None, **kwargs: Any) -> Any:
        """Run a stream to its end (or ``limit`` chunks); return (chunks, stream, error)."""
        if self.runner is None:
            return self.stream_sync(client, args, kwargs, limit)
        return self.runner.run(self.stream_async(client, args, kwargs, limit))

    @staticmethod
    def stream_sync(client: Any, args: Any, kwargs: Any, limit: int | None) -> Any:
        chunks: list[Any] = []
        stream = None
        try:
            with client.stream(*args, **kwargs) as stream:
                for chunk in stream:
                    chunks.append(chunk)
                    if limit is not None and len(chunks) >= limit:
                        break
        except Exception as exc:
            return chunks, stream, exc
        return chunks, stream, None

    @staticmethod
    async def stream_async(client: Any, args: Any, kwargs: Any, limit: int | None) -> Any:
        chunks: list[Any] = []
        stream = None
        try:
            async with await client.stream(*args, **kwargs) as stream:
                async for chunk in stream:
                    chunks.append(chunk)
                    if limit is not None and len(chunks) >= limit:
                        break
        except Exception as exc:
            return chunks, stream, exc
        return chunks, stream, None

    def close(self) -> None:
        for client in self.clients:
            self.run(client.close() if self.mode == "sync" else client.aclose())
        if self.runner is not None:
            self.runner.close()


def live_client(driver: Driver, emulator: Any, fault: str | None = None, **options: Any) -> Any:
    """A client of ``driver``'s kind for the emulator; ``fault`` goes in ``X-Emulator-Fault``
    with a ``fail-times`` counter of its own (a fresh key per client), and retries do not wait."""
    import uuid

    from opper_tracing import RetryPolicy

    headers = {"X-Emulator-Fault": fault, "X-Emulator-Key": uuid.uuid4().hex}
    options.setdefault("retry", RetryPolicy(max_retries=2, initial_delay=0))
    return driver.client(
        api_key="test",
        base_url=emulator.base_url,
        default_headers=headers if fault else None,
        **options,
    )
