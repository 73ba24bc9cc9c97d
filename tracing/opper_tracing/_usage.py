"""A streamed call's usage and cost, fetched once the stream has ended (``stream_usage=True``).

v2 streams carry no token counts and no cost. With ``Opper(stream_usage=True)`` the client asks
for them after a stream is read to its end, the way Opper's own agent SDK does: ``GET
/spans/{span_id}`` gives the stream's trace id, ``GET /traces/{trace_id}`` the trace, and the
trace's span for the call holds ``data.total_tokens``. Both operations are the generated ones
(``openapi.yaml``), sent through the client's transport stack (auth, the key redacted from
errors) without retries and with a short timeout, inside the call's span (so they carry its
``traceparent``) but without spans of their own. A failure only leaves ``stream.usage`` at
``None``; it is logged at DEBUG and never raised::

    with Opper(stream_usage=True) as opper:
        with opper.stream("summarise", input=text) as stream:
            for chunk in stream: ...
        print(stream.usage, stream.cost)          # or None when the server had none to give

What the trace gives: the official SDK's schema promises only ``data.total_tokens`` per span, so
that is always used. When the span's free-form ``meta`` also holds ``usage`` and ``cost`` objects
shaped like ``/call``'s (the emulator stores them so), they give the input/output split and the
cost. A span without a count of its own gets the sum of its descendants' counts.

Not on by default: it adds two requests to the end of every stream, which delay leaving the
loop by two round trips and spend the caller's rate limit; the span's end time is taken before
them (``CallSpan.stop_clock``), so they never lengthen the span.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping, Sequence
from types import ModuleType
from typing import Any, Final, NamedTuple

import httpx

from opper_api.api.spans import get_span
from opper_api.api.traces import get_trace
from opper_api.client import AuthenticatedClient, Client
from opper_api.models import Cost, Usage

from ._retry import RetryPolicy
from ._telemetry import CallSpan
from ._transport import AsyncOpperTransport, OpperTransport, covered

__all__ = [
    "DEFAULT_USAGE_TIMEOUT",
    "AsyncUsageFetcher",
    "StreamUsage",
    "UsageFetcher",
    "usage_from_trace",
]

_logger = logging.getLogger("opper_tracing")

DEFAULT_USAGE_TIMEOUT: Final = 2.0
"""Seconds each of the two requests may take (per connect, read, write and pool wait)."""

_NO_RETRIES: Final = RetryPolicy(max_retries=0)


class StreamUsage(NamedTuple):
    """What the fetch found: the Opper trace id, the usage and the cost (each may be ``None``)."""

    trace_id: str
    usage: Usage | None
    cost: Cost | None


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _numbers(value: Any) -> dict[str, Any] | None:
    """``value`` when it is a mapping holding at least one number, else ``None``."""
    if not isinstance(value, Mapping):
        return None
    if not any(isinstance(v, int | float) and not isinstance(v, bool) for v in value.values()):
        return None
    return dict(value)


def _canonical(span_id: Any) -> str | None:
    try:
        return str(uuid.UUID(str(span_id)))
    except ValueError:
        return None


def _own_tokens(span: Mapping[str, Any]) -> int | None:
    data = span.get("data")
    return _count(data.get("total_tokens")) if isinstance(data, Mapping) else None


def _descendant_tokens(spans: Sequence[Mapping[str, Any]], root: str) -> int | None:
    children: dict[str, list[Mapping[str, Any]]] = {}
    for span in spans:
        parent = _canonical(span.get("parent_id"))
        if parent is not None:
            children.setdefault(parent, []).append(span)
    total, found, todo, seen = 0, False, [root], {root}
    while todo:
        for child in children.get(todo.pop(), ()):
            child_id = _canonical(child.get("id"))
            if child_id is None or child_id in seen:
                continue
            seen.add(child_id)
            tokens = _own_tokens(child)
            if tokens is not None:
                total, found = total + tokens, True
            else:
                todo.append(child_id)
    return total if found else None


def usage_from_trace(
    trace: Mapping[str, Any], span_id: str
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The usage and cost of the call ``span_id`` in a ``GET /traces/{trace_id}`` document.

    >>> call = "4f6c2a52-8d0e-4c0b-9a51-0d7f43f0b111"
    >>> usage_from_trace({"spans": [{"id": call, "data": {"total_tokens": 42}}]}, call)
    ({'total_tokens': 42}, None)
    """
    spans = [s for s in trace.get("spans") or () if isinstance(s, Mapping)]
    wanted = str(uuid.UUID(span_id))
    span = next((s for s in spans if _canonical(s.get("id")) == wanted), None)
    if span is None:
        return None, None
    meta = span.get("meta")
    meta = meta if isinstance(meta, Mapping) else {}
    usage = _numbers(meta.get("usage"))
    cost = _numbers(meta.get("cost"))
    total = _own_tokens(span)
    if total is None:
        total = _descendant_tokens(spans, wanted)
    if total is not None:
        usage = {**(usage or {}), "total_tokens": total}
    return usage, cost


class _FetcherBase:
    """Request building and parsing shared by the sync and async fetchers."""

    def __init__(
        self,
        http: httpx.Client | httpx.AsyncClient,
        api: AuthenticatedClient | Client,
        timeout: float,
    ) -> None:
        self._http = http
        self._api = api
        self._timeout = httpx.Timeout(timeout)

    def _request(self, operation: ModuleType, *args: Any) -> httpx.Request:
        # The client's own request building: base URL, default headers, the route from the spec.
        request: httpx.Request = self._http.build_request(
            **operation._get_kwargs(*args), timeout=self._timeout
        )
        return request

    def _parsed(self, operation: ModuleType, response: httpx.Response) -> dict[str, Any]:
        parsed = operation._build_response(client=self._api, response=response).parsed
        if not hasattr(parsed, "to_dict"):
            raise ValueError(f"{response.request.url.path} answered {response.status_code}")
        document: dict[str, Any] = parsed.to_dict()
        return document

    @staticmethod
    def _found(span_id: str, trace: Mapping[str, Any]) -> StreamUsage:
        usage, cost = usage_from_trace(trace, span_id)
        return StreamUsage(
            str(trace.get("id")),
            None if usage is None else Usage.from_dict(usage),
            None if cost is None else Cost.from_dict(cost),
        )

    @staticmethod
    def _trace_id(span_id: str, opper_span: Mapping[str, Any]) -> uuid.UUID:
        trace_id = opper_span.get("trace_id")
        if not trace_id:
            raise ValueError(f"span {span_id} has no trace id")
        return uuid.UUID(str(trace_id))

    @staticmethod
    def _failed(span_id: str, exc: Exception) -> None:
        _logger.debug(
            "opper_tracing: no usage for stream %s (%s: %s)", span_id, type(exc).__name__, exc
        )


class UsageFetcher(_FetcherBase):
    """Fetches a finished stream's usage for ``Opper``, over the client's connection pool.

    ::

        fetcher = UsageFetcher(http, inner, api, stack_config)
        found = fetcher.fetch(span_id, call_span)     # StreamUsage, or None; never raises
    """

    def __init__(
        self,
        http: httpx.Client,
        inner: httpx.BaseTransport,
        api: AuthenticatedClient | Client,
        stack_config: Mapping[str, Any],
        timeout: float = DEFAULT_USAGE_TIMEOUT,
    ) -> None:
        super().__init__(http, api, timeout)
        self._stack = OpperTransport(inner, **{**stack_config, "retry": _NO_RETRIES})

    def fetch(self, span_id: str, span: CallSpan) -> StreamUsage | None:
        """The usage of the stream whose Opper span is ``span_id``; ``None`` when it cannot be
        had. The requests run inside ``span`` (its ``traceparent``), which also gets the trace
        id."""
        try:
            with span.activate(), covered():
                opper_span = self._get(get_span, uuid.UUID(span_id))
                trace_id = self._trace_id(span_id, opper_span)
                span.on_opper_trace_id(str(trace_id))
                return self._found(span_id, self._get(get_trace, trace_id))
        except Exception as exc:
            self._failed(span_id, exc)
            return None

    def _get(self, operation: ModuleType, *args: Any) -> dict[str, Any]:
        response = self._stack.handle_request(self._request(operation, *args))
        try:
            response.read()
        finally:
            response.close()
        return self._parsed(operation, response)


class AsyncUsageFetcher(_FetcherBase):
    """The async twin of ``UsageFetcher``, for ``AsyncOpper``::

    found = await fetcher.fetch(span_id, call_span)
    """

    def __init__(
        self,
        http: httpx.AsyncClient,
        inner: httpx.AsyncBaseTransport,
        api: AuthenticatedClient | Client,
        stack_config: Mapping[str, Any],
        timeout: float = DEFAULT_USAGE_TIMEOUT,
    ) -> None:
        super().__init__(http, api, timeout)
        self._stack = AsyncOpperTransport(inner, **{**stack_config, "retry": _NO_RETRIES})

    async def fetch(self, span_id: str, span: CallSpan) -> StreamUsage | None:
        """The usage of the stream whose Opper span is ``span_id``; see ``UsageFetcher.fetch``."""
        try:
            with span.activate(), covered():
                opper_span = await self._get(get_span, uuid.UUID(span_id))
                trace_id = self._trace_id(span_id, opper_span)
                span.on_opper_trace_id(str(trace_id))
                return self._found(span_id, await self._get(get_trace, trace_id))
        except Exception as exc:
            self._failed(span_id, exc)
            return None

    async def _get(self, operation: ModuleType, *args: Any) -> dict[str, Any]:
        response = await self._stack.handle_async_request(self._request(operation, *args))
        try:
            await response.aread()
        finally:
            await response.aclose()
        return self._parsed(operation, response)
