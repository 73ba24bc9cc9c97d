"""The emulator's ASGI app: routing and dispatch, and the one place errors become responses.

Each request goes through the same steps, in this order (the checks are in ``_checks``, the
faults in ``_injection``):

0. a request with both ``Content-Length`` and ``Transfer-Encoding`` is answered 400 and its
   connection closed, since the two disagree on where the body ends;
1. read the body, at most ``max_body_bytes`` (more: 400 ``BadRequestError``), and log the request;
2. check the bearer token (401 ``UnauthorizedError``), unless the operation's ``security`` is
   empty;
3. apply the fault spec (``X-Emulator-Fault`` or the emulator's default; a bad spec is a 400);
4. a body whose ``Content-Type`` is neither ``application/json`` nor ``*/*+json`` (none at all
   counts as JSON): 415 ``UnsupportedMediaTypeError``;
5. parse the body: not UTF-8, not JSON, ``NaN``, or nested deeper than 100 levels: 400
   ``BadRequestError``; an empty body where one is required: 422;
6. validate the path and query parameters and the body against the spec (422
   ``RequestValidationError`` listing ``{"loc", "msg", "type"}``);
7. run the operation's handler with the request's ``Context``. Calls and streams (``_calls``),
   spans and traces (``_spans``, ``_traces``), metrics, feedback, functions and models
   (``_resources``) are modelled with state; any other operation answers its lowest documented
   2xx status with a body synthesized from the response schema (``_answers``).

Every handler has one form: ``handler(context) -> value``, where the value is the JSON answer
(its schema's required properties filled in), ``None`` (an empty answer with the success status)
or a ``Response`` (an event stream); a failure is an ``APIProblem`` raised anywhere on the way,
rendered here as ``{"type", "message", "detail"}``.

::

    app = create_app(api_key="test")      # serve it with uvicorn, or use Emulator
"""

from __future__ import annotations

import logging
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
from starlette.types import ASGIApp, Receive, Scope, Send

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
from ._errors import APIProblem, bad_request, documented_errors, not_found
from ._faults import Faults
from ._injection import Injector, NoResponse
from ._resources import Resources
from ._spans import Spans
from ._spec import Operation, load_spec, operations
from ._state import DEFAULT_MAX_RECORDS, EmulatorState, resolve_api_key

__all__ = ["create_app"]

_log = logging.getLogger("opper_emulator")

#: A handler takes the request's ``Context`` and returns its answer (see the module docstring).
Handler = Callable[[Context], Any]


def _render(problem: APIProblem) -> Response:
    """The error answer for ``problem``: the only place an error becomes a response."""
    body = {"type": problem.kind, "message": problem.message, "detail": problem.detail}
    return JSONResponse(body, status_code=problem.status, headers=problem.headers or None)


@dataclass
class _Api:
    """One spec's operations with their handlers, faults and answers."""

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
            return _render(problem)
        except ClientDisconnect:  # the client left while sending its body
            return NoResponse()
        except RecursionError:
            return _render(bad_request("nested too deeply"))
        except Exception:
            _log.exception("emulator bug while handling %s %s", request.method, request.url.path)
            return _render(
                APIProblem(500, "InternalServerError", "The emulator failed", "see its log")
            )

    async def _steps(self, request: Request, operation: Operation) -> Response:
        api, state, operation_id = self.api, self.state, operation.operation_id
        headers = headers_of(request)
        raw, too_large = await read_body(request, self.max_body_bytes)
        body_error: APIProblem | None = None
        try:
            body = parse_body(raw)
        except APIProblem as bad:
            body, body_error = MISSING, bad
        state.record(
            request.method,
            request.url.path,
            headers,
            None if body is MISSING else body,
            operation_id,
        )
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


def _v2(state: EmulatorState, spec: Mapping[str, Any], ping_interval: float) -> _Api:
    found = list(operations(spec))
    injector = Injector(state, frozenset(op.operation_id for op in found), documented_errors(spec))
    resources = Resources(state, spec)
    calls = Calls(state, resources, injector, ping_interval)
    handlers: dict[str, Handler] = {
        **Spans(state, spec).handlers(),
        **resources.handlers(),
        **calls.handlers(),
    }
    streams = frozenset(op.operation_id for op in found if op.success_media == "text/event-stream")
    return _Api(found, handlers, injector, Answers(spec), streams)


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
                self.state.record(request.method, request.url.path, headers_of(request), None, None)
                detail = [
                    {
                        "loc": ["header", "transfer-encoding"],
                        "msg": "Content-Length and Transfer-Encoding must not both be sent",
                        "type": "framing",
                    }
                ]
                problem = bad_request(detail, "The request's body framing is ambiguous")
                problem.headers["Connection"] = "close"
                await _render(problem)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def create_app(
    *,
    api_key: str | None = None,
    faults: str | Faults | None = None,
    spec: Mapping[str, Any] | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    ping_interval: float = 15.0,
    state: EmulatorState | None = None,
    max_records: int = DEFAULT_MAX_RECORDS,
) -> Starlette:
    """The emulator as an ASGI app; ``app.state.emulator`` is its ``EmulatorState``.

    A given ``state`` is used as it is (``api_key``, ``faults`` and ``max_records`` then come
    from it). ``spec`` is the parsed OpenAPI document (default: ``load_spec()``).

    ``api_key`` defaults to ``OPPER_API_KEY`` from the environment, else ``DEFAULT_API_KEY``.

    ``Emulator`` wraps this with a server; use it directly only to mount the app elsewhere (then
    the ``drop-after``/``stall-after`` faults raise ``InjectedDropError`` instead of closing the
    connection, since only the emulator's own server lets it close one).

    >>> app = create_app(api_key="test")
    >>> sorted(route.path for route in app.routes)[0]
    '/v2/call'
    """
    if state is None:
        state = EmulatorState(api_key=resolve_api_key(api_key), max_records=max_records)
        state.set_faults(faults)
    api = _v2(state, spec if spec is not None else load_spec(), ping_interval)
    dispatch = _Dispatcher(state, api, max_body_bytes)

    by_path: dict[str, dict[str, Operation]] = {}
    for operation in api.operations:
        by_path.setdefault(operation.path, {})[operation.method] = operation

    def endpoint_for(methods: dict[str, Operation]) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            method = "GET" if request.method == "HEAD" else request.method
            return await dispatch(request, methods[method])

        return endpoint

    routes = []
    for path, methods in by_path.items():
        try:
            routes.append(Route(path, endpoint_for(methods), methods=list(methods)))
        except (AssertionError, ValueError) as exc:  # a template Starlette cannot route
            _log.warning("not serving %s: %s", path, exc)

    async def unrouted(request: Request, exc: Exception) -> Response:
        state.record(request.method, request.url.path, headers_of(request), None, None)
        if isinstance(exc, HTTPException) and exc.status_code == 405:
            where = f"{request.method} {request.url.path}"
            problem = APIProblem(
                405, "MethodNotAllowedError", "The method is not allowed", where, exc.headers
            )
            return _render(problem)
        return _render(not_found(request.url.path))

    app = Starlette(
        routes=routes,
        exception_handlers={404: unrouted, 405: unrouted},
        middleware=[Middleware(_FramingGuard, state=state)],
    )
    app.state.emulator = state
    return app
