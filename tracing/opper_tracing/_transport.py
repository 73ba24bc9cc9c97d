"""What the transport stack does around each send, without I/O (``_async/_transport`` sends).

Every request of a client goes through its stack, generated operations included, and gets:

- the bearer key only under the client's base URL (its scheme, host and port, a path at or below
  its path): a redirect elsewhere, or a user's ``http_client`` used for other hosts, never sees it;
- retries by its ``RetryPolicy``, each on the current span and logged at DEBUG inside it;
- error statuses as ``APIStatusError`` subclasses, transport failures as ``APIConnectionError``;
- unless its caller records it, a CLIENT span, ``{method} {route}`` (``{method}`` for
  ``opper.api``'s), and its W3C ``traceparent``;
- redirects followed as httpx's ``follow_redirects`` does, each hop through the stack, up to
  ``MAX_REDIRECTS``. The clients call the stack directly, not ``httpx.Client.send``, whose auth
  flow, cookie jar and body wrapper (a reference cycle only the garbage collector frees) were a
  fifth of a stream's cost with thousands at once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import httpx
from opentelemetry import propagate, trace
from opentelemetry.trace import Span, SpanKind, Status, StatusCode, Tracer

from . import _constants as attrs
from ._exceptions import (
    APIConnectionError,
    APIResponseError,
    APIStatusError,
    APITimeoutError,
    error_from_response,
    redact,
    transport_failure,
)
from ._retry import RetryPolicy
from ._telemetry import error_type

__all__ = [
    "MAX_REDIRECTS", "RETRY", "Attempt", "StackBase", "connection_error", "covered"
]  # fmt: skip

_logger = logging.getLogger("opper_tracing")

RETRY = "opper_tracing.retry"
"""Request extension: this request's ``RetryPolicy`` (``max_retries=`` per request)."""
MAX_REDIRECTS = 20
"""Redirects followed for one request (httpx's default)."""
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_NOT_CARRIED = frozenset({"host", "content-length", "transfer-encoding", "cookie"})
_NOT_CARRIED_ELSEWHERE = _NOT_CARRIED | {"authorization"}  # to another scheme, host or port
_covered: ContextVar[bool] = ContextVar("opper_tracing_covered", default=False)


@contextmanager
def covered() -> Iterator[None]:
    """Requests sent inside are recorded by the current span, not spans of their own
    (``trace()``'s bookkeeping, a stream's usage fetch): they would clutter the tree."""
    token = _covered.set(True)
    try:
        yield
    finally:
        _covered.reset(token)


def connection_error(
    exc: httpx.TransportError, request: httpx.Request, secret: str = ""
) -> APIConnectionError:
    """Our error for an httpx transport failure, naming the request and what failed:
    ``ReadError on POST /v2/call: the connection broke while reading (...)``. ``secret`` is
    redacted from it and from ``exc``'s chain."""
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    where = redact(f"{request.method} {request.url.path}", secret)
    description = transport_failure(exc, secret).partition(": ")[2]
    return cls(f"{type(exc).__name__} on {where}: {description}")


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port


class Attempt:
    """What one request through the stack records: its span (own or the caller's), retries."""

    __slots__ = ("name", "own", "resends", "span")

    def __init__(self, span: Span, own: bool, name: str) -> None:
        self.span, self.own, self.name, self.resends = span, own, name, 0

    def retrying(self, error: BaseException, wait: float) -> None:
        self.resends += 1
        _logger.debug("retrying %s in %.2f s after %s", self.name, wait, error)
        try:
            if self.span.is_recording():
                self.span.set_attribute(attrs.HTTP_REQUEST_RESEND_COUNT, self.resends)
                self.span.add_event(
                    attrs.EVENT_RETRY,
                    {attrs.ERROR_TYPE: error_type(error), attrs.OPPER_RETRY_WAIT: wait},
                )
        except Exception:
            _logger.debug("could not record a retry", exc_info=True)

    def done(self, response: httpx.Response | None, error: BaseException | None) -> None:
        if not self.own:
            return
        try:
            if response is not None:
                self.span.set_attribute(attrs.HTTP_RESPONSE_STATUS_CODE, response.status_code)
            if error is not None:
                self.span.set_attribute(attrs.ERROR_TYPE, error_type(error))
                self.span.set_status(Status(StatusCode.ERROR, str(error)))
            self.span.end()
        except Exception:
            _logger.debug("could not end the operation span", exc_info=True)


class StackBase:
    """Everything of the stack but the send: auth, the span, errors, cleaning responses."""

    def __init__(
        self, *, api_key: str, base_url: httpx.URL, retry: RetryPolicy, tracer: Tracer
    ) -> None:
        self._api_key, self._auth, self._tracer = api_key, f"Bearer {api_key}", tracer
        self._base, self._base_origin, self.retry = base_url, _origin(base_url), retry
        port = base_url.port or (443 if base_url.scheme == "https" else 80)
        self._server = {attrs.SERVER_ADDRESS: base_url.host, attrs.SERVER_PORT: port}  # as ours
        self._base_dir = base_url.raw_path.decode("ascii").rstrip("/") + "/"  # and below it

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._base}>"

    def _ours(self, url: httpx.URL) -> bool:
        return _origin(url) == self._base_origin and (url.path + "/").startswith(self._base_dir)

    def _begin(self, request: httpx.Request) -> tuple[Attempt, RetryPolicy]:
        retry: RetryPolicy = request.extensions.get(RETRY) or self.retry
        if not self._ours(request.url):
            if request.headers.get("Authorization") == self._auth:
                del request.headers["Authorization"]  # carried over by a redirect
            return Attempt(trace.INVALID_SPAN, False, request.method), retry
        request.headers["Authorization"] = self._auth
        operation = request.extensions.get(attrs.OPERATION)
        template = operation.path if operation is not None else None
        name = f"{request.method} {template}" if template else request.method
        if request.extensions.get(attrs.TRACED):
            return Attempt(trace.get_current_span(), False, name), retry
        if _covered.get():
            propagate.inject(request.headers)
            return Attempt(trace.get_current_span(), False, name), retry
        attributes: dict[str, Any] = {attrs.HTTP_REQUEST_METHOD: request.method, **self._server}
        if operation is not None:
            attributes.update(
                {attrs.URL_TEMPLATE: template, attrs.OPPER_OPERATION_ID: operation.id}
            )
        try:
            span = self._tracer.start_span(name, kind=SpanKind.CLIENT, attributes=attributes)
            propagate.inject(request.headers, context=trace.set_span_in_context(span))
        except Exception:
            _logger.debug("could not start the operation span", exc_info=True)
            return Attempt(trace.INVALID_SPAN, False, name), retry
        return Attempt(span, True, name), retry

    def _failure(self, request: httpx.Request, response: httpx.Response) -> APIStatusError:
        phrase = response.extensions.get("reason_phrase", b"")
        return error_from_response(
            status_code=response.status_code,
            headers=response.headers,
            content=response.content,
            reason=phrase.decode("latin-1") if isinstance(phrase, bytes) else str(phrase),
            where=f"{request.method} {request.url}",
            secret=self._api_key,
        )

    def _redirect(
        self, request: httpx.Request, response: httpx.Response, hops: int
    ) -> httpx.Request | None:
        """The next request of a redirect answer (``hops`` followed so far), else ``None``."""
        location = response.headers.get("location")
        if location is None or response.status_code not in _REDIRECTS:
            return None
        if hops >= MAX_REDIRECTS:
            raise APIResponseError(
                f"{request.method} {redact(str(request.url), self._api_key)}: more than "
                f"{MAX_REDIRECTS} redirects",
                status_code=response.status_code,
                content_type=response.headers.get("content-type"),
                body="",
            )
        url = request.url.join(location)
        method, content = request.method, request.content
        status = response.status_code
        if (status == 303 and method != "HEAD") or (status in (301, 302) and method == "POST"):
            method, content = "GET", b""
        skip = _NOT_CARRIED if _origin(url) == _origin(request.url) else _NOT_CARRIED_ELSEWHERE
        headers = [(k, v) for k, v in request.headers.multi_items() if k.lower() not in skip]
        return httpx.Request(
            method, url, headers=headers, content=content or None, extensions=request.extensions
        )

    def _clean(self, response: httpx.Response) -> None:
        """Redact the key from what is logged and followed: the reason phrase (in httpx's INFO line
        "HTTP Request: POST ... 200 OK") and a redirect's ``Location`` (the next request's URL)."""
        phrase = response.extensions.get("reason_phrase")
        if phrase and phrase != b"OK" and isinstance(phrase, bytes):
            text = phrase.decode("latin-1")
            if (clean := redact(text, self._api_key)) != text:
                response.extensions["reason_phrase"] = clean.encode("latin-1")
        location = response.headers.get("location") if 300 <= response.status_code < 400 else None
        if location and (clean := redact(location, self._api_key)) != location:
            response.headers["location"] = clean
