"""The emulator's ASGI app: routing and dispatch, and the one place errors become responses.

It serves two specs on one port: every operation of ``openapi.yaml`` under ``/v2`` and every
operation of Opper's v3 spec (``openapi-v3.yaml``, whose paths start with ``/v3``, plus
``/health``) at the server root. Each request goes through the same steps, in this order (the
checks are in ``_checks``, the faults in ``_injection``):

0. a request with both ``Content-Length`` and ``Transfer-Encoding`` is answered 400 and its
   connection closed, since the two disagree on where the body ends;
1. read the body, at most ``max_body_bytes`` (more: 400 ``BadRequestError``), and log the request;
2. check the bearer token (401), unless the operation's ``security`` is empty (v3's
   ``/v3/models``, ``/health``, ``/v3/openapi.*``);
3. apply the fault spec (``X-Emulator-Fault`` or the emulator's default; a bad spec is a 400);
4. a body whose ``Content-Type`` is neither ``application/json`` nor ``*/*+json`` (none at all
   counts as JSON): 415 ``UnsupportedMediaTypeError``;
5. parse the body: not UTF-8, not JSON, ``NaN``, or nested deeper than 100 levels: 400
   ``BadRequestError``; an empty body where one is required: 422;
6. validate the path and query parameters and the body against the spec (422
   ``RequestValidationError`` listing ``{"loc", "msg", "type"}``; 400 on v3);
7. run the operation's handler with the request's ``Context``. v2: calls and streams
   (``_calls``), spans and traces (``_spans``, ``_traces``), metrics, feedback, functions and
   models (``_resources``); v3: calls and streams (``_v3_calls``), spans, events and traces
   (``_v3_spans``), functions, revisions, examples, generations and models (``_v3_functions``)
   are modelled with state; any other operation answers its lowest documented 2xx status with
   a body synthesized from the response schema (``_answers``).

Every handler has one form: ``handler(context) -> value``, where the value is the JSON answer
(its schema's required properties filled in), ``None`` (an empty answer with the success status)
or a ``Response`` (an event stream); a failure is an ``APIProblem`` raised anywhere on the way,
rendered here in the body of the request's API (``/v3/...`` and ``/health`` are v3):

- v2: ``{"type": "NotFoundError", "message": "The resource was not found", "detail": ...}``;
  a wrong or missing key answers ``{"type": "HTTPException", "message": "Invalid API key",
  "detail": "Invalid API key"}``, as the live API does (its docs say ``UnauthorizedError``);
- v3: ``{"error": {"code": "not_found", "message": ..., "details": ...}}`` (``code`` from
  ``_errors.v3_code``); v3 answers a 422 as 400.

Every answer (errors, streams and dropped-body 404s too) carries an ``x-request-id`` header, a
fresh UUID per request, which the emulator also records on the request (``RecordedRequest``).

::

    app = create_app(api_key="test")      # serve it with uvicorn, or use Emulator
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ._answers import Answers
from ._calls import Calls
from ._checks import (
    DEFAULT_MAX_BODY_BYTES,
    MISSING,
    Context,
    authenticate,
    check_body,
    check_media_type,
    check_parameters,
    check_query,
    headers_of,
    parse_body,
    read_body,
)
from ._errors import APIProblem, bad_request, documented_errors, not_found, v3_code
from ._faults import Faults
from ._injection import Injector, NoResponse
from ._resources import Resources
from ._spans import Spans
from ._spec import Operation, find_spec_path, load_spec, operations
from ._state import DEFAULT_MAX_RECORDS, EmulatorState, resolve_api_key
from ._v3_calls import V3Calls
from ._v3_functions import V3Functions
from ._v3_spans import V3Spans

__all__ = ["create_app"]

_log = logging.getLogger("opper_emulator")

#: A handler takes the request's ``Context`` and returns its answer (see the module docstring).
Handler = Callable[[Context], Any]
#: Where ``_RequestIds`` leaves the request's id in its ASGI scope.
_REQUEST_ID = "opper_emulator.request_id"


def _render(problem: APIProblem, version: int) -> Response:
    """The error answer for ``problem`` in API ``version``'s body: the only place an error
    becomes a response."""
    status = problem.status
    body: dict[str, Any]
    if version == 3:
        status = 400 if status == 422 else status
        code = v3_code(problem.kind, status)
        body = {"error": {"code": code, "message": problem.message, "details": problem.detail}}
    else:
        body = {"type": problem.kind, "message": problem.message, "detail": problem.detail}
    return JSONResponse(body, status_code=status, headers=problem.headers or None)


def _version_of(path: str) -> int:
    """Which API's error body a request outside any operation gets."""
    return 3 if path.startswith("/v3/") or path in ("/v3", "/health") else 2


def _record(
    state: EmulatorState,
    request: Request,
    headers: Mapping[str, str] | None = None,
    body: Any = None,
    operation_id: str | None = None,
) -> None:
    """Log the request, with the id of its answer."""
    request_id = request.scope.get(_REQUEST_ID)
    given = headers if headers is not None else headers_of(request)
    state.record(request.method, request.url.path, given, body, operation_id, request_id)


@dataclass
class _Api:
    """One spec's operations with their handlers, faults and answers."""

    version: int
    operations: list[Operation]
    handlers: dict[str, Handler]
    injector: Injector
    answers: Answers
    streams: frozenset[str] = field(default_factory=frozenset)


class _Dispatcher:
    """Runs the request steps and the operation's handler; renders every failure."""

    def __init__(self, state: EmulatorState, api: _Api, max_body_bytes: int) -> None:
        self.state = state
        self.api = api
        self.max_body_bytes = max_body_bytes

    async def __call__(self, request: Request, operation: Operation) -> Response:
        try:
            return await self._steps(request, operation)
        except APIProblem as problem:
            return _render(problem, self.api.version)
        except ClientDisconnect:  # the client left while sending its body
            return NoResponse()
        except RecursionError:
            return _render(bad_request("nested too deeply"), self.api.version)
        except Exception:
            _log.exception("emulator bug while handling %s %s", request.method, request.url.path)
            failed = APIProblem(500, "InternalServerError", "The emulator failed", "see its log")
            return _render(failed, self.api.version)

    async def _steps(self, request: Request, operation: Operation) -> Response:
        api, state, operation_id = self.api, self.state, operation.operation_id
        headers = headers_of(request)
        raw, too_large = await read_body(request, self.max_body_bytes)
        body_error: APIProblem | None = None
        try:
            body = parse_body(raw)
        except APIProblem as bad:
            body, body_error = MISSING, bad
        _record(state, request, headers, None if body is MISSING else body, operation_id)
        if too_large:
            detail = f"the body is larger than {self.max_body_bytes} bytes"
            raise bad_request(detail, "The request body is too large")
        if operation.authenticated:
            authenticate(headers, state.api_key)
        faults = api.injector.resolve(headers, operation_id)
        if faults.delay_first:
            await anyio.sleep(faults.delay_first)
        api.injector.fail_status(faults, headers, operation_id)
        if operation_id not in api.streams:
            if faults.stall_after == 0:
                return await api.injector.stall_then_drop(request)
            if faults.drop_after == 0:
                return await api.injector.drop(request)
        if raw.strip():
            check_media_type(headers.get("content-type"))
        if body_error is not None:
            raise body_error
        params = check_parameters(request.path_params, operation.path_params, "path")
        query = check_query(request.query_params, operation.query_params)
        body = check_body(operation, body)
        context = Context(request, operation, body, params, query, faults)
        handler = api.handlers.get(operation_id, api.answers.synthesized)
        return api.answers.respond(operation, handler(context))


def _apis(
    state: EmulatorState,
    spec: Mapping[str, Any],
    v3_spec: Mapping[str, Any],
    v3_text: str | None,
    ping_interval: float,
) -> tuple[_Api, _Api]:
    """The v2 and v3 APIs. A fault spec's ``only=`` may name an operation of either; v3 answers
    ``error=TYPE`` with the types v2's spec documents (v3's documents none)."""
    v2_operations, v3_operations = list(operations(spec)), list(operations(v3_spec))
    known = frozenset(op.operation_id for op in [*v2_operations, *v3_operations])
    errors = documented_errors(spec)
    injector = Injector(state, known, errors)
    resources = Resources(state, spec)
    calls = Calls(state, resources, injector, ping_interval)
    v2_handlers: dict[str, Handler] = {
        **Spans(state, spec).handlers(),
        **resources.handlers(),
        **calls.handlers(),
    }
    v2_streams = frozenset(op.operation_id for op in v2_operations if op.event_stream)
    v2 = _Api(2, v2_operations, v2_handlers, injector, Answers(spec), v2_streams)
    functions = V3Functions(state, v3_spec, v3_text)
    v3_calls = V3Calls(state, functions, injector, ping_interval)
    v3_handlers: dict[str, Handler] = {
        **V3Spans(state).handlers(),
        **functions.handlers(),
        **v3_calls.handlers(),
    }
    v3_streams = frozenset({"callStream", "streamFunction"})
    v3 = _Api(3, v3_operations, v3_handlers, injector, Answers(v3_spec), v3_streams)
    return v2, v3


class _RequestIds:
    """Gives every answer an ``x-request-id`` header, a fresh UUID per request, and puts it in
    the request's scope so the request log records it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = str(uuid.uuid4())
        scope[_REQUEST_ID] = request_id

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [*message.get("headers", ()), (b"x-request-id", request_id.encode())]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_id)


class _FramingGuard:
    """Answers 400 and closes the connection for a request that has both ``Content-Length`` and
    ``Transfer-Encoding``: h11 trusts the latter, a proxy in front may trust the former, and
    the bytes after the body could then be read as a second, smuggled request."""

    def __init__(self, app: ASGIApp, state: EmulatorState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            names = {name.lower() for name, _ in scope["headers"]}
            if b"content-length" in names and b"transfer-encoding" in names:
                request = Request(scope)
                _record(self.state, request)
                detail = [
                    {
                        "loc": ["header", "transfer-encoding"],
                        "msg": "Content-Length and Transfer-Encoding must not both be sent",
                        "type": "framing",
                    }
                ]
                problem = bad_request(detail, "The request's body framing is ambiguous")
                problem.headers["Connection"] = "close"
                await _render(problem, _version_of(request.url.path))(scope, receive, send)
                return
        await self.app(scope, receive, send)


def create_app(
    *,
    api_key: str | None = None,
    faults: str | Faults | None = None,
    spec: Mapping[str, Any] | None = None,
    v3_spec: Mapping[str, Any] | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    ping_interval: float = 15.0,
    state: EmulatorState | None = None,
    max_records: int = DEFAULT_MAX_RECORDS,
) -> Starlette:
    """The emulator as an ASGI app; ``app.state.emulator`` is its ``EmulatorState``.

    A given ``state`` is used as it is (``api_key``, ``faults`` and ``max_records`` then come
    from it). ``spec`` is the parsed v2 OpenAPI document (default: ``load_spec()``), ``v3_spec``
    the v3 one (default: ``load_spec(version=3)``, Opper's document as vendored).

    ``api_key`` defaults to ``OPPER_API_KEY`` from the environment, else ``DEFAULT_API_KEY``.

    ``Emulator`` wraps this with a server; use it directly only to mount the app elsewhere (then
    the ``drop-after``/``stall-after`` faults raise ``InjectedDropError`` instead of closing the
    connection, since only the emulator's own server lets it close one).

    >>> app = create_app(api_key="test")
    >>> [route.path for route in app.routes][:2]
    ['/v2/call', '/v2/call/stream']
    """
    if state is None:
        state = EmulatorState(api_key=resolve_api_key(api_key), max_records=max_records)
        state.set_faults(faults)
    v3_text = None
    if v3_spec is None:
        v3_path = find_spec_path(3)
        v3_spec, v3_text = load_spec(v3_path), v3_path.read_text(encoding="utf-8")
    v2, v3 = _apis(
        state, spec if spec is not None else load_spec(), v3_spec, v3_text, ping_interval
    )

    def endpoint_for(
        dispatch: _Dispatcher, methods: dict[str, Operation]
    ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            method = "GET" if request.method == "HEAD" else request.method
            return await dispatch(request, methods[method])

        return endpoint

    routes = []
    for api in (v2, v3):
        dispatch = _Dispatcher(state, api, max_body_bytes)
        by_path: dict[str, dict[str, Operation]] = {}
        for operation in api.operations:
            by_path.setdefault(operation.path, {})[operation.method] = operation
        for path, methods in by_path.items():
            try:
                routes.append(Route(path, endpoint_for(dispatch, methods), methods=list(methods)))
            except (AssertionError, ValueError) as exc:  # a template Starlette cannot route
                _log.warning("not serving %s: %s", path, exc)

    async def unrouted(request: Request, exc: Exception) -> Response:
        _record(state, request)
        version = _version_of(request.url.path)
        if isinstance(exc, HTTPException) and exc.status_code == 405:
            where = f"{request.method} {request.url.path}"
            problem = APIProblem(
                405, "MethodNotAllowedError", "The method is not allowed", where, exc.headers
            )
            return _render(problem, version)
        return _render(not_found(request.url.path), version)

    app = Starlette(
        routes=routes,
        exception_handlers={404: unrouted, 405: unrouted},
        middleware=[Middleware(_RequestIds), Middleware(_FramingGuard, state=state)],
    )
    app.state.emulator = state
    return app
