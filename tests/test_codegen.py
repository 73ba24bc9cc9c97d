"""The contract and the generated client: spec validity, drift check, and the generated shapes
that ``opper_tracing`` relies on (a generator upgrade that changes them must fail here)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

from opper_api import AuthenticatedClient
from opper_api.api.call import call, call_stream
from opper_api.api.spans import create_span, delete_span, get_span, update_span
from opper_api.models import CallRequest, CallResponse, Error, StreamingChunk

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi.yaml"


def test_spec_is_valid_openapi() -> None:
    spec, _ = read_from_filename(str(SPEC))
    validate(spec)
    assert spec["openapi"].startswith("3.1")
    assert spec["servers"][0]["url"] == "https://api.opper.ai/v2"


def _check_generated(spec: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-s", "check-generated", f"SPEC={spec}"],
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
