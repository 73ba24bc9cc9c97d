"""Drives Opper's official v3 SDK (PyPI ``opperai`` 2.1.1, written by nobody here) against a
running emulator, sync and async. ``tests/test_official_sdk_v3.py`` runs it in a venv of its own
(``.venv-sdk3``): the SDK's package name clashes with the v2 SDK's (``opperai`` 1.7.2) in the dev
extra. Every answer must parse in the SDK's own types, and its values are checked::

    OPPER_BASE_URL=http://127.0.0.1:PORT OPPER_API_KEY=KEY .venv-sdk3/bin/python \\
        tests/official_sdk_v3_driver.py

It prints one JSON object, the ids the test then looks up on the emulator's side, and exits 0;
a failed check ends it with the AssertionError's traceback (exit 1). Where SDK 2.1.1 reads an
answer differently from the v3 spec (``traces.get`` reads the trace at the top level, the spec
and Opper's TypeScript SDK under ``data``; ``generations.list`` reads ``meta.total_count``, the
spec has ``meta.total``), the emulator follows the spec and the check says so.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import json
import os
import sys
import warnings
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from opperai import Opper
from opperai._beta import BetaWarning
from opperai.types import (
    ApiError,
    AuthenticationError,
    BadRequestError,
    CompleteChunk,
    ContentChunk,
    CreateSpanResponse,
    DoneChunk,
    ErrorChunk,
    FunctionDetails,
    FunctionInfo,
    FunctionRevision,
    GenerationsListResponse,
    GetSpanResponse,
    GetTraceResponse,
    HealthResponse,
    InternalServerError,
    ListTracesResponse,
    ModelInfo,
    ModelsResponse,
    NotFoundError,
    RateLimitError,
    RequestOptions,
    ResponseMeta,
    RevisionInfo,
    RunResponse,
    ToolCallDeltaChunk,
    ToolCallStartChunk,
    UsageInfo,
    WebSearchResponse,
    _from_dict,
)

SUM = {"type": "object", "properties": {"sum": {"type": "integer"}}, "required": ["sum"]}
TOTAL = {"type": "object", "properties": {"total": {"type": "integer"}}, "required": ["total"]}
SEARCH = {
    "name": "search",
    "description": "Search the web",
    "parameters": {"type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]},
}


@dataclasses.dataclass
class Sum:
    sum: int


def fault(spec: str) -> RequestOptions:
    return RequestOptions(headers={"X-Emulator-Fault": spec})


def check_run(result: Any, name: str) -> ResponseMeta:
    """A call's answer: a ``RunResponse`` whose ``meta`` parses as the SDK's ``ResponseMeta``."""
    assert isinstance(result, RunResponse), result
    meta = _from_dict(ResponseMeta, result.meta)
    assert meta.function_name == name, meta
    assert (meta.llm_calls, meta.tts_calls, meta.image_gen_calls) == (1, 0, 0)
    assert isinstance(meta.cost, float), meta.cost
    assert meta.cost > 0
    usage = _from_dict(UsageInfo, meta.usage)
    assert usage.input_tokens > 0
    assert usage.output_tokens > 0
    assert meta.models_used == ["azure/gpt-4o-eu"]
    return meta


def check_stream(chunks: list[Any], *, tools: bool) -> CompleteChunk[Any]:
    """A whole stream: content, then (with tools) one tool call, then done and complete."""
    content = [chunk for chunk in chunks if isinstance(chunk, ContentChunk)]
    deltas = [chunk for chunk in chunks if isinstance(chunk, ToolCallDeltaChunk)]
    calls = [ToolCallStartChunk, *[ToolCallDeltaChunk] * len(deltas)] if tools else []
    expected = [*[ContentChunk] * len(content), *calls, DoneChunk, CompleteChunk]
    assert [type(chunk) for chunk in chunks] == expected, chunks
    assert content
    done, complete = chunks[-2], chunks[-1]
    meta = _from_dict(ResponseMeta, complete.meta)
    assert isinstance(done.usage, UsageInfo)
    assert done.usage == _from_dict(UsageInfo, meta.usage)
    assert isinstance(meta.cost, float)
    text = "".join(chunk.delta for chunk in content)
    if isinstance(complete.data, str):
        assert text == complete.data
    else:
        assert json.loads(text) == complete.data  # structured output: its JSON text
    if not tools:
        assert meta.tool_calls is None
        return complete
    start = chunks[len(content)]
    assert (start.tool_call_index, start.tool_call_name) == (0, "search")
    assert start.tool_call_id.startswith("call_")
    assert {delta.tool_call_index for delta in deltas} == {0}
    arguments = "".join(delta.tool_call_args for delta in deltas)
    assert isinstance(json.loads(arguments)["q"], str)
    assert meta.tool_calls == [{"id": start.tool_call_id, "name": "search", "arguments": arguments}]
    return complete


E = TypeVar("E", bound=BaseException)


def raises(cls: type[E], call: Callable[[], Any]) -> E:
    """The ``cls`` exception ``call()`` raises; an AssertionError when it raises none."""
    try:
        call()
    except cls as exc:
        return exc
    raise AssertionError(f"{call} raised no {cls.__name__}")


async def araises(cls: type[E], call: Callable[[], Awaitable[Any]]) -> E:
    try:
        await call()
    except cls as exc:
        return exc
    raise AssertionError(f"{call} raised no {cls.__name__}")


def check_error(exc: ApiError, status: int, code: str) -> None:
    assert exc.status == status, exc.status
    assert exc.error is not None, exc.body
    assert exc.error["code"] == code, exc.error


def sync_run(prefix: str) -> dict[str, Any]:
    opper = Opper()  # OPPER_BASE_URL (the emulator's root) and OPPER_API_KEY
    report: dict[str, Any] = {}

    # Calls
    greet = f"{prefix}greet"
    result = opper.call(greet, input="Ann")
    check_run(result, greet)
    assert result.data == f"Emulated reply to {greet}: Ann"
    added = opper.call(f"{prefix}add", input={"x": 1, "y": 3}, output_schema=Sum)
    assert added.data == Sum(sum=4)  # the SDK's own parsing into the dataclass
    check_run(added, f"{prefix}add")

    # Streams: every chunk type the SDK knows
    agent = f"{prefix}agent"
    chunks = list(opper.stream(agent, input="find opper", tools=[SEARCH]))
    complete = check_stream(chunks, tools=True)
    assert complete.data == f"Emulated reply to {agent}: find opper"
    complete = check_stream(
        list(opper.stream(f"{prefix}add", input={"x": 2, "y": 3}, output_schema=SUM)), tools=False
    )
    assert complete.data == {"sum": 5}
    broken = list(opper.functions.stream(greet, {"input": "x"}, options=fault("error-after=2")))
    assert [type(chunk) for chunk in broken] == [ContentChunk, ContentChunk, ErrorChunk]
    assert broken[-1].error == "emulated: emulated failure after 2 events"
    failed = raises(
        InternalServerError,
        lambda: list(opper.functions.stream(greet, {"input": "x"}, options=fault("status=500"))),
    )
    check_error(failed, 500, "internal")

    # trace(): spans made by the SDK, calls inside pick up the parent
    with opper.trace(
        f"{prefix}pipeline", input="start", meta={"team": "a"}, tags={"env": "t"}
    ) as root:
        first = opper.call(f"{prefix}step", input="one")
        with opper.trace(f"{prefix}inner") as child:
            second = opper.call(f"{prefix}step", input="two")
    assert first.meta["trace_uuid"] == root.trace_id
    assert second.meta["trace_uuid"] == root.trace_id
    assert child.trace_id == root.trace_id
    report.update(root=root.id, child=child.id, trace=root.trace_id)
    span = opper.spans.get(root.id)
    assert isinstance(span, GetSpanResponse)
    assert (span.id, span.name, span.input, span.trace_id) == (
        root.id,
        f"{prefix}pipeline",
        "start",
        root.trace_id,
    )
    assert (span.meta, span.tags, span.status) == ({"team": "a"}, {"env": "t"}, "success")
    assert span.end_time is not None
    inner = opper.spans.get(child.id)
    assert (inner.parent_id, inner.trace_id, inner.status) == (root.id, root.trace_id, "success")
    listed = opper.traces.list(name=f"{prefix}pipeline")
    assert isinstance(listed, ListTracesResponse)
    assert [(item.id, item.span_count, item.status) for item in listed.data] == [
        (root.trace_id, 4, "success")
    ]
    assert listed.meta["total"] == 1
    got = opper.traces.get(root.trace_id)
    assert isinstance(got, GetTraceResponse)
    assert (got.id, got.spans) == ("", [])  # SDK 2.1.1 reads the top level; the spec nests in data

    # Spans
    created = opper.spans.create(name=f"{prefix}manual", input="in", start_time=datetime.now(UTC))
    assert isinstance(created, CreateSpanResponse)
    assert created.name == f"{prefix}manual"
    opper.spans.update(created.id, output="out", end_time=datetime.now(UTC), metadata={"k": 1})
    span = opper.spans.get(created.id)
    assert (span.input, span.output, span.metadata, span.status) == (
        "in",
        "out",
        {"k": 1},
        "success",
    )
    opper.spans.update(created.id, error="boom")
    assert opper.spans.get(created.id).status == "error"
    opper.spans.delete(created.id)
    check_error(raises(NotFoundError, lambda: opper.spans.get(created.id)), 404, "not_found")

    # Functions by name: revisions, revert, update, run, examples, delete
    infos = opper.functions.list()
    assert all(isinstance(info, FunctionInfo) and info.has_script for info in infos)
    assert {f"{prefix}greet", f"{prefix}add", f"{prefix}agent", f"{prefix}step"} <= {
        info.name for info in infos
    }
    details = opper.functions.get(f"{prefix}add")
    assert isinstance(details, FunctionDetails)
    assert details.output_schema["properties"] == {"sum": {"type": "integer"}}
    assert details.hit_count == 1  # the second call with these schemas
    opper.call(f"{prefix}add", input={"x": 1}, output_schema=TOTAL)  # other schemas: revision 2
    revisions = opper.functions.list_revisions(f"{prefix}add")
    assert all(isinstance(revision, RevisionInfo) for revision in revisions)
    assert [(r.revision_id, r.is_current) for r in revisions] == [(2, True), (1, False)]
    first_revision = opper.functions.get_revision(f"{prefix}add", 1)
    assert isinstance(first_revision, FunctionRevision)
    assert first_revision.schema_hash == details.schema_hash
    reverted = opper.functions.revert_revision(f"{prefix}add", 1)
    assert (reverted.schema_hash, reverted.source) == (details.schema_hash, first_revision.source)
    updated = opper.functions.update(f"{prefix}add", source="def main(input):\n    return input\n")
    assert updated.source == "def main(input):\n    return input\n"
    assert opper.functions.list_revisions(f"{prefix}add")[0].revision_id == 3
    run = opper.functions.run(f"{prefix}add", {"input": {"x": 2, "y": 2}, "output_schema": SUM})
    assert run.data == {"sum": 4}
    classify = f"{prefix}classify"
    example = opper.functions.create_example(
        classify, input={"t": "a"}, output={"c": 1}, tag="golden"
    )
    assert (example["input"], example["output"], example["tag"]) == ({"t": "a"}, {"c": 1}, "golden")
    batch = opper.functions.create_examples_batch(
        classify, [{"input": {"t": "b"}, "output": {"c": 2}}]
    )
    assert [e["output"] for e in batch["examples"]] == [{"c": 2}]
    assert opper.functions.list_examples(classify, tag="golden") == [example]
    assert len(opper.functions.list_examples(classify)) == 2
    schema = {"type": "object", "properties": {"c": {"type": "integer"}}}
    assert opper.call(classify, input={"t": "b"}, output_schema=schema).data == {"c": 2}
    opper.functions.delete_example(classify, example["uuid"])
    assert len(opper.functions.list_examples(classify)) == 1
    opper.functions.delete(greet)
    check_error(raises(NotFoundError, lambda: opper.functions.get(greet)), 404, "not_found")

    # Models (no key needed), generations, health, a beta tool
    models = Opper(api_key="not-the-key").models.list()
    assert isinstance(models, ModelsResponse)
    assert all(isinstance(model, ModelInfo) for model in models.models)
    assert "openai/gpt-4o" in {model.id for model in models.models}
    assert {model.provider for model in models.models} >= {"openai", "anthropic"}
    page = opper.generations.list(query=prefix, page_size=2)
    assert isinstance(page, GenerationsListResponse)
    assert (page.meta.page, page.meta.page_size, len(page.data)) == (1, 2, 2)
    assert page.meta.total_pages >= 2
    generation = opper.generations.get(page.data[0]["id"])
    assert generation["function_name"].startswith(prefix)
    assert opper.generations.delete(generation["id"]) == {"deleted": True}
    health = opper.system.health()
    assert health == HealthResponse(status="ok")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = opper.beta.web.search(query="opper")
    assert isinstance(found, WebSearchResponse)
    assert found.results
    assert all(result.title and result.url and result.snippet for result in found.results)
    assert [warning.category for warning in caught] == [BetaWarning]

    # Errors, each as the SDK's own exception with v3's error body
    wrong = Opper(api_key="wrong-key")
    refused = raises(AuthenticationError, lambda: wrong.call("x", input=1))
    assert refused.error == {
        "code": "unauthorized",
        "message": "Invalid API key",
        "details": "Invalid API key",
    }
    integer = {"type": "object", "properties": {"a": {"type": "integer"}}}
    invalid = raises(
        BadRequestError, lambda: opper.call("x", input={"a": "b"}, input_schema=integer)
    )
    check_error(invalid, 400, "invalid_input")
    assert invalid.error is not None
    assert invalid.error["details"][0]["loc"] == ["body", "input", "a"]
    for spec, cls, status, code in [
        ("status=429", RateLimitError, 429, "rate_limit"),
        ("error=StructuredGenerationError", BadRequestError, 400, "structured_generation"),
        ("status=503", ApiError, 503, "service_unavailable"),
    ]:
        run_once = functools.partial(
            opper.functions.run, f"{prefix}add", {"input": 1}, options=fault(spec)
        )
        exc = raises(cls, run_once)
        check_error(exc, status, code)
    return report


async def async_run(prefix: str) -> dict[str, Any]:
    opper = Opper()
    report: dict[str, Any] = {}
    greet = f"{prefix}greet"
    result = await opper.call_async(greet, input="Ann")
    check_run(result, greet)
    assert result.data == f"Emulated reply to {greet}: Ann"
    added = await opper.call_async(f"{prefix}add", input={"x": 40, "y": 2}, output_schema=Sum)
    assert added.data == Sum(sum=42)

    chunks = [
        c async for c in await opper.stream_async(f"{prefix}agent", input="q", tools=[SEARCH])
    ]
    check_stream(chunks, tools=True)
    stream = await opper.functions.stream_async(
        f"{prefix}add", {"input": {"x": 1, "y": 1}, "output_schema": SUM}
    )
    complete = check_stream([c async for c in stream], tools=False)
    assert complete.data == {"sum": 2}
    stream = await opper.functions.stream_async(
        greet, {"input": "x"}, options=fault("error-after=1")
    )
    assert [type(c) for c in [c async for c in stream]] == [ContentChunk, ErrorChunk]

    async with opper.trace_async(f"{prefix}pipeline") as root:
        inner = await opper.call_async(f"{prefix}step", input="one")
        async with opper.trace_async(f"{prefix}inner") as child:
            await opper.call_async(f"{prefix}step", input="two")
    assert inner.meta["trace_uuid"] == root.trace_id
    report.update(root=root.id, child=child.id, trace=root.trace_id)
    span = await opper.spans.get_async(child.id)
    assert (span.parent_id, span.trace_id, span.status) == (root.id, root.trace_id, "success")
    listed = await opper.traces.list_async(name=f"{prefix}pipeline")
    assert [(item.id, item.span_count) for item in listed.data] == [(root.trace_id, 4)]

    created = await opper.spans.create_async(name=f"{prefix}manual", input="in")
    await opper.spans.update_async(created.id, output="out", end_time=datetime.now(UTC))
    assert (await opper.spans.get_async(created.id)).output == "out"
    await opper.spans.delete_async(created.id)

    details = await opper.functions.get_async(f"{prefix}add")
    assert details.name == f"{prefix}add"
    revisions = await opper.functions.list_revisions_async(f"{prefix}add")
    assert [r.revision_id for r in revisions] == [1]
    run = await opper.functions.run_async(
        f"{prefix}add", {"input": {"x": 3, "y": 4}, "output_schema": SUM}
    )
    assert run.data == {"sum": 7}
    assert f"{prefix}add" in {info.name for info in await opper.functions.list_async()}
    models = await Opper(api_key="not-the-key").models.list_async()
    assert models.models
    assert (await opper.system.health_async()).status == "ok"
    page = await opper.generations.list_async(query=prefix)
    assert page.data
    missing = await araises(NotFoundError, lambda: opper.spans.get_async("no-such-span"))
    check_error(missing, 404, "not_found")
    wrong = Opper(api_key="wrong-key")
    refused = await araises(AuthenticationError, lambda: wrong.call_async("x", input=1))
    check_error(refused, 401, "unauthorized")
    return report


def main() -> None:
    assert os.environ["OPPER_BASE_URL"].startswith("http://127.0.0.1:")
    # The SDK never closes its httpx clients (it has no close()); that is not what is tested.
    warnings.simplefilter("ignore", ResourceWarning)
    report = {"sync": sync_run("sync-"), "async": asyncio.run(async_run("async-"))}
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main()
