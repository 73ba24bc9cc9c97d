"""Writing an event stream: the ``text/event-stream`` response and the faults applied in it.

A stream handler encodes its events (``encode_event``) and hands them to ``play``, which yields
them one write at a time with the request's faults applied in place (``delay-chunk``,
``stall-after``, ``drop-after``, ``error-after``, ``malformed-after``, ``chunk-bytes``) and
reports how the stream ended, once, through ``on_end`` (before the client can see the end, so a
test reading spans right after finds the outcome). ``EventStream`` sends the writes, with
``: ping`` comments in between, and stops when the client goes away::

    events = [encode_event(json.dumps(chunk)) for chunk in chunks]
    body = play(events, faults, injector, scope, output=text, error_events=..., malformed=...,
                on_end=lambda outcome: state.update_span(span_id, outcome))
    return EventStream(body, ping=15.0)
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncGenerator, Callable
from typing import Any

import anyio
import anyio.lowlevel
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from ._faults import Faults
from ._injection import InjectedDropError, Injector
from ._state import now_iso

__all__ = ["CRLF", "EventStream", "encode_event", "ping_interval", "play"]

#: The line break the v2 stream uses.
CRLF = "\r\n"


def encode_event(
    data: str,
    *,
    event: str | None = None,
    number: int | None = None,
    retry: bool = False,
    sep: str = CRLF,
) -> bytes:
    """One SSE event with a single ``data`` line (``json.dumps`` never writes a line break),
    after an ``id`` line when ``number`` is given, an ``event`` line when ``event`` is, and a
    ``retry`` line when asked.

    >>> encode_event('{"delta": "Hi"}', sep="\\n")
    b'data: {"delta": "Hi"}\\n\\n'
    """
    head = f"id: {number}{sep}" if number is not None else ""
    if event is not None:
        head += f"event: {event}{sep}"
    if retry:
        head += f"retry: 3000{sep}"
    return f"{head}data: {data}{sep}{sep}".encode()


def _split(data: bytes, size: int | None) -> list[bytes]:
    if size is None:
        return [data]
    return [data[i : i + size] for i in range(0, len(data), size)]


async def play(
    events: list[bytes],
    faults: Faults,
    injector: Injector,
    scope: Scope,
    *,
    output: Any,
    error_events: Callable[[str], bytes],
    malformed: bytes,
    on_end: Callable[[dict[str, Any]], None],
) -> AsyncGenerator[bytes, None]:
    """``events``' bytes, one ``yield`` per write, with ``faults`` applied in place.

    ``on_end`` gets ``{"output": output}`` when every event went out, else ``{"error": why}``
    (the connection dropped, an ``error-after`` event, or the client went away), plus
    ``end_time``. ``error_events(message)`` is what ``error-after`` sends before it ends the
    stream cleanly; ``malformed`` is what ``malformed-after`` sends.
    """
    total = len(events)

    def at(after: int | None) -> int | None:
        return None if after is None else min(after, total)

    stall, drop, fail, bad = (
        at(faults.stall_after),
        at(faults.drop_after),
        at(faults.error_after),
        at(faults.malformed_after),
    )
    size = faults.chunk_bytes
    finished = False

    def finish(outcome: dict[str, Any]) -> None:
        nonlocal finished
        if not finished:
            finished = True
            on_end({**outcome, "end_time": now_iso()})

    try:
        for sent in range(total + 1):
            if sent == stall:
                while not injector.state.closing:
                    await anyio.sleep(0.05)
                drop = sent
            if sent == drop:
                finish({"error": f"connection dropped after {sent} events (fault)"})
                if not injector.close_connection(scope):
                    raise InjectedDropError(f"drop-after={sent}")
                # The server notices the closed socket and cancels this generator.
                await anyio.sleep_forever()
            if sent == fail:
                message = injector.error_message(faults.error_type, sent)
                finish({"error": message})
                for piece in _split(error_events(message), size):
                    yield piece
                return
            if sent == bad:
                for piece in _split(malformed, size):
                    yield piece
            if sent == total:
                break
            if sent and faults.delay_chunk:
                await anyio.sleep(faults.delay_chunk)
            for piece in _split(events[sent], size):
                yield piece
        finish({"output": output})
    finally:
        finish({"error": "the client went away before the stream ended"})


class EventStream(StreamingResponse):
    """A ``text/event-stream`` answer: ``events``' bytes, one write each, with ``: ping``
    comments every ``ping`` seconds (0: none), ended early when the client goes away.

    sse-starlette's ``EventSourceResponse`` wraps every write in a cancel scope of its own, which
    cost about a third of the emulator's CPU time with thousands of streams open.
    """

    media_type = "text/event-stream"

    def __init__(self, events: AsyncGenerator[bytes, None], ping: float, sep: str = CRLF) -> None:
        super().__init__(events, headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
        self.events = events
        self.ping = ping
        self.sep = sep

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})

        async def watch() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass
            group.cancel_scope.cancel()

        async def keep_alive() -> None:
            while True:
                await anyio.sleep(self.ping)
                comment = f": ping - {now_iso()}{self.sep}{self.sep}".encode()
                await send({"type": "http.response.body", "body": comment, "more_body": True})

        async with anyio.create_task_group() as group, contextlib.aclosing(self.events) as events:
            group.start_soon(watch)
            if self.ping:
                group.start_soon(keep_alive)
            async for piece in events:
                await send({"type": "http.response.body", "body": piece, "more_body": True})
                # A send to a client that left returns at once: without a turn of the loop here,
                # watch() never sees the disconnect and the whole stream is written into it.
                await anyio.lowlevel.checkpoint()
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            group.cancel_scope.cancel()


def ping_interval(faults: Faults, default: float) -> float:
    """The seconds between ``: ping`` comments: ``ping=``, else none when a fault wants the wire
    quiet (``stall-after``, ``chunk-bytes``), else ``default``."""
    if faults.ping is not None:
        return faults.ping
    quiet = faults.stall_after is not None or faults.chunk_bytes is not None
    return 0 if quiet else default
