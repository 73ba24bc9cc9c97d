"""``trace()``: a block (or decorated function) as one span in Opper and in OpenTelemetry at
once; what the sync and async traces (``_async/_trace``) share, without I/O.

The workflow span (``invoke_workflow {name}``, INTERNAL) and the Opper span are current for the
block: calls inside nest under both and take its session and user. Whatever interrupts the block
(an exception, a cancellation, an anyio cancel scope, ``KeyboardInterrupt``), the span ends, the
context is restored, and the closing request is still sent, shielded and bounded by
``BOOKKEEPING_TIMEOUT``. Both requests are sent once, never retried: an Opper outage costs a
block one attempt, then it runs without the Opper span (a warning says so).
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import json
import logging
import uuid
from collections.abc import Callable, Mapping
from contextvars import Token
from datetime import UTC, datetime
from typing import Any, Final, ParamSpec, TypeVar

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.trace import Span, Status, StatusCode
from opentelemetry.util.types import AttributeValue

from . import _constants as attrs
from . import _context, _telemetry
from ._context import OpperSpanRef
from ._params import to_json
from ._telemetry import content_attributes, conversation_attributes, error_type, label_attributes

__all__ = ["BOOKKEEPING_TIMEOUT", "TraceBase", "TraceSpan"]

_logger = logging.getLogger("opper_tracing")
_P = ParamSpec("_P")
_R = TypeVar("_R")
_UNSET: Final = object()

BOOKKEEPING_TIMEOUT: Final = 5.0
"""Seconds a trace's create or close request may take (one attempt each)."""


class TraceSpan:
    """What ``with opper.trace(...) as span`` gives: Opper's ``span_id`` and ``trace_id`` (``None``
    if that span could not be created), ``parent_id`` (the enclosing trace's, if any) and
    ``otel_span`` (the OpenTelemetry span of the block, non-recording without an SDK)."""

    __slots__ = ("_conversation", "_otel_token", "_output", "_ref_token",
                 "otel_span", "parent_id", "span_id", "trace_id")  # fmt: skip

    def __init__(self, otel_span: Span, parent: OpperSpanRef | None) -> None:
        self.otel_span, self.parent_id = otel_span, None if parent is None else parent.span_id
        self.span_id: str | None = None
        self.trace_id: str | None = None
        self._output: Any = _UNSET
        self._otel_token: Token[Any] | None = None  # these three: what the trace's exit undoes
        self._conversation: Token[Any] | None = None
        self._ref_token: Token[Any] | None = None

    def set_output(self, value: Any) -> None:
        """Record the block's result, sent to Opper when it ends (as JSON unless a string)."""
        self._output = value

    def __repr__(self) -> str:
        return f"TraceSpan(span_id={self.span_id!r}, trace_id={self.trace_id!r})"


class TraceBase:
    """A trace's state (``name``, ``input``, ``meta``, ``tags``, ``session_id``, ``user_id``: what
    ``trace()`` was given) and its context work; the subclasses add the I/O."""

    _send: Callable[..., Any]  # (spans.create or .update, *args, **body) -> answer or exception

    def __init__(
        self,
        *,
        client: Any,
        telemetry: _telemetry.Telemetry,
        name: str,
        input: Any = None,
        meta: Mapping[str, Any] | None = None,
        tags: Mapping[str, Any] | None = None,
        session_id: str | None = None,
        user_id: str | None = None,
    ) -> None:
        self._client, self._telemetry, self.name, self.input = client, telemetry, name, input
        self.meta, self.tags = dict(meta or {}), dict(tags or {})
        self.session_id, self.user_id = session_id, user_id
        self._open: list[TraceSpan] = []

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r})"

    def _begin(self) -> TraceSpan:
        """Start the workflow span and make it and the session current (no I/O)."""
        parent = _context.current_opper_span()
        conversation = _context.set_conversation(self.session_id, self.user_id)
        details: dict[str, AttributeValue] = {
            attrs.OPENINFERENCE_SPAN_KIND: attrs.SPAN_KIND_CHAIN,
            **conversation_attributes(_context.current_conversation()),
            **label_attributes(self.tags, self.meta),
        }
        if parent is not None:
            details[attrs.OPPER_PARENT_SPAN_ID] = parent.span_id
        if self.input is not None and self._telemetry.capture_content:
            details.update(content_attributes(self.input, attrs.INPUT_VALUE, attrs.INPUT_MIME_TYPE))
        span = TraceSpan(self._telemetry.start_workflow(self.name, details), parent)
        span._conversation = conversation
        try:
            span._otel_token = otel_context.attach(trace.set_span_in_context(span.otel_span))
        except Exception:
            _logger.debug("could not make the trace's span current", exc_info=True)
        return span

    def _create_body(self, span: TraceSpan) -> dict[str, Any]:
        """The Opper span to create; v2's ids are chosen here, so nothing waits on the server."""
        parent = _context.current_opper_span()
        meta: dict[str, Any] = to_json(self.meta, "meta")
        otel = span.otel_span.get_span_context()
        if otel.is_valid:
            meta["otel.trace_id"] = trace.format_trace_id(otel.trace_id)
            meta["otel.span_id"] = trace.format_span_id(otel.span_id)
        labels = {"session_id": self.session_id, "user_id": self.user_id}
        meta.update({key: value for key, value in labels.items() if value is not None})
        body: dict[str, Any] = {
            "name": self.name,
            "id": str(uuid.uuid4()),
            "trace_id": parent.trace_id if parent and parent.trace_id else str(uuid.uuid4()),
            "start_time": datetime.now(UTC),
            "meta": meta,
        }
        given = {"parent_id": span.parent_id, "input": self.input, "tags": self.tags or None}
        body.update({key: to_json(value, key) for key, value in given.items() if value is not None})
        return self._client._trace_span(body)  # type: ignore[no-any-return]

    def _created(self, span: TraceSpan, body: Mapping[str, Any], outcome: Any) -> None:
        """Record the created Opper span (or why there is none) and make it current."""
        if self._failed(outcome, "create", "; continuing without it"):
            return
        span_id, trace_id = self._client._span_ids(outcome)
        span_id, trace_id = span_id or body.get("id"), trace_id or body.get("trace_id")
        if not span_id:
            _logger.warning("opper_tracing: the Opper span for trace %r came back without an id",
                            self.name)  # fmt: skip
            return
        span.span_id, span.trace_id = str(span_id), str(trace_id) if trace_id else None
        span._ref_token = _context.set_opper_span(OpperSpanRef(span.span_id, span.trace_id))
        try:
            if span.otel_span.is_recording():
                span.otel_span.set_attributes(
                    {attrs.OPPER_SPAN_ID: span.span_id, attrs.OPPER_TRACE_ID: span.trace_id}
                )
        except Exception:
            _logger.debug("could not record the Opper span id", exc_info=True)

    def _failed(self, outcome: Any, doing: str, then: str = "") -> bool:
        """Whether the request failed (logged: a trace's block never fails for it)."""
        if not isinstance(outcome, BaseException):
            return False
        _logger.warning("opper_tracing: could not %s the Opper span for trace %r (%s: %s)%s",
                        doing, self.name, type(outcome).__name__, outcome, then)  # fmt: skip
        return True

    def _close_body(self, span: TraceSpan, error: BaseException | None) -> dict[str, Any]:
        body: dict[str, Any] = {"end_time": datetime.now(UTC)}
        output = span._output
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

    def _end(self, span: TraceSpan, error: BaseException | None) -> None:
        """End the workflow span and restore the context, session and Opper span (no I/O)."""
        otel_span, output = span.otel_span, span._output
        try:
            if otel_span.is_recording():
                if output is not _UNSET and self._telemetry.capture_content:
                    otel_span.set_attributes(
                        content_attributes(output, attrs.OUTPUT_VALUE, attrs.OUTPUT_MIME_TYPE)
                    )
                if error is not None:
                    otel_span.set_attribute(attrs.ERROR_TYPE, error_type(error))
                    otel_span.record_exception(error)
                    description = str(error) or type(error).__qualname__
                    otel_span.set_status(Status(StatusCode.ERROR, description))
            otel_span.end()
        except Exception:
            _logger.debug("could not end the trace's span", exc_info=True)
        _context.reset(span._ref_token, span._conversation)
        if span._otel_token is not None:
            otel_context.detach(span._otel_token)  # logs its own failure
        span._ref_token = span._conversation = span._otel_token = None

    def __call__(self, fn: Callable[_P, _R]) -> Callable[_P, _R]:
        """Decorate ``fn``: each call runs in its own trace, whose output is the return value.
        ``Opper.trace`` decorates sync and async functions (for an async one, its requests run in
        a worker thread); ``AsyncOpper.trace`` async functions only."""
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

            @functools.wraps(fn)
            async def traced_async(*args: _P.args, **kwargs: _P.kwargs) -> Any:
                span = await enter()
                try:
                    result = await fn(*args, **kwargs)
                except BaseException as exc:
                    await leave(span, exc)
                    raise
                span.set_output(result)
                await leave(span, None)
                return result

            return traced_async  # type: ignore[return-value]
        if inspect.iscoroutinefunction(enter):
            raise TypeError(
                "AsyncOpper.trace() decorates async functions only; use Opper.trace() for "
                f"the sync function {getattr(fn, '__qualname__', fn)!r}"
            )

        @functools.wraps(fn)
        def traced(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            span = enter()
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:
                leave(span, exc)
                raise
            span.set_output(result)
            leave(span, None)
            return result

        return traced

    async def _enter_in_thread(self) -> TraceSpan:
        span = self._begin()  # in the caller's context: what it sets must stay there
        try:
            body = self._create_body(span)
            sent = await asyncio.to_thread(self._send, self._client.spans.create, **body)
            self._created(span, body, sent)
        except BaseException as exc:
            self._end(span, exc)
            raise
        return span

    async def _exit_in_thread(self, span: TraceSpan, error: BaseException | None) -> None:
        try:
            if span.span_id is not None:
                update, body = self._client.spans.update, self._close_body(span, error)
                sent = asyncio.to_thread(self._send, update, span.span_id, **body)
                self._failed(await sent, "close")
        finally:
            self._end(span, error)
