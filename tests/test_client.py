"""``Opper``/``AsyncOpper`` against a scripted API behind ``httpx.MockTransport``."""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import json
import logging
import typing
import weakref
from typing import Any

import httpx
import pydantic
import pytest

from _fakes import API_KEY, SPAN_ID, FakeAPI, RecordingTelemetry, error, live_client, ok
from opper_api.types import UNSET
from opper_tracing import (
    DEFAULT_TIMEOUT,
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    AsyncOpper,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    InvalidRequestError,
    NotFoundError,
    Opper,
    OpperError,
    RateLimitError,
    RetryPolicy,
    Stream,
    UnprocessableEntityError,
    _context,
)

NO_WAIT = RetryPolicy(max_retries=2, initial_delay=0, max_retry_after=0)


def make(api: FakeAPI, mode: str, **options: Any) -> Opper | AsyncOpper:
    options.setdefault("retry", NO_WAIT)
    if mode == "sync":
        return Opper(
            api_key=API_KEY,
            base_url="https://x.test/v2",
            transport=httpx.MockTransport(api),
            **options,
        )
    return AsyncOpper(
        api_key=API_KEY, base_url="https://x.test/v2", transport=httpx.MockTransport(api), **options
    )


def run_call(client: Opper | AsyncOpper, *args: Any, **kwargs: Any) -> Any:
    if isinstance(client, Opper):
        return client.call(*args, **kwargs)
    return asyncio.run(client.call(*args, **kwargs))


both = pytest.mark.parametrize("mode", ["sync", "async"])


@both
def test_call_sends_body_and_headers_and_returns_result(mode: str) -> None:
    api = FakeAPI(
        ok(
            message="4",
            cached=False,
            usage={"input_tokens": 25, "output_tokens": 2, "total_tokens": 27},
            cost={"total": 0.1},
            novel_field=[1],
        )
    )
    client = make(api, mode)
    result = run_call(client, "add_numbers", input={"x": 1, "y": 3}, tags={"user": "u1"})
    (request,) = api.requests
    assert request.url == "https://x.test/v2/call"
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert request.headers["user-agent"].startswith("opper-tracing/")
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.content) == {
        "name": "add_numbers",
        "input": {"x": 1, "y": 3},
        "tags": {"user": "u1"},
    }
    assert str(result.span_id) == SPAN_ID
    assert result.message == "4"
    assert result.cached is False
    assert result.usage.to_dict() == {"input_tokens": 25, "output_tokens": 2, "total_tokens": 27}
    assert result.cost.to_dict() == {"total": 0.1}
    assert result.extra == {"novel_field": [1]}


@both
def test_call_json_payload(mode: str) -> None:
    api = FakeAPI(ok(json_payload={"sum": 4}))
    result = run_call(make(api, mode), "add_numbers", output_schema={"type": "object"})
    assert result.json_payload == {"sum": 4}
    assert result.message is UNSET
    assert result.output == {"sum": 4}


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (404, NotFoundError),
        (422, UnprocessableEntityError),
        (418, APIStatusError),
    ],
)
@both
def test_error_statuses_raise_typed_errors_without_retry(
    mode: str, status: int, cls: type[APIStatusError]
) -> None:
    api = FakeAPI(error(status, headers={"x-request-id": "req-9"}))
    with pytest.raises(cls) as caught:
        run_call(make(api, mode), "t")
    assert type(caught.value) is cls
    assert caught.value.status_code == status
    assert caught.value.type == "SomeError"
    assert caught.value.detail == {"where": "here"}
    assert caught.value.request_id == "req-9"
    assert f"{status} from POST https://x.test/v2/call: SomeError: went wrong" in str(caught.value)
    assert len(api.requests) == 1


@both
def test_plain_text_server_error_is_kept_and_retried(mode: str) -> None:
    api = FakeAPI(error(502, "upstream broke"))
    with pytest.raises(InternalServerError, match="upstream broke") as caught:
        run_call(make(api, mode), "t")
    assert caught.value.body == "upstream broke"
    assert len(api.requests) == 3


@both
def test_retries_503_then_succeeds(mode: str) -> None:
    api = FakeAPI(error(503, "busy"), error(500, "oops"), ok(message="done"))
    assert run_call(make(api, mode), "t").message == "done"
    assert len(api.requests) == 3


@both
def test_rate_limit_carries_retry_after_and_is_retried(mode: str) -> None:
    api = FakeAPI(error(429, headers={"retry-after": "7"}), ok(message="done"))
    assert run_call(make(api, mode), "t").message == "done"
    api = FakeAPI(error(429, headers={"retry-after": "7"}))
    with pytest.raises(RateLimitError) as caught:
        run_call(make(api, mode, retry=RetryPolicy(max_retries=0)), "t")
    assert caught.value.retry_after == 7.0


@both
def test_connect_errors_are_retried_then_raised(mode: str) -> None:
    api = FakeAPI(httpx.ConnectError("refused"))
    with pytest.raises(APIConnectionError, match="ConnectError on POST /v2/call"):
        run_call(make(api, mode), "t")
    assert len(api.requests) == 3


@both
def test_read_timeout_is_not_retried(mode: str) -> None:
    api = FakeAPI(httpx.ReadTimeout("slow"))
    with pytest.raises(APITimeoutError, match="timed out"):
        run_call(make(api, mode), "t")
    assert len(api.requests) == 1


@both
def test_bad_input_never_reaches_the_network(mode: str) -> None:
    api = FakeAPI(ok())
    with pytest.raises(InvalidRequestError, match="parent_span_id"):
        run_call(make(api, mode), "t", parent_span_id="nope")
    assert api.requests == []


@both
def test_parent_span_id_is_inherited_from_trace_context_and_explicit_wins(mode: str) -> None:
    api = FakeAPI(ok())
    client = make(api, mode)
    outer = "aaaaaaaa-0000-4000-8000-000000000001"
    explicit = "bbbbbbbb-0000-4000-8000-000000000002"
    token = _context.set_opper_span(_context.OpperSpanRef(outer, None))
    try:
        run_call(client, "t")
        run_call(client, "t", parent_span_id=explicit)
    finally:
        _context.reset(token)
    run_call(client, "t")
    assert [body.get("parent_span_id") for body in api.json_bodies] == [outer, explicit, None]


@both
def test_telemetry_hooks_for_a_call(mode: str) -> None:
    api = FakeAPI(ok(message="4", usage={"input_tokens": 1}))
    client = make(api, mode)
    telemetry = RecordingTelemetry()
    client._telemetry = telemetry  # type: ignore[assignment]
    run_call(client, "t", model="openai/gpt-4o-mini", tags={"a": "b"})
    (span,) = telemetry.spans
    assert span.start["stream"] is False
    assert span.start["model"] == "openai/gpt-4o-mini"
    assert span.start["tags"] == {"a": "b"}
    assert api.requests[0].headers["traceparent"].startswith("00-")
    assert span.named("span_id") == [SPAN_ID]
    assert span.named("result") == [
        {"usage": {"input_tokens": 1}, "cost": None, "output_text": "4", "output_json": None}
    ]
    assert span.named("finish") == [(None, True)]


@both
def test_telemetry_finishes_once_with_the_error(mode: str) -> None:
    api = FakeAPI(error(404))
    client = make(api, mode)
    telemetry = RecordingTelemetry()
    client._telemetry = telemetry  # type: ignore[assignment]
    with pytest.raises(NotFoundError) as caught:
        run_call(client, "t")
    ((finished_error, _),) = telemetry.spans[0].named("finish")
    assert finished_error is caught.value


@both
@pytest.mark.parametrize("method", ["call", "stream"])
def test_a_request_httpx_refuses_ends_its_span_with_the_error(mode: str, method: str) -> None:
    api = FakeAPI()
    client = make(api, mode)
    telemetry = RecordingTelemetry()
    client._telemetry = telemetry  # type: ignore[assignment]

    async def opened(client: AsyncOpper) -> None:
        await client.stream("t", extra_headers={"X-Count": 1})  # type: ignore[dict-item]

    def send() -> None:
        if method == "call":
            run_call(client, "t", extra_headers={"X-Count": 1})
        elif isinstance(client, Opper):
            client.stream("t", extra_headers={"X-Count": 1})  # type: ignore[dict-item]
        else:
            asyncio.run(opened(client))

    with pytest.raises(TypeError, match="Header value") as caught:
        send()
    ((finished_error, _),) = telemetry.spans[0].named("finish")
    assert finished_error is caught.value
    assert api.requests == []


def test_api_key_from_environment_and_never_in_repr_or_errors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPPER_API_KEY", API_KEY)
    monkeypatch.setenv("OPPER_BASE_URL", "https://env.test/v2/")
    echo = error(
        401, {"type": "UnauthorizedError", "message": f"bad key {API_KEY}", "detail": API_KEY}
    )
    api = FakeAPI(echo)
    client = Opper(transport=httpx.MockTransport(api))
    assert client.base_url == "https://env.test/v2"
    assert API_KEY not in repr(client)
    assert API_KEY not in repr(client._http._transport)
    assert API_KEY not in repr(client.api)
    with pytest.raises(AuthenticationError) as caught:
        client.call("t")
    assert API_KEY not in str(caught.value)
    assert API_KEY not in repr(vars(caught.value))
    assert caught.value.detail == "***"
    assert "***" in str(caught.value)
    assert api.requests[0].headers["authorization"] == f"Bearer {API_KEY}"


def test_missing_api_key_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPPER_API_KEY", raising=False)
    with pytest.raises(OpperError, match="OPPER_API_KEY"):
        Opper()


def test_timeouts_are_explicit_never_none() -> None:
    client = Opper(api_key="k")
    assert client.timeout == DEFAULT_TIMEOUT
    assert client.timeout.read == 300.0
    assert client._http.timeout.connect == 10.0
    assert Opper(api_key="k", timeout=5).timeout == httpx.Timeout(5)
    with pytest.raises(OpperError, match="wait forever"):
        Opper(api_key="k", timeout=None)  # type: ignore[arg-type]


def test_injected_http_client_gets_auth_and_base_url() -> None:
    api = FakeAPI(ok())
    with httpx.Client(transport=httpx.MockTransport(api)) as http:
        client = Opper(api_key=API_KEY, base_url="https://inj.test/v2", http_client=http)
        client.call("t")
        client.close()
        assert not http.is_closed
    assert str(api.requests[0].url) == "https://inj.test/v2/call"
    assert api.requests[0].headers["authorization"] == f"Bearer {API_KEY}"


def test_clients_are_context_managers() -> None:
    with Opper(api_key="k") as client:
        http = client._http
    assert http.is_closed

    async def main() -> httpx.AsyncClient:
        async with AsyncOpper(api_key="k") as aclient:
            return aclient._http

    assert asyncio.run(main()).is_closed


def test_undecodable_success_body_is_an_api_error() -> None:
    api = FakeAPI(httpx.Response(200, json={"message": "no span id"}))
    client = make(api, "sync")
    with pytest.raises(OpperError, match="does not match the API"):
        run_call(client, "t")


def test_retry_policy_waits() -> None:
    policy = RetryPolicy(initial_delay=1, max_delay=3, max_retry_after=10)
    assert 0.5 <= policy.delay(1, None) <= 1
    assert 1.5 <= policy.delay(3, None) <= 3
    assert policy.delay(1, error_with_retry_after(4)) == 4
    assert policy.delay(1, error_with_retry_after(100)) == 10
    with pytest.raises(InvalidRequestError):
        RetryPolicy(max_retries=-1)


def error_with_retry_after(seconds: float) -> RateLimitError:
    return RateLimitError("x", status_code=429, body="", retry_after=seconds)


# --- against the loopback emulator (real HTTP) ---------------------------------------------

SUM_SCHEMA = {
    "type": "object",
    "properties": {"x": {"type": "integer"}, "y": {"type": "integer"}},
    "required": ["x", "y"],
}
PEOPLE_SCHEMA = {
    "type": "object",
    "properties": {
        "people": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
            },
        },
        "total": {"type": "integer"},
    },
}


def test_live_text_and_json_calls(emulator: Any, driver: Any) -> None:
    client = live_client(driver, emulator)
    text = driver.call(client, "greet", input="Ann")
    assert isinstance(text.message, str)
    assert text.message
    assert text.json_payload is None
    assert text.cached is False
    assert text.usage is not None
    assert emulator.spans[str(text.span_id)]["name"] == "greet"
    structured = driver.call(client, "people", input={"n": 2}, output_schema=PEOPLE_SCHEMA)
    assert isinstance(structured.json_payload["people"], list)
    assert isinstance(structured.json_payload["people"][0]["name"], str)


def test_live_example_input_returns_the_example_output(emulator: Any, driver: Any) -> None:
    result = driver.call(
        live_client(driver, emulator),
        "add_numbers",
        input_schema=SUM_SCHEMA,
        input={"x": 1, "y": 3},
        output_schema={"type": "object", "properties": {"sum": {"type": "integer"}}},
        examples=[{"input": {"x": 1, "y": 3}, "output": {"sum": 4}}],
    )
    assert result.json_payload == {"sum": 4}


def test_live_wrong_key_is_authentication_error(emulator: Any, driver: Any) -> None:
    client = driver.client(api_key="wrong-key-123", base_url=emulator.base_url, retry=NO_WAIT)
    with pytest.raises(AuthenticationError) as caught:
        driver.call(client, "t")
    # What the live API answers (a recorded 401): the emulator answers the same.
    assert caught.value.type == "HTTPException"
    assert caught.value.error_message == "Invalid API key"
    assert caught.value.request_id  # x-request-id, on every answer
    assert "wrong-key-123" not in str(caught.value)


@pytest.mark.parametrize(
    ("status", "cls"),
    [(400, BadRequestError), (404, NotFoundError), (422, UnprocessableEntityError)],
)
def test_live_error_statuses(emulator: Any, driver: Any, status: int, cls: type[Exception]) -> None:
    with pytest.raises(cls):
        driver.call(live_client(driver, emulator, f"status={status}"), "t")


def test_live_retries_until_the_failures_run_out(emulator: Any, driver: Any) -> None:
    client = live_client(driver, emulator, "fail-times=2:503")
    before = len(emulator.requests)
    assert driver.call(client, "t", input="x").message
    assert len(emulator.requests) - before == 3


def test_live_rate_limit_honours_retry_after(emulator: Any, driver: Any) -> None:
    client = live_client(driver, emulator, "fail-times=1:429; retry-after=0")
    before = len(emulator.requests)
    assert driver.call(client, "t").span_id
    assert len(emulator.requests) - before == 2
    no_retry = RetryPolicy(max_retries=0)
    limited = live_client(driver, emulator, "status=429; retry-after=0", retry=no_retry)
    with pytest.raises(RateLimitError) as caught:
        driver.call(limited, "t")
    assert caught.value.retry_after == 0


def test_live_server_error_gives_up_after_the_retries(emulator: Any, driver: Any) -> None:
    client = live_client(driver, emulator, "status=500")
    before = len(emulator.requests)
    with pytest.raises(InternalServerError):
        driver.call(client, "t")
    assert len(emulator.requests) - before == 3


def test_live_no_response_is_a_connection_error(emulator: Any, driver: Any) -> None:
    with pytest.raises(APIConnectionError):
        driver.call(live_client(driver, emulator, "drop-after=0"), "t")


def test_live_slow_response_times_out(emulator: Any, driver: Any) -> None:
    client = live_client(driver, emulator, "delay-first=2", timeout=httpx.Timeout(5, read=0.3))
    with pytest.raises(APITimeoutError):
        driver.call(client, "t")


def test_live_traceparent_matches_the_call_span(
    emulator: Any, tracer_provider: Any, span_exporter: Any
) -> None:
    with Opper(
        api_key="test", base_url=emulator.base_url, tracer_provider=tracer_provider
    ) as client:
        result = client.call("t", input="x")
    (span,) = span_exporter.get_finished_spans()
    request = [r for r in emulator.requests if r.path.endswith("/call")][-1]
    context = span.get_span_context()
    version, trace_id, span_id, flags = request.headers["traceparent"].split("-")
    assert (version, trace_id, span_id) == (
        "00",
        f"{context.trace_id:032x}",
        f"{context.span_id:016x}",
    )
    assert int(flags, 16) & 1, "sampled"
    assert span.attributes["opper.span_id"] == str(result.span_id)
    assert "authorization" not in {key.lower() for key in request.headers}


@pytest.mark.parametrize("streamed", [False, True], ids=["call", "stream"])
def test_live_httpx_instrumentation_nests_under_the_call_span(
    emulator: Any, tracer_provider: Any, span_exporter: Any, streamed: bool
) -> None:
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

    base_url = emulator.base_url
    with Opper(api_key="test", base_url=base_url, tracer_provider=tracer_provider) as client:
        HTTPXClientInstrumentor.instrument_client(client._http, tracer_provider=tracer_provider)
        try:
            if streamed:
                with client.stream("t", input="x") as stream:
                    list(stream)
            else:
                client.call("t", input="x")
        finally:
            HTTPXClientInstrumentor.uninstrument_client(client._http)
    spans = span_exporter.get_finished_spans()
    (call_span,) = [s for s in spans if s.name == "chat t"]
    (http_span,) = [s for s in spans if s.name != "chat t"]
    assert http_span.name == "POST"
    assert http_span.parent is not None
    assert http_span.parent.span_id == call_span.context.span_id
    assert call_span.parent is None


def test_api_key_never_in_logs_reprs_or_errors(
    emulator: Any, caplog: pytest.LogCaptureFixture, tracer_provider: Any, span_exporter: Any
) -> None:
    secret = "sk-live-NEVER-PRINT-ME-42"
    caplog.set_level(logging.DEBUG)
    seen: list[str] = []
    for key, fault in [(secret, None), ("test", "error-after=2"), ("test", "status=500")]:
        client = Opper(
            api_key=key,
            base_url=emulator.base_url,
            retry=RetryPolicy(max_retries=1, initial_delay=0),
            tracer_provider=tracer_provider,
            default_headers={"X-Emulator-Fault": fault} if fault else None,
        )
        seen += [repr(client), repr(client._http), repr(client.api), repr(client._http._transport)]
        with client:
            for attempt in (client.call, client.stream):
                try:
                    outcome = attempt("t", input="x")
                    seen.append(repr(outcome))
                    if isinstance(outcome, Stream):
                        seen += [repr(chunk) for chunk in outcome]
                except OpperError as exc:
                    seen += [str(exc), repr(exc), repr(vars(exc))]
    assert any("401" in text for text in seen), "the wrong key was refused"
    everything = "\n".join(seen) + caplog.text
    for span in span_exporter.get_finished_spans():
        everything += span.to_json()
    assert secret not in everything


@pytest.mark.parametrize(
    ("base_url", "problem"),
    [
        ("not a url", "does not start with http:// or https://"),
        ("api.opper.ai/v2", "does not start with http:// or https://"),
        ("ftp://api.opper.ai/v2", "does not start with http:// or https://"),
        ("https:///v2", "has no host"),
        ("http://127.0.0.1:99999/v2", "port 99999 is out of range"),
    ],
)
def test_a_bad_base_url_is_refused_at_construction(base_url: str, problem: str) -> None:
    with pytest.raises(InvalidRequestError, match=problem) as caught:
        Opper(api_key=API_KEY, base_url=base_url)
    assert str(caught.value).startswith(f"base_url {base_url!r} is not an API root URL")
    with pytest.raises(InvalidRequestError, match=problem):
        AsyncOpper(api_key=API_KEY, base_url=base_url)


def test_a_bad_base_url_from_the_environment_names_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPPER_BASE_URL", "localhost:8000")
    with pytest.raises(InvalidRequestError, match=r"^OPPER_BASE_URL 'localhost:8000' is not"):
        Opper(api_key=API_KEY)


# -- typed results ----------------------------------------------------------------------------


class Sum(pydantic.BaseModel):
    sum: int


@dataclasses.dataclass
class SumDC:
    sum: int


class SumTD(typing.TypedDict):  # typing's own, which pydantic refuses on 3.11 unless converted
    sum: int


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        (Sum, Sum(sum=4)),
        (SumDC, SumDC(sum=4)),
        (SumTD, {"sum": 4}),
        ({"type": "object", "properties": {"sum": {"type": "integer"}}}, {"sum": 4}),
    ],
)
def test_output_is_validated_into_the_output_schema_type(schema: Any, expected: Any) -> None:
    api = FakeAPI(ok(json_payload={"sum": 4}))
    result = run_call(make(api, "sync"), "add", input={"x": 1, "y": 3}, output_schema=schema)
    assert result.output == expected
    assert result.json_payload == {"sum": 4}
    sent = json.loads(api.requests[0].content)["output_schema"]
    assert sent["properties"]["sum"]["type"] == "integer"


def test_output_that_does_not_match_its_type_is_an_error_naming_it() -> None:
    api = FakeAPI(ok(json_payload={"sum": "four"}))
    result = run_call(make(api, "sync"), "add", output_schema=Sum)
    assert result.json_payload == {"sum": "four"}  # nothing is lost
    with pytest.raises(APIError, match="does not match output_schema Sum"):
        _ = result.output


def test_mypy_sees_the_output_type(tmp_path: Any) -> None:
    import subprocess
    from pathlib import Path

    user = tmp_path / "typed_results.py"
    user.write_text(
        "import pydantic\n"
        "from opper_tracing import AsyncOpper, Opper\n"
        "class Sum(pydantic.BaseModel):\n"
        "    sum: int\n"
        "def run(opper: Opper) -> int:\n"
        "    plain = opper.call('add', output_schema={'type': 'object'}).output\n"
        "    reveal_type(plain)\n"
        "    with opper.stream('add', output_schema=Sum) as stream:\n"
        "        reveal_type(stream.get_final_output())\n"
        "    return opper.call('add', output_schema=Sum, model='a/b').output.sum\n"
        "async def arun(opper: AsyncOpper) -> int:\n"
        "    async with opper.stream('add', output_schema=Sum) as stream:\n"
        "        final = await stream.get_final_output()\n"
        "    reveal_type(final)\n"
        "    return (await opper.call('add', output_schema=Sum)).output.sum\n"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [str(root / ".venv" / "bin" / "mypy"), "--strict", str(user)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    notes = [line.split("note: ")[1] for line in done.stdout.splitlines() if "note: " in line]
    # Without a schema type the output is a JSON value (opper_tracing._types.JSON), never Any.
    assert notes[0].startswith('Revealed type is "dict[str, '), done.stdout
    assert "Any" not in notes[0]
    assert notes[1:] == [
        'Revealed type is "typed_results.Sum"',
        'Revealed type is "typed_results.Sum"',
    ], done.stdout
    assert "error" not in done.stdout.replace("Found 0 errors", ""), done.stdout


@both
def test_a_finished_call_or_stream_is_freed_without_the_garbage_collector(mode: str) -> None:
    """Nothing of a request is left in a reference cycle: with thousands of streams at once,
    cycles would be found only by the collector's full passes over everything alive."""
    from _fakes import sse

    def api(request: httpx.Request) -> httpx.Response:  # each answer new: nothing kept here
        if request.url.path.endswith("/stream"):
            body = sse({"delta": "a", "chunk_type": "text"})
            return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=body)
        return ok()

    gc.collect()
    gc.disable()
    try:
        client = make(api, mode)  # type: ignore[arg-type]
        if isinstance(client, Opper):
            with client:
                result = client.call("t")
                with client.stream("t") as stream:
                    list(stream)
                refs = [weakref.ref(result), weakref.ref(stream), weakref.ref(stream.response)]
                del result, stream
        else:

            async def main(client: AsyncOpper) -> list[weakref.ref[Any]]:
                async with client:
                    result = await client.call("t")
                    async with client.stream("t") as stream:
                        async for _ in stream:
                            pass
                    return [weakref.ref(result), weakref.ref(stream), weakref.ref(stream.response)]

            refs = asyncio.run(main(client))
        assert [ref() for ref in refs] == [None, None, None]
    finally:
        gc.enable()
