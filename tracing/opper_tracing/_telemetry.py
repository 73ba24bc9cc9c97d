"""OpenTelemetry for calls: a CLIENT span ``chat {function}`` per call or stream, ``trace()``'s
workflow span, and the GenAI client metrics, with the keys Phoenix (OpenInference) and Langfuse
read beside the conventions' own.

One lifecycle serves every call, as ``opentelemetry-util-genai``'s invocation does: start, chunks,
result, exactly one end from every exit path; each hook swallows its own failures, so telemetry
never changes what a call returns or raises. util-genai itself does not fit: it names spans
``{operation} {model}`` with no hook for the function, pins ``opentelemetry-api~=1.43``, pulls
``wrapt`` and the instrumentation package, and its beta API changed at every release.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import os
import threading
import time
from collections.abc import Mapping
from contextvars import Token
from typing import Any

from opentelemetry import context as otel_context
from opentelemetry import metrics, propagate, trace
from opentelemetry.context import Context
from opentelemetry.metrics import MeterProvider
from opentelemetry.trace import Span, SpanKind, Status, StatusCode, TracerProvider
from opentelemetry.util.types import AttributeValue

from . import _constants as attrs
from ._context import Conversation, current_conversation, current_opper_span
from ._exceptions import APIStatusError, StreamError
from ._version import __version__

__all__ = [
    "CAPTURE_CONTENT_ENV", "CallSpan", "Telemetry", "activated", "content_attributes",
    "conversation_attributes", "error_type", "label_attributes", "request_model_name",
    "tag_attributes",
]  # fmt: skip

_logger = logging.getLogger("opper_tracing")
CAPTURE_CONTENT_ENV = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"
_CAPTURE_ON = frozenset({"true", "span_only", "span_and_event"})
_MAX_TAGS = 64
_INT64 = 2**63
_PRIMITIVES = frozenset({str, bool, int, float})
_SETTLE_CHECKS = 110  # ten loop turns, then every 10 ms: about a second in all


def _json(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, default=str, ensure_ascii=False)


def _text(value: Any) -> dict[str, str]:
    return {"type": "text", "content": _json(value)}


def _fits(value: Any) -> bool:
    """An attribute value as it is (OTLP's ints are 64 bits)."""
    return isinstance(value, str | bool | float) or (
        isinstance(value, int) and -_INT64 <= value < _INT64
    )


def request_model_name(model: Any) -> str | None:
    """``gen_ai.request.model``: a name, a Model's ``name``, a fallback list's first entry."""
    if isinstance(model, str):
        return model or None
    if isinstance(model, list | tuple):
        return request_model_name(model[0]) if model else None
    name = model.get("name") if isinstance(model, Mapping) else getattr(model, "name", None)
    return name if isinstance(name, str) and name else None


def tag_attributes(tags: Mapping[str, Any] | None) -> dict[str, AttributeValue]:
    """One attribute per tag, ``opper.tags.<key>``: primitives kept (ints past 64 bits as text),
    lists of one primitive type as arrays, mappings flattened to dotted keys (three levels),
    ``None`` left out, anything else as JSON; at most 64 keys. Never metric attributes."""
    out: dict[str, AttributeValue] = {}

    def add(key: str, value: Any, depth: int) -> None:
        if value is None or len(out) >= _MAX_TAGS:
            return
        if _fits(value):
            out[key] = value
        elif isinstance(value, Mapping) and depth < 3:
            for k, v in value.items():
                add(f"{key}.{k}", v, depth + 1)
        elif (
            isinstance(value, list | tuple)
            and len(kinds := {type(v) for v in value}) < 2
            and kinds <= _PRIMITIVES
            and all(map(_fits, value))
        ):
            out[key] = list(value)
        else:
            out[key] = str(value) if isinstance(value, int) else _json(value)

    for key, value in (tags or {}).items():
        add(f"{attrs.OPPER_TAGS_PREFIX}{key}", value, 1)
    return out


def label_attributes(
    tags: Mapping[str, Any] | None, meta: Mapping[str, Any] | None = None
) -> dict[str, AttributeValue]:
    """What labels a span: ``opper.tags.*``, the tags (over a trace's ``meta``) as one JSON
    object in ``metadata`` and ``langfuse.observation.metadata``, and as ``key:value`` strings
    in ``tag.tags``."""
    out = tag_attributes(tags)
    merged = {k: v for k, v in {**(meta or {}), **(tags or {})}.items() if v is not None}
    if merged:
        out[attrs.METADATA] = out[attrs.LANGFUSE_OBSERVATION_METADATA] = _json(merged)
    labels = [f"{k}:{_json(v)}" for k, v in (tags or {}).items() if v is not None]
    if labels:
        out[attrs.TAG_TAGS] = labels[:_MAX_TAGS]
    return out


def content_attributes(value: Any, value_key: str, mime_key: str) -> dict[str, AttributeValue]:
    """``input.value``/``output.value`` (or another pair): text as is, anything else as JSON."""
    mime = attrs.MIME_TEXT if isinstance(value, str) else attrs.MIME_JSON
    return {value_key: _json(value), mime_key: mime}


def conversation_attributes(conversation: Conversation | None) -> dict[str, AttributeValue]:
    """``gen_ai.conversation.id`` and ``session.id`` for the session, ``user.id``."""
    session, user = conversation or (None, None)
    found = {attrs.GEN_AI_CONVERSATION_ID: session, attrs.SESSION_ID: session, attrs.USER_ID: user}
    return {key: value for key, value in found.items() if value is not None}


def error_type(error: BaseException) -> str:
    """``error.type``: an API error's status, a stream ``error`` event's type, else the
    exception's qualname."""
    if isinstance(error, APIStatusError):
        return str(error.status_code)
    if isinstance(error, StreamError) and error.error_type:
        return str(error.error_type)
    return type(error).__qualname__


_USAGE = (  # each attribute, and where v2's and v3's usage objects put its count; first one wins
    (attrs.GEN_AI_USAGE_INPUT_TOKENS, "input_tokens"),
    (attrs.LLM_TOKEN_COUNT_PROMPT, "input_tokens"),
    (attrs.GEN_AI_USAGE_OUTPUT_TOKENS, "output_tokens"),
    (attrs.LLM_TOKEN_COUNT_COMPLETION, "output_tokens"),
    (attrs.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, "output_tokens_details.reasoning_tokens"),
    (attrs.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, "reasoning_tokens"),
    (attrs.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, "input_tokens_details.cached_tokens"),
    (attrs.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, "cache_read_input_tokens"),
    (attrs.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, "cache_read_tokens"),
    (attrs.GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, "input_tokens_details.cache_creation_tokens"),
    (attrs.GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, "cache_creation_input_tokens"),
    (attrs.LLM_TOKEN_COUNT_TOTAL, "total_tokens"),
)
_TOKEN_TYPES = (
    (attrs.GEN_AI_USAGE_INPUT_TOKENS, attrs.TOKEN_TYPE_INPUT),
    (attrs.GEN_AI_USAGE_OUTPUT_TOKENS, attrs.TOKEN_TYPE_OUTPUT),
)


def _usage_attributes(usage: Any) -> dict[str, int]:
    """``gen_ai.usage.*`` and ``llm.token_count.*`` from an Opper usage object, v2's or v3's."""
    found: dict[str, int] = {}
    usage = _as_mapping(usage)
    for key, path in _USAGE:
        value: Any = usage
        for part in path.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        if isinstance(value, int) and not isinstance(value, bool):
            found.setdefault(key, value)
    if attrs.LLM_TOKEN_COUNT_PROMPT in found and attrs.LLM_TOKEN_COUNT_COMPLETION in found:
        total = found[attrs.LLM_TOKEN_COUNT_PROMPT] + found[attrs.LLM_TOKEN_COUNT_COMPLETION]
        found.setdefault(attrs.LLM_TOKEN_COUNT_TOTAL, total)
    return found


def _cost_attributes(cost: Any) -> dict[str, AttributeValue]:
    """``opper.cost.<part>`` for every number in Opper's cost (v3's is one number, the total),
    and the total under the keys OpenInference and Langfuse read."""
    parts = {"total": cost} if isinstance(cost, int | float) else _as_mapping(cost)
    out: dict[str, AttributeValue] = {
        f"{attrs.OPPER_COST_PREFIX}{key}": float(value)
        for key, value in parts.items()
        if isinstance(value, int | float) and not isinstance(value, bool)
    }
    total = out.get(f"{attrs.OPPER_COST_PREFIX}total")
    if total is not None:
        out[attrs.LLM_COST_TOTAL] = total
        out[attrs.LANGFUSE_OBSERVATION_COST_DETAILS] = _json({"total": total})
    return out


def _as_mapping(value: Any) -> Mapping[str, Any]:
    """A mapping, or a generated model's ``to_dict()``; else ``{}``."""
    to_dict = getattr(value, "to_dict", None)
    value = to_dict() if callable(to_dict) and not isinstance(value, Mapping) else value
    return value if isinstance(value, Mapping) else {}


class activated:
    """``span`` current for a short stretch (a send, one chunk read): attached and detached in
    the same ``with``, so nothing stays current between reads, and a stream finished from
    another task cannot trip "Failed to detach context". A class, not a generator: every
    request enters two, and a generator's frame and manager are objects the collector walks."""

    __slots__ = ("_span", "_token")

    def __init__(self, span: Span) -> None:
        self._span = span
        self._token: Token[Context] | None = None

    def __enter__(self) -> None:
        if self._span.get_span_context().is_valid:
            try:
                self._token = otel_context.attach(trace.set_span_in_context(self._span))
            except Exception:
                _logger.debug("could not activate a span", exc_info=True)

    def __exit__(self, *_: object) -> None:
        if self._token is not None:
            try:
                otel_context.detach(self._token)
            except Exception:
                _logger.debug("could not deactivate a span", exc_info=True)


class CallSpan:
    """Telemetry for one call or stream, made by ``Telemetry.start`` (started, not current);
    ``otel_span`` is the OpenTelemetry span (non-recording without an SDK), ``wants_each_chunk``
    whether ``on_chunk`` records anything. Every method is safe in any order, any number of
    times, from any thread, and never raises; ``finish`` (or ``abandon``) ends the span once::

        span = telemetry.start(stream=True, body={"name": "summarize", "model": "gpt-4o-mini"})
        span.inject(headers)                     # W3C traceparent of this span
        with span.activate():                    # the send nests under the span
            response = send(headers)
        span.on_first_chunk(); span.on_chunk()   # time to first chunk, time per chunk
        span.on_result(usage=..., cost=..., output_text=..., output_json=None)
        span.finish(error=None, completed=True)
    """

    __slots__ = (
        "_end_ns", "_ended_at", "_finished", "_last_chunk_at", "_lock", "_metric_attrs",
        "_recording", "_started_at", "_stream", "_telemetry", "_tokens", "otel_span",
        "wants_each_chunk",
    )  # fmt: skip

    def __init__(
        self, telemetry: Telemetry, span: Span, *, stream: bool, metric_attrs: dict[str, Any]
    ) -> None:
        self._telemetry, self.otel_span, self._stream = telemetry, span, stream
        self._metric_attrs, self._recording = metric_attrs, span.is_recording()
        self.wants_each_chunk, self._finished = telemetry.chunk_metrics, False
        self._started_at, self._lock = time.monotonic(), threading.Lock()
        self._last_chunk_at: float | None = None  # None until the first chunk
        self._tokens: dict[str, int] = {}
        self._ended_at: float | None = None
        self._end_ns: int | None = None

    def inject(self, headers: dict[str, str]) -> None:
        try:
            propagate.inject(headers, context=trace.set_span_in_context(self.otel_span))
        except Exception:
            _logger.debug("could not inject trace context", exc_info=True)

    def activate(self) -> activated:
        return activated(self.otel_span)

    def _set(self, attributes: Mapping[str, AttributeValue]) -> None:
        if self._recording and not self._finished and attributes:
            try:
                self.otel_span.set_attributes(attributes)
            except Exception:
                _logger.debug("could not record span attributes", exc_info=True)

    def on_opper_span_id(self, span_id: str) -> None:
        self._set({attrs.OPPER_SPAN_ID: span_id, attrs.GEN_AI_RESPONSE_ID: span_id})

    def on_opper_trace_id(self, trace_id: str) -> None:
        self._set({attrs.OPPER_TRACE_ID: trace_id})

    def on_request_id(self, request_id: str | None) -> None:
        if request_id:
            self._set({attrs.OPPER_REQUEST_ID: request_id})

    def on_first_chunk(self) -> None:
        if self._last_chunk_at is None:
            self.on_chunk()

    def on_chunk(self) -> None:
        """A chunk reached the user: the first one's time, later ones' with ``chunk_metrics``."""
        if self._finished:
            return
        try:
            now, last, telemetry = time.monotonic(), self._last_chunk_at, self._telemetry
            if last is None:
                self._last_chunk_at, elapsed = now, now - self._started_at
                self._set({attrs.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK: elapsed})
                telemetry._time_to_first_chunk.record(elapsed, self._metric_attrs)
            elif telemetry.chunk_metrics:
                self._last_chunk_at = now
                telemetry._time_per_output_chunk.record(now - last, self._metric_attrs)
        except Exception:
            _logger.debug("could not record a chunk's time", exc_info=True)

    def stop_clock(self) -> None:
        """The call is over: the end time and duration are taken now, even if ``finish`` comes
        later (after a stream's usage was fetched)."""
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
        tool_calls: list[Mapping[str, Any]] | None = None,
    ) -> None:
        """The result is known: Opper's usage and cost (objects or mappings) as
        ``gen_ai.usage.*`` (and ``gen_ai.client.token.usage`` at the end) and ``opper.cost.*``;
        with content capture on, the output (``output_json`` unless ``None``) and tool calls."""
        if self._finished:
            return
        try:
            tokens = _usage_attributes(usage)
            self._tokens = tokens or self._tokens
            if not self._recording:
                return
            result: dict[str, AttributeValue] = {**tokens}
            if cost is not None:
                result.update(_cost_attributes(cost))
            content = output_json if output_json is not None else output_text
            if self._telemetry.capture_content and (content is not None or tool_calls):
                parts = [_text(content)] if content is not None else []
                parts += [{"type": "tool_call", **call} for call in tool_calls or ()]
                message = {"role": "assistant", "parts": parts, "finish_reason": "stop"}
                result[attrs.GEN_AI_OUTPUT_MESSAGES] = _json([message])
                if content is not None:
                    output = content_attributes(content, attrs.OUTPUT_VALUE, attrs.OUTPUT_MIME_TYPE)
                    result.update(output)
            self._set(result)
        except Exception:
            _logger.debug("could not record the call's result", exc_info=True)

    def finish(self, error: BaseException | None = None, *, completed: bool = True) -> None:
        """End the span once: ``error`` sets ERROR; ``completed=False`` marks an early close.

        ``error.type`` names what the caller sees. A ``CancelledError`` may yet become a
        ``TimeoutError`` (``asyncio.timeout`` absorbs it after the cleanup in between), so the
        span ends once the task shows which: ``TimeoutError`` when its cancellation was
        absorbed, else ``CancelledError`` (also when it is still cancelling a second later).
        """
        if error is None:
            self._end(completed, None, None)
            return
        if isinstance(error, asyncio.CancelledError):
            try:
                if task := asyncio.current_task():
                    task.get_loop().call_soon(self._settle, task, error, 0)
                    task.add_done_callback(lambda done: self._settle(done, error, _SETTLE_CHECKS))
                    return
            except Exception:
                pass
        self._end(False, error_type(error), error)

    def _settle(
        self, task: asyncio.Task[Any], cancelled: asyncio.CancelledError, checks: int
    ) -> None:
        error: BaseException = cancelled
        try:
            done = task.done()
            if not done and task.cancelling() and checks < _SETTLE_CHECKS:
                loop = task.get_loop()
                again = functools.partial(self._settle, task, cancelled, checks + 1)
                loop.call_soon(again) if checks < 10 else loop.call_later(0.01, again)
                return
            if not task.cancelled() and (done or not task.cancelling()):
                error = TimeoutError("cancelled by a timeout")
                error.__cause__ = cancelled
        except Exception:
            pass
        self._end(False, error_type(error), error)

    def abandon(self) -> None:
        """The stream was garbage-collected unclosed: ERROR, "abandoned stream". Safe from a
        ``weakref.finalize`` callback in any thread, and at interpreter exit."""
        self._end(False, attrs.ERROR_TYPE_OTHER, None, "abandoned stream")

    def _end(
        self, completed: bool, kind: str | None, error: BaseException | None, why: str | None = None
    ) -> None:
        try:
            with self._lock:
                if self._finished:
                    return
                self._finished = True
            ended_at = self._ended_at if self._ended_at is not None else time.monotonic()
            span, telemetry, base = self.otel_span, self._telemetry, self._metric_attrs
            if self._recording:
                if self._stream:
                    span.set_attribute(attrs.OPPER_STREAM_COMPLETED, completed)
                if kind is not None:
                    span.set_attribute(attrs.ERROR_TYPE, kind)
                    if error is not None:
                        span.record_exception(error)
                        why = str(error) or type(error).__qualname__
                    span.set_status(Status(StatusCode.ERROR, why))
            failed = base if kind is None else {**base, attrs.ERROR_TYPE: kind}
            telemetry._duration.record(ended_at - self._started_at, failed)
            for key, token_type in _TOKEN_TYPES:
                if key in self._tokens:
                    token_attrs = {**base, attrs.GEN_AI_TOKEN_TYPE: token_type}
                    telemetry._token_usage.record(self._tokens[key], token_attrs)
            span.end(end_time=self._end_ns)
        except Exception:
            _logger.debug("could not end the call span", exc_info=True)


class Telemetry:
    """A client's tracer and meter (the given providers, else the global ones), and its
    ``capture_content`` (``None``: as ``OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`` says,
    ``true``, ``SPAN_ONLY`` or ``SPAN_AND_EVENT``) and ``chunk_metrics``; never the API key."""

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
        if capture_content is None:
            capture_content = os.environ.get(CAPTURE_CONTENT_ENV, "").strip().lower() in _CAPTURE_ON
        self.capture_content = capture_content
        self.chunk_metrics = chunk_metrics
        scope = ("opper_tracing", __version__)
        self.tracer = trace.get_tracer(*scope, tracer_provider, schema_url=attrs.SCHEMA_URL)
        meter = metrics.get_meter(*scope, meter_provider, schema_url=attrs.SCHEMA_URL)
        seconds = functools.partial(
            meter.create_histogram,
            unit="s",
            explicit_bucket_boundaries_advisory=attrs.DURATION_BUCKETS,
        )
        self._duration = seconds(attrs.GEN_AI_CLIENT_OPERATION_DURATION)
        self._time_to_first_chunk = seconds(attrs.GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK)
        self._time_per_output_chunk = seconds(attrs.GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK)
        self._token_usage = meter.create_histogram(
            attrs.GEN_AI_CLIENT_TOKEN_USAGE,
            "{token}",
            explicit_bucket_boundaries_advisory=attrs.TOKEN_BUCKETS,
        )
        self._base_attrs: dict[str, AttributeValue] = {
            attrs.GEN_AI_OPERATION_NAME: attrs.OPERATION_CHAT,
            attrs.GEN_AI_PROVIDER_NAME: attrs.PROVIDER_OPPER,
            attrs.SERVER_ADDRESS: server_address,
            **({} if server_port is None else {attrs.SERVER_PORT: server_port}),
        }

    def start(self, *, stream: bool, body: Mapping[str, Any]) -> CallSpan:
        """Start the span of one call, not current; the caller must ``finish()`` it. ``body``
        is the JSON body as sent, so the span records what the server got."""
        try:
            model_name = request_model_name(body.get("model"))
            metric_attrs = self._base_attrs
            if model_name is not None:
                metric_attrs = {**metric_attrs, attrs.GEN_AI_REQUEST_MODEL: model_name}
            function = body.get("name")
            name = f"{attrs.OPERATION_CHAT} {function}" if function else attrs.OPERATION_CHAT
            span = self.tracer.start_span(name, kind=SpanKind.CLIENT, attributes=metric_attrs)
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
        self, stream: bool, body: Mapping[str, Any], model_name: str | None
    ) -> dict[str, AttributeValue]:
        json_out = bool(body.get("output_schema"))
        details: dict[str, AttributeValue] = {
            attrs.GEN_AI_OUTPUT_TYPE: attrs.OUTPUT_TYPE_JSON
            if json_out
            else attrs.OUTPUT_TYPE_TEXT,
            attrs.OPPER_FUNCTION_NAME: str(body.get("name")),
            attrs.OPENINFERENCE_SPAN_KIND: attrs.SPAN_KIND_LLM,
            **conversation_attributes(current_conversation()),
            **label_attributes(body.get("tags")),
        }
        if model_name is not None:
            details[attrs.LLM_MODEL_NAME] = model_name
        if stream:
            details[attrs.GEN_AI_REQUEST_STREAM] = True
        parent_span_id = body.get("parent_span_id")
        if parent_span_id:
            details[attrs.OPPER_PARENT_SPAN_ID] = parent_span_id = str(parent_span_id)
            enclosing = current_opper_span()
            if enclosing is not None and enclosing.span_id == parent_span_id and enclosing.trace_id:
                details[attrs.OPPER_TRACE_ID] = enclosing.trace_id
        instructions, input = body.get("instructions"), body.get("input")
        if self.capture_content and instructions:
            details[attrs.GEN_AI_SYSTEM_INSTRUCTIONS] = _json([_text(instructions)])
        if self.capture_content and input is not None:
            message = {"role": "user", "parts": [_text(input)]}
            details[attrs.GEN_AI_INPUT_MESSAGES] = _json([message])
            details.update(content_attributes(input, attrs.INPUT_VALUE, attrs.INPUT_MIME_TYPE))
        return details

    def start_workflow(self, name: str, attributes: Mapping[str, AttributeValue]) -> Span:
        """``trace()``'s ``invoke_workflow {name}`` span (INTERNAL), started, not current."""
        operation = {attrs.GEN_AI_OPERATION_NAME: attrs.OPERATION_INVOKE_WORKFLOW}
        try:
            return self.tracer.start_span(
                f"{attrs.OPERATION_INVOKE_WORKFLOW} {name}",
                kind=SpanKind.INTERNAL,
                attributes={**operation, attrs.GEN_AI_WORKFLOW_NAME: name, **attributes},
            )
        except Exception:
            _logger.debug("could not start the trace's span", exc_info=True)
            return trace.INVALID_SPAN
