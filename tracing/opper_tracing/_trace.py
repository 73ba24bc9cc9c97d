"""``trace()``: a block (or decorated function) as one span in Opper and in OpenTelemetry at
once; what the sync and async traces (``_async/_trace``) share, without I/O.

The Opper span is created on entry and closed on exit; the workflow span (``invoke_workflow
{name}``, INTERNAL) is current for the block. Calls inside take the Opper span as their
``parent_span_id`` and the workflow span as their parent, and the session and user of the block.
v2's span ids are chosen here (uuid4), so nothing waits on the server for them; v3's server picks.
Every exit ends what the entry started, whatever interrupts the block (an exception, a
cancellation, an anyio cancel scope, ``KeyboardInterrupt``): the span ends, the context is
restored, and the closing request is still sent, shielded and bounded by ``BOOKKEEPING_TIMEOUT``.
Both requests are sent once, never retried: an Opper outage costs a block one attempt, and it then
runs without the Opper span (a warning says so). The block's own exceptions propagate unchanged.
"""

from __future__ import annotations

import asyncio
import datetime
import functools
import inspect
import json
import logging
import uuid
from collections.abc import Awaitable, Callable, Mapping
from contextvars import Token
from typing import Any, Final, ParamSpec, TypeVar

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.trace import Span, Status, StatusCode
from opentelemetry.util.types import AttributeValue

from . import _constants as attrs
from ._context import (
    Conversation,
    OpperSpanRef,
    current_conversation,
    current_opper_span,
    reset,
    set_conversation,
    set_opper_span,
)
from ._params import to_json
from ._telemetry import (
    Telemetry,
    content_attributes,
    conversation_attributes,
    error_type,
    label_attributes,
)

__all__ = ["BOOKKEEPING_TIMEOUT", "Opened", "TraceBase", "TraceSpan"]

_logger = logging.getLogger("opper_tracing")
_P = ParamSpec("_P")
_R = TypeVar("_R")
_UNSET: Final = object()

BOOKKEEPING_TIMEOUT: Final = 5.0
"""Seconds a trace's create or close request may take (one attempt each)."""


class TraceSpan:
    """What ``with opper.trace(...) as span`` gives: ids of both spans and the output.

    ``span_id`` and ``trace_id`` are Opper's (``None`` when the Opper span could not be
    created); ``otel_span`` is the OpenTelemetry span (non-recording without an SDK).
    """

    __slots__ = ("_output", "otel_span", "parent_id", "span_id", "trace_id")

    def __init__(self, otel_span: Span, parent_id: str | None) -> None:
        self.otel_span = otel_span
        """The OpenTelemetry span covering the block."""
        self.span_id: str | None = None
        """Opper's span id, once the span was created."""
        self.trace_id: str | None = None
        """Opper's trace id, once the span was created."""
        self.parent_id = parent_id
        """The enclosing trace's Opper span id, if any."""
        self._output: Any = _UNSET

    def set_output(self, value: Any) -> None:
        """Record the block's result; sent to Opper when the block ends (JSON-encoded unless it
        is a string)."""
        self._output = value

    def __repr__(self) -> str:
        return f"TraceSpan(span_id={self.span_id!r}, trace_id={self.trace_id!r})"


class Opened:
    """One entry of a trace: what its exit undoes."""

    __slots__ = ("conversation", "handle", "otel_token", "ref_token")

    def __init__(
        self,
        handle: TraceSpan,
        otel_token: Token[Context] | None,
        conversation: Token[Conversation | None] | None,
    ) -> None:
        self.handle = handle
        self.otel_token = otel_token
        self.conversation = conversation
        self.ref_token: Token[OpperSpanRef | None] | None = None


def _utcnow() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


class TraceBase:
    """A trace's state and context work; subclasses add ``_enter``/``_exit`` with the I/O."""

    def __init__(
        self,
        *,
        client: Any,
        telemetry: Telemetry,
        name: str,
        input: Any = None,
        meta: Mapping[str, Any] | None = None,
        tags: Mapping[str, Any] | None = None,
        session_id: str | None = None,
        user_id: str | None = None,
    ) -> None:
        self._client = client
        self._telemetry = telemetry
        self.name = name
        """The Opper span's name; the OpenTelemetry span is ``invoke_workflow {name}``."""
        self.input = input
        """The input recorded on the Opper span."""
        self.meta = dict(meta or {})
        """Free-form metadata recorded on the Opper span."""
        self.tags = dict(tags or {})
        """Labels: in the Opper span's meta under ``tags``, and as ``opper.tags.*`` attributes."""
        self.session_id = session_id
        """The session (conversation) the block belongs to, if any."""
        self.user_id = user_id
        """The user the block acts for, if any."""
        self._open: list[Opened] = []

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r})"

    def _begin(self) -> Opened:
        """Start the workflow span and make it and the session current (no I/O)."""
        parent = current_opper_span()
        conversation = set_conversation(self.session_id, self.user_id)
        details: dict[str, AttributeValue] = {
            attrs.OPENINFERENCE_SPAN_KIND: attrs.SPAN_KIND_CHAIN,
            **conversation_attributes(current_conversation()),
            **label_attributes(self.tags, self.meta),
        }
        if parent is not None:
            details[attrs.OPPER_PARENT_SPAN_ID] = parent.span_id
        if self.input is not None and self._telemetry.capture_content:
            details.update(content_attributes(self.input, attrs.INPUT_VALUE, attrs.INPUT_MIME_TYPE))
        span = self._telemetry.start_workflow(self.name, details)
        token = None
        try:
            token = otel_context.attach(trace.set_span_in_context(span))
        except Exception:
            _logger.debug("could not make the trace's span current", exc_info=True)
        return Opened(
            TraceSpan(span, None if parent is None else parent.span_id), token, conversation
        )

    def _create_body(self, opened: Opened) -> dict[str, Any]:
        """The Opper span to create: ids chosen here, so nothing waits on the server."""
        parent = current_opper_span()
        meta: dict[str, Any] = to_json(self.meta, "meta")
        span_context = opened.handle.otel_span.get_span_context()
        if span_context.is_valid:
            meta["otel.trace_id"] = trace.format_trace_id(span_context.trace_id)
            meta["otel.span_id"] = trace.format_span_id(span_context.span_id)
        if self.session_id is not None:
            meta["session_id"] = self.session_id
        if self.user_id is not None:
            meta["user_id"] = self.user_id
        body: dict[str, Any] = {
            "name": self.name,
            "id": str(uuid.uuid4()),
            "trace_id": parent.trace_id
            if parent is not None and parent.trace_id
            else str(uuid.uuid4()),
            "start_time": _utcnow(),
            "meta": meta,
        }
        if parent is not None:
            body["parent_id"] = parent.span_id
        if self.input is not None:
            body["input"] = to_json(self.input, "input")
        if self.tags:
            body["tags"] = to_json(self.tags, "tags")
        return self._client._trace_span(body)  # type: ignore[no-any-return]

    def _created(self, opened: Opened, body: Mapping[str, Any], outcome: Any) -> None:
        """Record the created Opper span (or why there is none) and make it current."""
        if isinstance(outcome, BaseException):
            _logger.warning(
                "opper_tracing: could not create the Opper span for trace %r (%s: %s); "
                "continuing without it",
                self.name,
                type(outcome).__name__,
                outcome,
            )
            return
        handle = opened.handle
        span_id, trace_id = self._client._span_ids(outcome)
        span_id, trace_id = span_id or body.get("id"), trace_id or body.get("trace_id")
        if not span_id:
            _logger.warning("opper_tracing: the Opper span for trace %r came back without an id",
                            self.name)  # fmt: skip
            return
        handle.span_id, handle.trace_id = str(span_id), str(trace_id) if trace_id else None
        opened.ref_token = set_opper_span(OpperSpanRef(handle.span_id, handle.trace_id))
        try:
            if handle.otel_span.is_recording():
                handle.otel_span.set_attributes(
                    {attrs.OPPER_SPAN_ID: handle.span_id, attrs.OPPER_TRACE_ID: handle.trace_id}
                )
        except Exception:
            _logger.debug("could not record the Opper span id", exc_info=True)

    def _close_body(self, opened: Opened, error: BaseException | None) -> dict[str, Any]:
        output = opened.handle._output
        body: dict[str, Any] = {"end_time": _utcnow()}
        if isinstance(output, str):
            body["output"] = output
        elif output is not _UNSET:
            try:
                body["output"] = json.dumps(output, default=str)
            except ValueError:  # a circular structure
                body["output"] = repr(output)
        if error is not None:
            body["error"] = str(error) or type(error).__qualname__
        return body

    def _closed(self, outcome: Any) -> None:
        """Log a failed close; a trace's block never fails for it."""
        if isinstance(outcome, BaseException):
            _logger.warning(
                "opper_tracing: could not close the Opper span for trace %r (%s: %s)",
                self.name,
                type(outcome).__name__,
                outcome,
            )

    def _end(self, opened: Opened, error: BaseException | None) -> None:
        """End the workflow span and restore the context, session and Opper span (no I/O)."""
        reset(opened.ref_token)
        opened.ref_token = None
        span, output = opened.handle.otel_span, opened.handle._output
        try:
            if span.is_recording():
                if output is not _UNSET and self._telemetry.capture_content:
                    span.set_attributes(
                        content_attributes(output, attrs.OUTPUT_VALUE, attrs.OUTPUT_MIME_TYPE)
                    )
                if error is not None:
                    span.set_attribute(attrs.ERROR_TYPE, error_type(error))
                    span.record_exception(error)
                    span.set_status(
                        Status(StatusCode.ERROR, str(error) or type(error).__qualname__)
                    )
            span.end()
        except Exception:
            _logger.debug("could not end the trace's span", exc_info=True)
        reset(opened.conversation)
        opened.conversation = None
        token, opened.otel_token = opened.otel_token, None
        if token is not None:
            try:
                otel_context.detach(token)
            except Exception:
                _logger.debug("could not restore the context", exc_info=True)

    def __call__(self, fn: Callable[_P, _R]) -> Callable[_P, _R]:
        """Decorate ``fn``: each call runs in its own trace, whose output is the return value.

        ``Opper.trace`` decorates sync and async functions (its requests run in a worker thread
        for an async one); ``AsyncOpper.trace`` async functions only.
        """
        if inspect.isgeneratorfunction(fn) or inspect.isasyncgenfunction(fn):
            raise TypeError(
                "trace() cannot decorate a generator function; "
                "use `with ....trace(...)` inside the generator instead"
            )
        enter: Any = getattr(self, "_enter")  # noqa: B009 (the flavour's own)
        leave: Any = getattr(self, "_exit")  # noqa: B009
        if inspect.iscoroutinefunction(fn):
            if not inspect.iscoroutinefunction(enter):  # a sync client: requests in a thread
                enter, leave = self._enter_in_thread, self._exit_in_thread
            return self._wrap_async(fn, enter, leave)  # type: ignore[return-value]
        if inspect.iscoroutinefunction(enter):
            raise TypeError(
                "AsyncOpper.trace() decorates async functions only; use Opper.trace() for "
                f"the sync function {getattr(fn, '__qualname__', fn)!r}"
            )

        @functools.wraps(fn)
        def traced(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            opened = enter()
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:
                leave(opened, exc)
                raise
            opened.handle.set_output(result)
            leave(opened, None)
            return result

        return traced

    async def _enter_in_thread(self) -> Opened:
        opened = self._begin()  # in the caller's context: what it sets must stay there
        try:
            body = self._create_body(opened)
            send: Any = getattr(self, "_send_create")  # noqa: B009
            self._created(opened, body, await asyncio.to_thread(send, body))
        except BaseException as exc:
            self._end(opened, exc)
            raise
        return opened

    async def _exit_in_thread(self, opened: Opened, error: BaseException | None) -> None:
        try:
            span_id = opened.handle.span_id
            if span_id is not None:
                send: Any = getattr(self, "_send_close")  # noqa: B009
                body = self._close_body(opened, error)
                self._closed(await asyncio.to_thread(send, span_id, body))
        finally:
            self._end(opened, error)

    @staticmethod
    def _wrap_async(
        fn: Callable[_P, Awaitable[_R]], enter: Any, leave: Any
    ) -> Callable[_P, Awaitable[_R]]:
        @functools.wraps(fn)
        async def traced(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            opened = await enter()
            try:
                result = await fn(*args, **kwargs)
            except BaseException as exc:
                await leave(opened, exc)
                raise
            opened.handle.set_output(result)
            await leave(opened, None)
            return result

        return traced
