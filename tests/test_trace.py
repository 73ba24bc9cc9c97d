"""``trace()``: one Opper span and one OpenTelemetry span per block, nesting the same way in both
systems, sync and async, under concurrency, and surviving a failing span API."""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from typing import Any

import httpx
import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

from opper_tracing import AsyncOpper, AsyncTrace, Opper, Trace
from opper_tracing import _constants as attrs
from opper_tracing._context import current_opper_span_id, current_opper_trace_id
from opper_tracing._telemetry import Telemetry

API_KEY = "sk-trace-test-KEY-51c0ffee"
BASE_URL = "https://api.opper.test/v2"
CALL_SPAN_ID = "9a0f6a5e-7f0b-4b45-8f43-5a4c0b0e2d11"


class SpansAPI:
    """An in-memory ``/spans`` store (and a ``/call`` that answers "ok") behind MockTransport."""

    def __init__(self, *, create: Any = None, update: Any = None) -> None:
        self.spans: dict[str, dict[str, Any]] = {}
        self.requests: list[httpx.Request] = []
        self.calls: list[dict[str, Any]] = []
        self.create = create
        self.update = update

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path = request.url.path.removeprefix("/v2")
        body = json.loads(request.content) if request.content else None
        if path == "/call":
            self.calls.append(body)
            return httpx.Response(200, json={"span_id": CALL_SPAN_ID, "message": "ok"})
        if request.method == "POST" and path == "/spans":
            if self.create is not None:
                return self._fail(self.create, request)
            self.spans[body["id"]] = {**body, "patches": []}
            return httpx.Response(200, json=body)
        if request.method == "PATCH" and path.startswith("/spans/"):
            if self.update is not None:
                return self._fail(self.update, request)
            span = self.spans[path.removeprefix("/spans/")]
            span["patches"].append(body)
            return httpx.Response(200, json={"id": span["id"], "name": span["name"]})
        return httpx.Response(404, json={"detail": path})

    @staticmethod
    def _fail(reply: Any, request: httpx.Request) -> httpx.Response:
        if isinstance(reply, BaseException):
            raise reply
        auth = request.headers.get("authorization", "")
        return httpx.Response(reply, json={"message": f"rejected {auth}", "detail": auth})

    def by_name(self, name: str) -> dict[str, Any]:
        (span,) = [s for s in self.spans.values() if s["name"] == name]
        return span


@pytest.fixture
def spans_api() -> SpansAPI:
    return SpansAPI()


@pytest.fixture
def telemetry(tracer_provider: TracerProvider) -> Telemetry:
    return Telemetry(
        tracer_provider=tracer_provider, server_address="api.opper.test", server_port=443
    )


def client_for(handler: SpansAPI) -> Opper:
    """A client whose spans operations ``handler`` answers (what a trace sends through)."""
    return Opper(api_key=API_KEY, base_url=BASE_URL, transport=httpx.MockTransport(handler))


def aclient_for(handler: SpansAPI) -> AsyncOpper:
    """The async twin of ``client_for``."""
    return AsyncOpper(api_key=API_KEY, base_url=BASE_URL, transport=httpx.MockTransport(handler))


def finished(exporter: InMemorySpanExporter) -> dict[str, ReadableSpan]:
    """Finished spans by name; a trace's ``invoke_workflow {name}`` span under its ``name``."""
    return {
        span.name.removeprefix("invoke_workflow "): span for span in exporter.get_finished_spans()
    }


def parent_of(span: ReadableSpan) -> int | None:
    return None if span.parent is None else span.parent.span_id


def span_id_of(span: ReadableSpan) -> int:
    assert span.context is not None
    return span.context.span_id


# -- sync -----------------------------------------------------------------------------------


def test_a_trace_is_an_opper_span_and_an_otel_span(
    spans_api: SpansAPI, telemetry: Telemetry, span_exporter: InMemorySpanExporter
) -> None:
    traced = Trace(
        client=client_for(spans_api),
        telemetry=telemetry,
        name="checkout-flow",
        input={"order": 7},
        meta={"shop": "eu"},
        tags={"team": "payments", "tier": 2},
    )
    with traced as span:
        assert current_opper_span_id() == span.span_id
        assert current_opper_trace_id() == span.trace_id
        assert trace.get_current_span() is span.otel_span
        span.set_output({"ok": True})
    assert current_opper_span_id() is None
    assert trace.get_current_span() is trace.INVALID_SPAN

    stored = spans_api.by_name("checkout-flow")
    assert stored["id"] == span.span_id
    assert stored["trace_id"] == span.trace_id
    assert uuid.UUID(stored["id"]).version == uuid.UUID(stored["trace_id"]).version == 4
    assert "parent_id" not in stored
    assert stored["input"] == {"order": 7}
    assert stored["start_time"].endswith("+00:00")
    otel = finished(span_exporter)["checkout-flow"]
    assert otel.name == "invoke_workflow checkout-flow"
    assert otel.kind is SpanKind.INTERNAL
    assert otel.context is not None
    assert stored["meta"] == {
        "shop": "eu",
        "tags": {"team": "payments", "tier": 2},
        "otel.trace_id": f"{otel.context.trace_id:032x}",
        "otel.span_id": f"{otel.context.span_id:016x}",
    }
    (patch,) = stored["patches"]
    assert json.loads(patch["output"]) == {"ok": True}
    assert patch["end_time"].endswith("+00:00")
    assert "error" not in patch
    assert dict(otel.attributes or {}) == {
        attrs.GEN_AI_OPERATION_NAME: "invoke_workflow",
        attrs.GEN_AI_WORKFLOW_NAME: "checkout-flow",
        attrs.OPPER_SPAN_ID: span.span_id,
        attrs.OPPER_TRACE_ID: span.trace_id,
        "opper.tags.team": "payments",
        "opper.tags.tier": 2,
        # Phoenix's span kind and metadata panel; Langfuse's metadata and tags:
        attrs.OPENINFERENCE_SPAN_KIND: "CHAIN",
        attrs.METADATA: '{"shop": "eu", "team": "payments", "tier": 2}',
        attrs.LANGFUSE_OBSERVATION_METADATA: '{"shop": "eu", "team": "payments", "tier": 2}',
        attrs.TAG_TAGS: ("team:payments", "tier:2"),
    }
    assert otel.status.status_code is StatusCode.UNSET
    assert all(r.headers["authorization"] == f"Bearer {API_KEY}" for r in spans_api.requests)


def test_string_output_is_sent_as_is_and_no_output_sends_none(
    spans_api: SpansAPI, telemetry: Telemetry
) -> None:
    api = client_for(spans_api)
    with Trace(client=api, telemetry=telemetry, name="text") as span:
        span.set_output("plain words")
    with Trace(client=api, telemetry=telemetry, name="nothing"):
        pass
    assert spans_api.by_name("text")["patches"][0]["output"] == "plain words"
    assert "output" not in spans_api.by_name("nothing")["patches"][0]
    assert "input" not in spans_api.by_name("nothing")


def test_an_output_json_cannot_encode_is_sent_as_its_repr(
    spans_api: SpansAPI, telemetry: Telemetry
) -> None:
    loop: list[Any] = []
    loop.append(loop)
    with Trace(client=client_for(spans_api), telemetry=telemetry, name="loop") as span:
        span.set_output(loop)
    assert spans_api.by_name("loop")["patches"][0]["output"] == "[[...]]"


def test_nested_traces_nest_in_both_systems(
    spans_api: SpansAPI, telemetry: Telemetry, span_exporter: InMemorySpanExporter
) -> None:
    api = client_for(spans_api)
    with Trace(client=api, telemetry=telemetry, name="outer") as outer:
        with Trace(client=api, telemetry=telemetry, name="inner") as inner:
            assert current_opper_span_id() == inner.span_id
        assert current_opper_span_id() == outer.span_id  # restored, not cleared
    assert inner.parent_id == outer.span_id
    stored = spans_api.by_name("inner")
    assert stored["parent_id"] == outer.span_id
    assert stored["trace_id"] == outer.trace_id == inner.trace_id
    otel = finished(span_exporter)
    assert parent_of(otel["inner"]) == span_id_of(otel["outer"])
    assert (otel["inner"].attributes or {})[attrs.OPPER_PARENT_SPAN_ID] == outer.span_id


def test_calls_inside_inherit_the_trace(
    spans_api: SpansAPI, tracer_provider: TracerProvider, span_exporter: InMemorySpanExporter
) -> None:
    with Opper(
        api_key=API_KEY,
        base_url=BASE_URL,
        transport=httpx.MockTransport(spans_api),
        tracer_provider=tracer_provider,
    ) as opper:
        with opper.trace("flow") as span:
            opper.call("inherits", input=1)
            opper.call("explicit", input=2, parent_span_id=CALL_SPAN_ID)
        opper.call("outside", input=3)
    inherits, explicit, outside = spans_api.calls
    assert inherits["parent_span_id"] == span.span_id
    assert explicit["parent_span_id"] == CALL_SPAN_ID
    assert "parent_span_id" not in outside or outside["parent_span_id"] is None
    call_spans = [s for s in span_exporter.get_finished_spans() if s.kind is SpanKind.CLIENT]
    flow = finished(span_exporter)["flow"]
    assert [parent_of(s) == span_id_of(flow) for s in call_spans] == [True, True, False]
    assert (call_spans[0].attributes or {})[attrs.OPPER_PARENT_SPAN_ID] == span.span_id


def test_an_exception_propagates_and_is_recorded(
    spans_api: SpansAPI, telemetry: Telemetry, span_exporter: InMemorySpanExporter
) -> None:
    error = KeyError("sku-9")
    with (
        pytest.raises(KeyError) as raised,
        Trace(client=client_for(spans_api), telemetry=telemetry, name="fails"),
    ):
        raise error
    assert raised.value is error
    assert current_opper_span_id() is None
    assert trace.get_current_span() is trace.INVALID_SPAN
    assert spans_api.by_name("fails")["patches"][0]["error"] == str(error)
    otel = finished(span_exporter)["fails"]
    assert otel.status.status_code is StatusCode.ERROR
    assert (otel.attributes or {})[attrs.ERROR_TYPE] == "KeyError"
    assert [event.name for event in otel.events] == ["exception"]


@pytest.mark.parametrize(
    "failure",
    [
        pytest.param(401, id="401"),
        pytest.param(500, id="500"),
        pytest.param(httpx.ConnectError("connection refused"), id="network"),
    ],
)
def test_a_failed_create_only_warns(
    telemetry: Telemetry,
    span_exporter: InMemorySpanExporter,
    caplog: pytest.LogCaptureFixture,
    failure: Any,
) -> None:
    working = SpansAPI()
    with Trace(client=client_for(working), telemetry=telemetry, name="outer") as outer:
        failing = SpansAPI(create=failure)
        with Trace(client=client_for(failing), telemetry=telemetry, name="inner") as inner:
            assert inner.span_id is None
            assert inner.trace_id is None
            # With no Opper span of its own, calls nest under the enclosing trace.
            assert current_opper_span_id() == outer.span_id
            ran = True
    assert ran
    assert [r.method for r in failing.requests] == ["POST"]  # no PATCH for a span never made
    (warning,) = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert warning.name == "opper_tracing"
    assert "could not create the Opper span for trace 'inner'" in warning.getMessage()
    assert API_KEY not in caplog.text
    otel = finished(span_exporter)
    assert attrs.OPPER_SPAN_ID not in (otel["inner"].attributes or {})
    assert parent_of(otel["inner"]) == span_id_of(otel["outer"])


@pytest.mark.parametrize(
    "failure", [pytest.param(404, id="404"), pytest.param(httpx.ReadTimeout("slow"), id="timeout")]
)
def test_a_failed_update_only_warns(
    telemetry: Telemetry, caplog: pytest.LogCaptureFixture, failure: Any
) -> None:
    api = SpansAPI(update=failure)
    with Trace(client=client_for(api), telemetry=telemetry, name="t") as span:
        span.set_output(1)
    (warning,) = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert "could not close the Opper span for trace 't'" in warning.getMessage()
    assert API_KEY not in caplog.text


def test_decorating_a_sync_function(
    spans_api: SpansAPI, telemetry: Telemetry, span_exporter: InMemorySpanExporter
) -> None:
    traced = Trace(client=client_for(spans_api), telemetry=telemetry, name="double")

    @traced
    def double(x: int) -> int:
        """Doubles."""
        assert current_opper_span_id() is not None
        return 2 * x

    @traced
    def explode() -> None:
        raise ValueError("bad")

    assert double.__doc__ == "Doubles."
    assert (double(2), double(5)) == (4, 10)
    with pytest.raises(ValueError, match="bad"):
        explode()
    patches = [span["patches"][0] for span in spans_api.spans.values()]
    assert [(p.get("output"), p.get("error")) for p in patches] == [
        ("4", None),
        ("10", None),
        (None, "bad"),
    ]
    assert len(span_exporter.get_finished_spans()) == 3
    assert current_opper_span_id() is None


async def test_a_sync_trace_decorating_a_coroutine(
    spans_api: SpansAPI, telemetry: Telemetry, span_exporter: InMemorySpanExporter
) -> None:
    @Trace(client=client_for(spans_api), telemetry=telemetry, name="async-work")
    async def work() -> dict[str, int]:
        await asyncio.sleep(0)
        span_id = current_opper_span_id()
        assert span_id is not None
        assert trace.get_current_span().is_recording()
        return {"n": 1}

    assert await work() == {"n": 1}
    (stored,) = spans_api.spans.values()
    assert json.loads(stored["patches"][0]["output"]) == {"n": 1}
    assert current_opper_span_id() is None
    assert trace.get_current_span() is trace.INVALID_SPAN
    assert len(span_exporter.get_finished_spans()) == 1


def test_generators_cannot_be_decorated(spans_api: SpansAPI, telemetry: Telemetry) -> None:
    traced = Trace(client=client_for(spans_api), telemetry=telemetry, name="g")

    def numbers() -> Any:
        yield 1

    with pytest.raises(TypeError, match="generator"):
        traced(numbers)


def test_without_an_sdk_the_opper_span_still_works(spans_api: SpansAPI) -> None:
    telemetry = Telemetry(
        tracer_provider=trace.NoOpTracerProvider(), server_address="h", server_port=1
    )
    with Trace(client=client_for(spans_api), telemetry=telemetry, name="plain") as span:
        assert current_opper_span_id() == span.span_id
    stored = spans_api.by_name("plain")
    assert "otel.trace_id" not in stored["meta"]
    assert stored["patches"]


# -- async ----------------------------------------------------------------------------------


def async_client(api: SpansAPI, provider: TracerProvider) -> AsyncOpper:
    return AsyncOpper(
        api_key=API_KEY,
        base_url=BASE_URL,
        transport=httpx.MockTransport(api),
        tracer_provider=provider,
    )


async def test_async_trace_nests_and_calls_inherit(
    spans_api: SpansAPI, tracer_provider: TracerProvider, span_exporter: InMemorySpanExporter
) -> None:
    async with async_client(spans_api, tracer_provider) as opper:
        async with opper.trace("outer", input="in") as outer:
            async with opper.trace("inner") as inner:
                await opper.call("step", input=1)
            assert current_opper_span_id() == outer.span_id
        assert current_opper_span_id() is None
    assert spans_api.by_name("inner")["parent_id"] == outer.span_id
    assert spans_api.calls[0]["parent_span_id"] == inner.span_id
    otel = finished(span_exporter)
    assert parent_of(otel["inner"]) == span_id_of(otel["outer"])
    assert parent_of(otel["chat step"]) == span_id_of(otel["inner"])
    assert trace.get_current_span() is trace.INVALID_SPAN


async def test_concurrent_tasks_each_get_their_own_trace(
    spans_api: SpansAPI, tracer_provider: TracerProvider, span_exporter: InMemorySpanExporter
) -> None:
    async with async_client(spans_api, tracer_provider) as opper:

        async def branch(name: str) -> str | None:
            async with opper.trace(name) as span:
                await asyncio.sleep(0)  # let the siblings interleave
                await opper.call("step", input=name)
                await asyncio.sleep(0)
                assert current_opper_span_id() == span.span_id
                return span.span_id

        async with opper.trace("root") as root:
            ids = await asyncio.gather(*(branch(f"b{i}") for i in range(4)))
            # A task started inside the trace inherits it.
            await asyncio.create_task(opper.call("spawned", input="s"))
    branch_ids = dict(zip([f"b{i}" for i in range(4)], ids, strict=True))
    for call in spans_api.calls:
        expected = root.span_id if call["input"] == "s" else branch_ids[call["input"]]
        assert call["parent_span_id"] == expected
    for i in range(4):
        stored = spans_api.by_name(f"b{i}")
        assert (stored["parent_id"], stored["trace_id"]) == (root.span_id, root.trace_id)
    otel = finished(span_exporter)
    for i in range(4):
        assert parent_of(otel[f"b{i}"]) == span_id_of(otel["root"])
    chats = [s for s in span_exporter.get_finished_spans() if s.kind is SpanKind.CLIENT]
    otel_branch = {span_id_of(otel[f"b{i}"]): i for i in range(4)}
    for chat in chats:
        opper_parent = (chat.attributes or {})[attrs.OPPER_PARENT_SPAN_ID]
        if opper_parent == root.span_id:
            assert parent_of(chat) == span_id_of(otel["root"])
        else:
            i = otel_branch[parent_of(chat)]  # type: ignore[index]
            assert opper_parent == branch_ids[f"b{i}"]


async def test_async_exception_and_failed_create(
    telemetry: Telemetry, span_exporter: InMemorySpanExporter, caplog: pytest.LogCaptureFixture
) -> None:
    api = SpansAPI()
    error = RuntimeError("async boom")
    with pytest.raises(RuntimeError) as raised:
        async with AsyncTrace(client=aclient_for(api), telemetry=telemetry, name="fails"):
            raise error
    assert raised.value is error
    assert api.by_name("fails")["patches"][0]["error"] == "async boom"
    failing = SpansAPI(create=401)
    async with AsyncTrace(
        client=aclient_for(failing), telemetry=telemetry, name="no-opper"
    ) as span:
        assert span.span_id is None
        assert current_opper_span_id() is None
    assert "could not create the Opper span for trace 'no-opper'" in caplog.text
    assert API_KEY not in caplog.text
    otel = finished(span_exporter)
    assert otel["fails"].status.status_code is StatusCode.ERROR
    assert otel["no-opper"].status.status_code is StatusCode.UNSET


async def test_async_decorator(spans_api: SpansAPI, telemetry: Telemetry) -> None:
    traced = AsyncTrace(client=aclient_for(spans_api), telemetry=telemetry, name="enrich")

    @traced
    async def enrich(item: str) -> str:
        assert current_opper_span_id() is not None
        return item.upper()

    @traced
    async def broken() -> None:
        raise LookupError("missing")

    assert await asyncio.gather(enrich("a"), enrich("b")) == ["A", "B"]
    with pytest.raises(LookupError):
        await broken()
    outputs = sorted(str(s["patches"][0].get("output")) for s in spans_api.spans.values())
    assert outputs == ["A", "B", "None"]

    def sync_function() -> None:
        pass

    with pytest.raises(TypeError, match="async functions only"):
        traced(sync_function)  # type: ignore[arg-type]


def test_the_api_key_is_in_no_span(
    tracer_provider: TracerProvider,
    span_exporter: InMemorySpanExporter,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    spans_api = SpansAPI()
    with Opper(
        api_key=API_KEY,
        base_url=BASE_URL,
        transport=httpx.MockTransport(spans_api),
        tracer_provider=tracer_provider,
        capture_content=True,
    ) as opper:
        with opper.trace("t", input={"q": 1}, meta={"m": 1}, tags={"k": "v"}):
            opper.call("c", input="x", instructions="y")
        with pytest.raises(ZeroDivisionError), opper.trace("err"):
            _ = 1 / 0
    spans = span_exporter.get_finished_spans()
    assert len(spans) == 3
    for text in [span.to_json() for span in spans] + [caplog.text]:
        assert API_KEY not in text
    for stored in spans_api.spans.values():
        assert API_KEY not in json.dumps(stored)


# -- the workflow span: propagation, sessions, content -------------------------------------


def traceparent_span_id(request: httpx.Request) -> int:
    return int(request.headers["traceparent"].split("-")[2], 16)


def test_the_spans_requests_carry_the_workflow_spans_traceparent(
    spans_api: SpansAPI, tracer_provider: TracerProvider, span_exporter: InMemorySpanExporter
) -> None:
    with (
        Opper(
            api_key=API_KEY,
            base_url=BASE_URL,
            transport=httpx.MockTransport(spans_api),
            tracer_provider=tracer_provider,
        ) as opper,
        opper.trace("flow"),
    ):
        opper.call("step", input=1)
    create, call, update = spans_api.requests
    spans = finished(span_exporter)
    assert traceparent_span_id(create) == span_id_of(spans["flow"])
    assert traceparent_span_id(update) == span_id_of(spans["flow"])
    assert traceparent_span_id(call) == span_id_of(spans["chat step"])
    # The bookkeeping requests have no spans of their own: the workflow and the call only.
    assert sorted(spans) == ["chat step", "flow"]


async def test_async_spans_requests_carry_the_workflow_spans_traceparent(
    spans_api: SpansAPI, tracer_provider: TracerProvider, span_exporter: InMemorySpanExporter
) -> None:
    async with async_client(spans_api, tracer_provider) as opper, opper.trace("flow"):
        pass
    create, update = spans_api.requests
    flow = span_id_of(finished(span_exporter)["flow"])
    assert traceparent_span_id(create) == traceparent_span_id(update) == flow


def test_session_and_user_label_the_workflow_and_every_call_inside(
    spans_api: SpansAPI, tracer_provider: TracerProvider, span_exporter: InMemorySpanExporter
) -> None:
    with Opper(
        api_key=API_KEY,
        base_url=BASE_URL,
        transport=httpx.MockTransport(spans_api),
        tracer_provider=tracer_provider,
    ) as opper:
        with opper.trace("chat-turn", session_id="conv-9", user_id="u-7"):
            opper.call("answer", input=1)
            with opper.trace("lookup"):  # names neither: inherits both
                opper.call("search", input=2)
            with opper.trace("as-admin", user_id="admin"):  # keeps the session
                opper.call("audit", input=3)
        opper.call("after", input=4)
    spans = finished(span_exporter)
    expected = {
        attrs.GEN_AI_CONVERSATION_ID: "conv-9",
        attrs.SESSION_ID: "conv-9",
        attrs.USER_ID: "u-7",
    }
    for name in ("chat-turn", "chat answer", "lookup", "chat search"):
        attributes = spans[name].attributes or {}
        assert {key: attributes.get(key) for key in expected} == expected, name
    for name in ("as-admin", "chat audit"):
        attributes = spans[name].attributes or {}
        assert attributes[attrs.USER_ID] == "admin", name
        assert attributes[attrs.SESSION_ID] == "conv-9", name
    assert not set(expected) & set(spans["chat after"].attributes or {})
    meta = spans_api.by_name("chat-turn")["meta"]
    assert (meta["session_id"], meta["user_id"]) == ("conv-9", "u-7")
    assert "session_id" not in spans_api.by_name("lookup")["meta"]


def test_content_capture_records_the_trace_input_and_output(
    spans_api: SpansAPI, tracer_provider: TracerProvider, span_exporter: InMemorySpanExporter
) -> None:
    for capture in (True, False):
        telemetry = Telemetry(
            tracer_provider=tracer_provider,
            capture_content=capture,
            server_address="api.opper.test",
            server_port=443,
        )
        name = f"capture-{capture}"
        with Trace(
            client=client_for(spans_api), telemetry=telemetry, name=name, input={"order": 7}
        ) as span:
            span.set_output("shipped")
        attributes = finished(span_exporter)[name].attributes or {}
        content = {key: attributes.get(key) for key in (attrs.INPUT_VALUE, attrs.OUTPUT_VALUE)}
        if capture:
            assert content == {attrs.INPUT_VALUE: '{"order": 7}', attrs.OUTPUT_VALUE: "shipped"}
            assert attributes[attrs.INPUT_MIME_TYPE] == "application/json"
            assert attributes[attrs.OUTPUT_MIME_TYPE] == "text/plain"
        else:
            assert content == {attrs.INPUT_VALUE: None, attrs.OUTPUT_VALUE: None}


# -- every exit ends what the entry started (issue 19) ----------------------------------------


def _sdk() -> tuple[TracerProvider, InMemorySpanExporter]:
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider, exporter


def _closed_spans(emulator: Any, span_id: str) -> list[Any]:
    return [
        r for r in emulator.requests if r.method == "PATCH" and r.path == f"/v2/spans/{span_id}"
    ]


@pytest.mark.parametrize("how", ["move_on_after", "fail_after", "cancel_scope", "task_cancel"])
async def test_a_cancelled_trace_ends_restores_and_closes_its_opper_span(
    emulator: Any, how: str
) -> None:
    """Starlette cancels a streaming response through an anyio cancel scope, which cancels again
    at every await inside it: the trace's exit must still end its span, restore the context and
    close the Opper span."""
    import anyio

    provider, exporter = _sdk()
    outer = trace.get_current_span()
    handles: list[Any] = []
    async with AsyncOpper(
        api_key="test", base_url=emulator.base_url, tracer_provider=provider
    ) as opper:
        await opper.models.list()  # a warm connection: the cancel lands inside the block

        async def block() -> None:
            async with opper.trace("cancelled") as span:
                handles.append(span)
                await anyio.sleep(5)

        if how == "move_on_after":
            with anyio.move_on_after(0.3):
                await block()
        elif how == "fail_after":
            with pytest.raises(TimeoutError), anyio.fail_after(0.3):
                await block()
        elif how == "cancel_scope":
            async with anyio.create_task_group() as group:
                group.start_soon(block)
                await anyio.sleep(0.3)
                group.cancel_scope.cancel()
        else:
            task = asyncio.ensure_future(block())
            await asyncio.sleep(0.3)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            await asyncio.sleep(0.2)  # the closing request finishes in the background
        assert trace.get_current_span() is outer
        assert current_opper_span_id() is None
    (span,) = handles
    (ended,) = [s for s in exporter.get_finished_spans() if s.name == "invoke_workflow cancelled"]
    assert ended.end_time is not None
    assert ended.status.status_code is StatusCode.ERROR
    (patch,) = _closed_spans(emulator, span.span_id)
    assert patch.json["end_time"]
    assert patch.json["error"]


async def test_a_trace_cancelled_while_it_opens_ends_and_restores(emulator: Any) -> None:
    import anyio

    provider, exporter = _sdk()
    outer = trace.get_current_span()
    slow = {"X-Emulator-Fault": "delay-first=2;only=create_span"}
    async with AsyncOpper(
        api_key="test", base_url=emulator.base_url, tracer_provider=provider, default_headers=slow
    ) as opper:
        with anyio.move_on_after(0.2):
            async with opper.trace("opening"):
                pytest.fail("the block must not run")
        assert trace.get_current_span() is outer
        assert current_opper_span_id() is None
    (ended,) = [s for s in exporter.get_finished_spans() if s.name == "invoke_workflow opening"]
    assert ended.end_time is not None


def test_a_keyboard_interrupt_ends_a_sync_trace(emulator: Any) -> None:
    provider, exporter = _sdk()
    with Opper(api_key="test", base_url=emulator.base_url, tracer_provider=provider) as opper:
        with pytest.raises(KeyboardInterrupt), opper.trace("interrupted") as span:
            raise KeyboardInterrupt
        assert current_opper_span_id() is None
    (ended,) = [s for s in exporter.get_finished_spans() if s.name == "invoke_workflow interrupted"]
    assert ended.status.status_code is StatusCode.ERROR
    assert _closed_spans(emulator, str(span.span_id))


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_an_opper_outage_costs_a_trace_one_attempt(emulator: Any, mode: str) -> None:
    """The trace's span creation is sent once, never retried: an outage delays the block by one
    attempt, and the block runs without the Opper span."""
    fault = {"X-Emulator-Fault": "status=503;only=create_span"}
    options = {"api_key": "test", "base_url": emulator.base_url, "default_headers": fault}
    before = len(emulator.requests)

    async def arun() -> Any:
        async with AsyncOpper(**options) as aopper, aopper.trace("outage") as span:
            return span

    if mode == "async":
        span = asyncio.run(arun())
    else:
        with Opper(**options) as opper, opper.trace("outage") as span:
            pass
    creates = [r for r in emulator.requests[before:] if r.path == "/v2/spans"]
    assert len(creates) == 1
    assert span.span_id is None
