"""Call spans and metrics: attributes, every stream exit path, propagation, content capture, and
telemetry that never changes what a call returns or raises."""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import threading
import weakref
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from opentelemetry import trace
from opentelemetry.metrics import NoOpMeterProvider
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.trace import ReadableSpan, SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor, SpanExporter, SpanExportResult
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode, TraceState

from _fakes import Driver, live_client
from opper_tracing import AsyncOpper, Opper, RetryPolicy, StreamError
from opper_tracing import _constants as attrs
from opper_tracing._context import reset, set_conversation
from opper_tracing._exceptions import APIStatusError, InternalServerError, RateLimitError
from opper_tracing._telemetry import (
    CAPTURE_CONTENT_ENV,
    CallSpan,
    Telemetry,
    error_type,
    label_attributes,
    request_model_name,
    tag_attributes,
)

API_KEY = "sk-telemetry-test-KEY-7f3a9c"
SPAN_ID = "4f6c2a52-8d0e-4c0b-9a51-0d7f43f0b111"
ALLOWED_METRIC_KEYS = {
    attrs.GEN_AI_OPERATION_NAME,
    attrs.GEN_AI_PROVIDER_NAME,
    attrs.GEN_AI_REQUEST_MODEL,
    attrs.SERVER_ADDRESS,
    attrs.SERVER_PORT,
    attrs.ERROR_TYPE,
    attrs.GEN_AI_TOKEN_TYPE,
}


@pytest.fixture
def telemetry(tracer_provider: TracerProvider, meter_provider: MeterProvider) -> Telemetry:
    return Telemetry(
        tracer_provider=tracer_provider,
        meter_provider=meter_provider,
        chunk_metrics=True,
        server_address="api.opper.test",
        server_port=443,
    )


def start(telemetry: Telemetry, **overrides: Any) -> CallSpan:
    arguments: dict[str, Any] = {
        "stream": False,
        "name": "summarize",
        "model": "openai/gpt-4o-mini",
        "parent_span_id": None,
        "tags": None,
        "has_output_schema": False,
        "instructions": "Be brief.",
        "input": {"text": "hello"},
    }
    arguments.update(overrides)
    stream = arguments.pop("stream")
    if arguments.pop("has_output_schema"):
        arguments["output_schema"] = {"type": "object"}
    body = {key: value for key, value in arguments.items() if value is not None}
    return telemetry.start(stream=stream, body=body)


def only_span(exporter: InMemorySpanExporter) -> ReadableSpan:
    (span,) = exporter.get_finished_spans()
    return span


# -- one call: attributes -------------------------------------------------------------------


def test_a_call_is_one_client_span_with_the_genai_attributes(
    telemetry: Telemetry, span_exporter: InMemorySpanExporter
) -> None:
    span = start(telemetry, parent_span_id="parent-1", tags={"team": "search", "tier": 2})
    span.on_opper_span_id(SPAN_ID)
    span.on_result(
        usage={
            "input_tokens": 12,
            "output_tokens": 5,
            "total_tokens": 17,
            "output_tokens_details": {"reasoning_tokens": 3},
            "input_tokens_details": {"cached_tokens": 4},
        },
        output_text="hi",
        output_json=None,
    )
    span.finish()

    finished = only_span(span_exporter)
    assert finished.name == "chat summarize"
    assert finished.kind is SpanKind.CLIENT
    assert finished.status.status_code is StatusCode.UNSET
    assert dict(finished.attributes or {}) == {
        attrs.GEN_AI_OPERATION_NAME: "chat",
        attrs.GEN_AI_PROVIDER_NAME: "opper",
        attrs.GEN_AI_REQUEST_MODEL: "openai/gpt-4o-mini",
        attrs.GEN_AI_OUTPUT_TYPE: "text",
        attrs.SERVER_ADDRESS: "api.opper.test",
        attrs.SERVER_PORT: 443,
        attrs.OPPER_FUNCTION_NAME: "summarize",
        attrs.OPPER_PARENT_SPAN_ID: "parent-1",
        attrs.OPPER_SPAN_ID: SPAN_ID,
        attrs.GEN_AI_RESPONSE_ID: SPAN_ID,
        "opper.tags.team": "search",
        "opper.tags.tier": 2,
        attrs.GEN_AI_USAGE_INPUT_TOKENS: 12,
        attrs.GEN_AI_USAGE_OUTPUT_TOKENS: 5,
        attrs.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS: 3,
        attrs.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS: 4,
        # What Phoenix/OpenInference and Langfuse read, beside the conventions' names:
        attrs.OPENINFERENCE_SPAN_KIND: "LLM",
        attrs.LLM_MODEL_NAME: "openai/gpt-4o-mini",
        attrs.LLM_TOKEN_COUNT_PROMPT: 12,
        attrs.LLM_TOKEN_COUNT_COMPLETION: 5,
        attrs.LLM_TOKEN_COUNT_TOTAL: 17,
        attrs.METADATA: '{"team": "search", "tier": 2}',
        attrs.LANGFUSE_OBSERVATION_METADATA: '{"team": "search", "tier": 2}',
        attrs.TAG_TAGS: ("team:search", "tier:2"),
    }


def test_a_call_span_is_a_child_of_the_current_span(
    telemetry: Telemetry, tracer_provider: TracerProvider, span_exporter: InMemorySpanExporter
) -> None:
    with tracer_provider.get_tracer("test").start_as_current_span("handler") as parent:
        start(telemetry).finish()
    call, _ = span_exporter.get_finished_spans()
    assert call.parent is not None
    assert call.parent.span_id == parent.get_span_context().span_id
    assert call.context is not None
    assert call.context.trace_id == parent.get_span_context().trace_id


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        pytest.param("anthropic/claude-sonnet", "anthropic/claude-sonnet", id="string"),
        pytest.param(SimpleNamespace(name="openai/gpt-4o", options={}), "openai/gpt-4o", id="obj"),
        pytest.param({"name": "mistral/large", "options": None}, "mistral/large", id="mapping"),
        pytest.param(["openai/gpt-4o", "anthropic/claude"], "openai/gpt-4o", id="fallbacks"),
        pytest.param([{"name": "openai/o3"}, "x/y"], "openai/o3", id="fallback-of-models"),
        pytest.param(None, None, id="server-default"),
        pytest.param([], None, id="empty-list"),
        pytest.param("", None, id="empty-string"),
    ],
)
def test_request_model_and_span_name(
    telemetry: Telemetry, span_exporter: InMemorySpanExporter, model: Any, expected: str | None
) -> None:
    assert request_model_name(model) == expected
    start(telemetry, model=model).finish()
    finished = only_span(span_exporter)
    assert finished.name == "chat summarize"  # the function tells calls apart, not the model
    assert (finished.attributes or {}).get(attrs.GEN_AI_REQUEST_MODEL) == expected
    assert (finished.attributes or {}).get(attrs.LLM_MODEL_NAME) == expected


def test_output_type_is_json_with_an_output_schema(
    telemetry: Telemetry, span_exporter: InMemorySpanExporter
) -> None:
    start(telemetry, has_output_schema=True).finish()
    assert (only_span(span_exporter).attributes or {})[attrs.GEN_AI_OUTPUT_TYPE] == "json"


def test_a_call_span_has_neither_stream_attribute(
    telemetry: Telemetry, span_exporter: InMemorySpanExporter
) -> None:
    start(telemetry).finish()
    attributes = only_span(span_exporter).attributes or {}
    assert attrs.GEN_AI_REQUEST_STREAM not in attributes
    assert attrs.OPPER_STREAM_COMPLETED not in attributes
    assert attrs.OPPER_PARENT_SPAN_ID not in attributes


def test_server_port_is_left_out_when_unknown(
    tracer_provider: TracerProvider, span_exporter: InMemorySpanExporter
) -> None:
    telemetry = Telemetry(tracer_provider=tracer_provider, server_address="h", server_port=None)
    start(telemetry).finish()
    assert attrs.SERVER_PORT not in (only_span(span_exporter).attributes or {})


def test_usage_objects_and_odd_values(
    telemetry: Telemetry, span_exporter: InMemorySpanExporter
) -> None:
    usage = SimpleNamespace(to_dict=lambda: {"input_tokens": 7, "output_tokens": True})
    span = start(telemetry)
    span.on_result(usage=usage, output_text=None, output_json=None)  # type: ignore[arg-type]
    span.finish()
    attributes = only_span(span_exporter).attributes or {}
    assert attributes[attrs.GEN_AI_USAGE_INPUT_TOKENS] == 7
    assert attrs.GEN_AI_USAGE_OUTPUT_TOKENS not in attributes  # a bool is not a count


# -- tags -----------------------------------------------------------------------------------


def test_tags_become_flat_primitive_attributes() -> None:
    tags = {
        "s": "x",
        "b": True,
        "i": 3,
        "f": 1.5,
        "big": 2**70,
        "none": None,
        "strs": ["a", "b"],
        "ints": (1, 2),
        "mixed": [1, "a"],
        "dicts": [{"a": 1}],
        "nested": {"a": {"b": {"c": 1, "d": {"e": 2}}}, "z": "top"},
        "other": {1, 2} - {1, 2},
    }
    assert tag_attributes(tags) == {
        "opper.tags.s": "x",
        "opper.tags.b": True,
        "opper.tags.i": 3,
        "opper.tags.f": 1.5,
        "opper.tags.big": str(2**70),
        "opper.tags.strs": ["a", "b"],
        "opper.tags.ints": [1, 2],
        "opper.tags.mixed": '[1, "a"]',
        "opper.tags.dicts": '[{"a": 1}]',
        "opper.tags.nested.a.b": '{"c": 1, "d": {"e": 2}}',
        "opper.tags.nested.z": "top",
        "opper.tags.other": '"set()"',
    }


def test_tags_are_capped() -> None:
    assert len(tag_attributes({f"k{i}": i for i in range(200)})) == 64


def test_tags_and_opper_ids_never_reach_metric_attributes(
    telemetry: Telemetry, metric_points: Callable[[], dict[str, list[Any]]]
) -> None:
    span = start(telemetry, stream=True, tags={"user": "u-123"}, parent_span_id="p")
    span.on_opper_span_id(SPAN_ID)
    span.on_first_chunk()
    span.on_chunk()
    span.on_result(usage={"input_tokens": 1, "output_tokens": 2}, output_text="", output_json=None)
    span.finish(RuntimeError("boom"))
    points = metric_points()
    assert set(points) == {
        attrs.GEN_AI_CLIENT_OPERATION_DURATION,
        attrs.GEN_AI_CLIENT_TOKEN_USAGE,
        attrs.GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
        attrs.GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK,
    }
    for name, data_points in points.items():
        for point in data_points:
            assert set(point.attributes) <= ALLOWED_METRIC_KEYS, name


# -- metrics --------------------------------------------------------------------------------


def test_call_metrics(
    telemetry: Telemetry, metric_points: Callable[[], dict[str, list[Any]]]
) -> None:
    span = start(telemetry)
    span.on_result(usage={"input_tokens": 10, "output_tokens": 4}, output_text="", output_json=0)
    span.finish()
    points = metric_points()
    (duration,) = points[attrs.GEN_AI_CLIENT_OPERATION_DURATION]
    assert duration.count == 1
    assert tuple(duration.explicit_bounds) == attrs.DURATION_BUCKETS
    assert dict(duration.attributes) == {
        attrs.GEN_AI_OPERATION_NAME: "chat",
        attrs.GEN_AI_PROVIDER_NAME: "opper",
        attrs.GEN_AI_REQUEST_MODEL: "openai/gpt-4o-mini",
        attrs.SERVER_ADDRESS: "api.opper.test",
        attrs.SERVER_PORT: 443,
    }
    tokens = {
        p.attributes[attrs.GEN_AI_TOKEN_TYPE]: p for p in points[attrs.GEN_AI_CLIENT_TOKEN_USAGE]
    }
    assert {k: (p.count, p.sum) for k, p in tokens.items()} == {"input": (1, 10), "output": (1, 4)}
    assert tuple(tokens["input"].explicit_bounds) == attrs.TOKEN_BUCKETS
    assert attrs.GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK not in points


def test_no_usage_means_no_token_metric(
    telemetry: Telemetry, metric_points: Callable[[], dict[str, list[Any]]]
) -> None:
    span = start(telemetry)
    span.on_result(usage=None, output_text="x", output_json=None)
    span.finish()
    assert attrs.GEN_AI_CLIENT_TOKEN_USAGE not in metric_points()


def test_failed_call_duration_carries_error_type(
    telemetry: Telemetry, metric_points: Callable[[], dict[str, list[Any]]]
) -> None:
    start(telemetry).finish(TimeoutError("slow"))
    (duration,) = metric_points()[attrs.GEN_AI_CLIENT_OPERATION_DURATION]
    assert duration.attributes[attrs.ERROR_TYPE] == "TimeoutError"


def test_stream_chunk_metrics(
    telemetry: Telemetry,
    span_exporter: InMemorySpanExporter,
    metric_points: Callable[[], dict[str, list[Any]]],
) -> None:
    span = start(telemetry, stream=True)
    span.on_first_chunk()
    span.on_first_chunk()  # idempotent
    for _ in range(3):
        span.on_chunk()
    span.finish()
    points = metric_points()
    (ttfc,) = points[attrs.GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK]
    (per_chunk,) = points[attrs.GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK]
    assert (ttfc.count, per_chunk.count) == (1, 3)
    assert tuple(ttfc.explicit_bounds) == attrs.DURATION_BUCKETS
    attributes = only_span(span_exporter).attributes or {}
    assert attributes[attrs.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK] == pytest.approx(ttfc.sum)
    assert attributes[attrs.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK] >= 0


def test_per_chunk_timing_is_off_by_default(
    tracer_provider: TracerProvider,
    meter_provider: MeterProvider,
    metric_points: Callable[[], dict[str, list[Any]]],
) -> None:
    quiet = Telemetry(
        tracer_provider=tracer_provider,
        meter_provider=meter_provider,
        server_address="h",
        server_port=1,
    )
    span = start(quiet, stream=True)
    span.on_first_chunk()
    span.on_chunk()
    span.finish()
    points = metric_points()
    assert attrs.GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK not in points
    assert points[attrs.GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK][0].count == 1


def test_a_chunk_before_the_first_counts_as_the_first(
    telemetry: Telemetry, metric_points: Callable[[], dict[str, list[Any]]]
) -> None:
    span = start(telemetry, stream=True)
    span.on_chunk()
    span.finish()
    points = metric_points()
    assert points[attrs.GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK][0].count == 1
    assert attrs.GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK not in points


# -- stream exit paths on CallSpan -----------------------------------------------------------


def drive(span: CallSpan, items: Sequence[Any]) -> Iterator[Any]:
    """Read items the way the client's Stream does: each read inside ``activate()``, and one
    ``finish`` on every way out."""
    source = iter(items)
    first = True
    try:
        while True:
            with span.activate():
                item = next(source, StopIteration)
            if item is StopIteration:
                break
            if isinstance(item, BaseException):
                raise item
            span.on_first_chunk() if first else span.on_chunk()
            first = False
            yield item
    except GeneratorExit:
        span.finish(completed=False)
        raise
    except BaseException as exc:
        span.finish(exc)
        raise
    span.on_result(usage=None, output_text="".join(items), output_json=None)
    span.finish(completed=True)


async def adrive(span: CallSpan, items: Sequence[Any]) -> AsyncIterator[Any]:
    """The async twin of ``drive``; each read awaits inside ``activate()``."""
    first = True
    try:
        for item in items:
            with span.activate():
                await asyncio.sleep(0)
            if isinstance(item, BaseException):
                raise item
            span.on_first_chunk() if first else span.on_chunk()
            first = False
            yield item
    except GeneratorExit:
        span.finish(completed=False)
        raise
    except BaseException as exc:
        span.finish(exc)
        raise
    span.finish(completed=True)


@pytest.fixture
def otel_debug_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG, logger="opentelemetry")
    return caplog


def assert_clean(caplog: pytest.LogCaptureFixture) -> None:
    assert trace.get_current_span() is trace.INVALID_SPAN
    assert "Failed to detach context" not in caplog.text


def test_stream_drained(
    telemetry: Telemetry, span_exporter: InMemorySpanExporter, otel_debug_log: Any
) -> None:
    span = start(telemetry, stream=True)
    assert list(drive(span, ["a", "b", "c"])) == ["a", "b", "c"]
    finished = only_span(span_exporter)
    assert finished.status.status_code is StatusCode.UNSET
    attributes = finished.attributes or {}
    assert attributes[attrs.GEN_AI_REQUEST_STREAM] is True
    assert attributes[attrs.OPPER_STREAM_COMPLETED] is True
    assert attributes[attrs.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK] >= 0
    assert_clean(otel_debug_log)


def test_stream_break_closes_early(
    telemetry: Telemetry, span_exporter: InMemorySpanExporter, otel_debug_log: Any
) -> None:
    span = start(telemetry, stream=True)
    chunks = drive(span, ["a", "b", "c"])
    for chunk in chunks:
        if chunk == "b":
            break
    chunks.close()
    finished = only_span(span_exporter)
    assert finished.status.status_code is StatusCode.UNSET
    assert (finished.attributes or {})[attrs.OPPER_STREAM_COMPLETED] is False
    assert attrs.ERROR_TYPE not in (finished.attributes or {})
    assert_clean(otel_debug_log)


def test_stream_closed_before_reading(
    telemetry: Telemetry, span_exporter: InMemorySpanExporter
) -> None:
    span = start(telemetry, stream=True)
    span.finish(completed=False)
    finished = only_span(span_exporter)
    assert (finished.attributes or {})[attrs.OPPER_STREAM_COMPLETED] is False
    assert attrs.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK not in (finished.attributes or {})


@pytest.mark.parametrize(
    ("error", "expected_type"),
    [
        pytest.param(ConnectionResetError("reset"), "ConnectionResetError", id="exception"),
        pytest.param(
            StreamError("model failed", error_type="ModelOverloaded"),
            "ModelOverloaded",
            id="error-chunk",
        ),
        pytest.param(StreamError("cut", error_type=None), "StreamError", id="no-server-type"),
        pytest.param(
            InternalServerError("502 from /call/stream", status_code=502, body=None),
            "502",
            id="status",
        ),
    ],
)
def test_stream_failure(
    telemetry: Telemetry,
    span_exporter: InMemorySpanExporter,
    otel_debug_log: Any,
    error: Exception,
    expected_type: str,
) -> None:
    span = start(telemetry, stream=True)
    chunks = drive(span, ["a", error, "never"])
    assert next(chunks) == "a"
    with pytest.raises(type(error)) as raised:
        next(chunks)
    assert raised.value is error
    finished = only_span(span_exporter)
    assert finished.status.status_code is StatusCode.ERROR
    assert finished.status.description == str(error)
    attributes = finished.attributes or {}
    assert attributes[attrs.ERROR_TYPE] == expected_type
    assert attributes[attrs.OPPER_STREAM_COMPLETED] is False
    (event,) = finished.events
    assert event.name == "exception"
    assert (event.attributes or {})["exception.type"].endswith(type(error).__name__)
    assert_clean(otel_debug_log)


def test_stream_abandoned_by_gc(
    telemetry: Telemetry, span_exporter: InMemorySpanExporter, otel_debug_log: Any
) -> None:
    span = start(telemetry, stream=True)

    class Holder:
        pass

    holder = Holder()
    weakref.finalize(holder, span.abandon)
    span.on_first_chunk()
    del holder
    gc.collect()
    finished = only_span(span_exporter)
    assert finished.status.status_code is StatusCode.ERROR
    assert finished.status.description == "abandoned stream"
    attributes = finished.attributes or {}
    assert attributes[attrs.ERROR_TYPE] == "_OTHER"
    assert attributes[attrs.OPPER_STREAM_COMPLETED] is False
    assert_clean(otel_debug_log)


def test_abandon_after_finish_and_finish_twice_do_nothing(
    telemetry: Telemetry, span_exporter: InMemorySpanExporter
) -> None:
    span = start(telemetry, stream=True)
    span.finish()
    span.finish(RuntimeError("late"))
    span.abandon()
    span.on_opper_span_id("late")
    span.on_first_chunk()
    span.on_chunk()
    span.on_result(usage={"input_tokens": 1}, output_text="x", output_json=None)
    finished = only_span(span_exporter)
    assert finished.status.status_code is StatusCode.UNSET
    assert attrs.OPPER_SPAN_ID not in (finished.attributes or {})


def test_abandon_from_another_thread_ends_once(
    telemetry: Telemetry, span_exporter: InMemorySpanExporter
) -> None:
    span = start(telemetry, stream=True)
    threads = [threading.Thread(target=span.abandon) for _ in range(8)]
    for thread in threads:
        thread.start()
    span.finish(completed=False)
    for thread in threads:
        thread.join()
    assert len(span_exporter.get_finished_spans()) == 1


async def test_async_stream_closed_from_another_task(
    telemetry: Telemetry, span_exporter: InMemorySpanExporter, otel_debug_log: Any
) -> None:
    span = start(telemetry, stream=True)
    chunks = adrive(span, ["a", "b", "c"])
    assert await chunks.__anext__() == "a"
    await asyncio.get_running_loop().create_task(chunks.aclose())  # type: ignore[attr-defined]
    finished = only_span(span_exporter)
    assert finished.status.status_code is StatusCode.UNSET
    assert (finished.attributes or {})[attrs.OPPER_STREAM_COMPLETED] is False
    assert_clean(otel_debug_log)


async def test_async_stream_drained_and_failed(
    telemetry: Telemetry, span_exporter: InMemorySpanExporter, otel_debug_log: Any
) -> None:
    assert [c async for c in adrive(start(telemetry, stream=True), ["a", "b"])] == ["a", "b"]
    with pytest.raises(OSError, match="gone"):
        async for _ in adrive(start(telemetry, stream=True), ["a", OSError("gone")]):
            pass
    drained, failed = span_exporter.get_finished_spans()
    assert drained.status.status_code is StatusCode.UNSET
    assert failed.status.status_code is StatusCode.ERROR
    assert (failed.attributes or {})[attrs.ERROR_TYPE] == "OSError"
    assert_clean(otel_debug_log)


def test_activate_makes_the_span_current_only_inside(
    telemetry: Telemetry, tracer_provider: TracerProvider, span_exporter: InMemorySpanExporter
) -> None:
    span = start(telemetry)
    assert trace.get_current_span() is trace.INVALID_SPAN
    with span.activate():
        assert trace.get_current_span() is span.otel_span
        # What an httpx instrumentation does inside the send: a child of the current span.
        tracer_provider.get_tracer("httpx").start_span("POST", kind=SpanKind.CLIENT).end()
    assert trace.get_current_span() is trace.INVALID_SPAN
    span.finish()
    http_span, call_span = span_exporter.get_finished_spans()
    assert http_span.parent is not None
    assert call_span.context is not None
    assert http_span.parent.span_id == call_span.context.span_id


def test_activate_leaves_the_exception_alone(telemetry: Telemetry) -> None:
    span = start(telemetry)
    error = ValueError("user code")
    with pytest.raises(ValueError, match="user code") as raised, span.activate():
        raise error
    assert raised.value is error
    assert trace.get_current_span() is trace.INVALID_SPAN


# -- propagation ----------------------------------------------------------------------------


def test_inject_writes_this_spans_traceparent(telemetry: Telemetry) -> None:
    span = start(telemetry)
    headers: dict[str, str] = {}
    span.inject(headers)
    context = span.otel_span.get_span_context()
    assert headers["traceparent"] == (
        f"00-{context.trace_id:032x}-{context.span_id:016x}-{int(context.trace_flags):02x}"
    )
    span.finish()


def test_inject_carries_the_parents_tracestate(telemetry: Telemetry) -> None:
    parent = trace.NonRecordingSpan(
        trace.SpanContext(
            trace_id=0x1234,
            span_id=0x5678,
            is_remote=True,
            trace_flags=trace.TraceFlags(1),
            trace_state=TraceState([("vendor", "v1")]),
        )
    )
    with trace.use_span(parent):
        span = start(telemetry)
    headers: dict[str, str] = {}
    span.inject(headers)
    assert headers["traceparent"].startswith(f"00-{0x1234:032x}-")
    assert headers["tracestate"] == "vendor=v1"
    span.finish()


# -- content capture ------------------------------------------------------------------------

CONTENT_KEYS = {attrs.GEN_AI_SYSTEM_INSTRUCTIONS, attrs.GEN_AI_INPUT_MESSAGES}


def content_of(
    tracer_provider: TracerProvider, exporter: InMemorySpanExporter, capture: bool | None
) -> dict[str, Any]:
    telemetry = Telemetry(
        tracer_provider=tracer_provider,
        capture_content=capture,
        server_address="h",
        server_port=1,
    )
    span = start(telemetry)
    span.on_result(usage=None, output_text="the answer", output_json=None)
    span.finish()
    attributes = exporter.get_finished_spans()[-1].attributes or {}
    keys = {*CONTENT_KEYS, attrs.GEN_AI_OUTPUT_MESSAGES}
    return {k: json.loads(str(v)) for k, v in attributes.items() if k in keys}


@pytest.mark.parametrize("value", [None, "", "false", "NO_CONTENT", "EVENT_ONLY", "nonsense"])
def test_content_is_off_unless_opted_in(
    tracer_provider: TracerProvider,
    span_exporter: InMemorySpanExporter,
    monkeypatch: pytest.MonkeyPatch,
    value: str | None,
) -> None:
    if value is None:
        monkeypatch.delenv(CAPTURE_CONTENT_ENV, raising=False)
    else:
        monkeypatch.setenv(CAPTURE_CONTENT_ENV, value)
    assert content_of(tracer_provider, span_exporter, None) == {}


@pytest.mark.parametrize("value", ["true", "True", "SPAN_ONLY", "span_and_event"])
def test_content_env_opt_in(
    tracer_provider: TracerProvider,
    span_exporter: InMemorySpanExporter,
    monkeypatch: pytest.MonkeyPatch,
    value: str,
) -> None:
    monkeypatch.setenv(CAPTURE_CONTENT_ENV, value)
    assert content_of(tracer_provider, span_exporter, None) == {
        attrs.GEN_AI_SYSTEM_INSTRUCTIONS: [{"type": "text", "content": "Be brief."}],
        attrs.GEN_AI_INPUT_MESSAGES: [
            {"role": "user", "parts": [{"type": "text", "content": '{"text": "hello"}'}]}
        ],
        attrs.GEN_AI_OUTPUT_MESSAGES: [
            {
                "role": "assistant",
                "parts": [{"type": "text", "content": "the answer"}],
                "finish_reason": "stop",
            }
        ],
    }


def test_the_client_option_wins_over_the_env(
    tracer_provider: TracerProvider,
    span_exporter: InMemorySpanExporter,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(CAPTURE_CONTENT_ENV, "true")
    assert content_of(tracer_provider, span_exporter, False) == {}
    monkeypatch.setenv(CAPTURE_CONTENT_ENV, "false")
    assert set(content_of(tracer_provider, span_exporter, True)) == {
        *CONTENT_KEYS,
        attrs.GEN_AI_OUTPUT_MESSAGES,
    }


def test_json_output_is_captured_as_json_text(
    tracer_provider: TracerProvider, span_exporter: InMemorySpanExporter
) -> None:
    telemetry = Telemetry(
        tracer_provider=tracer_provider, capture_content=True, server_address="h", server_port=1
    )
    span = start(telemetry, input="plain text", instructions=None)
    span.on_result(usage=None, output_text=None, output_json={"sum": 4})
    span.finish()
    attributes = only_span(span_exporter).attributes or {}
    assert attrs.GEN_AI_SYSTEM_INSTRUCTIONS not in attributes
    assert json.loads(str(attributes[attrs.GEN_AI_INPUT_MESSAGES]))[0]["parts"][0] == {
        "type": "text",
        "content": "plain text",
    }
    output = json.loads(str(attributes[attrs.GEN_AI_OUTPUT_MESSAGES]))
    assert output[0]["parts"][0]["content"] == '{"sum": 4}'


# -- no SDK ---------------------------------------------------------------------------------


def test_without_an_sdk_everything_is_a_cheap_no_op(monkeypatch: pytest.MonkeyPatch) -> None:
    telemetry = Telemetry(
        tracer_provider=trace.NoOpTracerProvider(),
        meter_provider=NoOpMeterProvider(),
        capture_content=True,
        server_address="h",
        server_port=1,
    )

    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("attribute work on a span that does not record")

    monkeypatch.setattr(Telemetry, "_details", never)
    span = start(telemetry, stream=True, tags={"a": "b"})
    assert not span.otel_span.is_recording()
    headers: dict[str, str] = {}
    span.inject(headers)
    assert headers == {}
    with span.activate():
        assert trace.get_current_span() is trace.INVALID_SPAN
    span.on_opper_span_id(SPAN_ID)
    span.on_first_chunk()
    span.on_chunk()
    span.on_result(usage={"input_tokens": 1}, output_text="x", output_json=None)
    span.finish(RuntimeError("x"))
    span.abandon()


def test_the_global_providers_are_the_default() -> None:
    # No test installs global providers, so the global proxy tracer gives non-recording spans.
    telemetry = Telemetry(server_address="h", server_port=1)
    span = start(telemetry)
    assert not span.otel_span.is_recording()
    span.finish()


# -- telemetry failures never reach the caller ----------------------------------------------


class FailingExporter(SpanExporter):
    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        raise RuntimeError("collector down")

    def shutdown(self) -> None:
        pass


class RaisingProcessor(SpanProcessor):
    def __init__(self, *, on_start: bool = False) -> None:
        self.raise_on_start = on_start

    def on_start(self, span: Any, parent_context: Any = None) -> None:
        if self.raise_on_start:
            raise RuntimeError("on_start exploded")

    def on_end(self, span: ReadableSpan) -> None:
        raise RuntimeError("on_end exploded")


def call_handler(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    if path.endswith("/call"):
        return httpx.Response(
            200,
            json={
                "span_id": SPAN_ID,
                "message": "4",
                "usage": {"input_tokens": 9, "output_tokens": 1},
            },
        )
    if path.endswith("/call/stream"):
        events = [{"span_id": SPAN_ID}, {"delta": "4", "chunk_type": "text"}]
        body = "".join(f"data: {json.dumps(e)}\n\n" for e in events)
        return httpx.Response(200, headers={"content-type": "text/event-stream"}, text=body)
    raise AssertionError(path)


def client_with(provider: TracerProvider, **options: Any) -> Opper:
    return Opper(
        api_key=API_KEY,
        base_url="https://api.opper.test/v2",
        transport=httpx.MockTransport(call_handler),
        tracer_provider=provider,
        max_retries=0,
        **options,
    )


@pytest.mark.parametrize(
    "processor",
    [
        pytest.param(SimpleSpanProcessor(FailingExporter()), id="failing-exporter"),
        pytest.param(RaisingProcessor(), id="on-end-raises"),
        pytest.param(RaisingProcessor(on_start=True), id="on-start-raises"),
    ],
)
def test_a_broken_pipeline_changes_nothing_for_the_caller(
    processor: SpanProcessor, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="opper_tracing")
    provider = TracerProvider()
    provider.add_span_processor(processor)
    with client_with(provider) as opper:
        assert opper.call("add", input={"x": 1, "y": 3}).message == "4"
        with opper.stream("add", input={"x": 1, "y": 3}) as stream:
            assert [chunk.delta for chunk in stream if chunk.delta] == ["4"]
    call = start(Telemetry(tracer_provider=provider, server_address="h", server_port=1))
    call.finish(RuntimeError("user error"))
    assert trace.get_current_span() is trace.INVALID_SPAN
    provider.shutdown()


def test_a_broken_pipeline_is_logged_at_debug(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="opper_tracing")
    provider = TracerProvider()
    provider.add_span_processor(RaisingProcessor())
    start(Telemetry(tracer_provider=provider, server_address="h", server_port=1)).finish()
    (record,) = [r for r in caplog.records if r.name == "opper_tracing"]
    assert record.levelno == logging.DEBUG
    assert "could not end the call span" in record.getMessage()


def test_error_type() -> None:
    assert error_type(RateLimitError("429", status_code=429, body=None)) == "429"
    assert error_type(APIStatusError("418", status_code=418, body=None)) == "418"
    assert error_type(asyncio.CancelledError()) == "CancelledError"

    class Outer:
        class Inner(Exception):
            pass

    assert error_type(Outer.Inner()) == "test_error_type.<locals>.Outer.Inner"


# -- through the client ---------------------------------------------------------------------


def test_client_call_and_stream_spans(
    tracer_provider: TracerProvider, span_exporter: InMemorySpanExporter
) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return call_handler(request)

    with Opper(
        api_key=API_KEY,
        base_url="https://api.opper.test/v2",
        transport=httpx.MockTransport(handler),
        tracer_provider=tracer_provider,
    ) as opper:
        opper.call("add", input={"x": 1}, model="openai/gpt-4o", tags={"team": "a"})
        with opper.stream("add", input={"x": 1}) as stream:
            list(stream)
    call, streamed = span_exporter.get_finished_spans()
    assert call.name == streamed.name == "chat add"
    assert (call.attributes or {})[attrs.OPPER_SPAN_ID] == SPAN_ID
    assert (call.attributes or {})[attrs.GEN_AI_USAGE_INPUT_TOKENS] == 9
    assert (call.attributes or {})[attrs.SERVER_ADDRESS] == "api.opper.test"
    assert (streamed.attributes or {})[attrs.OPPER_STREAM_COMPLETED] is True
    for request, span in zip(seen, (call, streamed), strict=True):
        assert span.context is not None
        assert request.headers["traceparent"].split("-")[2] == f"{span.context.span_id:016x}"
    assert trace.get_current_span() is trace.INVALID_SPAN


async def test_async_client_stream_closed_early(
    tracer_provider: TracerProvider, span_exporter: InMemorySpanExporter, otel_debug_log: Any
) -> None:
    async with (
        AsyncOpper(
            api_key=API_KEY,
            base_url="https://api.opper.test/v2",
            transport=httpx.MockTransport(call_handler),
            tracer_provider=tracer_provider,
        ) as opper,
        await opper.stream("add", input={"x": 1}) as stream,
    ):
        async for _ in stream:
            break
    finished = only_span(span_exporter)
    assert (finished.attributes or {})[attrs.OPPER_STREAM_COMPLETED] is False
    assert finished.status.status_code is StatusCode.UNSET
    assert_clean(otel_debug_log)


def test_the_api_key_appears_nowhere(
    tracer_provider: TracerProvider,
    span_exporter: InMemorySpanExporter,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)

    def echo_key(request: httpx.Request) -> httpx.Response:
        if json.loads(request.content)["name"] == "fail":
            auth = request.headers["authorization"]
            return httpx.Response(401, json={"message": f"bad key {auth}", "detail": auth})
        return call_handler(request)

    with Opper(
        api_key=API_KEY,
        base_url="https://api.opper.test/v2",
        transport=httpx.MockTransport(echo_key),
        tracer_provider=tracer_provider,
        capture_content=True,
        max_retries=0,
    ) as opper:
        opper.call("add", input={"x": 1}, instructions="add them")
        with opper.stream("add", input={"x": 1}) as stream:
            list(stream)
        with pytest.raises(APIStatusError):
            opper.call("fail", input={"x": 1})
    spans = span_exporter.get_finished_spans()
    assert len(spans) == 3
    assert (spans[-1].attributes or {})[attrs.ERROR_TYPE] == "401"
    for text in [span.to_json() for span in spans] + [caplog.text]:
        assert API_KEY not in text


def test_error_type_of_a_stream_error_chunk_is_the_servers() -> None:
    assert error_type(StreamError("busy", error_type="ModelOverloaded")) == "ModelOverloaded"
    assert error_type(StreamError("cut")) == "StreamError"


# -- usage and cost -------------------------------------------------------------------------

USAGE = {"input_tokens": 30, "output_tokens": 12, "total_tokens": 42}
COST = {"generation": 0.0002, "platform": 0.00002, "total": 0.00022}


def test_cost_is_recorded_as_opper_reports_it_and_under_the_backends_keys(
    telemetry: Telemetry, span_exporter: InMemorySpanExporter
) -> None:
    span = start(telemetry)
    cost_object = SimpleNamespace(to_dict=lambda: {**COST, "odd": True, "note": "x"})
    span.on_result(usage=USAGE, cost=cost_object)
    span.finish()
    attributes = dict(only_span(span_exporter).attributes or {})
    assert {k: v for k, v in attributes.items() if k.startswith(attrs.OPPER_COST_PREFIX)} == {
        "opper.cost.generation": 0.0002,
        "opper.cost.platform": 0.00002,
        "opper.cost.total": 0.00022,
    }
    assert attributes[attrs.LLM_COST_TOTAL] == 0.00022
    assert json.loads(str(attributes[attrs.LANGFUSE_OBSERVATION_COST_DETAILS])) == {
        "total": 0.00022
    }


def test_a_total_alone_is_recorded_where_a_total_has_a_name(
    telemetry: Telemetry,
    span_exporter: InMemorySpanExporter,
    metric_points: Callable[[], dict[str, list[Any]]],
) -> None:
    span = start(telemetry, stream=True)
    span.on_result(usage={"total_tokens": 42}, cost=None)
    span.finish()
    attributes = dict(only_span(span_exporter).attributes or {})
    assert attributes[attrs.LLM_TOKEN_COUNT_TOTAL] == 42
    assert not [key for key in attributes if key.startswith("gen_ai.usage.")]
    assert attrs.GEN_AI_CLIENT_TOKEN_USAGE not in metric_points()


def test_stop_clock_ends_the_span_when_the_call_ended(
    telemetry: Telemetry,
    span_exporter: InMemorySpanExporter,
    metric_points: Callable[[], dict[str, list[Any]]],
) -> None:
    span = start(telemetry, stream=True)
    span.stop_clock()
    stopped_ns, stopped_at = span._end_ns, span._ended_at
    span.stop_clock()  # the first one counts
    assert (span._end_ns, span._ended_at) == (stopped_ns, stopped_at)
    assert stopped_at is not None
    span.on_result(usage=USAGE)  # what a usage fetch brings, after the call ended
    span.finish()
    finished = only_span(span_exporter)
    assert finished.end_time == stopped_ns
    assert (finished.attributes or {})[attrs.GEN_AI_USAGE_INPUT_TOKENS] == 30
    (duration,) = metric_points()[attrs.GEN_AI_CLIENT_OPERATION_DURATION]
    assert duration.sum == pytest.approx(stopped_at - span._started_at)


# -- what each backend reads ----------------------------------------------------------------


def full_span(tracer_provider: TracerProvider, exporter: InMemorySpanExporter) -> dict[str, Any]:
    """A captured call with everything a user looks for, as its attributes."""
    telemetry = Telemetry(
        tracer_provider=tracer_provider,
        capture_content=True,
        server_address="api.opper.test",
        server_port=443,
    )
    token = set_conversation("conv-9", "u-7")
    try:
        span = start(telemetry, tags={"project": "p-456", "tier": "gold"}, has_output_schema=True)
    finally:
        reset(token)
    span.on_opper_span_id(SPAN_ID)
    span.on_result(usage=USAGE, cost=COST, output_text="", output_json={"sum": 4})
    span.finish()
    return dict(only_span(exporter).attributes or {})


def langfuse_usage(attributes: dict[str, Any]) -> dict[str, list[Any]]:
    """Langfuse's reading of usage without ``langfuse.observation.usage_details``: every
    ``gen_ai.usage.*`` (but ``gen_ai.usage.cost``) and ``llm.token_count.*`` key, renamed; values
    from every key that maps to one usage type are listed, so disagreement shows."""
    rename = {
        "prompt_tokens": "input",
        "completion_tokens": "output",
        "total_tokens": "total",
        "input_tokens": "input",
        "output_tokens": "output",
        "prompt": "input",
        "completion": "output",
    }
    found: dict[str, list[Any]] = {}
    for key, value in attributes.items():
        if (key.startswith("gen_ai.usage.") and key != "gen_ai.usage.cost") or key.startswith(
            "llm.token_count"
        ):
            short = key.removeprefix("gen_ai.usage.").removeprefix("llm.token_count.")
            found.setdefault(rename.get(short, short), []).append(value)
    return found


def test_langfuse_finds_model_usage_cost_tags_metadata_session_and_content(
    tracer_provider: TracerProvider, span_exporter: InMemorySpanExporter
) -> None:
    attributes = full_span(tracer_provider, span_exporter)
    # Model: the first of langfuse.observation.model.name, gen_ai.response.model, ai.model.id,
    # gen_ai.request.model, llm.response.model, llm.model_name.
    assert attributes[attrs.GEN_AI_REQUEST_MODEL] == "openai/gpt-4o-mini"
    assert "gen_ai.response.model" not in attributes
    usage = langfuse_usage(attributes)
    assert usage == {"input": [30, 30], "output": [12, 12], "total": [42]}
    assert json.loads(attributes[attrs.LANGFUSE_OBSERVATION_COST_DETAILS]) == {"total": 0.00022}
    # Tags: langfuse.trace.tags, else ... else tag.tags (a string list).
    assert attributes[attrs.TAG_TAGS] == ("project:p-456", "tier:gold")
    assert json.loads(attributes[attrs.LANGFUSE_OBSERVATION_METADATA]) == {
        "project": "p-456",
        "tier": "gold",
    }
    # Session: langfuse.session.id, else session.id, else gen_ai.conversation.id. User: user.id.
    assert (attributes[attrs.SESSION_ID], attributes[attrs.USER_ID]) == ("conv-9", "u-7")
    # Input/output: input.value/output.value come before gen_ai.input/output.messages.
    assert json.loads(attributes[attrs.INPUT_VALUE]) == {"text": "hello"}
    assert json.loads(attributes[attrs.OUTPUT_VALUE]) == {"sum": 4}


def test_datadog_finds_the_genai_conventions(
    tracer_provider: TracerProvider, span_exporter: InMemorySpanExporter
) -> None:
    attributes = full_span(tracer_provider, span_exporter)
    # Datadog LLM Observability reads OTel GenAI v1.37+: an LLM span from gen_ai.operation.name,
    # the provider, the model, the token counts, the opt-in messages and the conversation.
    assert {
        key: attributes[key]
        for key in (
            attrs.GEN_AI_OPERATION_NAME,
            attrs.GEN_AI_PROVIDER_NAME,
            attrs.GEN_AI_REQUEST_MODEL,
            attrs.GEN_AI_USAGE_INPUT_TOKENS,
            attrs.GEN_AI_USAGE_OUTPUT_TOKENS,
            attrs.GEN_AI_CONVERSATION_ID,
        )
    } == {
        attrs.GEN_AI_OPERATION_NAME: "chat",
        attrs.GEN_AI_PROVIDER_NAME: "opper",
        attrs.GEN_AI_REQUEST_MODEL: "openai/gpt-4o-mini",
        attrs.GEN_AI_USAGE_INPUT_TOKENS: 30,
        attrs.GEN_AI_USAGE_OUTPUT_TOKENS: 12,
        attrs.GEN_AI_CONVERSATION_ID: "conv-9",
    }
    (output,) = json.loads(attributes[attrs.GEN_AI_OUTPUT_MESSAGES])
    assert output["role"] == "assistant"
    assert json.loads(output["parts"][0]["content"]) == {"sum": 4}
    (message,) = json.loads(attributes[attrs.GEN_AI_INPUT_MESSAGES])
    assert message["role"] == "user"
    assert json.loads(attributes[attrs.GEN_AI_SYSTEM_INSTRUCTIONS]) == [
        {"type": "text", "content": "Be brief."}
    ]


def test_phoenix_finds_openinference_keys_without_converting(
    tracer_provider: TracerProvider, span_exporter: InMemorySpanExporter
) -> None:
    attributes = full_span(tracer_provider, span_exporter)
    assert {
        key: attributes[key]
        for key in (
            attrs.OPENINFERENCE_SPAN_KIND,
            attrs.LLM_MODEL_NAME,
            attrs.LLM_TOKEN_COUNT_PROMPT,
            attrs.LLM_TOKEN_COUNT_COMPLETION,
            attrs.LLM_TOKEN_COUNT_TOTAL,
            attrs.LLM_COST_TOTAL,
            attrs.SESSION_ID,
            attrs.USER_ID,
            attrs.INPUT_MIME_TYPE,
            attrs.OUTPUT_MIME_TYPE,
        )
    } == {
        attrs.OPENINFERENCE_SPAN_KIND: "LLM",
        attrs.LLM_MODEL_NAME: "openai/gpt-4o-mini",
        attrs.LLM_TOKEN_COUNT_PROMPT: 30,
        attrs.LLM_TOKEN_COUNT_COMPLETION: 12,
        attrs.LLM_TOKEN_COUNT_TOTAL: 42,
        attrs.LLM_COST_TOTAL: 0.00022,
        attrs.SESSION_ID: "conv-9",
        attrs.USER_ID: "u-7",
        attrs.INPUT_MIME_TYPE: "application/json",
        attrs.OUTPUT_MIME_TYPE: "application/json",
    }
    assert json.loads(attributes[attrs.METADATA]) == {"project": "p-456", "tier": "gold"}


def test_label_attributes_skip_none_and_keep_meta_under_tags() -> None:
    labels = label_attributes({"a": "1", "gone": None, "n": {"x": 1}}, {"a": "meta", "m": 2})
    assert json.loads(str(labels[attrs.METADATA])) == {"a": "1", "m": 2, "n": {"x": 1}}
    assert labels[attrs.TAG_TAGS] == ["a:1", 'n:{"x": 1}']
    assert label_attributes(None) == {}
    assert set(label_attributes(None, {"m": 1})) == {
        attrs.METADATA,
        attrs.LANGFUSE_OBSERVATION_METADATA,
    }


# -- through the client, against the emulator -----------------------------------------------

SUM_SCHEMA = {"type": "object", "properties": {"sum": {"type": "integer"}}, "required": ["sum"]}


def test_a_streamed_structured_output_is_recorded_as_the_assembled_json(
    driver: Driver,
    emulator: Any,
    tracer_provider: TracerProvider,
    span_exporter: InMemorySpanExporter,
) -> None:
    client = live_client(driver, emulator, tracer_provider=tracer_provider, capture_content=True)
    _, stream, error = driver.stream(
        client, "add_numbers", input={"x": 2, "y": 40}, output_schema=SUM_SCHEMA
    )
    assert error is None
    assert stream.output == {"sum": 42}
    attributes = only_span(span_exporter).attributes or {}
    (message,) = json.loads(str(attributes[attrs.GEN_AI_OUTPUT_MESSAGES]))
    assert json.loads(message["parts"][0]["content"]) == {"sum": 42}
    assert json.loads(str(attributes[attrs.OUTPUT_VALUE])) == {"sum": 42}
    assert attributes[attrs.OUTPUT_MIME_TYPE] == "application/json"


def test_a_calls_usage_and_cost_reach_its_span(
    driver: Driver,
    emulator: Any,
    tracer_provider: TracerProvider,
    span_exporter: InMemorySpanExporter,
) -> None:
    client = live_client(driver, emulator, tracer_provider=tracer_provider)
    result = driver.call(client, "add_numbers", input={"x": 1, "y": 3}, output_schema=SUM_SCHEMA)
    attributes = only_span(span_exporter).attributes or {}
    assert attributes[attrs.GEN_AI_USAGE_INPUT_TOKENS] == result.usage["input_tokens"]
    assert attributes[attrs.LLM_TOKEN_COUNT_TOTAL] == result.usage["total_tokens"]
    assert attributes["opper.cost.total"] == result.cost["total"] > 0
    assert attributes[attrs.LLM_COST_TOTAL] == result.cost["total"]


def test_a_stream_error_chunks_server_type_is_the_span_error_type(
    driver: Driver,
    emulator: Any,
    tracer_provider: TracerProvider,
    span_exporter: InMemorySpanExporter,
) -> None:
    client = live_client(
        driver,
        emulator,
        fault="error-after=2;error-type=ModelOverloaded",
        tracer_provider=tracer_provider,
    )
    _, _, error = driver.stream(client, "greet", input="Ann")
    assert isinstance(error, StreamError)
    assert error.error_type == "ModelOverloaded"
    finished = only_span(span_exporter)
    assert finished.status.status_code is StatusCode.ERROR
    assert (finished.attributes or {})[attrs.ERROR_TYPE] == "ModelOverloaded"


def test_calls_inside_a_trace_carry_the_opper_trace_id(
    emulator: Any, tracer_provider: TracerProvider, span_exporter: InMemorySpanExporter
) -> None:
    with Opper(
        api_key="test", base_url=emulator.base_url, tracer_provider=tracer_provider
    ) as opper:
        other = opper.call("other", input=0)
        with opper.trace("flow") as flow:
            opper.call("inside", input=1)
            opper.call("elsewhere", input=2, parent_span_id=str(other.span_id))
    spans = {span.name: span.attributes or {} for span in span_exporter.get_finished_spans()}
    assert spans["chat inside"][attrs.OPPER_TRACE_ID] == flow.trace_id
    assert attrs.OPPER_TRACE_ID not in spans["chat elsewhere"]  # another span's trace: unknown


def test_retries_show_on_the_call_span(
    tracer_provider: TracerProvider,
    span_exporter: InMemorySpanExporter,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="opper_tracing")
    replies = [httpx.Response(503, json={"detail": "busy"}), httpx.Response(429, json={})]

    def handler(request: httpx.Request) -> httpx.Response:
        return replies.pop(0) if replies else call_handler(request)

    with Opper(
        api_key=API_KEY,
        base_url="https://api.opper.test/v2",
        transport=httpx.MockTransport(handler),
        tracer_provider=tracer_provider,
        retry=RetryPolicy(max_retries=2, initial_delay=0, max_retry_after=0),
    ) as opper:
        assert opper.call("add", input={"x": 1}).message == "4"
    finished = only_span(span_exporter)
    assert finished.status.status_code is StatusCode.UNSET
    assert (finished.attributes or {})[attrs.HTTP_REQUEST_RESEND_COUNT] == 2
    retries = [event for event in finished.events if event.name == attrs.EVENT_RETRY]
    assert [(event.attributes or {})[attrs.ERROR_TYPE] for event in retries] == ["503", "429"]
    assert all((event.attributes or {})[attrs.OPPER_RETRY_WAIT] == 0 for event in retries)
    lines = [r.getMessage() for r in caplog.records if r.name == "opper_tracing"]
    # Each retry's line names the request it retries (and is logged inside its span).
    assert len([line for line in lines if line.startswith("retrying POST /call in")]) == 2
