"""The official v2 SDK (``opperai==1.7.2``, Speakeasy-generated, written by nobody here) driven
against the emulator, for every operation both support, sync and async, streams included.

The SDK validates every answer into its pydantic models (``ResponseValidationError`` when one
does not fit) and every stream event into ``FunctionStreamCallStreamPostResponseBody``, so an
answer of the emulator that the real API's own client could not read fails here. The stream
shapes the emulator can send (``span_id`` alone, beside the first delta or last; ``id``/
``event``/``retry`` lines; prefixed ``json_path``s) all go through the SDK's decoder.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import opperai
import pytest
import yaml
from opperai import Opper as OfficialOpper
from opperai import errors as official_errors
from opperai import models as official_models

from opper_emulator import Emulator

KEY = "official-sdk-key"
SPEC: dict[str, Any] = yaml.safe_load(
    (Path(__file__).resolve().parent.parent / "openapi.yaml").read_text()
)
SUM = {"type": "object", "properties": {"sum": {"type": "integer"}}}
SHAPES = ["span-id=alone", "span-id=first-delta", "span-id=last; event-fields=on"]


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    server = Emulator(api_key=KEY)
    with server:
        yield server


class Driver:
    """Runs an SDK method as is (sync) or as its ``*_async`` twin (async)."""

    def __init__(self, mode: str) -> None:
        self.mode = mode

    async def __call__(self, method: Callable[..., Any], **kwargs: Any) -> Any:
        if self.mode == "sync":
            return method(**kwargs)
        twin: Callable[..., Awaitable[Any]] = getattr(method.__self__, method.__name__ + "_async")
        return await twin(**kwargs)

    async def events(self, method: Callable[..., Any], **kwargs: Any) -> list[Any]:
        """Every event of a stream operation, read to its end."""
        response = await self(method, **kwargs)
        if self.mode == "sync":
            with response.result as stream:
                return list(stream)
        async with response.result as stream:
            return [event async for event in stream]


@pytest.fixture
async def sdk(emulator: Emulator, run: Driver) -> AsyncIterator[OfficialOpper]:
    """The official client; closed the way its mode needs (each mode has its own pool)."""
    emulator.reset()
    client = OfficialOpper(http_bearer=KEY, server_url=emulator.base_url)
    if run.mode == "sync":
        with client:
            yield client
    else:
        async with client:
            yield client


@pytest.fixture(params=["sync", "async"])
def run(request: pytest.FixtureRequest) -> Driver:
    return Driver(request.param)


def assemble(events: list[Any]) -> tuple[str | None, str, dict[str, Any]]:
    """The span id, the text and the structured output of a stream's events (flat paths)."""
    span_id, text, output = None, "", {}
    for event in events:
        chunk = event.data
        span_id = span_id or chunk.span_id
        if chunk.chunk_type == "text":
            text += chunk.delta
        elif chunk.chunk_type == "json":
            key = chunk.json_path.removeprefix("response.")
            output[key] = (
                output.get(key, "") + chunk.delta if isinstance(chunk.delta, str) else chunk.delta
            )
    return span_id, text, output


async def test_call_and_spans(sdk: OfficialOpper, run: Driver, emulator: Emulator) -> None:
    root = await run(sdk.spans.create, name="checkout", input={"order": 1}, meta={"k": "v"})
    result = await run(
        sdk.call,
        name="add",
        input={"x": 1, "y": 3},
        output_schema=SUM,
        parent_span_id=root.id,
        model={"name": "openai/gpt-4o-mini", "options": {"temperature": 0}},
        configuration={"invocation.cache.ttl": 60},
        tags={"user": "u1"},
    )
    assert result.json_payload == {"sum": 4}
    # The same call within the ttl answers from the cache (model and input make the key).
    again = await run(
        sdk.call,
        name="add",
        input={"x": 1, "y": 3},
        output_schema=SUM,
        model={"name": "openai/gpt-4o-mini", "options": {"temperature": 0}},
        configuration={"invocation.cache.ttl": 60},
    )
    assert again.cached is True
    text = await run(sdk.call, name="greet", input="Ann", model={"provider": "free-form"})
    assert text.message == "Emulated reply to greet: Ann"

    fetched = await run(sdk.spans.get, span_id=result.span_id)
    assert fetched.parent_id == root.id
    assert fetched.trace_id == root.trace_id
    updated = await run(sdk.spans.update, span_id=root.id, output="done", end_time=None)
    assert updated.output == "done"
    feedback = await run(sdk.spans.submit_feedback, span_id=result.span_id, score=1.0,
                         save_to_dataset=True)  # fmt: skip
    assert feedback.example_saved is True
    saved = await run(sdk.spans.save_examples, span_id=result.span_id)
    assert saved.dataset_entry_id
    assert (await run(sdk.spans.get, span_id=result.span_id)).feedback.score == 1.0

    metric = await run(sdk.span_metrics.create_metric, span_id=root.id, dimension="q", value=0.5)
    listed = await run(sdk.span_metrics.list, span_id=root.id)
    assert [m.id for m in listed.data] == [metric.id]
    got = await run(sdk.span_metrics.get, span_id=root.id, metric_id=metric.id)
    assert got.value == 0.5
    changed = await run(sdk.span_metrics.update_metric, span_id=root.id, metric_id=metric.id,
                        comment="fine")  # fmt: skip
    assert changed.comment == "fine"

    traces = await run(sdk.traces.list, limit=10)
    assert root.trace_id in [trace.id for trace in traces.data]
    trace = await run(sdk.traces.get, trace_id=root.trace_id)
    assert {span.id for span in trace.spans} == {root.id, result.span_id}
    assert trace.spans[0].metrics[0].dimension == "q"
    assert trace.total_tokens == result.usage["total_tokens"]

    await run(sdk.span_metrics.delete, span_id=root.id, metric_id=metric.id)
    await run(sdk.spans.delete, span_id=result.span_id)
    with pytest.raises(official_errors.NotFoundError) as raised:
        await run(sdk.spans.get, span_id=result.span_id)
    assert raised.value.data.detail == "Span not found"
    models = await run(sdk.language_models.list)
    assert models.meta.total_count == len(models.data)
    assert {request.operation_id for request in emulator.requests} >= {
        "call", "create_span", "get_span", "update_span", "delete_span", "save_span_examples",
        "submit_span_feedback", "create_span_metric", "list_span_metrics", "get_span_metric",
        "update_span_metric", "delete_span_metric", "list_traces", "get_trace", "list_models",
    }  # fmt: skip


async def test_functions_and_revisions(sdk: OfficialOpper, run: Driver) -> None:
    function = await run(sdk.functions.create, name="adder", instructions="Add.",
                         output_schema=SUM, model="openai/gpt-4o-mini")  # fmt: skip
    assert function.configuration.invocation_cache_ttl == 0
    assert (await run(sdk.functions.get, function_id=function.id)).name == "adder"
    assert (await run(sdk.functions.get_by_name, name="adder")).id == function.id
    listed = await run(sdk.functions.list, name="adder")
    assert [f.id for f in listed.data] == [function.id]
    updated = await run(sdk.functions.update, function_id=function.id, description="sums")
    assert updated.revision_id != function.revision_id
    revisions = await run(sdk.functions.revisions.list, function_id=function.id)
    assert [r.id for r in revisions.data] == [updated.revision_id, function.revision_id]
    old = await run(sdk.functions.get_by_revision, function_id=function.id,
                    revision_id=function.revision_id)  # fmt: skip
    assert old.description is None

    called = await run(sdk.functions.call, function_id=function.id, input={"x": 2, "y": 2})
    assert called.json_payload == {"sum": 4}
    assert called.cached is False
    by_revision = await run(sdk.functions.call_revision, function_id=function.id,
                            revision_id=function.revision_id, input={"x": 1, "y": 1})  # fmt: skip
    assert by_revision.json_payload == {"sum": 2}
    # A stored function's stream sends text deltas only (the SDK's model has a string delta and
    # span_id): a structured result comes as its JSON text.
    revision = {"revision_id": function.revision_id}
    for method, extra in ((sdk.functions.stream, {}), (sdk.functions.stream_revision, revision)):
        events = await run.events(method, function_id=function.id, input={"x": 3, "y": 4}, **extra)
        assert events[0].data.span_id
        assert json.loads("".join(event.data.delta or "" for event in events)) == {"sum": 7}

    with pytest.raises(official_errors.ConflictError):
        await run(sdk.functions.create, name="adder", instructions="Again.")
    await run(sdk.functions.delete, function_id=function.id)
    with pytest.raises(official_errors.NotFoundError):
        await run(sdk.functions.get, function_id=function.id)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("paths", ["json-path=plain", "json-path=response"])
async def test_streams_in_every_shape(
    sdk: OfficialOpper, run: Driver, shape: str, paths: str
) -> None:
    headers = {"X-Emulator-Fault": f"{shape}; {paths}"}
    events = await run.events(sdk.stream, name="add", input={"x": 5, "y": 6}, output_schema=SUM,
                              http_headers=headers)  # fmt: skip
    span_id, _, output = assemble(events)
    assert span_id
    assert output == {"sum": 11}
    events = await run.events(sdk.stream, name="greet", input="Bo", http_headers=headers)
    span_id, text, _ = assemble(events)
    assert span_id
    assert text == "Emulated reply to greet: Bo"
    if "event-fields" in shape:
        assert events[0].retry == 3000
        assert [event.id for event in events] == [str(n) for n in range(1, len(events) + 1)]


@pytest.mark.parametrize(
    ("fault", "error", "status"),
    [
        ("error=StructuredGenerationError", official_errors.BadRequestError, 400),
        ("error=HTTPException", official_errors.APIError, 403),
        ("error=NotFoundError; detail=Trace not found", official_errors.NotFoundError, 404),
        ("error=RequestValidationError", official_errors.RequestValidationError, 422),
        ("status=500", official_errors.APIError, 500),
    ],
)
async def test_documented_errors_parse(
    sdk: OfficialOpper, run: Driver, fault: str, error: type[Exception], status: int
) -> None:
    with pytest.raises(error) as raised:
        await run(sdk.call, name="t", input="x", http_headers={"X-Emulator-Fault": fault})
    assert raised.value.status_code == status  # type: ignore[attr-defined]


# The spec against the SDK's own code: every operation and schema that names its SDK counterpart
# (``x-sdk-operation``, ``x-sdk-model``) has its path, method, property names and required-ness.


def _sdk_routes() -> dict[str, tuple[str, str]]:
    """Each SDK operation id: (HTTP method, path), read from the SDK's request builders."""
    routes: dict[str, tuple[str, str]] = {}
    for source in Path(opperai.__file__).parent.glob("*.py"):
        text = source.read_text()
        for method, path, operation_id in re.findall(
            r'method="(\w+)",\s*path="([^"]+)".*?operation_id="([^"]+)"', text, re.S
        ):
            routes[operation_id] = (method, path)
    return routes


def test_operations_are_the_sdks() -> None:
    routes = _sdk_routes()
    named = 0
    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "x-sdk-operation" not in operation:
                continue
            named += 1
            assert routes[operation["x-sdk-operation"]] == (method.upper(), path), path
    operations = [
        op for item in SPEC["paths"].values() for op in item.values() if "responses" in op
    ]
    assert named == len(operations) == 28


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = SPEC["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _shape(schema: dict[str, Any]) -> tuple[set[str], set[str]]:
    """A schema's property names and required ones, through ``allOf``."""
    schema = _resolve(schema)
    names, required = set(schema.get("properties", {})), set(schema.get("required", ()))
    for branch in schema.get("allOf", ()):
        more_names, more_required = _shape(branch)
        names |= more_names
        required |= more_required
    return names, required


def _sdk_model(label: str) -> Any:
    first = label.split(" ")[0]
    paginated = re.fullmatch(r"PaginatedResponse\[(\w+)\]", first)
    name = f"PaginatedResponse{paginated.group(1)}" if paginated else first
    return getattr(official_models, name)


@pytest.mark.parametrize(
    "name",
    # ModelChoice is the SDK's TModel, a union, not a model with fields.
    sorted(
        n
        for n, s in SPEC["components"]["schemas"].items()
        if "x-sdk-model" in s and "anyOf" not in s
    ),
)
def test_schemas_have_the_sdk_models_fields(name: str) -> None:
    schema = SPEC["components"]["schemas"][name]
    model = _sdk_model(schema["x-sdk-model"])
    fields = {info.alias or field: info for field, info in model.model_fields.items()}
    names, required = _shape(schema)
    # The spec keeps the older name of the evaluation switch beside the SDK's keys.
    assert names - {"beta.evaluation.enabled"} == set(fields), name
    assert required == {key for key, info in fields.items() if info.is_required()}, name
