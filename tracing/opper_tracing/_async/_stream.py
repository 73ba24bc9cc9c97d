"""``AsyncStream``, the shell around ``StreamState``: it reads the response, feeds the state,
drives the call's span, and ends both exactly once on every exit path (drained, error,
``aclose()``, leaving ``async with``, ``break`` then ``aclose()``, closing the client, garbage
collection). The README says what "complete" means; a v3 stream ends with its complete event."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import suppress
from typing import Generic, Self, TypeVar

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

    async def start(self) -> Self:
        """Check the answer is an event stream and read up to its first event, so that errors
        before it (``APIResponseError``, a failure as the first event) come from ``stream()``."""
        response, body = self.response, self.response.stream
        # An unencoded body (an event stream's usual case) is read as the transport gives it:
        # aiter_bytes would keep two generators, two chunkers and a context manager per stream.
        if isinstance(body, httpx.AsyncByteStream) and "content-encoding" not in response.headers:
            self._chunks = aiter(body)
        else:
            self._chunks = response.aiter_bytes()
        try:
            if size := self._head_size():
                head = b""
                with suppress(httpx.HTTPError):  # what arrived is enough to say what is wrong
                    async for data in self._chunks:
                        head += data
                        if len(head) >= size:
                            break
                raise self._wrong_answer(head)
            if await self._fill() and isinstance(self._pending[0], Failure):
                await self.__anext__()
        except BaseException as exc:
            await self._end(exc)
            raise
        return self

    async def _fill(self) -> bool:
        """Read until an item is pending; False when the body ended with nothing left."""
        pending, state = self._pending, self._state
        try:
            while not pending:
                try:
                    data = await anext(self._chunks)
                except StopAsyncIteration:
                    break
                except httpx.HTTPError as exc:
                    raise interrupted(state, exc) from exc
                pending.extend(state.feed(data))
                if state.finished:
                    break
        except BaseException as exc:
            await self._end(exc)
            raise
        if pending or not self._eof():
            return True
        await self._end(None, completed=True)
        return False

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
        """The text deltas alone, as they arrive: ``async for text in stream.text_stream``."""
        async for chunk in self:
            if (text := self._state.text_of(chunk)) is not None:
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
            if after := self._usage_due(error, completed):
                await after(self)
        finally:
            self._finish_span(error, completed)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, _: object, exc: BaseException | None, tb: object) -> None:
        await self._end(exc, completed=False)


class AsyncStream(AsyncStreamBase[StreamChunk, OutputT]):
    """A streamed call's ``StreamChunk``s as they arrive; returned by ``AsyncOpper.stream()``.
    ``async with`` (or ``aclose()``) closes the response even if you stop early::

        async with opper.stream("summarise", input=text) as stream:
            async for chunk in stream:
                print(chunk.delta, end="", flush=True)
        print(stream.span_id, stream.text, stream.completed)

    ``text`` and ``output`` hold the result so far, also after a ``StreamError``; ``completed``
    (``opper.stream.completed`` on the span) is true once the stream ended normally.
    """

    __slots__ = ()

    @property
    def usage(self) -> Usage | None:
        """Token counts (as ``CallResult.usage``), fetched once the stream is drained when the
        client has ``stream_usage=True``; else ``None``."""
        return usage if isinstance(usage := self._state.usage, Usage) else None

    @property
    def cost(self) -> Cost | None:
        """Opper's cost in USD (as ``CallResult.cost``), like ``usage``; else ``None``."""
        return cost if isinstance(cost := self._state.cost, Cost) else None
