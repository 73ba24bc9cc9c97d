"""``AsyncStream``: a streamed call's chunks as they arrive (the shell around ``StreamState``).

It reads the response, feeds the state, drives the call's span, and ends both exactly once on
every exit path: drained, error, ``aclose()``, leaving ``async with``, ``break`` followed by
``aclose()``, closing the client, or garbage collection.

What "complete" means: a v2 stream has no end sentinel, so a clean close of the body after a
whole event is its normal end; a v3 stream ends with its ``complete`` event and ``[DONE]``.
What the client tells apart from that: a transport failure (a reset, a chunked body cut before
its last chunk, a stall past the read timeout), a body that ends inside an event, a body with
no event (or, v3, without ``complete``); each raises ``StreamInterruptedError``. What it cannot,
in v2: a body without length or chunking cut exactly between two events, or a server that stops
early but closes cleanly.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

import httpx

from opper_api.models import Cost, Usage

from .._exceptions import StreamError
from .._streaming import Failure, StreamCore, interrupted
from .._types import OutputT, StreamChunk

__all__ = ["AsyncStream", "AsyncStreamBase"]

ChunkT = TypeVar("ChunkT")


class AsyncStreamBase(StreamCore[OutputT], Generic[ChunkT, OutputT]):
    """The shell of every async stream, v2's and v3's: they differ in their chunks."""

    __slots__ = ("_chunks",)

    def __init__(self, response: httpx.Response, *args: Any, **kwargs: Any) -> None:
        super().__init__(response, *args, **kwargs)
        self._chunks = response.aiter_bytes()

    async def start(self) -> Self:
        """Check the answer is an event stream and read up to its first event, so errors
        before it (``APIResponseError``, a failure in place of the first event) surface from
        ``stream()``."""
        if self._not_an_event_stream():
            head = b""
            try:
                async for data in self._chunks:
                    head += data
                    if len(head) >= self._head_size():
                        break
            except httpx.HTTPError:
                pass  # what arrived is enough to say what is wrong
            except BaseException as exc:
                await self._end(exc)
                raise
            error = self._wrong_answer(head)
            await self._end(error)
            raise error
        if await self._fill() and isinstance(self._pending[0], Failure):
            await self.__anext__()
        return self

    async def _fill(self) -> bool:
        """Read until an item is pending; False when the body ended with nothing left."""
        pending, state = self._pending, self._state
        while not pending:
            try:
                data = await anext(self._chunks)
            except StopAsyncIteration:
                if self._eof():
                    await self._end(None, completed=True)
                    return False
                break
            except httpx.HTTPError as exc:
                error = interrupted(state, exc)
                await self._end(error)
                raise error from exc
            except BaseException as exc:
                await self._end(exc)
                raise
            pending.extend(state.feed(data))
            if state.finished and not pending:
                if self._eof():
                    await self._end(None, completed=True)
                    return False
                break
        return True

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> ChunkT:
        while True:
            if self.closed or not (self._pending or await self._fill()):
                raise StopAsyncIteration
            try:
                chunk = self._deliver(self._pending.popleft())
            except StreamError as exc:
                await self._end(exc)
                raise
            if chunk is not None:
                return chunk  # type: ignore[no-any-return]

    @property
    async def text_stream(self) -> AsyncIterator[str]:
        """The text deltas alone, as they arrive::

        async for text in stream.text_stream:
            print(text, end="", flush=True)
        """
        async for chunk in self:
            text = self._state.text_of(chunk)
            if text is not None:
                yield text

    async def until_done(self) -> Self:
        """Read the stream to its end (``text``/``output`` are then complete)."""
        async for _ in self:
            pass
        return self

    async def get_final_output(self) -> OutputT:
        """Read to the end and return the result: an instance of ``output_schema`` when it is a
        type, the assembled JSON for a dict schema, else the text."""
        return (await self.until_done())._final_output()

    async def aclose(self) -> None:
        """Close the response; the stream ends here (not completed). Safe to call again."""
        await self._end(None, completed=False)

    async def _end(self, error: BaseException | None, completed: bool = True) -> None:
        if self.closed:
            return
        try:
            await self.response.aclose()
            if self._usage_due(error, completed):
                after, self._after = self._after, None
                await after(self)
        finally:
            self._finish_span(error, completed)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._end(exc, completed=False)


class AsyncStream(AsyncStreamBase[StreamChunk, OutputT]):
    """A streamed call's chunks, as they arrive; returned by ``AsyncOpper.stream()``.

    Iterate it for ``StreamChunk`` objects; use it as a context manager (or call ``aclose()``)
    so the response is closed even if you stop early::

        async with opper.stream("summarise", input=text) as stream:
            async for chunk in stream:
                print(chunk.delta, end="", flush=True)
        print(stream.span_id, stream.text, stream.completed)

    ``text`` and ``output`` hold the result so far, also after a ``StreamError``;
    ``completed`` (also ``opper.stream.completed`` on the span) is true once the stream ended
    normally (see the module docstring).
    """

    __slots__ = ()

    @property
    def usage(self) -> Usage | None:
        """Token counts (as ``CallResult.usage``), fetched once the stream is drained when the
        client has ``stream_usage=True``; else ``None``."""
        usage = self._state.usage
        return usage if isinstance(usage, Usage) else None

    @property
    def cost(self) -> Cost | None:
        """Opper's cost in USD (as ``CallResult.cost``), like ``usage``; else ``None``."""
        cost = self._state.cost
        return cost if isinstance(cost, Cost) else None
