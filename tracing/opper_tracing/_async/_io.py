"""What async I/O does differently from sync, kept twinned by hand (``_sync/_io.py``) because
no rewrite of the one into the other says it: the stream manager ``AsyncOpper.stream()``
returns, and finishing bookkeeping however the caller is cancelled."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Coroutine, Generator
from typing import Any, Generic, TypeAlias, TypeVar

import anyio

from ._stream import AsyncStreamBase

__all__ = ["AsyncStreamManager", "Opening", "shielded", "sleep", "stream_manager"]

_T = TypeVar("_T")
StreamT = TypeVar("StreamT", bound=AsyncStreamBase[Any, Any])
_background: set[asyncio.Task[Any]] = set()


class AsyncStreamManager(Generic[StreamT]):
    """What ``AsyncOpper.stream()`` returns: await it for the ``AsyncStream``, or use it as an
    async context manager, as with httpx or aiohttp::

        async with opper.stream("summarise", input=text) as stream:   # or: await opper.stream
            async for text in stream.text_stream:
                print(text, end="")

    Nothing is sent until it is awaited or entered.
    """

    __slots__ = ("_open", "_stream")

    def __init__(self, open: Coroutine[Any, Any, StreamT]) -> None:
        self._open: Coroutine[Any, Any, StreamT] | None = open
        self._stream: StreamT | None = None

    def _take(self) -> Coroutine[Any, Any, StreamT]:
        open, self._open = self._open, None
        if open is None:
            raise RuntimeError("this stream() was already awaited or entered")
        return open

    def __await__(self) -> Generator[Any, None, StreamT]:
        return self._take().__await__()

    async def __aenter__(self) -> StreamT:
        self._stream = await self._take()
        return self._stream

    async def __aexit__(self, *exc_info: Any) -> None:
        if self._stream is not None:
            await self._stream.__aexit__(*exc_info)

    def __del__(self) -> None:
        if self._open is not None:
            self._open.close()  # never awaited: no "coroutine was never awaited" warning


stream_manager = AsyncStreamManager  # stream()'s answer; the sync twin's is the stream itself
Opening: TypeAlias = AsyncStreamManager[StreamT]
"""What ``AsyncOpper.stream()`` returns for a stream type (the sync twin: the stream itself)."""
sleep = asyncio.sleep


async def shielded(work: Awaitable[_T], timeout: float) -> _T:
    """Run ``work`` to its end within ``timeout`` seconds, even when the caller is being
    cancelled: an anyio cancel scope (Starlette's on a client disconnect, ``move_on_after``)
    cancels again at every ``await`` inside it, which would cut ``trace()``'s closing request
    short, so the wait is shielded from it; a plain ``task.cancel()`` still interrupts the wait,
    and the work then finishes in the background."""
    task = asyncio.ensure_future(asyncio.wait_for(work, timeout))
    _background.add(task)
    task.add_done_callback(_background.discard)
    with anyio.CancelScope(shield=True):
        await asyncio.wait({task})  # a plain cancel stops this wait, never the task
    return task.result()
