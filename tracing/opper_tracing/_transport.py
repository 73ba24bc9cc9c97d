"""The transport stack every request of a client goes through, generated operations included.

``OpperTransport`` (and its async twin) wraps the transport that really sends (httpx's pool, a
``MockTransport``, or a user's own ``httpx.Client``) and adds, once for every operation of
``openapi.yaml``:

- the bearer key, only on requests to the client's own base URL (a redirect to another host,
  or a user's ``http_client`` used for other hosts, never sees it);
- retries by the client's ``RetryPolicy`` (429, 5xx, failed connects), each visible on the
  current span as ``http.request.resend_count`` and an ``opper.retry`` event, and at DEBUG;
- error statuses raised as ``APIStatusError`` subclasses (key redacted), transport failures as
  ``APIConnectionError``;
- for requests the client does not trace itself (everything ``opper.api`` sends), a CLIENT span
  named ``{method} {url.template}`` from the generated route table, with the W3C
  ``traceparent`` of that span on the request.

Why a transport rather than per-operation code: the generated operation modules call
``client.get_httpx_client().request(...)`` directly, so a transport is the one place that sees
every request, and a new operation in the spec is covered by ``make generate`` alone.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from functools import cache
from typing import Any, Final

import httpx
from opentelemetry import context as otel_context
from opentelemetry import propagate, trace
from opentelemetry.context import Context
from opentelemetry.trace import Span, SpanKind, Status, StatusCode, Tracer

import opper_api.api

from . import _attributes as attrs
from ._exceptions import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    error_from_response,
    redact,
    transport_failure,
)
from ._retry import RetryPolicy

__all__ = [
    "TRACED",
    "AsyncClientTransport",
    "AsyncOpperTransport",
    "ClientTransport",
    "OpperTransport",
    "Route",
    "connection_error",
    "covered",
    "find_route",
]

_logger = logging.getLogger("opper_tracing")

TRACED: Final = "opper_tracing.traced"
"""Request extension: the caller records this request on a span of its own (call, stream)."""

_covered: ContextVar[bool] = ContextVar("opper_tracing_covered", default=False)


@contextmanager
def covered() -> Iterator[None]:
    """Requests sent inside are recorded by the caller's current span, not spans of their own
    (``trace()`` uses it for its ``/spans`` bookkeeping, which would clutter the tree)::

        with covered():
            create_span.sync_detailed(client=opper.api, body=request)
    """
    token = _covered.set(True)
    try:
        yield
    finally:
        _covered.reset(token)


class Route:
    """One operation of the spec: its id, method and route template (``/spans/{span_id}``)."""

    __slots__ = ("method", "operation_id", "pattern", "template")

    def __init__(self, operation_id: str, method: str, template: str) -> None:
        self.operation_id = operation_id
        self.method = method
        self.template = template
        parts = re.split(r"(\{[^}]+\})", template)
        regex = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
        self.pattern = re.compile(regex + "$")


@cache
def _routes() -> tuple[Route, ...]:
    """Every operation the generator wrote a route table for (each tag's ``OPERATIONS``)."""
    routes: list[Route] = []
    for module in pkgutil.iter_modules(opper_api.api.__path__):
        package = importlib.import_module(f"opper_api.api.{module.name}")
        for operation_id, (method, template) in getattr(package, "OPERATIONS", {}).items():
            routes.append(Route(operation_id, method, template))
    # Literal segments beat parameters: /spans/search must not match /spans/{span_id}.
    routes.sort(key=lambda r: (r.template.count("{"), -len(r.template)))
    return tuple(routes)


def find_route(method: str, path: str) -> Route | None:
    """The operation a request is for; ``path`` is relative to the base URL."""
    for route in _routes():
        if route.method == method and route.pattern.match(path):
            return route
    return None


def connection_error(
    exc: httpx.TransportError, request: httpx.Request, secret: str = ""
) -> APIConnectionError:
    """Our error for an httpx transport failure, naming the request and what failed, never
    empty: ``ReadError on POST /v2/call: the connection broke while reading (...)``. ``secret``
    is redacted from it and from ``exc``'s chain."""
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    where = redact(f"{request.method} {request.url.path}", secret)
    description = transport_failure(exc, secret).partition(": ")[2]
    return cls(f"{type(exc).__name__} on {where}: {description}")


class _Attempt:
    """What one request through the stack records: its span (own or the caller's) and retries."""

    __slots__ = ("own", "resends", "span")

    def __init__(self, span: Span, own: bool) -> None:
        self.span = span
        self.own = own
        self.resends = 0

    def retrying(self, error: BaseException, wait: float) -> None:
        self.resends += 1
        _logger.debug("retrying in %.2f s after %s", wait, error)
        try:
            if self.span.is_recording():
                self.span.set_attribute(attrs.HTTP_REQUEST_RESEND_COUNT, self.resends)
                self.span.add_event(
                    attrs.EVENT_RETRY,
                    {attrs.ERROR_TYPE: _error_type(error), attrs.OPPER_RETRY_WAIT: wait},
                )
        except Exception:
            _logger.debug("could not record a retry", exc_info=True)

    def done(self, response: httpx.Response | None, error: BaseException | None) -> None:
        if not self.own:
            return
        try:
            span = self.span
            if response is not None:
                span.set_attribute(attrs.HTTP_RESPONSE_STATUS_CODE, response.status_code)
            if error is not None:
                span.set_attribute(attrs.ERROR_TYPE, _error_type(error))
                span.set_status(Status(StatusCode.ERROR, str(error)))
            span.end()
        except Exception:
            _logger.debug("could not end the operation span", exc_info=True)


def _error_type(error: BaseException) -> str:
    if isinstance(error, APIStatusError):
        return str(error.status_code)
    return type(error).__qualname__


class _StackBase:
    """Everything but the send and the sleep, shared by the sync and async transports."""

    def __init__(
        self,
        *,
        api_key: str,
        base_url: httpx.URL,
        retry: RetryPolicy,
        tracer: Tracer,
    ) -> None:
        self._auth = f"Bearer {api_key}"
        self._api_key = api_key
        self._base = base_url
        self._base_path = base_url.raw_path.decode("ascii").rstrip("/")
        self.retry = retry
        self._tracer = tracer

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._base}>"

    def _ours(self, url: httpx.URL) -> bool:
        base = self._base
        return (
            url.scheme == base.scheme
            and url.host == base.host
            and url.port == base.port
            and url.path.startswith(self._base_path)
        )

    def _begin(self, request: httpx.Request) -> _Attempt:
        if not self._ours(request.url):
            return _Attempt(trace.INVALID_SPAN, own=False)
        request.headers["Authorization"] = self._auth
        if request.extensions.get(TRACED):
            return _Attempt(trace.get_current_span(), own=False)
        if _covered.get():
            propagate.inject(request.headers)
            return _Attempt(trace.get_current_span(), own=False)
        path = request.url.path[len(self._base_path) :] or "/"
        route = find_route(request.method, path)
        template = route.template if route is not None else path
        attributes: dict[str, Any] = {
            attrs.HTTP_REQUEST_METHOD: request.method,
            attrs.URL_TEMPLATE: template,
            attrs.SERVER_ADDRESS: request.url.host,
            attrs.SERVER_PORT: request.url.port or (443 if request.url.scheme == "https" else 80),
        }
        if route is not None:
            attributes[attrs.OPPER_OPERATION_ID] = route.operation_id
        try:
            span = self._tracer.start_span(
                f"{request.method} {template}", kind=SpanKind.CLIENT, attributes=attributes
            )
            propagate.inject(request.headers, context=trace.set_span_in_context(span))
        except Exception:
            _logger.debug("could not start the operation span", exc_info=True)
            return _Attempt(trace.INVALID_SPAN, own=False)
        return _Attempt(span, own=True)

    def _failure(self, request: httpx.Request, response: httpx.Response) -> APIStatusError:
        return error_from_response(
            status_code=response.status_code,
            headers=response.headers,
            content=response.content,
            reason=_reason(response),
            where=f"{request.method} {request.url}",
            secret=self._api_key,
        )

    def _clean(self, response: httpx.Response) -> None:
        """Redact the key from what httpx logs and follows before it sees the response: the
        reason phrase (in the INFO line "HTTP Request: POST ... 200 OK") and a redirect's
        ``Location`` (the next request's URL, logged in turn)."""
        phrase = response.extensions.get("reason_phrase")
        if phrase and phrase != b"OK" and isinstance(phrase, bytes):
            text = phrase.decode("latin-1")
            clean = redact(text, self._api_key)
            if clean != text:
                response.extensions["reason_phrase"] = clean.encode("latin-1")
        if 300 <= response.status_code < 400 and "location" in response.headers:
            location = response.headers["location"]
            clean = redact(location, self._api_key)
            if clean != location:
                response.headers["location"] = clean


def _reason(response: httpx.Response) -> str:
    phrase = response.extensions.get("reason_phrase", b"")
    return phrase.decode("latin-1") if isinstance(phrase, bytes) else str(phrase)


class OpperTransport(_StackBase, httpx.BaseTransport):
    """The sync stack: ``OpperTransport(inner, api_key=..., base_url=..., retry=..., tracer=...)``.

    ``close()`` does not close ``inner``: clients made by ``with_options`` share it.
    """

    def __init__(self, inner: httpx.BaseTransport, **config: Any) -> None:
        super().__init__(**config)
        self.inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        attempt = self._begin(request)
        context = trace.set_span_in_context(attempt.span) if attempt.own else None
        response: httpx.Response | None = None
        try:
            for retry in self.retry.sync(attempt.retrying):
                with retry:
                    response = self._send_once(request, context)
        except BaseException as exc:
            attempt.done(response, exc)
            raise
        assert response is not None
        attempt.done(response, None)
        return response

    def _send_once(self, request: httpx.Request, context: Context | None) -> httpx.Response:
        token = None if context is None else _attach(context)
        try:
            response = self.inner.handle_request(request)
        except httpx.TransportError as exc:
            raise connection_error(exc, request, self._api_key) from exc
        finally:
            _detach(token)
        self._clean(response)
        if response.status_code < 400:
            return response
        try:
            response.read()
        finally:
            response.close()
        raise self._failure(request, response)


class AsyncOpperTransport(_StackBase, httpx.AsyncBaseTransport):
    """The async twin of ``OpperTransport``."""

    def __init__(self, inner: httpx.AsyncBaseTransport, **config: Any) -> None:
        super().__init__(**config)
        self.inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        attempt = self._begin(request)
        context = trace.set_span_in_context(attempt.span) if attempt.own else None
        response: httpx.Response | None = None
        try:
            async for retry in self.retry.asynchronous(attempt.retrying):
                with retry:
                    response = await self._send_once(request, context)
        except BaseException as exc:
            attempt.done(response, exc)
            raise
        assert response is not None
        attempt.done(response, None)
        return response

    async def _send_once(self, request: httpx.Request, context: Context | None) -> httpx.Response:
        token = None if context is None else _attach(context)
        try:
            response = await self.inner.handle_async_request(request)
        except httpx.TransportError as exc:
            raise connection_error(exc, request, self._api_key) from exc
        finally:
            _detach(token)
        self._clean(response)
        if response.status_code < 400:
            return response
        try:
            await response.aread()
        finally:
            await response.aclose()
        raise self._failure(request, response)


def _attach(context: Context) -> Token[Context]:
    return otel_context.attach(context)


def _detach(token: Token[Context] | None) -> None:
    if token is not None:
        otel_context.detach(token)


def _with_defaults(request: httpx.Request, client: httpx.Client | httpx.AsyncClient) -> None:
    for name, value in client.headers.items():
        request.headers.setdefault(name, value)


class ClientTransport(httpx.BaseTransport):
    """Sends through a user's ``httpx.Client`` without changing it: its pool, proxies, hooks,
    certificates and default headers apply; nothing of it is given the API key."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        _with_defaults(request, self.client)
        return self.client.send(request, stream=True)


class AsyncClientTransport(httpx.AsyncBaseTransport):
    """The async twin of ``ClientTransport``."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        _with_defaults(request, self.client)
        return await self.client.send(request, stream=True)
