"""``trace()``: group calls under one span in Opper and in OpenTelemetry at once.

A trace is an Opper span (``POST /spans`` on enter, ``PATCH /spans/{id}`` on exit) and the GenAI
conventions' workflow span (``invoke_workflow {name}``, INTERNAL), both open for the block. Calls
made inside inherit the Opper span as their ``parent_span_id`` and the OpenTelemetry span as
their parent, so nested traces and calls nest the same way in both systems; the two ``/spans``
requests carry the workflow span's ``traceparent``::

    with opper.trace("checkout-flow", input=order, tags={"team": "payments"},
                     session_id="chat-42", user_id="u-7") as span:
        opper.call("classify", input=order)        # a child of checkout-flow in both systems
        span.set_output({"ok": True})

``session_id``/``user_id`` go on the workflow span and on every call span inside it
(``gen_ai.conversation.id``, ``session.id``, ``user.id``: the keys Phoenix, Langfuse and Datadog
group sessions and users by) and into the Opper span's ``meta``; a nested trace that names
neither inherits them.

    @opper.trace("summarize-ticket")                # the return value becomes the output
    def summarize(ticket): ...

    async with aopper.trace("checkout-flow") as span: ...

The Opper span's ``id`` and root ``trace_id`` are chosen here (uuid4), so nothing waits on the
server to assign them. Its ``meta`` carries the user's meta, the tags (v2 spans have no tags
field) and ``otel.trace_id``/``otel.span_id`` (hex), so the OpenTelemetry span can be found from
Opper; the OpenTelemetry span carries ``opper.span_id``/``opper.trace_id`` for the other way.

If ``POST /spans`` fails (network error, 401, ...) a warning is logged and the block runs with no
Opper span: calls inside nest under the enclosing trace, if any, and the OpenTelemetry span still
works. A failing ``PATCH`` is only logged. The block's own exceptions always propagate unchanged.
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
from types import TracebackType
from typing import Any, ParamSpec, TypeVar

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.trace import Span, SpanKind, Status, StatusCode
from opentelemetry.util.types import AttributeValue

from opper_api.api.spans import create_span, update_span
from opper_api.client import AuthenticatedClient, Client
from opper_api.models import CreateSpanRequest, UpdateSpanRequest
from opper_api.models import Span as OpperSpan
from opper_api.models.create_span_meta import CreateSpanMeta
from opper_api.types import UNSET, Response, Unset

from . import _attributes as attrs
from ._context import OpperSpanRef, current_opper_span, reset_opper_span, set_opper_span
from ._telemetry import (
    Conversation,
    Telemetry,
    content_attributes,
    conversation_attributes,
    current_conversation,
    error_type,
    label_attributes,
    reset_conversation,
    set_conversation,
)
from ._transport import covered

__all__ = ["AsyncTrace", "Trace", "TraceSpan"]

_logger = logging.getLogger("opper_tracing")

_P = ParamSpec("_P")
_R = TypeVar("_R")

ApiClient = AuthenticatedClient | Client
"""The generated client a trace talks to the API through."""


class TraceSpan:
    """The handle ``with opper.trace(...) as span`` gives: ids of both spans and the output.

    ``span_id`` and ``trace_id`` are Opper's (``None`` when the Opper span could not be
    created); ``otel_span`` is the OpenTelemetry span (non-recording when no SDK is set up).
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
        self._output: Any = UNSET

    def set_output(self, value: Any) -> None:
        """Record the block's result; sent to Opper when the block ends (JSON-encoded unless it
        is a string)."""
        self._output = value

    def __repr__(self) -> str:
        return f"TraceSpan(span_id={self.span_id!r}, trace_id={self.trace_id!r})"


class _Open:
    """One entry of a trace: what its exit needs to undo."""

    __slots__ = ("conversation_token", "handle", "otel_token", "ref_token")

    def __init__(
        self,
        handle: TraceSpan,
        otel_token: Token[Context] | None,
        conversation_token: Token[Conversation | None] | None,
    ) -> None:
        self.handle = handle
        self.otel_token = otel_token
        self.conversation_token = conversation_token
        self.ref_token: Token[OpperSpanRef | None] | None = None


def _utcnow() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def _check_decoratable(fn: Callable[..., Any]) -> None:
    if inspect.isgeneratorfunction(fn) or inspect.isasyncgenfunction(fn):
        raise TypeError(
            "trace() cannot decorate a generator function; "
            "use `with ....trace(...)` inside the generator instead"
        )


class _TraceBase:
    """What a sync and an async trace share: everything but the two HTTP calls."""

    def __init__(
        self,
        *,
        api: ApiClient,
        telemetry: Telemetry,
        name: str,
        input: Any = None,
        meta: Mapping[str, Any] | None = None,
        tags: Mapping[str, Any] | None = None,
        session_id: str | None = None,
        user_id: str | None = None,
    ) -> None:
        self._api = api
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
        self._open: list[_Open] = []

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r})"

    # -- context work, no I/O --------------------------------------------------------------

    def _begin(self) -> tuple[_Open, CreateSpanRequest | None]:
        parent = current_opper_span()
        otel_span: Span = trace.INVALID_SPAN
        token: Token[Context] | None = None
        conversation = set_conversation(self.session_id, self.user_id)
        try:
            otel_span = self._telemetry.tracer.start_span(
                f"{attrs.OPERATION_INVOKE_WORKFLOW} {self.name}",
                kind=SpanKind.INTERNAL,
                attributes={
                    attrs.GEN_AI_OPERATION_NAME: attrs.OPERATION_INVOKE_WORKFLOW,
                    attrs.GEN_AI_WORKFLOW_NAME: self.name,
                },
            )
            token = otel_context.attach(trace.set_span_in_context(otel_span))
        except Exception:
            _logger.debug("could not start the trace's OpenTelemetry span", exc_info=True)
        try:
            if otel_span.is_recording():
                otel_span.set_attributes(self._details(parent))
        except Exception:
            _logger.debug("could not record the trace's attributes", exc_info=True)
        handle = TraceSpan(otel_span, None if parent is None else parent.span_id)
        opened = _Open(handle, token, conversation)
        try:
            return opened, self._create_request(parent, otel_span)
        except Exception as exc:
            _logger.warning("opper_tracing: trace %r has no Opper span: %s", self.name, exc)
            return opened, None

    def _details(self, parent: OpperSpanRef | None) -> dict[str, AttributeValue]:
        details: dict[str, AttributeValue] = {
            attrs.OPENINFERENCE_SPAN_KIND: attrs.SPAN_KIND_CHAIN,
            **conversation_attributes(current_conversation()),
            **label_attributes(self.tags, self.meta),
        }
        if parent is not None:
            details[attrs.OPPER_PARENT_SPAN_ID] = parent.span_id
        if self.input is not None and self._telemetry.capture_content:
            details.update(content_attributes(self.input, attrs.INPUT_VALUE, attrs.INPUT_MIME_TYPE))
        return details

    def _create_request(self, parent: OpperSpanRef | None, otel_span: Span) -> CreateSpanRequest:
        meta: dict[str, Any] = _jsonable(self.meta)
        if self.tags:
            meta["tags"] = _jsonable(self.tags)
        span_context = otel_span.get_span_context()
        if span_context.is_valid:
            meta["otel.trace_id"] = trace.format_trace_id(span_context.trace_id)
            meta["otel.span_id"] = trace.format_span_id(span_context.span_id)
        if self.session_id is not None:
            meta["session_id"] = self.session_id
        if self.user_id is not None:
            meta["user_id"] = self.user_id
        parent_trace = None if parent is None else parent.trace_id
        return CreateSpanRequest(
            name=self.name,
            id=uuid.uuid4(),
            trace_id=uuid.UUID(parent_trace) if parent_trace else uuid.uuid4(),
            parent_id=uuid.UUID(parent.span_id) if parent is not None else UNSET,
            start_time=_utcnow(),
            input_=UNSET if self.input is None else _jsonable(self.input),
            meta=CreateSpanMeta.from_dict(meta),
        )

    def _created(
        self,
        opened: _Open,
        request: CreateSpanRequest,
        outcome: Response[Any] | BaseException,
    ) -> None:
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
        if not 200 <= outcome.status_code < 300:
            _logger.warning(
                "opper_tracing: could not create the Opper span for trace %r (HTTP %d); "
                "continuing without it",
                self.name,
                outcome.status_code,
            )
            return
        span_id, trace_id = str(request.id), str(request.trace_id)
        parsed = outcome.parsed
        if isinstance(parsed, OpperSpan):
            span_id = str(parsed.id)
            if isinstance(parsed.trace_id, uuid.UUID):
                trace_id = str(parsed.trace_id)
        handle = opened.handle
        handle.span_id, handle.trace_id = span_id, trace_id
        opened.ref_token = set_opper_span(OpperSpanRef(span_id, trace_id))
        try:
            if handle.otel_span.is_recording():
                handle.otel_span.set_attributes(
                    {attrs.OPPER_SPAN_ID: span_id, attrs.OPPER_TRACE_ID: trace_id}
                )
        except Exception:
            _logger.debug("could not record the Opper span id", exc_info=True)

    def _update_request(self, opened: _Open, error: BaseException | None) -> UpdateSpanRequest:
        output = opened.handle._output
        encoded: str | Unset = UNSET
        if isinstance(output, str):
            encoded = output
        elif output is not UNSET:
            try:
                encoded = json.dumps(output, default=str)
            except ValueError:  # a circular structure
                encoded = repr(output)
        return UpdateSpanRequest(
            end_time=_utcnow(),
            output=encoded,
            error=UNSET if error is None else (str(error) or type(error).__qualname__),
        )

    def _updated(self, outcome: Response[Any] | BaseException) -> None:
        if isinstance(outcome, BaseException):
            _logger.warning(
                "opper_tracing: could not close the Opper span for trace %r (%s: %s)",
                self.name,
                type(outcome).__name__,
                outcome,
            )
        elif not 200 <= outcome.status_code < 300:
            _logger.warning(
                "opper_tracing: could not close the Opper span for trace %r (HTTP %d)",
                self.name,
                outcome.status_code,
            )

    def _leave_opper(self, opened: _Open) -> None:
        if opened.ref_token is not None:
            reset_opper_span(opened.ref_token)
            opened.ref_token = None

    def _end_otel(self, opened: _Open, error: BaseException | None) -> None:
        span = opened.handle.otel_span
        output = opened.handle._output
        try:
            if output is not UNSET and self._telemetry.capture_content and span.is_recording():
                span.set_attributes(
                    content_attributes(output, attrs.OUTPUT_VALUE, attrs.OUTPUT_MIME_TYPE)
                )
        except Exception:
            _logger.debug("could not record the trace's output", exc_info=True)
        try:
            if span.is_recording() and error is not None:
                span.set_attribute(attrs.ERROR_TYPE, error_type(error))
                span.record_exception(error)
                span.set_status(Status(StatusCode.ERROR, str(error) or type(error).__qualname__))
            span.end()
        except Exception:
            _logger.debug("could not end the trace's OpenTelemetry span", exc_info=True)
        reset_conversation(opened.conversation_token)
        opened.conversation_token = None
        if opened.otel_token is not None:
            otel_context.detach(opened.otel_token)
            opened.otel_token = None

    # -- I/O, sync flavour (also used from a thread for async functions in a sync trace) ----

    def _create_sync(self, request: CreateSpanRequest) -> Response[Any] | BaseException:
        try:
            with covered():
                return create_span.sync_detailed(client=self._api, body=request)
        except Exception as exc:
            return exc

    def _update_sync(self, span_id: str, request: UpdateSpanRequest) -> Response[Any] | Exception:
        try:
            with covered():
                return update_span.sync_detailed(uuid.UUID(span_id), client=self._api, body=request)
        except Exception as exc:
            return exc

    def _enter_sync(self) -> _Open:
        opened, request = self._begin()
        if request is not None:
            self._created(opened, request, self._create_sync(request))
        return opened

    def _exit_sync(self, opened: _Open, error: BaseException | None) -> None:
        self._leave_opper(opened)
        span_id = opened.handle.span_id
        if span_id is not None:
            self._updated(self._update_sync(span_id, self._update_request(opened, error)))
        self._end_otel(opened, error)


class Trace(_TraceBase):
    """A trace for the sync client, made by ``Opper.trace(...)``: a context manager and a
    decorator.

    ::

        with opper.trace("checkout-flow", input=order, meta={"shop": "eu"}) as span:
            opper.call("classify", input=order)
            span.set_output(result)

        @opper.trace("nightly-report")
        def report() -> str: ...            # also works on ``async def`` functions

    One ``Trace`` object may decorate a function that runs concurrently; as a context manager,
    enter it from one thread at a time.
    """

    def __enter__(self) -> TraceSpan:
        opened = self._enter_sync()
        self._open.append(opened)
        return opened.handle

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._exit_sync(self._open.pop(), exc)

    def __call__(self, fn: Callable[_P, _R]) -> Callable[_P, _R]:
        """Decorate ``fn`` (sync or async): each call runs in its own trace, whose output is the
        return value."""
        _check_decoratable(fn)
        if inspect.iscoroutinefunction(fn):
            return self._wrap_coroutine(fn)  # type: ignore[return-value]

        @functools.wraps(fn)
        def traced(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            opened = self._enter_sync()
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:
                self._exit_sync(opened, exc)
                raise
            opened.handle.set_output(result)
            self._exit_sync(opened, None)
            return result

        return traced

    def _wrap_coroutine(self, fn: Callable[_P, Awaitable[_R]]) -> Callable[_P, Awaitable[_R]]:
        # The sync client's HTTP client is sync: run its two requests in a worker thread so the
        # event loop is not blocked (asyncio.to_thread carries the context along).
        @functools.wraps(fn)
        async def traced(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            opened, request = self._begin()
            if request is not None:
                outcome = await asyncio.to_thread(self._create_sync, request)
                self._created(opened, request, outcome)
            try:
                result = await fn(*args, **kwargs)
            except BaseException as exc:
                await self._exit_in_thread(opened, exc)
                raise
            opened.handle.set_output(result)
            await self._exit_in_thread(opened, None)
            return result

        return traced

    async def _exit_in_thread(self, opened: _Open, error: BaseException | None) -> None:
        self._leave_opper(opened)
        span_id = opened.handle.span_id
        if span_id is not None:
            request = self._update_request(opened, error)
            self._updated(await asyncio.to_thread(self._update_sync, span_id, request))
        self._end_otel(opened, error)


class AsyncTrace(_TraceBase):
    """A trace for the async client, made by ``AsyncOpper.trace(...)``: an async context manager
    and a decorator for ``async def`` functions.

    ::

        async with aopper.trace("checkout-flow", input=order) as span:
            await asyncio.gather(aopper.call("a", ...), aopper.call("b", ...))   # both nest

        @aopper.trace("enrich")
        async def enrich(item): ...

    Tasks started inside the block inherit the trace; sibling tasks never see each other's.
    Call ``aopper.trace(...)`` once per ``async with`` (a decorated function may run in many
    tasks at once). Sync functions cannot be decorated (the async client has no sync HTTP
    client); use ``Opper.trace`` for them.
    """

    async def _create_async(self, request: CreateSpanRequest) -> Response[Any] | BaseException:
        try:
            with covered():
                return await create_span.asyncio_detailed(client=self._api, body=request)
        except Exception as exc:
            return exc

    async def _update_async(
        self, span_id: str, request: UpdateSpanRequest
    ) -> Response[Any] | BaseException:
        try:
            with covered():
                return await update_span.asyncio_detailed(
                    uuid.UUID(span_id), client=self._api, body=request
                )
        except Exception as exc:
            return exc

    async def _enter_async(self) -> _Open:
        opened, request = self._begin()
        if request is not None:
            self._created(opened, request, await self._create_async(request))
        return opened

    async def _exit_async(self, opened: _Open, error: BaseException | None) -> None:
        self._leave_opper(opened)
        span_id = opened.handle.span_id
        if span_id is not None:
            self._updated(await self._update_async(span_id, self._update_request(opened, error)))
        self._end_otel(opened, error)

    async def __aenter__(self) -> TraceSpan:
        opened = await self._enter_async()
        self._open.append(opened)
        return opened.handle

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._exit_async(self._open.pop(), exc)

    def __call__(self, fn: Callable[_P, Awaitable[_R]]) -> Callable[_P, Awaitable[_R]]:
        """Decorate an ``async def`` function: each call runs in its own trace, whose output is
        the return value."""
        _check_decoratable(fn)
        if not inspect.iscoroutinefunction(fn):
            raise TypeError(
                "AsyncOpper.trace() decorates async functions only; use Opper.trace() for "
                f"the sync function {getattr(fn, '__qualname__', fn)!r}"
            )

        @functools.wraps(fn)
        async def traced(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            opened = await self._enter_async()
            try:
                result = await fn(*args, **kwargs)
            except BaseException as exc:
                await self._exit_async(opened, exc)
                raise
            opened.handle.set_output(result)
            await self._exit_async(opened, None)
            return result

        return traced
