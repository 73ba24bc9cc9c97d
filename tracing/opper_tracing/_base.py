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
from collections.abc import Mapping
from typing import Any, ClassVar, Final, Generic, Protocol, Self, TypeVar
from urllib.parse import quote

import httpx

from opper_api.api import RequestOptions
from opper_api.client import AuthenticatedClient

from ._constants import DEFAULT_MAX_EVENT_SIZE, DEFAULT_TIMEOUT, OPERATION
from ._exceptions import APIResponseError, InvalidRequestError, OpperError, excerpt
from ._params import canonical_uuid, to_json
from ._retry import RetryPolicy
from ._streaming import StreamState
from ._telemetry import CallSpan, Telemetry
from ._transport import RETRY
from ._version import __version__

__all__ = ["Api", "BaseClient", "Operation", "Schema", "Timeout", "Wired", "output_type", "wired"]

Timeout = float | httpx.Timeout | None
Schema = Mapping[str, Any] | type | None
HttpT = TypeVar("HttpT", httpx.Client, httpx.AsyncClient)
WiredT = TypeVar("WiredT", bound="Wired")
ResultT = TypeVar("ResultT")
TransportT = TypeVar("TransportT", httpx.BaseTransport, httpx.AsyncBaseTransport)
_USER_AGENT: Final = f"opper-tracing/{__version__}"
_OPTIONS: Final = RequestOptions.__optional_keys__
_JSON_HEADERS: Final = {"Content-Type": "application/json"}
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


class Operation(Protocol):
    """One operation of a spec, as a generated package's ``Operation`` describes it (each
    package has its own class; the clients take either)."""

    @property
    def id(self) -> str: ...
    @property
    def method(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def uuids(self) -> frozenset[str]: ...


def output_type(schema: Any) -> Any:
    """The Python type results are validated into: ``output_schema`` when it is a type."""
    return None if schema is None or isinstance(schema, Mapping) else schema


class BaseClient(Generic[HttpT, TransportT]):
    """Configuration and request building shared by every client (v2 and v3, sync and async).

    Subclasses say which API they speak: ``DEFAULT_BASE_URL`` and the generated package's
    ``UNSET`` class (arguments left out are not sent).
    """

    DEFAULT_BASE_URL: ClassVar[str] = "https://api.opper.ai/v2"
    _unset: ClassVar[type] = type(None)
    _http: HttpT
    _inner: TransportT

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
            tracer_provider=tracer_provider,
            meter_provider=meter_provider,
            capture_content=capture_content,
            chunk_metrics=chunk_metrics,
            server_address=url.host,
            server_port=url.port or (443 if url.scheme == "https" else 80),
        )
        self._headers = {"User-Agent": _USER_AGENT, **(default_headers or {})}
        # Only what this client made is closed by close(): never a user's transport or client.
        self._owns_pool = http_client is None and transport is None
        self._inner = self._pool(http_client, transport)
        self._connect()

    # The API a subclass speaks (a mixin: ``V2``, ``V3``).
    _CALL: ClassVar[Operation]
    _STREAM: ClassVar[Operation]
    _KEYWORDS: ClassVar[frozenset[str]]

    _state_class: ClassVar[type[StreamState]] = StreamState

    def _result(self, response: httpx.Response, span: CallSpan, output_type: Any) -> Any:
        """A call's answer as its result."""
        raise NotImplementedError

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

    def _trace_span(self, span: dict[str, Any]) -> dict[str, Any]:
        """A trace's span as the API's ``spans.create`` takes it."""
        raise NotImplementedError

    def _span_ids(self, created: Any) -> tuple[str | None, str | None]:
        """The span id and trace id in the answer to ``spans.create``."""
        raise NotImplementedError

    def _pool(self, http_client: HttpT | None, transport: TransportT | None) -> TransportT:
        """What really sends: the given transport, the given client, or a new pool."""
        raise NotImplementedError

    def _connect(self) -> None:
        """Build the transport stack and HTTP client over ``_inner``."""
        raise NotImplementedError

    @classmethod
    def _checked_base_url(cls, base_url: str | None) -> str:
        """``base_url``, else ``OPPER_BASE_URL``, else the default, without a trailing slash;
        a typo fails here, naming the problem, not at the first call."""
        source = "base_url"
        if not base_url:
            base_url, source = os.environ.get("OPPER_BASE_URL"), "OPPER_BASE_URL"
        if not base_url:
            return cls.DEFAULT_BASE_URL
        try:
            url = httpx.URL(base_url)
            port = url.port
        except (httpx.InvalidURL, TypeError) as exc:
            problem = str(exc)
        else:
            if url.scheme not in ("http", "https"):
                problem = "it does not start with http:// or https://"
            elif not url.host:
                problem = "it has no host"
            elif port is not None and not 0 < port < 65536:
                problem = f"port {port} is out of range"
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
        """A copy with other defaults that shares this client's connection pool::

        patient = opper.with_options(timeout=600, max_retries=5)
        """
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

    def _stack_config(self) -> dict[str, Any]:
        return {
            "api_key": self._api_key,
            "base_url": httpx.URL(self.base_url),
            "retry": self.retry,
            "tracer": self._telemetry.tracer,
        }

    def _client_args(self) -> dict[str, Any]:
        return {
            "base_url": self.base_url,
            "timeout": self.timeout,
            "headers": self._headers,
            "follow_redirects": True,
        }

    def _json(self, values: Mapping[str, Any] | None, operation: Operation) -> dict[str, Any]:
        """Arguments as JSON, without those left out; UUID-typed keys canonical."""
        unset, uuids = self._unset, operation.uuids
        out: dict[str, Any] = {}
        for key, value in (values or {}).items():
            if isinstance(value, unset):
                continue
            if key in uuids and value is not None:
                out[key] = canonical_uuid(key, value)
            else:
                out[key] = to_json(value, key)
        return out

    def _build(
        self,
        operation: Operation,
        *,
        path: Mapping[str, Any] | None = None,
        query: Mapping[str, Any] | None = None,
        body: Mapping[str, Any] | None = None,
        options: RequestOptions,
        extensions: dict[str, Any] | None = None,
        ready: bool = False,
    ) -> httpx.Request:
        """The request for ``operation``; ``ready`` when ``body`` is JSON already (a call's)."""
        unknown = options.keys() - _OPTIONS
        if unknown:
            raise TypeError(f"{operation.id}() got unexpected keyword arguments: {sorted(unknown)}")
        url = operation.path
        if path:
            url = url.format_map(
                {
                    key: quote(str(value), safe="")
                    for key, value in self._json(path, operation).items()
                }
            )
        params = {k: v for k, v in self._json(query, operation).items() if v is not None}
        params.update(options.get("extra_query") or {})
        content = body if ready else (None if body is None else self._json(body, operation))
        extra_body = options.get("extra_body")
        if extra_body:
            content = {**(content or {}), **to_json(dict(extra_body), "extra_body")}
        extensions = {OPERATION: operation, **(extensions or {})}
        max_retries = options.get("max_retries")
        if max_retries is not None:
            extensions[RETRY] = dataclasses.replace(self.retry, max_retries=max_retries)
        timeout = options.get("timeout")
        if timeout is None:
            extensions["timeout"] = self._timeouts
        else:
            extensions["timeout"] = httpx.Timeout(timeout).as_dict()
        headers = self._headers
        if content is not None or options.get("extra_headers"):
            headers = {**headers, **_JSON_HEADERS, **(options.get("extra_headers") or {})}
        if params:
            url += "?" + str(httpx.QueryParams(params))
        # Built here, not by httpx.Client.build_request: the client's defaults are known, and
        # merging them per request cost more than the rest of a call's preparation.
        return httpx.Request(
            operation.method,
            self.base_url + url,
            headers=headers,
            content=None if content is None else _dumps(content).encode(),
            extensions=extensions,
        )


class Wired:
    """A generated ``AuthenticatedClient`` that sends through a client's stack (auth, retries,
    errors, spans). Its ``token`` is a placeholder: the stack adds the key per request."""

    _base_url: str
    _http: httpx.Client | httpx.AsyncClient

    def wire(self, http: httpx.Client | httpx.AsyncClient) -> None:
        self._http = http

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


class Api(Wired, AuthenticatedClient):
    """``opper.api``: the generated v2 client, through the client's stack."""


def wired(cls: type[WiredT], base_url: str, http: httpx.Client | httpx.AsyncClient) -> WiredT:
    """A ``cls`` (a ``Wired`` generated client) for ``base_url`` sending through ``http``."""
    api = cls(base_url=base_url, token="(added per request)")  # type: ignore[call-arg]
    api.wire(http)
    return api
