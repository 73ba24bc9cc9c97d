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
    span.on_result(usage=..., output_text=..., output_json=None)
    span.finish(error=None, completed=True)

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
from contextvars import Token
from types import TracebackType
from typing import Any

from opentelemetry import context as otel_context
from opentelemetry import metrics, propagate, trace
from opentelemetry.context import Context
from opentelemetry.metrics import Histogram, Meter, MeterProvider
from opentelemetry.trace import Span, SpanKind, Status, StatusCode, Tracer, TracerProvider
from opentelemetry.util.types import AttributeValue

from . import _attributes as attrs
from ._exceptions import APIStatusError
from ._version import __version__

__all__ = [
    "CAPTURE_CONTENT_ENV",
    "CallSpan",
    "Telemetry",
    "error_type",
    "request_model_name",
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


_SETTLE_CHECKS = 110
"""How often a cancelled call's span looks whether its task absorbed the cancellation (see
``CallSpan.finish``): ten loop turns, then every 10 ms, about a second in all."""


def error_type(error: BaseException) -> str:
    """``error.type`` for a failure: the HTTP status for an API status error, else the qualname."""
    if isinstance(error, APIStatusError):
        return str(error.status_code)
    return type(error).__qualname__


def _json(value: Any) -> str:
    return json.dumps(value, default=str, ensure_ascii=False)


def _text_part(value: Any) -> dict[str, str]:
    return {"type": "text", "content": value if isinstance(value, str) else _json(value)}


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

    def on_result(self, *, usage: Any, output_text: str | None, output_json: Any) -> None:
        """The call's result is known (``/call`` response, or the stream's assembled output).

        Token counts become ``gen_ai.usage.*`` and are recorded in ``gen_ai.client.token.usage``
        when the span ends; the output is recorded only when content capture is on.
        """
        if self._finished:
            return
        try:
            found = _usage_attributes(_as_mapping(usage) or {})
            self._tokens = found
            if not self._recording:
                return
            if found:
                self._span.set_attributes(found)
            if self._telemetry.capture_content and (
                output_text is not None or output_json is not None
            ):
                content = output_text if output_text is not None else output_json
                message = {
                    "role": "assistant",
                    "parts": [_text_part(content)],
                    "finish_reason": "stop",
                }
                self._span.set_attribute(attrs.GEN_AI_OUTPUT_MESSAGES, _json([message]))
        except Exception:
            _logger.debug("could not record the call's result", exc_info=True)

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
            duration = time.monotonic() - self._started_at
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
            span.end()
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
        The span is a CLIENT child of the current span, named ``chat {model}`` (``chat`` when the
        server picks the model). Attributes a sampler may use are set at start; the rest only
        when the span is recording.
        """
        try:
            model_name = request_model_name(body.get("model"))
            metric_attrs = self._base_attrs
            if model_name is not None:
                metric_attrs = {**metric_attrs, attrs.GEN_AI_REQUEST_MODEL: model_name}
                span_name = f"{attrs.OPERATION_CHAT} {model_name}"
            else:
                span_name = attrs.OPERATION_CHAT
            span = self._tracer.start_span(span_name, kind=SpanKind.CLIENT, attributes=metric_attrs)
        except Exception:
            _logger.debug("could not start the call span", exc_info=True)
            return CallSpan(self, trace.INVALID_SPAN, stream=stream, metric_attrs={})
        call_span = CallSpan(self, span, stream=stream, metric_attrs=metric_attrs)
        if call_span._recording:
            try:
                span.set_attributes(self._details(stream, body))
            except Exception:
                _logger.debug("could not record the call's attributes", exc_info=True)
        return call_span

    def _details(self, stream: bool, body: Mapping[str, Any]) -> dict[str, AttributeValue]:
        details: dict[str, AttributeValue] = {
            attrs.GEN_AI_OUTPUT_TYPE: (
                attrs.OUTPUT_TYPE_JSON if body.get("output_schema") else attrs.OUTPUT_TYPE_TEXT
            ),
            attrs.OPPER_FUNCTION_NAME: body["name"],
        }
        if stream:
            details[attrs.GEN_AI_REQUEST_STREAM] = True
        parent_span_id = body.get("parent_span_id")
        if parent_span_id:
            details[attrs.OPPER_PARENT_SPAN_ID] = str(parent_span_id)
        tags = body.get("tags")
        if tags:
            details.update(tag_attributes(tags))
        if self.capture_content:
            instructions, input = body.get("instructions"), body.get("input")
            if instructions:
                details[attrs.GEN_AI_SYSTEM_INSTRUCTIONS] = _json([_text_part(instructions)])
            if input is not None:
                details[attrs.GEN_AI_INPUT_MESSAGES] = _json(
                    [{"role": "user", "parts": [_text_part(input)]}]
                )
        return details
