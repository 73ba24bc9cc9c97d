"""The transport stack: the key only to the API, a user's client untouched, per-request options,
``with_options``, and every generated operation through ``opper.api`` with retries, errors and a
span of its own."""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from typing import Any

import httpx
import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from _fakes import API_KEY, SPAN_ID, FakeAPI, error, ok
from opper_api.api.spans import get_span
from opper_tracing import AsyncOpper, NotFoundError, Opper, OpperError, RetryPolicy
from opper_tracing import _constants as attrs

NO_WAIT = RetryPolicy(max_retries=2, initial_delay=0, max_retry_after=0)
BASE = "https://api.test/v2"


def _span_json(span_id: str = SPAN_ID) -> dict[str, Any]:
    return {"id": span_id, "name": "checkout"}


def test_a_users_http_client_is_left_untouched_and_never_sends_the_key_elsewhere() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.host == "api.test":
            return ok()
        return httpx.Response(200, text="elsewhere")

    user = httpx.Client(transport=httpx.MockTransport(handler), headers={"X-Mine": "1"})
    before = (user.auth, dict(user.headers), str(user.base_url), user.event_hooks)
    with Opper(api_key=API_KEY, base_url=BASE, http_client=user) as opper:
        opper.call("t")
        user.get("https://other.test/page")
    assert (user.auth, dict(user.headers), str(user.base_url), user.event_hooks) == before
    assert not user.is_closed
    to_api, to_other = seen
    assert to_api.headers["authorization"] == f"Bearer {API_KEY}"
    assert to_api.headers["x-mine"] == "1"  # the user's own settings still apply
    assert "authorization" not in to_other.headers
    user.close()


def test_the_key_is_not_sent_on_a_redirect_to_another_host() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.host == "api.test":
            return httpx.Response(307, headers={"Location": "https://evil.test/v2/call"})
        return ok()

    with Opper(api_key=API_KEY, base_url=BASE, transport=httpx.MockTransport(handler)) as opper:
        opper.call("t")
    assert [r.url.host for r in seen] == ["api.test", "evil.test"]
    assert "authorization" not in seen[1].headers


@pytest.mark.parametrize(
    ("status", "method", "body"), [(303, "GET", b""), (302, "GET", b""), (308, "POST", None)]
)
def test_a_redirect_is_followed_as_httpx_follows_it(status: int, method: str, body: Any) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/v2/call":
            return httpx.Response(status, headers={"Location": "/v2/moved?x=1"})
        return ok()

    with Opper(api_key=API_KEY, base_url=BASE, transport=httpx.MockTransport(handler)) as opper:
        assert str(opper.call("t", input="hi").span_id) == SPAN_ID
    first, second = seen
    assert (second.method, str(second.url)) == (method, "https://api.test/v2/moved?x=1")
    assert second.content == (first.content if body is None else body)
    assert second.headers["authorization"] == f"Bearer {API_KEY}"  # still under the base URL
    assert second.headers["idempotency-key"] == first.headers["idempotency-key"]


def test_a_redirect_loop_is_an_error_that_names_it() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(307, headers={"Location": f"/v2/call?{API_KEY}"})

    opper = Opper(api_key=API_KEY, base_url=BASE, transport=httpx.MockTransport(handler))
    with opper, pytest.raises(OpperError, match="more than 20 redirects") as caught:
        opper.call("t")
    assert len(seen) == 21
    assert API_KEY not in str(caught.value)


def test_per_request_headers_query_body_and_timeout() -> None:
    api = FakeAPI(ok(), ok())
    with Opper(api_key=API_KEY, base_url=BASE, transport=httpx.MockTransport(api)) as opper:
        opper.call(
            "t",
            input="x",
            extra_headers={"X-Trace-Me": "yes"},
            extra_query={"debug": "1"},
            extra_body={"not_in_the_spec_yet": {"a": 1}},
            timeout=3.5,
        )
        opper.call("t")
    first, second = api.requests
    assert first.headers["x-trace-me"] == "yes"
    assert first.url.params["debug"] == "1"
    assert json.loads(first.content) == {
        "name": "t",
        "input": "x",
        "not_in_the_spec_yet": {"a": 1},
    }
    assert first.extensions["timeout"]["read"] == 3.5
    assert "x-trace-me" not in second.headers
    assert second.extensions["timeout"]["read"] == 300.0


def test_a_misspelt_keyword_is_refused_before_the_network() -> None:
    api = FakeAPI(ok())
    with Opper(api_key=API_KEY, base_url=BASE, transport=httpx.MockTransport(api)) as opper:
        with pytest.raises(TypeError, match=r"'inptu'.*did you mean 'input'"):
            opper.call("t", inptu="x")  # type: ignore[call-arg]
        with pytest.raises(TypeError, match=r"stream\(\) got an unexpected keyword"):
            opper.stream("t", tagz={})  # type: ignore[call-arg]
    assert api.requests == []


def test_the_parent_span_id_sent_is_the_one_on_the_span() -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor

    provider.add_span_processor(SimpleSpanProcessor(exporter))
    api = FakeAPI(ok())
    braced = "{123E4567E89B12D3A456426614174000}"
    with Opper(
        api_key=API_KEY,
        base_url=BASE,
        transport=httpx.MockTransport(api),
        tracer_provider=provider,
    ) as opper:
        opper.call("t", parent_span_id=braced)
    sent = json.loads(api.requests[0].content)["parent_span_id"]
    assert sent == "123e4567-e89b-12d3-a456-426614174000"
    (span,) = exporter.get_finished_spans()
    assert span.attributes is not None
    assert span.attributes["opper.parent_span_id"] == sent


def test_with_options_shares_the_pool_and_changes_only_the_copy() -> None:
    api = FakeAPI(error(503), ok())
    with Opper(
        api_key=API_KEY, base_url=BASE, transport=httpx.MockTransport(api), retry=NO_WAIT
    ) as opper:
        stubborn = opper.with_options(max_retries=0, timeout=7)
        with pytest.raises(OpperError):
            stubborn.call("t")
        assert len(api.requests) == 1
        assert api.requests[0].extensions["timeout"]["read"] == 7
        opper.call("t")  # the original still retries
        assert len(api.requests) == 2
        assert stubborn._inner is opper._inner
        stubborn.close()
        opper.call("t")  # closing the copy left the shared pool open
    assert opper.retry.max_retries == 2
    assert stubborn.retry.max_retries == 0


def _provider() -> tuple[TracerProvider, InMemorySpanExporter]:
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider, exporter


def test_generated_operations_get_auth_retries_errors_and_a_span() -> None:
    span_id = str(uuid.uuid4())
    api = FakeAPI(
        error(503),
        httpx.Response(200, json=_span_json(span_id)),
        error(404, {"detail": "x"}),
        httpx.Response(200, json=_span_json(span_id)),
    )
    provider, exporter = _provider()
    with Opper(
        api_key=API_KEY,
        base_url=BASE,
        transport=httpx.MockTransport(api),
        retry=NO_WAIT,
        tracer_provider=provider,
    ) as opper:
        found = opper.spans.get(span_id)
        with pytest.raises(NotFoundError, match=f"404 from DELETE {BASE}/spans/"):
            opper.spans.delete(span_id)
        raw = get_span.sync(uuid.UUID(span_id), client=opper.api)
    assert str(found.id) == span_id
    assert raw is not None
    assert str(raw.id) == span_id
    assert all(r.headers["authorization"] == f"Bearer {API_KEY}" for r in api.requests)
    get, delete, generic = exporter.get_finished_spans()
    # The generated resources send the spec's Operation with the request: its route names
    # the span, with no route matching.
    assert get.name == "GET /spans/{span_id}"
    assert dict(get.attributes or {}) == {
        "http.request.method": "GET",
        "url.template": "/spans/{span_id}",
        "server.address": "api.test",
        "server.port": 443,
        "opper.operation.id": "get_span",
        "http.request.resend_count": 1,
        "http.response.status_code": 200,
    }
    (retry_event,) = get.events
    assert retry_event.name == "opper.retry"
    assert dict(retry_event.attributes or {})["error.type"] == "503"
    assert api.requests[1].headers["traceparent"].split("-")[2] == format(
        get.context.span_id, "016x"
    )
    assert delete.name == "DELETE /spans/{span_id}"
    assert delete.attributes is not None
    assert delete.attributes["error.type"] == "404"
    assert delete.status.status_code.name == "ERROR"
    # What opper.api sends carries no Operation: the HTTP conventions' name without a route.
    assert generic.name == "GET"
    assert "url.template" not in (generic.attributes or {})


def test_async_generated_operations_and_the_wrong_flavour() -> None:
    span_id = str(uuid.uuid4())
    api = FakeAPI(httpx.Response(200, json=_span_json(span_id)))

    async def main() -> Any:
        async with AsyncOpper(
            api_key=API_KEY, base_url=BASE, transport=httpx.MockTransport(api)
        ) as aopper:
            with pytest.raises(OpperError, match="use Opper"):
                get_span.sync(uuid.UUID(span_id), client=aopper.api)
            return await get_span.asyncio(uuid.UUID(span_id), client=aopper.api)

    found = asyncio.run(main())
    assert found is not None
    assert str(found.id) == span_id
    with (
        Opper(api_key=API_KEY, base_url=BASE) as opper,
        pytest.raises(OpperError, match="use AsyncOpper"),
    ):
        asyncio.run(get_span.asyncio(uuid.UUID(span_id), client=opper.api))


def test_every_request_carries_its_operation() -> None:
    api = FakeAPI(ok(), httpx.Response(200, json=_span_json()))
    with Opper(api_key=API_KEY, base_url=BASE, transport=httpx.MockTransport(api)) as opper:
        opper.call("t")
        opper.spans.get(SPAN_ID)
    call, get = (request.extensions[attrs.OPERATION] for request in api.requests)
    assert (call.id, call.method, call.path) == ("call", "POST", "/call")
    assert (get.id, get.method, get.path, get.uuids) == (
        "get_span",
        "GET",
        "/spans/{span_id}",
        frozenset({"span_id"}),
    )


def test_a_retry_is_logged_inside_the_span_of_its_operation(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Log correlation reads the current span: a retry's log line belongs to its operation's
    span (GET /spans/{span_id}), not to whatever called it."""
    from opentelemetry import trace

    seen: list[tuple[str, int]] = []

    class Spy(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append((record.getMessage(), trace.get_current_span().get_span_context().span_id))

    spy = Spy(level=logging.DEBUG)
    logger = logging.getLogger("opper_tracing")
    logger.addHandler(spy)
    caplog.set_level(logging.DEBUG, logger="opper_tracing")
    provider, exporter = _provider()
    api = FakeAPI(error(503), httpx.Response(200, json=_span_json()))
    try:
        with Opper(
            api_key=API_KEY,
            base_url=BASE,
            transport=httpx.MockTransport(api),
            retry=NO_WAIT,
            tracer_provider=provider,
        ) as opper:
            opper.spans.get(SPAN_ID)
    finally:
        logger.removeHandler(spy)
    (get,) = exporter.get_finished_spans()
    (line,) = [(message, span) for message, span in seen if message.startswith("retrying")]
    assert line[0].startswith("retrying GET /spans/{span_id} in ")
    assert line[1] == get.context.span_id


@pytest.mark.parametrize(
    "change", ["with_headers", "with_cookies", "with_timeout", "set_httpx_client"]
)
def test_opper_api_refuses_settings_it_could_not_send(change: str) -> None:
    with Opper(api_key=API_KEY, base_url=BASE, transport=httpx.MockTransport(FakeAPI())) as opper:
        with pytest.raises(OpperError, match="default_headers=") as caught:
            getattr(opper.api, change)({})
        assert API_KEY not in str(caught.value)
