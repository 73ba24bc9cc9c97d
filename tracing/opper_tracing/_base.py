"""What every client shares, without I/O: configuration, ``with_options``, and building the
request of any operation of the spec (``_async/_client`` sends it).

A request is built once for everything the clients send: the resource methods the generator
writes (``opper.spans.get(...)``), ``call()``, ``stream()`` and ``trace()``'s bookkeeping. The
``Operation`` (id, method, route, UUID-typed keys) comes from the generated package and travels
with the request, so the transport stack names its span without matching routes.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import weakref
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Final, Generic, NoReturn, Protocol, Self, TypeVar
from urllib.parse import quote

import httpx

from opper_api.api import RequestOptions
from opper_api.client import AuthenticatedClient

from ._constants import DEFAULT_MAX_EVENT_SIZE, DEFAULT_TIMEOUT, OPERATION, TRACED
from ._exceptions import APIResponseError, InvalidRequestError, OpperError, excerpt
from ._params import canonical_uuid, to_json
from ._retry import RetryPolicy
from ._streaming import StreamState
from ._telemetry import CallSpan, Telemetry
from ._transport import RETRY
from ._version import __version__

__all__ = ["Api", "BaseClient", "Operation", "Schema", "Timeout", "Wired", "wired"]

Timeout = float | httpx.Timeout | None
Schema = Mapping[str, Any] | type | None
HttpT = TypeVar("HttpT", httpx.Client, httpx.AsyncClient)
WiredT = TypeVar("WiredT", bound="Wired")
ResultT = TypeVar("ResultT")
TransportT = TypeVar("TransportT", httpx.BaseTransport, httpx.AsyncBaseTransport)
_USER_AGENT: Final = f"opper-tracing/{__version__}"
_OPTIONS: Final = RequestOptions.__optional_keys__
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


class Operation(Protocol):
    """One operation of a spec, as either generated package's own ``Operation`` class has it."""

    @property
    def id(self) -> str: ...
    @property
    def method(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def uuids(self) -> frozenset[str]: ...


class BaseClient(Generic[HttpT, TransportT]):
    """Configuration and request building shared by every client (v2 and v3, sync and async).

    The API spoken comes from a mixin (``V2``, ``V3``: the members below without a value, and
    ``_trace_span``/``_span_ids`` for ``trace()``), the I/O from ``AsyncClient``/``Client``.
    """

    DEFAULT_BASE_URL: ClassVar[str]
    _unset: ClassVar[type]  # the generated package's UNSET class: arguments left out
    _CALL: ClassVar[Operation]
    _STREAM: ClassVar[Operation]
    _KEYWORDS: ClassVar[frozenset[str]]
    _state_class: ClassVar[type[StreamState]] = StreamState
    _result: Callable[[httpx.Response, CallSpan, Any], Any]  # a call's answer as its result
    _api_client: Callable[[HttpT], Any]  # opper.api
    _pool: Callable[[HttpT | None, TransportT | None], TransportT]  # what really sends
    _stack_class: ClassVar[Callable[..., Any]]
    _http_class: ClassVar[Callable[..., Any]]
    _inner: TransportT
    _stack: Any
    _http: HttpT
    _streams: weakref.WeakSet[Any]  # the open streams, closed with the client

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        retry: RetryPolicy | None = None,
        http_client: HttpT | None = None,
        transport: TransportT | None = None,
        tracer_provider: Any = None,
        meter_provider: Any = None,
        capture_content: bool | None = None,
        chunk_metrics: bool = False,
        stream_usage: bool = False,
        max_event_size: int = DEFAULT_MAX_EVENT_SIZE,
        default_headers: Mapping[str, str] | None = None,
    ) -> None:
        api_key = api_key or os.environ.get("OPPER_API_KEY")
        if not api_key:
            raise OpperError("no API key: pass api_key=... or set OPPER_API_KEY")
        self._api_key = api_key
        self.base_url: str = self._checked_base_url(base_url)
        """The API root, e.g. ``https://api.opper.ai/v2``."""
        if timeout is None:
            raise OpperError("timeout=None would wait forever; pass seconds or an httpx.Timeout")
        self.timeout = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        """The request timeouts; ``read`` also bounds the wait between two stream events."""
        self._timeouts = self.timeout.as_dict()
        self.retry = retry if retry is not None else RetryPolicy(max_retries=max_retries)
        """The retry policy: 429, 5xx and failed connects, until a 2xx answer arrives."""
        self.max_event_size = max_event_size
        self.stream_usage = stream_usage
        """v2: fetch each drained stream's usage and cost (two requests after it)."""
        url = httpx.URL(self.base_url)
        self._telemetry = Telemetry(
            tracer_provider=tracer_provider, meter_provider=meter_provider,
            capture_content=capture_content, chunk_metrics=chunk_metrics,
            server_address=url.host, server_port=url.port or (443 if url.scheme == "https" else 80),
        )  # fmt: skip
        self._headers = {"User-Agent": _USER_AGENT, **(default_headers or {})}
        # Only what this client made is closed by close(): never a user's transport or client.
        self._owns_pool = http_client is None and transport is None
        self._inner = self._pool(http_client, transport)
        self._connect()

    def _parsed(self, response: httpx.Response, model: type[ResultT], span: CallSpan) -> ResultT:
        """``response``'s JSON as ``model`` (a result class over a generated response model),
        with its request id; ``APIResponseError`` when the body is not the API's."""
        try:
            result = model.from_dict(response.json())  # type: ignore[attr-defined]
        except (ValueError, TypeError, KeyError) as exc:
            raise APIResponseError(
                f"{response.status_code} from {response.request.method} "
                f"{response.request.url.path}: the body does not match the API: "
                f"{excerpt(str(exc), self._api_key, 300)}",
                status_code=response.status_code,
                content_type=response.headers.get("content-type"),
                body=excerpt(response.text, self._api_key, 200),
            ) from None
        result.request_id = response.headers.get("x-request-id")
        span.on_request_id(result.request_id)
        return result  # type: ignore[no-any-return]

    def _state(self, request: httpx.Request, output_schema: Any) -> StreamState:
        """A new stream's decoding state."""
        return self._state_class(
            max_event_size=self.max_event_size,
            secret=self._api_key,
            where=f"{request.method} {request.url.path}",
            output_schema=output_schema,
        )

    @classmethod
    def _checked_base_url(cls, base_url: str | None) -> str:
        """``base_url``, else ``OPPER_BASE_URL``, else the default, without a trailing slash;
        a typo fails here, naming the problem, not at the first call."""
        source = "base_url" if base_url else "OPPER_BASE_URL"
        base_url = base_url or os.environ.get("OPPER_BASE_URL")
        if not base_url:
            return cls.DEFAULT_BASE_URL
        try:
            url = httpx.URL(base_url)
        except (httpx.InvalidURL, TypeError) as exc:
            problem = str(exc)
        else:
            if url.scheme not in ("http", "https"):
                problem = "it does not start with http:// or https://"
            elif not url.host:
                problem = "it has no host"
            elif url.port is not None and not 0 < url.port < 65536:
                problem = f"port {url.port} is out of range"
            else:
                return cls._api_root(base_url.rstrip("/"), source)
        raise InvalidRequestError(
            f"{source} {base_url!r} is not an API root URL: {problem} (e.g. {cls.DEFAULT_BASE_URL})"
        )

    @classmethod
    def _api_root(cls, base_url: str, source: str) -> str:
        return base_url

    def with_options(
        self, *, timeout: float | httpx.Timeout | None = None, max_retries: int | None = None
    ) -> Self:
        """A copy with other defaults that shares this client's connection pool:
        ``patient = opper.with_options(timeout=600, max_retries=5)``."""
        clone = copy.copy(self)
        for name in getattr(self, "RESOURCES", ()):
            clone.__dict__.pop(name, None)  # resources made for the original send through it
        if timeout is not None:
            clone.timeout = httpx.Timeout(timeout)
            clone._timeouts = clone.timeout.as_dict()
        if max_retries is not None:
            clone.retry = dataclasses.replace(self.retry, max_retries=max_retries)
        clone._owns_pool = False
        clone._connect()
        return clone

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    def _connect(self) -> None:
        """The stack over ``_inner``, and the HTTP client over it (``opper.api`` sends through
        it); a ``with_options`` copy makes its own."""
        self._streams = weakref.WeakSet()
        self._stack = stack = self._stack_class(
            self._inner, api_key=self._api_key, base_url=httpx.URL(self.base_url),
            retry=self.retry, tracer=self._telemetry.tracer,
        )  # fmt: skip
        self._http = self._http_class(
            transport=stack, base_url=self.base_url, timeout=self.timeout, headers=self._headers,
            follow_redirects=True,
        )  # fmt: skip
        self.api = self._api_client(self._http)

    def _json(self, values: Mapping[str, Any] | None, operation: Operation) -> dict[str, Any]:
        """Arguments as JSON, without those left out; UUID-typed keys canonical."""
        unset, uuids = self._unset, operation.uuids
        return {
            key: canonical_uuid(key, value)
            if key in uuids and value is not None
            else to_json(value, key)
            for key, value in (values or {}).items()
            if not isinstance(value, unset)
        }

    def _build(
        self, operation: Operation, *, path: Mapping[str, Any] | None = None,
        query: Mapping[str, Any] | None = None, body: Mapping[str, Any] | None = None,
        options: RequestOptions, traced: bool = False,
    ) -> httpx.Request:  # fmt: skip
        """The request for ``operation``; ``traced`` for a call or stream, whose body is JSON
        already and whose span the client makes (the stack adds none)."""
        if unknown := options.keys() - _OPTIONS:
            raise TypeError(f"{operation.id}() got unexpected keyword arguments: {sorted(unknown)}")
        url = operation.path
        if path:
            quoted = {k: quote(str(v), safe="") for k, v in self._json(path, operation).items()}
            url = url.format_map(quoted)
        params = {k: v for k, v in self._json(query, operation).items() if v is not None}
        params.update(options.get("extra_query") or {})
        if params:
            url += "?" + str(httpx.QueryParams(params))
        content = body if traced else (None if body is None else self._json(body, operation))
        if extra_body := options.get("extra_body"):
            content = {**(content or {}), **to_json(dict(extra_body), "extra_body")}
        timeout, max_retries = options.get("timeout"), options.get("max_retries")
        timeouts = self._timeouts if timeout is None else httpx.Timeout(timeout).as_dict()
        extensions = {OPERATION: operation, TRACED: traced, "timeout": timeouts}
        if max_retries is not None:
            extensions[RETRY] = dataclasses.replace(self.retry, max_retries=max_retries)
        headers, extra_headers = self._headers, options.get("extra_headers")
        if content is not None or extra_headers:
            headers = {**headers, "Content-Type": "application/json", **(extra_headers or {})}
        # Built here, not by httpx.Client.build_request: the client's defaults are known, and
        # merging them per request cost more than the rest of a call's preparation.
        data = None if content is None else _dumps(content).encode()
        return httpx.Request(
            operation.method, self.base_url + url, headers=headers, content=data,
            extensions=extensions,
        )  # fmt: skip


class Wired:
    """A generated ``AuthenticatedClient`` that sends through a client's stack (auth, retries,
    errors, spans). Its ``token`` is a placeholder: the stack adds the key per request."""

    _base_url: str
    _http: httpx.Client | httpx.AsyncClient

    def get_httpx_client(self) -> httpx.Client:
        if not isinstance(self._http, httpx.Client):
            raise OpperError("AsyncOpper.api runs asyncio()/asyncio_detailed(); use Opper")
        return self._http

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        if not isinstance(self._http, httpx.AsyncClient):
            raise OpperError("Opper.api runs sync()/sync_detailed(); use AsyncOpper for asyncio()")
        return self._http

    def __repr__(self) -> str:
        return f"<opper api {self._base_url}>"

    def _unsupported(self, *_: Any) -> NoReturn:
        # The generated copies would lose the stack, and their settings would never be sent.
        raise OpperError(
            "opper.api sends with its client's settings: for other headers or timeouts, make a "
            "client with them (default_headers=..., opper.with_options(timeout=...))"
        )

    with_headers = with_cookies = with_timeout = set_httpx_client = _unsupported
    set_async_httpx_client = _unsupported


class Api(Wired, AuthenticatedClient):
    """``opper.api``: the generated v2 client, through the client's stack."""


def wired(cls: type[WiredT], base_url: str, http: httpx.Client | httpx.AsyncClient) -> WiredT:
    """A ``cls`` (a ``Wired`` generated client) for ``base_url`` sending through ``http``."""
    api = cls(base_url=base_url, token="(added per request)")  # type: ignore[call-arg]
    api._http = http
    return api
