"""``AsyncTrace``: ``trace()`` of the async client (what it does: ``opper_tracing._trace``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._trace import BOOKKEEPING_TIMEOUT, TraceBase, TraceSpan
from .._transport import covered
from ._io import shielded

__all__ = ["AsyncTrace"]


class AsyncTrace(TraceBase):
    """A trace of ``AsyncOpper.trace(...)``, a context manager (``async with``) and a decorator::

        async with opper.trace("checkout-flow", input=order) as span:
            await opper.call("classify", input=order)   # nests under checkout-flow
            span.set_output("done")

        @opper.trace("enrich")
        async def enrich(item): ...

    Tasks started inside the block inherit the trace; sibling tasks never see each other's.
    One object may decorate a function that runs in many tasks at once; as a context manager,
    enter it from one task at a time.
    """

    async def _send(self, method: Callable[..., Any], *args: Any, **body: Any) -> Any:
        try:
            with covered():
                return await method(*args, **body, max_retries=0, timeout=BOOKKEEPING_TIMEOUT)
        except Exception as exc:
            return exc

    async def _enter(self) -> TraceSpan:
        span = self._begin()
        try:
            body = self._create_body(span)
            self._created(span, body, await self._send(self._client.spans.create, **body))
        except BaseException as exc:
            self._end(span, exc)
            raise
        return span

    async def _exit(self, span: TraceSpan, error: BaseException | None) -> None:
        try:
            if span.span_id is not None:
                body = self._close_body(span, error)
                work = self._send(self._client.spans.update, span.span_id, **body)
                self._failed(await shielded(work, BOOKKEEPING_TIMEOUT), "close")
        finally:
            self._end(span, error)

    async def __aenter__(self) -> TraceSpan:
        self._open.append(await self._enter())
        return self._open[-1]

    async def __aexit__(self, _: object, exc: BaseException | None, tb: object) -> None:
        await self._exit(self._open.pop(), exc)
