"""The contracts and the generated clients: spec validity, drift check, and the generated shapes
that ``opper_tracing`` relies on (a generator upgrade that changes them must fail here), for v2
(``openapi.yaml``) and v3 (Opper's ``openapi-v3.yaml`` with ``openapi-v3.overlay.yaml``)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename
from ruamel.yaml import YAML

from opper_api import AuthenticatedClient
from opper_api.api.call import call, call_stream
from opper_api.api.spans import create_span, delete_span, get_span, update_span
from opper_api.models import CallRequest, CallResponse, Error, StreamingChunk
from scripts.openapi_overlay import OverlayError, apply

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi.yaml"
SPEC_V3 = ROOT / "openapi-v3.yaml"
OVERLAY_V3 = ROOT / "openapi-v3.overlay.yaml"


def test_spec_is_valid_openapi() -> None:
    spec, _ = read_from_filename(str(SPEC))
    validate(spec)
    assert spec["openapi"].startswith("3.1")
    assert spec["servers"][0]["url"] == "https://api.opper.ai/v2"


def _check_generated(spec: Path, variable: str = "SPEC") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-s", "check-generated", f"{variable}={spec}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_generated_passes_on_committed_tree() -> None:
    result = _check_generated(SPEC)
    assert result.returncode == 0, result.stderr


def test_check_generated_fails_when_spec_changes(tmp_path: Path) -> None:
    changed = tmp_path / "openapi.yaml"
    shutil.copy(SPEC, changed)
    text = changed.read_text()
    anchor = "      properties:\n        delta:\n"
    assert anchor in text
    added = anchor.replace(
        "delta:", "brand_new_field:\n          type: [string, 'null']\n        delta:"
    )
    changed.write_text(text.replace(anchor, added, 1))
    result = _check_generated(changed)
    assert result.returncode != 0
    assert "make generate" in result.stderr
    assert "generated/opper_api does not match" in result.stderr
    assert "opper_api_v3" not in result.stderr


def test_check_generated_names_the_v3_package_when_the_v3_spec_changes(tmp_path: Path) -> None:
    changed = tmp_path / "openapi-v3.yaml"
    text = SPEC_V3.read_text()
    anchor = "    CallRequest:\n      properties:\n"
    assert anchor in text
    changed.write_text(text.replace(anchor, anchor + "        novel:\n          type: string\n", 1))
    result = _check_generated(changed, "SPEC_V3")
    assert result.returncode != 0
    assert "generated/opper_api_v3 does not match" in result.stderr
    assert "openapi-v3.overlay.yaml: run 'make generate'" in result.stderr
    assert "generated/opper_api does not match" not in result.stderr


def _recording_client(status: int, body: Any, seen: list[httpx.Request]) -> AuthenticatedClient:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(status, json=body)

    return AuthenticatedClient(
        base_url="https://api.opper.ai/v2",
        token="sk-test-123",
        httpx_args={"transport": httpx.MockTransport(handler)},
    )


def test_call_sends_exact_body_and_bearer_header() -> None:
    seen: list[httpx.Request] = []
    span_id = "123e4567-e89b-12d3-a456-426614174000"
    client = _recording_client(200, {"span_id": span_id, "message": "4"}, seen)
    request = CallRequest.from_dict(
        {
            "name": "add_numbers",
            "instructions": "Calculate the sum of two numbers",
            "input_schema": {"type": "object", "properties": {"x": {"type": "integer"}}},
            "input": {"x": 1, "y": 3},
            "model": [{"name": "openai/gpt-4o-mini", "options": {"temperature": 0.5}}, "b/c"],
            "examples": [{"input": {"x": 1, "y": 3}, "output": {"sum": 4}, "comment": "adds"}],
            "tags": {"project": "project_456"},
            "configuration": {"invocation.cache.ttl": 0, "custom.key": True},
        }
    )
    result = call.sync(client=client, body=request)
    (sent,) = seen
    assert sent.method == "POST"
    assert sent.url == "https://api.opper.ai/v2/call"
    assert sent.headers["Authorization"] == "Bearer sk-test-123"
    assert json.loads(sent.content) == {
        "name": "add_numbers",
        "instructions": "Calculate the sum of two numbers",
        "input_schema": {"type": "object", "properties": {"x": {"type": "integer"}}},
        "input": {"x": 1, "y": 3},
        "model": [{"name": "openai/gpt-4o-mini", "options": {"temperature": 0.5}}, "b/c"],
        "examples": [{"input": {"x": 1, "y": 3}, "output": {"sum": 4}, "comment": "adds"}],
        "tags": {"project": "project_456"},
        "configuration": {"invocation.cache.ttl": 0, "custom.key": True},
    }
    assert isinstance(result, CallResponse)
    assert str(result.span_id) == span_id
    assert result.message == "4"


def test_unset_fields_are_not_sent_and_none_is_sent_as_null() -> None:
    body = CallRequest.from_dict({"name": "t", "instructions": None}).to_dict()
    assert body == {"name": "t", "instructions": None}


# --- the private generated helpers opper_tracing builds on -------------------------------------


def test_get_kwargs_shape_for_call_and_stream() -> None:
    body = CallRequest(name="t")
    kwargs = call._get_kwargs(body=body)
    assert set(kwargs) == {"method", "url", "json", "headers"}
    assert (kwargs["method"], kwargs["url"], kwargs["json"]) == ("post", "/call", {"name": "t"})
    stream_kwargs = call_stream._get_kwargs(body=body)
    assert set(stream_kwargs) == {"method", "url", "json", "headers"}
    assert stream_kwargs["url"] == "/call/stream"
    assert stream_kwargs["headers"]["Accept"] == "text/event-stream"


def test_get_kwargs_shape_for_spans() -> None:
    span_id = "123e4567-e89b-12d3-a456-426614174000"
    assert get_span._get_kwargs(span_id)["url"] == f"/spans/{span_id}"  # type: ignore[arg-type]
    assert delete_span._get_kwargs(span_id)["method"] == "delete"  # type: ignore[arg-type]
    assert create_span._get_kwargs(body=create_span.CreateSpanRequest(name="s"))["url"] == "/spans"
    patch = update_span._get_kwargs(span_id, body=update_span.UpdateSpanRequest())  # type: ignore[arg-type]
    assert (patch["method"], patch["json"]) == ("patch", {})


@pytest.mark.parametrize("status", [400, 401, 404, 422])
def test_parse_response_returns_error_model_for_documented_codes(status: int) -> None:
    client = AuthenticatedClient(base_url="http://x", token="k")
    body = {"type": "RequestValidationError", "message": "bad", "detail": {"loc": ["name"]}}
    parsed = call._parse_response(client=client, response=httpx.Response(status, json=body))
    assert isinstance(parsed, Error)
    assert parsed.type_ == "RequestValidationError"
    assert (parsed.message, parsed.detail) == ("bad", body["detail"])


@pytest.mark.parametrize("status", [429, 500, 503])
def test_parse_response_returns_none_for_bodiless_codes(status: int) -> None:
    client = AuthenticatedClient(base_url="http://x", token="k")
    assert call._parse_response(client=client, response=httpx.Response(status, text="x")) is None


def test_streaming_chunk_keeps_unknown_chunk_types_and_fields() -> None:
    chunk = StreamingChunk.from_dict({"delta": 3, "chunk_type": "reasoning", "novel": [1]})
    assert chunk.chunk_type == "reasoning"
    assert chunk.delta == 3
    assert chunk.additional_properties == {"novel": [1]}


# --- v3: Opper's spec, vendored verbatim, and the overlay that makes it generate cleanly ---------


def _load_yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path)


def test_v3_spec_is_the_vendored_copy_its_provenance_names() -> None:
    provenance = _load_yaml(ROOT / "openapi-v3.provenance.yaml")
    assert hashlib.sha256(SPEC_V3.read_bytes()).hexdigest() == provenance["sha256"]
    assert provenance["published_at"] == "https://api.opper.ai/v3/openapi.yaml"


def test_v3_spec_is_valid_openapi_before_and_after_the_overlay() -> None:
    spec = _load_yaml(SPEC_V3)
    validate(spec)
    validate(apply(spec, _load_yaml(OVERLAY_V3)))
    assert spec["openapi"].startswith("3.1")
    assert spec["servers"][0]["url"] == "https://api.opper.ai"


def _dereferenced(node: Any, spec: dict[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """``node`` with every ``$ref`` replaced by what it points to (a cycle left as a marker)."""
    if isinstance(node, dict):
        if set(node) == {"$ref"}:
            ref = node["$ref"]
            if ref in seen:
                return {"$cycle": ref}
            target: Any = spec
            for part in ref.removeprefix("#/").split("/"):
                target = target[part]
            return _dereferenced(target, spec, (*seen, ref))
        return {key: _dereferenced(value, spec, seen) for key, value in node.items()}
    if isinstance(node, list):
        return [_dereferenced(item, spec, seen) for item in node]
    return node


def _without_client_extensions(node: Any) -> Any:
    """``node`` less the ``x-client-*`` keys: notes for the client's templates, not the API."""
    if isinstance(node, dict):
        return {
            key: _without_client_extensions(value)
            for key, value in node.items()
            if not str(key).startswith("x-client-")
        }
    if isinstance(node, list):
        return [_without_client_extensions(item) for item in node]
    return node


def test_v3_overlay_only_puts_refs_where_the_spec_repeats_a_component() -> None:
    """Read with every $ref resolved, the overlaid spec is the vendored one: the overlay changes
    names (and adds notes for the client's templates), never the API."""
    spec = _load_yaml(SPEC_V3)
    overlaid = apply(spec, _load_yaml(OVERLAY_V3))
    assert overlaid != spec
    resolved = _without_client_extensions(_dereferenced(overlaid, overlaid))
    assert resolved == _dereferenced(spec, spec)


_TINY_SPEC: dict[str, Any] = {
    "components": {
        "schemas": {"A": {"type": "object"}, "B": {"properties": {"a": {"type": "object"}}}}
    }
}


def _overlay(*actions: dict[str, Any]) -> dict[str, Any]:
    return {"overlay": "1.0.0", "info": {"title": "t", "version": "1"}, "actions": list(actions)}


def test_overlay_step_swaps_an_identical_copy_for_a_ref() -> None:
    result = apply(
        _TINY_SPEC,
        _overlay(
            {
                "target": "$.components.schemas.B.properties.a",
                "remove": True,
                "x-identical-to": "#/components/schemas/A",
            },
            {
                "target": "$.components.schemas.B.properties",
                "update": {"a": {"$ref": "#/components/schemas/A"}},
            },
        ),
    )
    assert result["components"]["schemas"]["B"] == {
        "properties": {"a": {"$ref": "#/components/schemas/A"}}
    }
    assert _TINY_SPEC["components"]["schemas"]["B"]["properties"]["a"] == {"type": "object"}


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ({"target": "$.components.schemas.Gone", "remove": True}, "matches nothing"),
        ({"target": "$.components.schemas.A", "remove": False}, "remove: true"),
        (
            {
                "target": "$.components.schemas.B",
                "remove": True,
                "x-identical-to": "#/components/schemas/A",
            },
            "no longer identical to #/components/schemas/A",
        ),
        ({"target": "components.schemas.A", "update": {}}, "invalid Overlay 1.0 document"),
    ],
)
def test_overlay_step_refuses_what_oas_patch_would_do_silently(
    action: dict[str, Any], message: str
) -> None:
    with pytest.raises(OverlayError, match=message.replace("$", r"\$")):
        apply(_TINY_SPEC, _overlay(action))


def test_v3_package_has_what_the_overlay_fixed_and_the_readable_names() -> None:
    from opper_api_v3.api.functions import call as call_v3
    from opper_api_v3.api.roundtable import create_roundtable
    from opper_api_v3.models import (
        ErrorDetail,
        ModelsResponse,
        PendingResponse,
        ResponseMeta,
        RoundtableResponse,
        RunResponse,
        Trace,
        TraceSpan,
        UsageInfo,
    )

    meta = {
        **dict.fromkeys(["execution_ms", "llm_calls", "tts_calls", "image_gen_calls"], 1),
        "function_name": "f",
        "script_cached": False,
        "usage": {"input_tokens": 3, "output_tokens": 4},
        "cost": 0.5,
    }
    result = RunResponse.from_dict({"data": {"sum": 4}, "meta": meta})
    assert isinstance(result.meta, ResponseMeta)
    assert isinstance(result.meta.usage, UsageInfo)
    assert (result.meta.usage.input_tokens, result.meta.cost) == (3, 0.5)
    client = AuthenticatedClient(base_url="https://api.opper.ai", token="k")
    pending = {
        "data": None,
        "meta": {
            "function_name": "f",
            "status": "pending",
            "execution_ms": 1,
            "pending_operations": [
                {"id": "a", "status_url": "/v3/artifacts/a/status", "type": "image"}
            ],
        },
    }
    parsed = call_v3._parse_response(client=client, response=httpx.Response(202, json=pending))
    assert isinstance(parsed, PendingResponse)
    assert parsed.meta.pending_operations[0].status_url == "/v3/artifacts/a/status"
    error = {"error": {"code": "bad_request", "message": "no", "details": {"field": "name"}}}
    parsed = call_v3._parse_response(client=client, response=httpx.Response(400, json=error))
    assert isinstance(parsed.error, ErrorDetail)  # type: ignore[union-attr]
    assert call_v3._get_kwargs(body=call_v3.CallRequest(name="f", input_=1))["url"] == "/v3/call"
    assert create_roundtable.RoundtableResponse is RoundtableResponse
    span = {"id": "s", "trace_id": "t", "name": "n"}
    trace = Trace.from_dict({"id": "t", "span_count": 1, "spans": [span]})
    assert isinstance(trace.spans[0], TraceSpan)
    model = dict.fromkeys(["id", "type", "provider", "provider_display_name", "name"], "m")
    model |= dict.fromkeys(["model_id", "speed", "quality", "description"], "m")
    model |= {"capabilities": [], "cost": 1.0, "context_window": 8}
    models = ModelsResponse.from_dict({"models": [model], "limit": 1, "offset": 0, "total": 1})
    assert type(models.models[0]).__name__ == "ModelInfo"  # type: ignore[index]


# -- a spec change reaches users with no handwritten edit ---------------------------------------

_NEW_OPERATION = """
  /widgets/{widget_id}:
    get:
      operationId: get_widget
      tags: [widgets]
      summary: Read a widget
      parameters:
        - {name: widget_id, in: path, required: true, schema: {type: string, format: uuid}}
      responses:
        '200':
          description: The widget.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Widget'}
        '5XX': {$ref: '#/components/responses/ServerError'}
"""
_WIDGET = """
    Widget:
      type: object
      required: [id, colour]
      properties:
        id: {type: string, format: uuid}
        colour: {type: string, enum: [red, blue]}
"""

_USER_CODE = r"""
import asyncio, json, sys, uuid
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opper_api.api.widgets import get_widget
from opper_emulator import Emulator
from opper_tracing import AsyncOpper, Opper, RetryPolicy

spec, out = sys.argv[1], {}
exporter = InMemorySpanExporter()
provider = TracerProvider()
provider.add_span_processor(SimpleSpanProcessor(exporter))
fault = {"X-Emulator-Fault": "fail-times=1:503; only=get_widget"}
options = dict(api_key="test", retry=RetryPolicy(initial_delay=0), tracer_provider=provider)
with Emulator(api_key="test", spec=spec) as base_url:
    with Opper(base_url=base_url, **options) as opper:
        result = opper.call("t", input="x", priority=3)
        out["trace_url"] = result.trace_url
        with opper.stream("t", input="x", priority=4) as stream:
            out["stream_text"] = stream.text + "".join(c.delta or "" for c in stream)
        try:
            opper.call("t", priorty=3)  # type: ignore[call-arg]
        except TypeError as exc:
            out["misspelt"] = str(exc)
    with Opper(base_url=base_url, default_headers=fault, **options) as opper:
        widget = opper.widgets.get(uuid.uuid4())  # the new tag's resource, generated
        out["widget"] = widget.to_dict()
        out["raw_widget"] = get_widget.sync(uuid.uuid4(), client=opper.api).to_dict()

    async def main():
        async with AsyncOpper(base_url=base_url, **options) as aopper:
            result = await aopper.call("t", input="x", priority=5)
            async with await aopper.stream("t", input="x", priority=6) as stream:
                async for _ in stream:
                    pass
            return result.trace_url

    out["async_trace_url"] = asyncio.run(main())
out["spans"] = [
    {"name": s.name, "attributes": dict(s.attributes), "parent": bool(s.parent)}
    for s in exporter.get_finished_spans()
]
print(json.dumps(out, default=str))
"""

_TYPED_USER_CODE = """\
from opper_tracing import Opper


def run(opper: Opper) -> str:
    result = opper.call("t", input="x", priority=3)
    opper.call("t", priorty=3)
    return result.trace_url
"""


# The same kind of change in Opper's v3 spec, as a refreshed openapi-v3.yaml would bring it: a
# request property, a required response property, and an operation under a tag v3 did not have.
_V3_NEW_OPERATION = """\
  /v3/gadgets/{id}:
    get:
      description: Read a gadget.
      operationId: getGadget
      parameters:
        - in: path
          name: id
          required: true
          schema:
            type: string
      responses:
        "200":
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Gadget"
          description: The gadget
        "400":
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/ErrorResponse"
          description: Bad request
      summary: Get gadget
      tags:
        - Gadgets
"""
_V3_GADGET = """\
    Gadget:
      properties:
        id:
          type: string
        colour:
          enum:
            - red
            - blue
          type: string
      required:
        - id
        - colour
      type: object
"""

_V3_USER_CODE = r"""
import json, sys
import attrs, httpx
from opper_api_v3 import AuthenticatedClient
from opper_api_v3.api.functions import call
from opper_api_v3.api.gadgets import get_gadget
from opper_api_v3.models import CallRequest, Gadget, ResponseMeta, RunResponse

seen = []
def handler(request):
    seen.append(request)
    if request.url.path == "/v3/call":
        meta = {"function_name": "t", "script_cached": False, "cost": 1}
        meta.update(dict.fromkeys(["execution_ms", "llm_calls", "tts_calls", "image_gen_calls"], 1))
        body = {"data": 4, "trace_url": "https://x/t", "meta": meta}
        return httpx.Response(200, json=body)
    return httpx.Response(200, json={"id": "g1", "colour": "red"})

transport = httpx.MockTransport(handler)
client = AuthenticatedClient(
    base_url="https://api.opper.ai", token="k", httpx_args={"transport": transport}
)
result = call.sync(client=client, body=CallRequest(name="t", input_="x", priority=3))
gadget = get_gadget.sync("g1", client=client)
print(json.dumps({
    "request_fields": [f.name for f in attrs.fields(CallRequest)],
    "response_required": [f.name for f in attrs.fields(RunResponse) if f.default is attrs.NOTHING],
    "sent": [json.loads(r.content) if r.content else None for r in seen],
    "urls": [str(r.url) for r in seen],
    "trace_url": result.trace_url,
    "meta_is_response_meta": isinstance(result.meta, ResponseMeta),
    "gadget": [type(gadget).__name__, gadget.to_dict()],
}))
"""

_V3_TYPED_USER_CODE = """\
from opper_api_v3.models import CallRequest, RunResponse


def run(response: RunResponse) -> str:
    CallRequest(name="t", input_="x", priority=3)
    CallRequest(name="t", input_="x", priorty=3)
    return response.trace_url
"""


def _change_v3_spec(spec: Path) -> None:
    text = spec.read_text()
    request_anchor = "    CallRequest:\n      properties:\n"
    response_anchor = "    RunResponse:\n      properties:\n"
    required_anchor = "      required:\n        - data\n      type: object\n    StreamOptions:\n"
    tags_anchor = "tags:\n  - description: Schema-driven function management and execution\n"
    for anchor in (
        request_anchor,
        response_anchor,
        required_anchor,
        tags_anchor,
        "  /v3/traces:\n",
    ):
        assert text.count(anchor) == 1, anchor
    text = text.replace(
        request_anchor, request_anchor + "        priority:\n          type: integer\n"
    )
    text = text.replace(
        response_anchor, response_anchor + "        trace_url:\n          type: string\n"
    )
    text = text.replace(
        required_anchor, required_anchor.replace("- data\n", "- data\n        - trace_url\n")
    )
    text = text.replace("  /v3/traces:\n", _V3_NEW_OPERATION + "  /v3/traces:\n")
    text = text.replace("components:\n  schemas:\n", "components:\n  schemas:\n" + _V3_GADGET, 1)
    text = text.replace(
        tags_anchor, "tags:\n  - description: Gadgets\n    name: Gadgets\n" + tags_anchor[6:]
    )
    spec.write_text(text)


@pytest.fixture(scope="module")
def changed_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository whose openapi.yaml and openapi-v3.yaml each gained a request
    property, a required response property and an operation (v3's under a new tag), regenerated
    with ``make generate``."""
    copy = tmp_path_factory.mktemp("repo") / "repo"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv*", ".git", "*cache*", "__pycache__", "BENCHMARKS.md"),
    )
    spec = copy / "openapi.yaml"
    text = spec.read_text()
    request_anchor = "        instructions:\n          type: [string, 'null']\n"
    response_anchor = "      required: [span_id]\n      description: The result of `POST /call`.\n"
    for anchor in (request_anchor, response_anchor, "components:\n", "  schemas:\n"):
        assert anchor in text, anchor
    text = text.replace(
        request_anchor,
        "        priority:\n          type: [integer, 'null']\n" + request_anchor,
    )
    text = text.replace(
        response_anchor,
        response_anchor.replace("[span_id]", "[span_id, trace_url]")
        + "      properties:\n        trace_url:\n          type: string\n          format: uri\n",
    )
    text = text.replace("\n      properties:\n        span_id:", "\n        span_id:", 1)
    text = text.replace("components:\n", _NEW_OPERATION.lstrip("\n") + "components:\n", 1)
    text = text.replace("  schemas:\n", "  schemas:" + _WIDGET, 1)
    spec.write_text(text)
    _change_v3_spec(copy / "openapi-v3.yaml")
    venv = ROOT / ".venv"
    subprocess.run(
        ["make", "-s", "generate", f"VENV={venv}", "-o", str(venv / "bin" / "python")],
        cwd=copy,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return copy


def _copy_env(copy: Path) -> dict[str, str]:
    import os

    paths = [copy / "tracing", copy / "generated", copy / "emulator"]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(map(str, paths))}


def test_a_spec_change_reaches_keywords_results_operations_and_spans(changed_repo: Path) -> None:
    untouched = subprocess.run(
        ["diff", "-r", "-q", "-x", "__pycache__", ROOT / "tracing", changed_repo / "tracing"],
        check=False,
    )
    assert untouched.returncode == 0, "tracing/ must be untouched"
    script = changed_repo / "user.py"
    script.write_text(_USER_CODE)
    done = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), str(script), str(changed_repo / "openapi.yaml")],
        env=_copy_env(changed_repo),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["trace_url"]
    assert out["async_trace_url"]
    assert out["stream_text"]
    assert "priorty" in out["misspelt"]
    assert "did you mean 'priority'" in out["misspelt"]
    assert out["widget"]["colour"] in ("red", "blue")
    (widget_span,) = [s for s in out["spans"] if s["name"] == "GET /widgets/{widget_id}"]
    assert widget_span["attributes"]["opper.operation.id"] == "get_widget"
    assert widget_span["attributes"]["url.template"] == "/widgets/{widget_id}"
    assert widget_span["attributes"]["http.request.method"] == "GET"
    assert widget_span["attributes"]["http.response.status_code"] == 200
    assert widget_span["attributes"]["http.request.resend_count"] == 1
    assert widget_span["attributes"]["server.address"] == "127.0.0.1"


def test_a_spec_change_reaches_the_emulator_and_the_wire(changed_repo: Path) -> None:
    script = changed_repo / "wire.py"
    script.write_text(
        "import json, sys\n"
        "from opper_emulator import Emulator\n"
        "from opper_tracing import Opper\n"
        "emulator = Emulator(api_key='test', spec=sys.argv[1])\n"
        "with emulator as base_url, Opper(api_key='test', base_url=base_url) as opper:\n"
        "    opper.call('t', priority=7)\n"
        "    with opper.stream('t', priority=8) as stream:\n"
        "        list(stream)\n"
        "print(json.dumps([r.json.get('priority') for r in emulator.requests]))\n"
    )
    done = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), str(script), str(changed_repo / "openapi.yaml")],
        env=_copy_env(changed_repo),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [7, 8]


def test_a_spec_change_reaches_the_type_checker(changed_repo: Path) -> None:
    user = changed_repo / "typed_user.py"
    user.write_text(_TYPED_USER_CODE)
    env = _copy_env(changed_repo)
    env["MYPYPATH"] = env.pop("PYTHONPATH")
    done = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "mypy"), "--strict", "--no-incremental", str(user)],
        env=env,
        cwd=changed_repo,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    errors = [line for line in done.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1, done.stdout
    assert "typed_user.py:6:" in errors[0]
    assert '"priorty"' in errors[0]


def test_a_v3_spec_change_reaches_the_generated_v3_package(changed_repo: Path) -> None:
    """The v3 half of the above, on the generated package alone (the v3 client layer builds on
    it): the new keyword is sent, the new required field is read, and the new tag's operation
    has its own module and model."""
    generated = changed_repo / "generated" / "opper_api_v3"
    assert (generated / "api" / "gadgets" / "get_gadget.py").is_file()
    assert (generated / "models" / "gadget.py").is_file()
    script = changed_repo / "v3_user.py"
    script.write_text(_V3_USER_CODE)
    done = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), str(script)],
        env={**_copy_env(changed_repo), "PYTHONPATH": str(changed_repo / "generated")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert "priority" in out["request_fields"]
    assert set(out["response_required"]) == {"data", "trace_url"}
    assert out["sent"] == [{"name": "t", "input": "x", "priority": 3}, None]
    assert out["urls"] == ["https://api.opper.ai/v3/call", "https://api.opper.ai/v3/gadgets/g1"]
    assert out["trace_url"] == "https://x/t"
    assert out["meta_is_response_meta"]
    assert out["gadget"] == ["Gadget", {"id": "g1", "colour": "red"}]


def test_a_v3_spec_change_reaches_the_type_checker(changed_repo: Path) -> None:
    user = changed_repo / "typed_v3_user.py"
    user.write_text(_V3_TYPED_USER_CODE)
    done = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "mypy"), "--strict", "--no-incremental", str(user)],
        env={**os.environ, "MYPYPATH": str(changed_repo / "generated")},
        cwd=changed_repo,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    errors = [line for line in done.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1, done.stdout
    assert "typed_v3_user.py:6:" in errors[0]
    assert '"priorty"' in errors[0]


def test_configuration_defaults_are_documented_but_never_sent() -> None:
    """A ``default:`` would be baked into the generated model and sent with every
    configuration, overriding what the function stores; the server's defaults are in
    ``x-server-default`` (and the descriptions) instead."""
    from opper_api.models import CallConfiguration

    spec, _ = read_from_filename(str(SPEC))
    properties = spec["components"]["schemas"]["CallConfiguration"]["properties"]
    assert not [key for key, schema in properties.items() if "default" in schema]
    defaults = {k: s["x-server-default"] for k, s in properties.items() if "x-server-default" in s}
    assert defaults == {
        "invocation.structured_generation.max_attempts": 5,
        "invocation.cache.ttl": 0,
        "invocation.few_shot.count": 3,
        "beta.invocation.input_validation.enabled": False,
        "beta.invocation.xml_mode.enabled": False,
    }
    assert CallConfiguration().to_dict() == {}
    sent = CallConfiguration.from_dict({"invocation.cache.ttl": 60}).to_dict()
    assert sent == {"invocation.cache.ttl": 60}
