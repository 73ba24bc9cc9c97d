"""``AsyncTrace``: ``trace()`` of the async client (what it does: ``opper_tracing._trace``)."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from .._trace import BOOKKEEPING_TIMEOUT, Opened, TraceBase, TraceSpan
from .._transport import covered
from ._io import shielded

__all__ = ["AsyncTrace"]


class AsyncTrace(TraceBase):
    """A trace of ``AsyncOpper.trace(...)``: an async context manager and a decorator::

        async with opper.trace("checkout-flow", input=order) as span:
            await asyncio.gather(opper.call("a", ...), opper.call("b", ...))   # both nest

        @opper.trace("enrich")
        async def enrich(item): ...

    Tasks started inside the block inherit the trace; sibling tasks never see each other's.
    One object may decorate a function that runs in many tasks at once; as a context manager,
    enter it from one task at a time.
    """

    async def _send_create(self, body: dict[str, Any]) -> Any:
        try:
            with covered():
                return await self._client.spans.create(
                    **body, max_retries=0, timeout=BOOKKEEPING_TIMEOUT
                )
        except Exception as exc:
            return exc

    async def _send_close(self, span_id: str, body: dict[str, Any]) -> Any:
        try:
            with covered():
                return await self._client.spans.update(
                    span_id, **body, max_retries=0, timeout=BOOKKEEPING_TIMEOUT
                )
        except Exception as exc:
            return exc

    async def _enter(self) -> Opened:
        opened = self._begin()
        try:
            body = self._create_body(opened)
            self._created(opened, body, await self._send_create(body))
        except BaseException as exc:
            self._end(opened, exc)
            raise
        return opened

    async def _exit(self, opened: Opened, error: BaseException | None) -> None:
        try:
            span_id = opened.handle.span_id
            if span_id is not None:
                body = self._close_body(opened, error)
                work = self._send_close(span_id, body)
                self._closed(await shielded(work, BOOKKEEPING_TIMEOUT))
        finally:
            self._end(opened, error)

    async def __aenter__(self) -> TraceSpan:
        opened = await self._enter()
        self._open.append(opened)
        return opened.handle

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._exit(self._open.pop(), exc)
