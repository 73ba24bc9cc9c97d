"""OpenTelemetry for calls: one CLIENT span per call or stream, and the GenAI client metrics.

Only ``opentelemetry-api`` is used. With no SDK configured the tracer and meter are no-ops, a span
is not recording, and the attribute work below is skipped. The client drives a ``CallSpan``
through a fixed set of hooks; every hook swallows its own failures (logged at debug on the
``opper_tracing`` logger), so telemetry never changes what a call returns or raises::

    telemetry = Telemetry(server_address="api.opper.ai", server_port=443)
    span = telemetry.start(stream=True, body={"name": "summarize", "input": "...",
                                              "model": "openai/gpt-4o-mini"})
    span.inject(headers)                  # W3C traceparent of this span
    with span.activate():                 # the HTTP send nests under the span
        response = send(headers)
    for chunk in chunks:                  # each read re-activates; nothing leaks between reads
        ...
        span.on_first_chunk()             # then span.on_chunk() for the later ones
    span.stop_clock()                     # optional: the span ends now, whatever comes next
    span.on_result(usage=..., cost=..., output_text=..., output_json=None)
    span.finish(error=None, completed=True)

A span is named ``chat {function}`` and carries the GenAI attributes (v1.41) plus the keys
Phoenix/OpenInference and Langfuse read (see ``_attributes``): span kind, model, token counts,
Opper's cost, the tags as metadata, and, with content capture on, input and output.

Streams keep the span out of the current context between reads and end it through one
idempotent ``finish``, reached from every exit path: drained (status UNSET), closed early (UNSET,
``opper.stream.completed=false``), failed (ERROR with ``error.type``), or garbage-collected
unclosed (``abandon``: ERROR, ``error.type=_OTHER``, "abandoned stream").
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
import time
from collections.abc import Mapping
from contextlib import AbstractContextManager
from contextvars import ContextVar, Token
from types import TracebackType
from typing import Any, NamedTuple

from opentelemetry import context as otel_context
from opentelemetry import metrics, propagate, trace
from opentelemetry.context import Context
from opentelemetry.metrics import Histogram, Meter, MeterProvider
from opentelemetry.trace import Span, SpanKind, Status, StatusCode, Tracer, TracerProvider
from opentelemetry.util.types import AttributeValue

from . import _attributes as attrs
from ._context import current_opper_span
from ._exceptions import APIStatusError, StreamError
from ._version import __version__

__all__ = [
    "CAPTURE_CONTENT_ENV",
    "CallSpan",
    "Conversation",
    "Telemetry",
    "content_attributes",
    "conversation_attributes",
    "current_conversation",
    "error_type",
    "label_attributes",
    "request_model_name",
    "reset_conversation",
    "set_conversation",
    "tag_attributes",
]

_logger = logging.getLogger("opper_tracing")

CAPTURE_CONTENT_ENV = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"
"""Opt-in for content on spans: ``true``, ``SPAN_ONLY`` or ``SPAN_AND_EVENT`` turn it on."""

_CAPTURE_ON = frozenset({"true", "span_only", "span_and_event"})
_MAX_TAGS = 64
_MAX_TAG_DEPTH = 3
_INT64 = 2**63


def _capture_from_env() -> bool:
    return os.environ.get(CAPTURE_CONTENT_ENV, "").strip().lower() in _CAPTURE_ON


def request_model_name(model: Any) -> str | None:
    """The ``gen_ai.request.model`` for a call's ``model`` argument.

    A string is used as is, a Model (object or mapping) gives its ``name``, and a fallback list
    gives its first entry's name. ``None`` (the server's default) gives ``None``.
    """
    if isinstance(model, str):
        return model or None
    if isinstance(model, list | tuple):
        return request_model_name(model[0]) if model else None
    name = model.get("name") if isinstance(model, Mapping) else getattr(model, "name", None)
    return name if isinstance(name, str) and name else None


def _primitive_list(values: list[Any] | tuple[Any, ...]) -> bool:
    kinds = {type(v) for v in values}
    if len(kinds) > 1 or not kinds <= {str, bool, int, float}:
        return False
    return kinds != {int} or all(-_INT64 <= v < _INT64 for v in values)


def tag_attributes(
    tags: Mapping[str, Any] | None, prefix: str = attrs.OPPER_TAGS_PREFIX
) -> dict[str, AttributeValue]:
    """Span attributes for user tags, one flat key per tag: ``{"team": "x"}`` → ``opper.tags.team``.

    Primitives stay as they are (ints past 64 bits become strings), a list of one primitive type
    becomes an array, a nested mapping is flattened to dotted keys up to three levels, ``None`` is
    left out, and anything else becomes a JSON string. At most 64 keys are kept. Tags are
    user-controlled, so they are never used as metric attributes.
    """
    out: dict[str, AttributeValue] = {}

    def add(key: str, value: Any, depth: int) -> None:
        if value is None or len(out) >= _MAX_TAGS:
            return
        if isinstance(value, str | bool | float):
            out[key] = value
        elif isinstance(value, int):
            out[key] = value if -_INT64 <= value < _INT64 else str(value)
        elif isinstance(value, Mapping) and depth < _MAX_TAG_DEPTH:
            for k, v in value.items():
                add(f"{key}.{k}", v, depth + 1)
        elif isinstance(value, list | tuple) and _primitive_list(value):
            out[key] = list(value)
        else:
            out[key] = json.dumps(value, default=str, ensure_ascii=False)

    for key, value in (tags or {}).items():
        add(f"{prefix}{key}", value, 1)
    return out


def _tag_text(value: Any) -> str:
    return value if isinstance(value, str) else _json(value)


def label_attributes(
    tags: Mapping[str, Any] | None, meta: Mapping[str, Any] | None = None
) -> dict[str, AttributeValue]:
    """Every attribute that labels a span: ``opper.tags.<key>`` (see ``tag_attributes``), and
    for the backends' own panels the tags (over ``meta``, for a trace) as one JSON object in
    ``metadata`` (Phoenix) and ``langfuse.observation.metadata`` (Langfuse), and as
    ``key:value`` strings in ``tag.tags`` (Phoenix's tags, Langfuse's tag filter)::

        label_attributes({"team": "search"})
        # {"opper.tags.team": "search", "metadata": '{"team": "search"}',
        #  "langfuse.observation.metadata": '{"team": "search"}', "tag.tags": ["team:search"]}
    """
    out = tag_attributes(tags)
    merged = {**(meta or {}), **(tags or {})}
    merged = {k: v for k, v in merged.items() if v is not None}
    if merged:
        text = _json(merged)
        out[attrs.METADATA] = text
        out[attrs.LANGFUSE_OBSERVATION_METADATA] = text
    if tags:
        labels = [f"{k}:{_tag_text(v)}" for k, v in tags.items() if v is not None]
        if labels:
            out[attrs.TAG_TAGS] = labels[:_MAX_TAGS]
    return out


def content_attributes(
    value: Any, value_key: str, mime_key: str, text: str | None = None
) -> dict[str, AttributeValue]:
    """``input.value``/``output.value`` (or another pair) for a value: a string as text, anything
    else as JSON (``text``, when the caller has encoded it already). Callers check content
    capture first."""
    if isinstance(value, str):
        return {value_key: value, mime_key: attrs.MIME_TEXT}
    return {value_key: _json(value) if text is None else text, mime_key: attrs.MIME_JSON}


class Conversation(NamedTuple):
    """The session and user that ``trace(session_id=..., user_id=...)`` opened."""

    session_id: str | None
    user_id: str | None


_conversation: ContextVar[Conversation | None] = ContextVar(
    "opper_tracing_conversation", default=None
)


def current_conversation() -> Conversation | None:
    """The session and user of the innermost ``trace()`` that named one, if any."""
    return _conversation.get()


def set_conversation(
    session_id: str | None, user_id: str | None
) -> Token[Conversation | None] | None:
    """Open a session/user for what runs next here (an unnamed one inherits the enclosing
    trace's); ``None`` when neither is given, else a token for ``reset_conversation``."""
    if session_id is None and user_id is None:
        return None
    outer = _conversation.get()
    if outer is not None:
        session_id = session_id if session_id is not None else outer.session_id
        user_id = user_id if user_id is not None else outer.user_id
    return _conversation.set(Conversation(session_id, user_id))


def reset_conversation(token: Token[Conversation | None] | None) -> None:
    """Undo ``set_conversation``; safe with ``None`` and from another context."""
    if token is None:
        return
    try:
        _conversation.reset(token)
    except ValueError:
        old = token.old_value
        _conversation.set(None if old is Token.MISSING else old)


def conversation_attributes(conversation: Conversation | None) -> dict[str, AttributeValue]:
    """``gen_ai.conversation.id`` and ``session.id`` for the session, ``user.id`` for the user
    (Phoenix, Langfuse and Datadog group by these)."""
    if conversation is None:
        return {}
    out: dict[str, AttributeValue] = {}
    if conversation.session_id is not None:
        out[attrs.GEN_AI_CONVERSATION_ID] = conversation.session_id
        out[attrs.SESSION_ID] = conversation.session_id
    if conversation.user_id is not None:
        out[attrs.USER_ID] = conversation.user_id
    return out


_SETTLE_CHECKS = 110
"""How often a cancelled call's span looks whether its task absorbed the cancellation (see
``CallSpan.finish``): ten loop turns, then every 10 ms, about a second in all."""


def error_type(error: BaseException) -> str:
    """``error.type`` for a failure: the HTTP status for an API status error, the server's error
    type for a stream's ``error`` chunk (e.g. ``ModelOverloaded``), else the qualname."""
    if isinstance(error, APIStatusError):
        return str(error.status_code)
    if isinstance(error, StreamError) and error.error_type:
        return str(error.error_type)
    return type(error).__qualname__


def _json(value: Any) -> str:
    return json.dumps(value, default=str, ensure_ascii=False)


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else _json(value)


def _text_part(value: Any) -> dict[str, str]:
    return {"type": "text", "content": _as_text(value)}


def _int_or_none(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _usage_attributes(usage: Mapping[str, Any]) -> dict[str, int]:
    """The ``gen_ai.usage.*`` attributes found in an Opper usage object."""
    found: dict[str, int] = {}
    in_details = usage.get("input_tokens_details")
    out_details = usage.get("output_tokens_details")
    in_details = in_details if isinstance(in_details, Mapping) else {}
    out_details = out_details if isinstance(out_details, Mapping) else {}
    candidates = (
        (attrs.GEN_AI_USAGE_INPUT_TOKENS, usage.get("input_tokens")),
        (attrs.GEN_AI_USAGE_OUTPUT_TOKENS, usage.get("output_tokens")),
        (
            attrs.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
            out_details.get("reasoning_tokens", usage.get("reasoning_tokens")),
        ),
        (
            attrs.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
            in_details.get("cached_tokens", usage.get("cache_read_input_tokens")),
        ),
        (
            attrs.GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
            in_details.get("cache_creation_tokens", usage.get("cache_creation_input_tokens")),
        ),
    )
    for key, raw in candidates:
        value = _int_or_none(raw)
        if value is not None:
            found[key] = value
    return found


def _number(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _token_counts(usage: Mapping[str, Any], found: Mapping[str, int]) -> dict[str, int]:
    """The OpenInference token counts for the same usage (total also when only it is known)."""
    out: dict[str, int] = {}
    prompt = found.get(attrs.GEN_AI_USAGE_INPUT_TOKENS)
    completion = found.get(attrs.GEN_AI_USAGE_OUTPUT_TOKENS)
    if prompt is not None:
        out[attrs.LLM_TOKEN_COUNT_PROMPT] = prompt
    if completion is not None:
        out[attrs.LLM_TOKEN_COUNT_COMPLETION] = completion
    total = _int_or_none(usage.get("total_tokens"))
    if total is None and prompt is not None and completion is not None:
        total = prompt + completion
    if total is not None:
        out[attrs.LLM_TOKEN_COUNT_TOTAL] = total
    return out


def _cost_attributes(cost: Mapping[str, Any]) -> dict[str, AttributeValue]:
    """``opper.cost.<part>`` for every number in Opper's cost, and the total under the keys
    OpenInference and Langfuse read."""
    out: dict[str, AttributeValue] = {}
    for key, raw in cost.items():
        value = _number(raw)
        if value is not None:
            out[f"{attrs.OPPER_COST_PREFIX}{key}"] = value
    total = _number(cost.get("total"))
    if total is not None:
        out[attrs.LLM_COST_TOTAL] = total
        out[attrs.LANGFUSE_OBSERVATION_COST_DETAILS] = _json({"total": total})
    return out


def _as_mapping(value: Any) -> Mapping[str, Any] | None:
    if value is None or isinstance(value, Mapping):
        return value
    for method in ("to_dict", "model_dump"):
        convert = getattr(value, method, None)
        if callable(convert):
            converted = convert()
            return converted if isinstance(converted, Mapping) else None
    return None


class _Activation(AbstractContextManager[None]):
    """Attach a span's context on enter and detach it on exit, in the same call."""

    __slots__ = ("_span", "_token")

    def __init__(self, span: Span | None) -> None:
        self._span = span
        self._token: Token[Context] | None = None

    def __enter__(self) -> None:
        if self._span is None:
            return
        try:
            self._token = otel_context.attach(trace.set_span_in_context(self._span))
        except Exception:
            _logger.debug("could not activate the call span", exc_info=True)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        token, self._token = self._token, None
        if token is not None:
            try:
                otel_context.detach(token)
            except Exception:
                _logger.debug("could not deactivate the call span", exc_info=True)


class CallSpan:
    """Telemetry for one call or stream. Every method is safe to call in any order, any number
    of times, from any thread, and never raises.

    Made by ``Telemetry.start``; the span is started but not current. ``finish`` (or ``abandon``)
    ends it exactly once; calls after that do nothing.
    """

    __slots__ = (
        "_end_ns",
        "_ended_at",
        "_finished",
        "_first_chunk_at",
        "_last_chunk_at",
        "_lock",
        "_metric_attrs",
        "_recording",
        "_span",
        "_started_at",
        "_stream",
        "_telemetry",
        "_tokens",
    )

    def __init__(
        self,
        telemetry: Telemetry,
        span: Span,
        *,
        stream: bool,
        metric_attrs: dict[str, AttributeValue],
    ) -> None:
        self._telemetry = telemetry
        self._span = span
        self._stream = stream
        self._metric_attrs = metric_attrs
        self._recording = span.is_recording()
        self._started_at = time.monotonic()
        self._first_chunk_at: float | None = None
        self._last_chunk_at = 0.0
        self._tokens: dict[str, int] = {}
        self._ended_at: float | None = None
        self._end_ns: int | None = None
        self._finished = False
        self._lock = threading.Lock()

    @property
    def wants_each_chunk(self) -> bool:
        """Whether ``on_chunk`` records anything (``chunk_metrics``); a stream skips the call
        for every chunk after the first when it does not."""
        return self._telemetry.chunk_metrics

    @property
    def otel_span(self) -> Span:
        """The OpenTelemetry span (non-recording when no SDK is configured)."""
        return self._span

    def inject(self, headers: dict[str, str]) -> None:
        """Add W3C ``traceparent``/``tracestate`` for this span to outgoing request headers,
        through the globally configured propagator."""
        try:
            propagate.inject(headers, context=trace.set_span_in_context(self._span))
        except Exception:
            _logger.debug("could not inject trace context", exc_info=True)

    def activate(self) -> AbstractContextManager[None]:
        """Make the span current for a short stretch (sending the request, reading one chunk).

        Attach and detach happen in the same ``with``, so the span is never left current
        between two chunks, and a stream finished from another task or thread cannot trip
        "Failed to detach context"::

            with span.activate():
                chunk = next(events)
        """
        if not self._span.get_span_context().is_valid:
            return _Activation(None)
        return _Activation(self._span)

    def on_opper_span_id(self, span_id: str) -> None:
        """Opper's span id is known (``/call`` response, or the first stream chunk)."""
        if not self._recording or self._finished:
            return
        try:
            self._span.set_attribute(attrs.OPPER_SPAN_ID, span_id)
            self._span.set_attribute(attrs.GEN_AI_RESPONSE_ID, span_id)
        except Exception:
            _logger.debug("could not record the Opper span id", exc_info=True)

    def on_first_chunk(self) -> None:
        """The first chunk with content was yielded to the user (time to first chunk)."""
        if self._first_chunk_at is not None or self._finished:
            return
        try:
            now = time.monotonic()
            self._first_chunk_at = self._last_chunk_at = now
            elapsed = now - self._started_at
            if self._recording:
                self._span.set_attribute(attrs.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, elapsed)
            self._telemetry._time_to_first_chunk.record(elapsed, self._metric_attrs)
        except Exception:
            _logger.debug("could not record the time to first chunk", exc_info=True)

    def on_chunk(self) -> None:
        """A later chunk was yielded (time per output chunk, when ``chunk_metrics`` is on)."""
        if self._finished:
            return
        if self._first_chunk_at is None:
            self.on_first_chunk()
            return
        if not self._telemetry.chunk_metrics:
            return
        try:
            now = time.monotonic()
            elapsed, self._last_chunk_at = now - self._last_chunk_at, now
            self._telemetry._time_per_output_chunk.record(elapsed, self._metric_attrs)
        except Exception:
            _logger.debug("could not record the time per output chunk", exc_info=True)

    def stop_clock(self) -> None:
        """The call is over: the span's end time and the duration metric are taken now, even if
        ``finish`` comes later (after a stream's usage has been fetched). Only the first call
        counts."""
        if self._ended_at is None and not self._finished:
            self._ended_at = time.monotonic()
            self._end_ns = time.time_ns()

    def on_result(
        self,
        *,
        usage: Any = None,
        cost: Any = None,
        output_text: str | None = None,
        output_json: Any = None,
    ) -> None:
        """The call's result is known (``/call`` response, or the stream's assembled output).

        ``usage`` and ``cost`` are Opper's objects (or mappings); token counts become
        ``gen_ai.usage.*`` (also ``llm.token_count.*``) and are recorded in
        ``gen_ai.client.token.usage`` when the span ends; the cost becomes ``opper.cost.*`` (also
        ``llm.cost.total`` and Langfuse's cost details). The output is recorded only when content
        capture is on: ``output_json`` when it is not ``None`` (a structured result), else
        ``output_text``.
        """
        if self._finished:
            return
        try:
            usage_map = _as_mapping(usage) or {}
            found = _usage_attributes(usage_map)
            if found:
                self._tokens = found
            if not self._recording:
                return
            result: dict[str, AttributeValue] = dict(found)
            result.update(_token_counts(usage_map, found))
            result.update(_cost_attributes(_as_mapping(cost) or {}))
            structured = output_json is not None
            if self._telemetry.capture_content and (structured or output_text is not None):
                content = output_json if structured else output_text
                text = _as_text(content)
                message = {
                    "role": "assistant",
                    "parts": [{"type": "text", "content": text}],
                    "finish_reason": "stop",
                }
                result[attrs.GEN_AI_OUTPUT_MESSAGES] = _json([message])
                result.update(
                    content_attributes(content, attrs.OUTPUT_VALUE, attrs.OUTPUT_MIME_TYPE, text)
                )
            if result:
                self._span.set_attributes(result)
        except Exception:
            _logger.debug("could not record the call's result", exc_info=True)

    def on_opper_trace_id(self, trace_id: str) -> None:
        """Opper's trace id for this call is known (fetched with a stream's usage)."""
        if not self._recording or self._finished:
            return
        try:
            self._span.set_attribute(attrs.OPPER_TRACE_ID, trace_id)
        except Exception:
            _logger.debug("could not record the Opper trace id", exc_info=True)

    def finish(self, error: BaseException | None = None, *, completed: bool = True) -> None:
        """End the span exactly once: ``error`` sets ERROR status; ``completed=False`` marks an
        early close. Later calls do nothing.

        ``error.type`` names the exception the caller sees. For a ``CancelledError`` that is not
        known yet: a timeout scope (``asyncio.timeout``, ``asyncio.wait_for``) absorbs it and
        raises ``TimeoutError`` instead, after whatever cleanup runs in between. So the span
        ends once the task shows the outcome: ``TimeoutError`` when its cancellation was
        absorbed, ``CancelledError`` when the task ended cancelled (or is still cancelling
        a second later).
        """
        if error is None:
            self._end(completed=completed, error_type=None, description=None, error=None)
        elif not (isinstance(error, asyncio.CancelledError) and self._defer(error)):
            self._fail(error)

    def _fail(self, error: BaseException) -> None:
        self._end(
            completed=False,
            error_type=error_type(error),
            description=str(error) or type(error).__qualname__,
            error=error,
        )

    def _defer(self, cancelled: asyncio.CancelledError) -> bool:
        """End the span for ``cancelled`` on the next loop turn; False outside a task."""
        try:
            loop = asyncio.get_running_loop()
            task = asyncio.current_task(loop)
            if task is None:
                return False
            loop.call_soon(self._settle, task, cancelled, 0)
            # Settles it as the task ends, even if the loop stops before a later check.
            task.add_done_callback(lambda done: self._settle(done, cancelled, _SETTLE_CHECKS))
        except Exception:
            return False
        return True

    def _settle(
        self, task: asyncio.Task[Any], cancelled: asyncio.CancelledError, checks: int
    ) -> None:
        try:
            done = task.done()
            if not done and task.cancelling() and checks < _SETTLE_CHECKS:
                # Cleanup between here and the timeout scope usually takes a few loop turns;
                # after those, look every 10 ms rather than spin.
                loop = task.get_loop()
                if checks < 10:
                    loop.call_soon(self._settle, task, cancelled, checks + 1)
                else:
                    loop.call_later(0.01, self._settle, task, cancelled, checks + 1)
                return
            error: BaseException = cancelled
            if not task.cancelled() and (done or not task.cancelling()):
                error = TimeoutError("cancelled by a timeout")
                error.__cause__ = cancelled
        except Exception:
            error = cancelled
        self._fail(error)

    def abandon(self) -> None:
        """The stream was garbage-collected unclosed: end the span as ERROR "abandoned stream".

        Safe from a ``weakref.finalize`` callback in any thread, at interpreter shutdown, and
        after ``finish`` (then it does nothing).
        """
        self._end(
            completed=False,
            error_type=attrs.ERROR_TYPE_OTHER,
            description="abandoned stream",
            error=None,
        )

    def _end(
        self,
        *,
        completed: bool,
        error_type: str | None,
        description: str | None,
        error: BaseException | None,
    ) -> None:
        try:
            with self._lock:
                if self._finished:
                    return
                self._finished = True
            ended_at = self._ended_at if self._ended_at is not None else time.monotonic()
            duration = ended_at - self._started_at
            span = self._span
            if self._recording:
                if self._stream:
                    span.set_attribute(attrs.OPPER_STREAM_COMPLETED, completed)
                if error_type is not None:
                    span.set_attribute(attrs.ERROR_TYPE, error_type)
                    if error is not None:
                        span.record_exception(error)
                    span.set_status(Status(StatusCode.ERROR, description))
            self._record_metrics(duration, error_type)
            span.end(end_time=self._end_ns)
        except Exception:
            _logger.debug("could not end the call span", exc_info=True)

    def _record_metrics(self, duration: float, error_type: str | None) -> None:
        telemetry = self._telemetry
        base = self._metric_attrs
        telemetry._duration.record(
            duration, base if error_type is None else {**base, attrs.ERROR_TYPE: error_type}
        )
        for key, token_type in (
            (attrs.GEN_AI_USAGE_INPUT_TOKENS, attrs.TOKEN_TYPE_INPUT),
            (attrs.GEN_AI_USAGE_OUTPUT_TOKENS, attrs.TOKEN_TYPE_OUTPUT),
        ):
            count = self._tokens.get(key)
            if count is not None:
                telemetry._token_usage.record(count, {**base, attrs.GEN_AI_TOKEN_TYPE: token_type})


class Telemetry:
    """Per-client telemetry: tracer and meter from the given providers or the global ones.

    ``capture_content`` turns recording of instructions, input and output on or off; left as
    ``None`` it follows ``OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`` (``true``,
    ``SPAN_ONLY`` or ``SPAN_AND_EVENT`` turn it on; anything else, or unset, leaves it off).
    The API key is never passed here, so it cannot reach a span in any mode::

        telemetry = Telemetry(tracer_provider=provider, server_address="api.opper.ai",
                              server_port=443)
    """

    def __init__(
        self,
        *,
        tracer_provider: TracerProvider | None = None,
        meter_provider: MeterProvider | None = None,
        capture_content: bool | None = None,
        chunk_metrics: bool = False,
        server_address: str,
        server_port: int | None,
    ) -> None:
        self.capture_content = _capture_from_env() if capture_content is None else capture_content
        """Whether instructions, input and output are recorded on spans."""
        self.chunk_metrics = chunk_metrics
        """Whether ``gen_ai.client.operation.time_per_output_chunk`` is recorded. Off by
        default: one SDK histogram record costs 15-20 µs, a quarter of the time of a fast
        500-chunk stream, for a figure ``duration``/``time_to_first_chunk`` mostly give."""
        self.server_address = server_address
        """The API host, recorded as ``server.address``."""
        self.server_port = server_port
        """The API port, recorded as ``server.port``."""
        self._tracer = trace.get_tracer(
            "opper_tracing", __version__, tracer_provider, schema_url=attrs.SCHEMA_URL
        )
        meter: Meter = metrics.get_meter(
            "opper_tracing", __version__, meter_provider, schema_url=attrs.SCHEMA_URL
        )
        self._duration = self._seconds(
            meter, attrs.GEN_AI_CLIENT_OPERATION_DURATION, "GenAI operation duration."
        )
        self._time_to_first_chunk = self._seconds(
            meter,
            attrs.GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
            "Time from the start of a streamed call to its first chunk.",
        )
        self._time_per_output_chunk = self._seconds(
            meter,
            attrs.GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK,
            "Time between consecutive chunks of a streamed call, after the first.",
        )
        self._token_usage = meter.create_histogram(
            attrs.GEN_AI_CLIENT_TOKEN_USAGE,
            unit="{token}",
            description="Number of input and output tokens used.",
            explicit_bucket_boundaries_advisory=attrs.TOKEN_BUCKETS,
        )
        base: dict[str, AttributeValue] = {
            attrs.GEN_AI_OPERATION_NAME: attrs.OPERATION_CHAT,
            attrs.GEN_AI_PROVIDER_NAME: attrs.PROVIDER_OPPER,
            attrs.SERVER_ADDRESS: server_address,
        }
        if server_port is not None:
            base[attrs.SERVER_PORT] = server_port
        self._base_attrs = base

    @staticmethod
    def _seconds(meter: Meter, name: str, description: str) -> Histogram:
        return meter.create_histogram(
            name,
            unit="s",
            description=description,
            explicit_bucket_boundaries_advisory=attrs.DURATION_BUCKETS,
        )

    @property
    def tracer(self) -> Tracer:
        """The tracer spans are made with (also used by ``trace()``)."""
        return self._tracer

    def start(self, *, stream: bool, body: Mapping[str, Any]) -> CallSpan:
        """Start the span for one call (not made current); the caller must ``finish()`` it.

        ``body`` is the JSON body as sent, so what the span records is what the server got.
        The span is a CLIENT child of the current span, named ``chat {function}`` (the task's
        name tells calls apart; the model is in ``gen_ai.request.model``). Attributes a sampler
        may use are set at start; the rest only when the span is recording.
        """
        try:
            model_name = request_model_name(body.get("model"))
            metric_attrs = self._base_attrs
            if model_name is not None:
                metric_attrs = {**metric_attrs, attrs.GEN_AI_REQUEST_MODEL: model_name}
            function = body.get("name")
            span_name = f"{attrs.OPERATION_CHAT} {function}" if function else attrs.OPERATION_CHAT
            span = self._tracer.start_span(span_name, kind=SpanKind.CLIENT, attributes=metric_attrs)
        except Exception:
            _logger.debug("could not start the call span", exc_info=True)
            return CallSpan(self, trace.INVALID_SPAN, stream=stream, metric_attrs={})
        call_span = CallSpan(self, span, stream=stream, metric_attrs=metric_attrs)
        if call_span._recording:
            try:
                span.set_attributes(self._details(stream, body, model_name))
            except Exception:
                _logger.debug("could not record the call's attributes", exc_info=True)
        return call_span

    def _details(
        self, stream: bool, body: Mapping[str, Any], model_name: str | None = None
    ) -> dict[str, AttributeValue]:
        details: dict[str, AttributeValue] = {
            attrs.GEN_AI_OUTPUT_TYPE: (
                attrs.OUTPUT_TYPE_JSON if body.get("output_schema") else attrs.OUTPUT_TYPE_TEXT
            ),
            attrs.OPPER_FUNCTION_NAME: body["name"],
            attrs.OPENINFERENCE_SPAN_KIND: attrs.SPAN_KIND_LLM,
        }
        if model_name is not None:
            details[attrs.LLM_MODEL_NAME] = model_name
        if stream:
            details[attrs.GEN_AI_REQUEST_STREAM] = True
        parent_span_id = body.get("parent_span_id")
        if parent_span_id:
            parent_span_id = str(parent_span_id)
            details[attrs.OPPER_PARENT_SPAN_ID] = parent_span_id
            enclosing = current_opper_span()
            if enclosing is not None and enclosing.span_id == parent_span_id and enclosing.trace_id:
                details[attrs.OPPER_TRACE_ID] = enclosing.trace_id
        details.update(conversation_attributes(_conversation.get()))
        tags = body.get("tags")
        if tags:
            details.update(label_attributes(tags))
        if self.capture_content:
            instructions, input = body.get("instructions"), body.get("input")
            if instructions:
                details[attrs.GEN_AI_SYSTEM_INSTRUCTIONS] = _json([_text_part(instructions)])
            if input is not None:
                text = _as_text(input)
                details[attrs.GEN_AI_INPUT_MESSAGES] = _json(
                    [{"role": "user", "parts": [{"type": "text", "content": text}]}]
                )
                details.update(
                    content_attributes(input, attrs.INPUT_VALUE, attrs.INPUT_MIME_TYPE, text)
                )
        return details
