"""The emulator's ASGI app: every operation of ``openapi.yaml`` on Starlette.

Each request goes through the same steps, in this order:

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
6. validate the path and query parameters (their text read as the type their schema wants) and
   the body against the spec (422 ``RequestValidationError`` whose ``detail`` lists
   ``{"loc": ["body", "tags", "user"], "msg": ..., "type": ...}``);
7. run the operation: calls and streams (also of stored functions), spans, traces, metrics,
   feedback, functions and models are modelled with state (``_resources``, ``_traces``; a call
   checks ``input`` only with ``beta.invocation.input_validation.enabled``, answers 404 for an
   unknown ``parent_span_id`` and repeats an answer within ``invocation.cache.ttl``); any other
   operation answers its lowest documented 2xx status with a body synthesized from the response
   schema (``_synth``), taking values from the request where a property has the same name and
   the result still validates. Every JSON success answer gets the properties its schema requires
   filled in, so a property added to the spec shows up at once.

::

    app = create_app(api_key="test")      # serve it with uvicorn, or use Emulator
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import hmac
import http
import json
import logging
import math
import re
import time
import uuid
from collections.abc import AsyncGenerator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

import anyio
from jsonschema import Draft202012Validator, SchemaError
from jsonschema.exceptions import relevance
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from referencing import Registry
from referencing.exceptions import Unresolvable
from starlette.applications import Starlette
from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ._errors import APIProblem, documented_errors, not_found
from ._faults import Faults, FaultSpecError, parse_faults
from ._resources import OPERATIONS, Resources, canonical_id
from ._spec import (
    SPEC_URI,
    Operation,
    Parameter,
    format_checker,
    is_json_media,
    load_spec,
    operations,
    schema_validator,
    spec_registry,
)
from ._state import DEFAULT_MAX_RECORDS, EmulatorState, now_iso, resolve_api_key
from ._synth import (
    SpecSynthesizer,
    SynthesisError,
    canonical_json,
    example_output,
    json_deltas,
    pieces,
    synthesize,
    text_reply,
    usage_and_cost,
)
from ._traces import trace_page, trace_view

__all__ = ["DEFAULT_MAX_BODY_BYTES", "MAX_JSON_DEPTH", "InjectedDropError", "create_app"]

#: Bodies larger than this (10 MiB) get 400 without being parsed.
DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024
#: JSON nested deeper than this gets 400, so no request can exhaust the recursion limit.
MAX_JSON_DEPTH = 100

_SEP = "\r\n"
_INTEGER = re.compile(r"-?\d{1,30}", re.ASCII)
_MISSING: Any = object()
_log = logging.getLogger("opper_emulator")


class InjectedDropError(ConnectionAbortedError):
    """Raised to end a response abruptly when the server's connection cannot be closed directly.

    Only seen when ``create_app`` runs under a server other than the emulator's own.
    """


class _HandledError(Exception):
    """Carries an error response out of the request steps."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status_code)
        self.response = response


def _error(
    status: int,
    kind: str,
    message: str,
    detail: Any,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(
        {"type": kind, "message": message, "detail": detail}, status_code=status, headers=headers
    )


def _clip(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


def _invalid(violations: list[dict[str, Any]]) -> _HandledError:
    first = violations[0]
    where = ".".join(str(part) for part in first["loc"])
    return _HandledError(
        _error(
            422,
            "RequestValidationError",
            _clip(f"The request is invalid: {where}: {first['msg']}"),
            violations,
        )
    )


def _violations(validator: Validator, instance: Any, loc: list[Any]) -> list[dict[str, Any]]:
    try:
        errors = sorted(validator.iter_errors(instance), key=relevance)
    except Unresolvable as exc:
        return [{"loc": loc, "msg": _clip(f"cannot resolve {exc}"), "type": "$ref"}]
    return [
        {"loc": [*loc, *error.absolute_path], "msg": _clip(error.message), "type": error.validator}
        for error in errors[:10]
    ]


def _user_validator(schema: Any, loc: list[Any]) -> Validator:
    """A validator for a caller's schema (``input_schema``/``output_schema``), checked first."""
    try:
        cls = validator_for(schema, default=Draft202012Validator)
        cls.check_schema(schema)
    except SchemaError as exc:
        raise _invalid(
            [{"loc": [*loc, *exc.absolute_path], "msg": _clip(exc.message), "type": "schema"}]
        ) from None
    # An empty registry: a $ref to anything outside the schema is unresolvable, never fetched.
    validator: Validator = cls(schema, registry=Registry(), format_checker=format_checker())
    return validator


def _check_value(value: Any) -> str | None:
    """Why a parsed body cannot be used (too deep, lone surrogates), or ``None``."""
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, str):
            if not item.isascii():
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    return "the body holds a lone surrogate escape, which is not Unicode text"
        elif isinstance(item, dict | list):
            if level > MAX_JSON_DEPTH:
                return f"the body is nested deeper than {MAX_JSON_DEPTH} levels"
            children = [*item, *item.values()] if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _parse_body(raw: bytes) -> Any:
    """The JSON value of ``raw``; ``_MISSING`` when empty. Raises ``_HandledError`` (400)."""
    if not raw.strip():
        return _MISSING
    try:
        value = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except UnicodeDecodeError as exc:
        problem = f"the body is not UTF-8 ({exc.reason} at byte {exc.start})"
    except json.JSONDecodeError as exc:
        problem = f"the body is not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
    except ValueError as exc:
        problem = f"the body is not JSON ({exc})"
    except RecursionError:
        problem = f"the body is nested deeper than {MAX_JSON_DEPTH} levels"
    else:
        found = _check_value(value)
        if found is None:
            return value
        problem = found
    raise _HandledError(_error(400, "BadRequestError", "The request is invalid", problem))


def _check_media_type(content_type: str | None) -> None:
    """Raises 415 for a body sent as anything but JSON; a missing ``Content-Type`` is JSON."""
    if content_type is None or is_json_media(content_type):
        return
    detail = [{"loc": ["header", "content-type"], "msg": _clip(content_type), "type": "media"}]
    raise _HandledError(
        _error(415, "UnsupportedMediaTypeError", "The body must be application/json", detail)
    )


def _typed(text: Any, parameter: Parameter) -> Any:
    """A path or query parameter's text as the JSON type its schema wants, where it reads as one;
    otherwise unchanged, for the validator to reject."""
    if isinstance(text, list):
        item = Parameter(parameter.name, parameter.validator, kinds=parameter.item_kinds)
        return [_typed(part, item) for part in text]
    kinds = parameter.kinds
    if not isinstance(text, str) or not kinds or "string" in kinds:
        return text
    if "integer" in kinds and _INTEGER.fullmatch(text):
        return int(text)
    if "number" in kinds:
        with contextlib.suppress(ValueError):
            number = float(text)
            if math.isfinite(number):
                return int(text) if _INTEGER.fullmatch(text) else number
    if "boolean" in kinds and text in ("true", "false"):
        return text == "true"
    if "null" in kinds and text == "null":
        return None
    return text


def _status_phrase(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:  # e.g. 599: not a registered status
        return "Server Error" if status >= 500 else "Client Error"


def _status_kind(status: int) -> str:
    """``TooManyRequestsError`` for 429, ``InternalServerError`` for 500, and so on."""
    words = _status_phrase(status).replace("-", " ").split()
    kind = "".join(word.capitalize() for word in words)
    return kind if kind.endswith("Error") else kind + "Error"


class _EventStream(StreamingResponse):
    """A ``text/event-stream`` answer: ``events``' bytes, one write each, with ``: ping``
    comments every ``ping`` seconds (0: none), ended early when the client goes away.

    sse-starlette's ``EventSourceResponse`` wraps every write in a cancel scope of its own, which
    cost about a third of the emulator's CPU time with thousands of streams open.
    """

    media_type = "text/event-stream"

    def __init__(self, events: AsyncGenerator[bytes, None], ping: float) -> None:
        super().__init__(events, headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
        self.events = events
        self.ping = ping

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})

        async def watch() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass
            group.cancel_scope.cancel()

        async def keep_alive() -> None:
            while True:
                await anyio.sleep(self.ping)
                comment = f": ping - {now_iso()}{_SEP}{_SEP}".encode()
                await send({"type": "http.response.body", "body": comment, "more_body": True})

        async with anyio.create_task_group() as group, contextlib.aclosing(self.events) as events:
            group.start_soon(watch)
            if self.ping:
                group.start_soon(keep_alive)
            async for piece in events:
                await send({"type": "http.response.body", "body": piece, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            group.cancel_scope.cancel()


class _NoResponse(Response):
    """Sends nothing: the connection is already closed."""

    def __init__(self) -> None:
        super().__init__()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        return None


@dataclass(frozen=True)
class _Context:
    """One request that passed the common steps: its parsed body, parameters and faults."""

    request: Request
    operation: Operation
    body: Any
    params: dict[str, Any]
    query: dict[str, Any]
    faults: Faults


@dataclass
class _Call:
    """Everything a ``/call`` or ``/call/stream`` answer needs, worked out before answering."""

    span_id: str
    structured: bool
    output: Any
    usage: dict[str, int]
    cost: dict[str, float]
    span: dict[str, Any]
    cached: bool = False


def _uuid(value: Any) -> Any:
    return str(uuid.UUID(value)) if isinstance(value, str) else value


#: The operations answered with a stored function's result: plain calls, then streams.
_FUNCTION_CALLS = frozenset({"call_function", "call_function_revision"})
_FUNCTION_STREAMS = frozenset({"stream_function", "stream_function_revision"})
_CACHE_KEYS = ("name", "instructions", "input_schema", "output_schema", "input", "model")


class _Emulator:
    """The request steps and operation handlers, bound to one state and one spec."""

    def __init__(
        self,
        state: EmulatorState,
        spec: Mapping[str, Any],
        max_body_bytes: int,
        ping_interval: float,
    ) -> None:
        self.state = state
        self.max_body_bytes = max_body_bytes
        self.ping_interval = ping_interval
        self.operations = list(operations(spec))
        self.operation_ids = frozenset(op.operation_id for op in self.operations)
        span_schema = spec.get("components", {}).get("schemas", {}).get("Span", {})
        self.span_fields = frozenset(span_schema.get("properties", ()))
        self.span_required = frozenset(span_schema.get("required", ()))
        self.synth = SpecSynthesizer(spec, SPEC_URI)
        self.handlers: dict[str, Callable[[_Context], Awaitable[Response]]] = {
            "call": self.call,
            "call_stream": self.call_stream,
            "create_span": self.create_span,
            "get_span": self.get_span,
            "update_span": self.update_span,
            "delete_span": self.delete_span,
            "list_traces": self.list_traces,
            "get_trace": self.get_trace,
        }
        self.resources = Resources(state, spec)
        self.handlers.update({name: self._resource(name) for name in OPERATIONS})
        self.handlers.update(dict.fromkeys(_FUNCTION_CALLS, self.call_function))
        self.handlers.update(dict.fromkeys(_FUNCTION_STREAMS, self.stream_function))
        self.errors = documented_errors(spec)
        self._answers: dict[str, Any] = {}
        self._registry = spec_registry(spec)
        self._validators: dict[str, Validator] = {}

    # The steps every request goes through
    async def handle(self, request: Request, operation: Operation) -> Response:
        try:
            return await self._handle(request, operation)
        except _HandledError as handled:
            return handled.response
        except APIProblem as problem:
            return _error(
                problem.status, problem.kind, problem.message, problem.detail, problem.headers
            )
        except ClientDisconnect:  # the client left while sending its body
            return _NoResponse()
        except RecursionError:
            return _error(400, "BadRequestError", "The request is invalid", "nested too deeply")
        except Exception:
            _log.exception("emulator bug while handling %s %s", request.method, request.url.path)
            return _error(500, "InternalServerError", "The emulator failed", "see its log")

    async def _handle(self, request: Request, operation: Operation) -> Response:
        headers = _headers(request)
        raw, too_large = await self._read_body(request)
        body_error: _HandledError | None = None
        try:
            body = _parse_body(raw)
        except _HandledError as bad:
            body, body_error = _MISSING, bad
        logged = None if body is _MISSING else body
        self.state.record(request.method, request.url.path, headers, logged, operation.operation_id)
        if too_large:
            detail = f"the body is larger than {self.max_body_bytes} bytes"
            return _error(400, "BadRequestError", "The request body is too large", detail)
        if operation.authenticated:
            self._authenticate(headers)
        faults = self._faults(headers, operation.operation_id)
        if faults.delay_first:
            await anyio.sleep(faults.delay_first)
        self._status_faults(faults, headers, operation.operation_id)
        streaming = operation.success_media == "text/event-stream"
        if not streaming and faults.stall_after == 0:
            return await self._stall_then_drop(request)
        if not streaming and faults.drop_after == 0:
            return await self._drop(request)
        if raw.strip():
            _check_media_type(headers.get("content-type"))
        if body_error is not None:
            raise body_error
        params = self._parameters(dict(request.path_params), operation.path_params, "path")
        query = self._query(request.query_params, operation.query_params)
        if operation.body_validator is not None:
            if body is _MISSING:
                if operation.body_required:
                    raise _invalid([{"loc": ["body"], "msg": "Field required", "type": "missing"}])
                body = None
            else:
                violations = _violations(operation.body_validator, body, ["body"])
                if violations:
                    raise _invalid(violations)
        body = None if body is _MISSING else body
        context = _Context(request, operation, body, params, query, faults)
        handler = self.handlers.get(operation.operation_id, self.synthesized)
        return await handler(context)

    async def _read_body(self, request: Request) -> tuple[bytes, bool]:
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            return b"", True
        chunks: list[bytes] = []
        size = 0
        async with contextlib.aclosing(request.stream()) as stream:
            async for chunk in stream:
                size += len(chunk)
                if size > self.max_body_bytes:
                    return b"", True
                chunks.append(chunk)
        return b"".join(chunks), False

    def _authenticate(self, headers: Mapping[str, str]) -> None:
        value = headers.get("authorization")
        scheme, _, token = (value or "").partition(" ")
        token = token.strip()
        if value is None:
            problem = "the Authorization header is missing"
        elif scheme.lower() != "bearer" or not token:
            problem = "the Authorization header is not 'Bearer <key>'"
        elif not hmac.compare_digest(
            token.encode("latin-1"), self.state.api_key.encode("utf-8", "replace")
        ):
            problem = "the bearer token is not the emulator's API key"
        else:
            return
        raise _HandledError(
            _error(
                401,
                "UnauthorizedError",
                "The request is unauthorized",
                problem,
                {"WWW-Authenticate": "Bearer"},
            )
        )

    def _faults(self, headers: Mapping[str, str], operation_id: str) -> Faults:
        given = headers.get("x-emulator-fault")
        try:
            faults = parse_faults(given) if given is not None else self.state.faults
            unknown = (faults.only or frozenset()) - self.operation_ids
            if unknown:
                raise FaultSpecError(f"only: unknown operationId {sorted(unknown)}")
            if faults.error is not None and faults.error not in self.errors:
                known = ", ".join(sorted(self.errors))
                raise FaultSpecError(f"error: {faults.error!r} is not one of {known}")
        except FaultSpecError as exc:
            detail = [{"loc": ["header", "x-emulator-fault"], "msg": str(exc), "type": "fault"}]
            raise _HandledError(
                _error(400, "BadRequestError", f"Bad X-Emulator-Fault: {exc}", detail)
            ) from None
        return faults if faults.applies_to(operation_id) else Faults()

    def _status_faults(self, faults: Faults, headers: Mapping[str, str], operation_id: str) -> None:
        documented = self.errors.get(faults.error) if faults.error is not None else None
        status = faults.status
        if status is None and faults.fail_times is not None:
            times, code = faults.fail_times
            client_key = headers.get("x-emulator-key") or headers.get("idempotency-key")
            if self.state.should_fail((operation_id, client_key or faults.text), times):
                status = documented.status if documented is not None else code
        elif status is None and documented is not None:
            status = documented.status
        if status is None:
            return
        extra: dict[str, str] = {}
        if faults.retry_after is not None or status == 429:
            extra["Retry-After"] = faults.retry_after or "1"
        if documented is not None:
            detail = faults.detail or documented.detail
            raise APIProblem(status, documented.type, documented.message, detail, extra)
        detail = faults.detail or f"injected by the fault spec {faults.text!r}"
        raise _HandledError(
            _error(status, _status_kind(status), _status_phrase(status), detail, extra)
        )

    def _parameters(
        self, given: dict[str, Any], parameters: Mapping[str, Parameter], where: str
    ) -> dict[str, Any]:
        """``given`` with each parameter's text read as its schema's type, and validated."""
        values = dict(given)
        violations: list[dict[str, Any]] = []
        for name, parameter in parameters.items():
            if name not in values:
                if parameter.required:
                    violations.append(
                        {"loc": [where, name], "msg": "Field required", "type": "missing"}
                    )
                continue
            values[name] = _typed(values[name], parameter)
            violations += _violations(parameter.validator, values[name], [where, name])
        if violations:
            raise _invalid(violations)
        return values

    def _query(self, query: QueryParams, parameters: Mapping[str, Parameter]) -> dict[str, Any]:
        given: dict[str, Any] = {}
        for name in query:
            parameter = parameters.get(name)
            many = parameter is not None and "array" in parameter.kinds
            given[name] = query.getlist(name) if many else query[name]
        return self._parameters(given, parameters, "query")

    # Faults that end a connection
    def _close_connection(self, scope: Scope) -> bool:
        closer = self.state.close_connection
        return closer is not None and closer(scope)

    async def _drop(self, request: Request) -> Response:
        if not self._close_connection(request.scope):
            raise InjectedDropError("drop-after=0")
        # Wait for the server to see the closed connection, so it does not answer 500 for us.
        with anyio.move_on_after(5):
            while not await request.is_disconnected():
                await anyio.sleep(0.01)
        return _NoResponse()

    async def _stall_then_drop(self, request: Request) -> Response:
        while not self.state.closing:
            if await request.is_disconnected():
                return _NoResponse()
            await anyio.sleep(0.05)
        return await self._drop(request)

    # /call and /call/stream
    def _plan_call(self, body: Mapping[str, Any]) -> _Call:
        """What a call answers. Like the server, it checks ``input`` against ``input_schema``
        only when ``beta.invocation.input_validation.enabled`` is true, answers 404 for an
        unknown ``parent_span_id``, and repeats an answer within ``invocation.cache.ttl``."""
        input_value = body.get("input")
        input_schema = body.get("input_schema")
        configuration = {**self.resources.defaults, **(body.get("configuration") or {})}
        if input_schema is not None and configuration.get(
            "beta.invocation.input_validation.enabled"
        ):
            validator = _user_validator(input_schema, ["body", "input_schema"])
            violations = _violations(validator, input_value, ["body", "input"])
            if violations:
                raise _invalid(violations)
        parent_id = canonical_id(body.get("parent_span_id"))
        if parent_id is not None and not self.state.has_span(parent_id):
            raise not_found("Parent span not found")
        output_schema = body.get("output_schema")
        if output_schema is not None:
            _user_validator(output_schema, ["body", "output_schema"])
        ttl = configuration.get("invocation.cache.ttl")
        ttl = float(ttl) if isinstance(ttl, int | float) and not isinstance(ttl, bool) else 0.0
        key = canonical_json([body.get(k) for k in _CACHE_KEYS]) if ttl > 0 else None
        hit = self.state.cached(key, time.monotonic()) if key is not None else None
        plan = hit if isinstance(hit, _Call) else self._fresh_plan(body, output_schema)
        if key is not None and hit is None:
            self.state.cache(key, plan, time.monotonic() + ttl)
        span_id = str(uuid.uuid4())
        span = {**plan.span, "id": span_id, "parent_id": parent_id, "start_time": now_iso()}
        span["meta"] = {k: v for k, v in plan.span["meta"].items() if k not in ("model", "tags")}
        span["meta"].update({k: body[k] for k in ("model", "tags") if body.get(k) is not None})
        return dataclasses.replace(plan, span_id=span_id, span=span, cached=hit is not None)

    def _fresh_plan(self, body: Mapping[str, Any], output_schema: Any) -> _Call:
        name: str = body["name"]
        input_value = body.get("input")
        found, example = self.state.canned(name)
        if not found:
            found, example = example_output(body.get("examples"), input_value)
        if output_schema is not None:
            try:
                output = example if found else synthesize(output_schema, input_value)
            except SynthesisError as exc:
                raise _invalid(
                    [{"loc": ["body", "output_schema"], "msg": str(exc), "type": "schema"}]
                ) from None
            answer = canonical_json(output)
        else:
            if found:
                output = example if isinstance(example, str) else canonical_json(example)
            else:
                output = text_reply(name, input_value)
            answer = output
        prompt = canonical_json([body.get("instructions"), input_value])
        usage, cost = usage_and_cost(prompt, answer)
        span = {
            "name": name,
            "type": "call",
            "input": input_value,
            "meta": {"usage": usage, "cost": cost},
        }
        return _Call("", output_schema is not None, output, usage, cost, span)

    async def call(self, context: _Context) -> Response:
        self.resources.register_called(context.body)
        return self._call_answer(context, context.body)

    async def call_function(self, context: _Context) -> Response:
        return self._call_answer(context, self.resources.call_body(context.params, context.body))

    def _call_answer(self, context: _Context, body: Mapping[str, Any]) -> Response:
        plan = self._plan_call(body)
        self.state.create_span({**plan.span, "output": plan.output, "end_time": now_iso()})
        return self._answer(
            context,
            {
                "span_id": plan.span_id,
                "message": None if plan.structured else plan.output,
                "json_payload": plan.output if plan.structured else None,
                "cached": plan.cached,
                "images": None,
                "usage": plan.usage,
                "cost": plan.cost,
            },
        )

    async def call_stream(self, context: _Context) -> Response:
        self.resources.register_called(context.body)
        return self._stream_answer(context, context.body)

    async def stream_function(self, context: _Context) -> Response:
        # The SDK's model of these events has only a string ``delta`` and ``span_id``: a
        # structured result is sent as its JSON text.
        body = self.resources.call_body(context.params, context.body)
        return self._stream_answer(context, body, text_only=True)

    def _stream_answer(
        self, context: _Context, body: Mapping[str, Any], *, text_only: bool = False
    ) -> Response:
        faults = context.faults
        plan = self._plan_call(body)
        self.state.create_span(plan.span)
        root = "response" if faults.json_path == "response" else ""
        chunks: list[dict[str, Any]]
        if text_only:
            text = plan.output if isinstance(plan.output, str) else canonical_json(plan.output)
            chunks = [{"delta": piece, "chunk_type": "text"} for piece in pieces(text)]
        elif plan.structured:
            chunks = [
                {"delta": delta, "json_path": path, "chunk_type": "json"}
                for path, delta in json_deltas(plan.output, root)
            ]
        else:
            chunks = [{"delta": piece, "chunk_type": "text"} for piece in pieces(plan.output)]
        if faults.span_id == "first-delta" and chunks:
            chunks[0] = {"span_id": plan.span_id, **chunks[0]}
        elif faults.span_id == "last" and chunks:
            chunks[-1] = {**chunks[-1], "span_id": plan.span_id}
        else:
            chunks.insert(0, {"span_id": plan.span_id})
        ping = faults.ping
        if ping is None:
            quiet = faults.stall_after is not None or faults.chunk_bytes is not None
            ping = 0 if quiet else self.ping_interval
        return _EventStream(self._events(context.request.scope, plan, chunks, faults), ping)

    # Operations served by ``Resources``
    def _resource(self, name: str) -> Callable[[_Context], Awaitable[Response]]:
        method = getattr(self.resources, name)

        async def handler(context: _Context) -> Response:
            value = method(context.params, context.query, context.body)
            if value is None:
                return Response(status_code=context.operation.success_status)
            return self._answer(context, value)

        return handler

    async def _events(
        self, scope: Scope, plan: _Call, chunks: list[dict[str, Any]], faults: Faults
    ) -> AsyncGenerator[bytes, None]:
        """The stream's bytes, one ``yield`` per write, with the faults applied in place."""
        fields = faults.event_fields
        events = [
            _event(json.dumps(chunk), number=i + 1 if fields else None, retry=fields and i == 0)
            for i, chunk in enumerate(chunks)
        ]
        total = len(events)

        def at(after: int | None) -> int | None:
            return None if after is None else min(after, total)

        stall, drop, fail, malformed = (
            at(faults.stall_after),
            at(faults.drop_after),
            at(faults.error_after),
            at(faults.malformed_after),
        )
        size = faults.chunk_bytes
        finished = False

        def finish(outcome: dict[str, Any]) -> None:
            # Recorded before the client can see the end, so a test reading spans right after
            # the stream broke or ended finds the outcome.
            nonlocal finished
            if not finished:
                finished = True
                self.state.update_span(plan.span_id, {**outcome, "end_time": now_iso()})

        try:
            for sent in range(total + 1):
                if sent == stall:
                    while not self.state.closing:
                        await anyio.sleep(0.05)
                    drop = sent
                if sent == drop:
                    finish({"error": f"connection dropped after {sent} events (fault)"})
                    if not self._close_connection(scope):
                        raise InjectedDropError(f"drop-after={sent}")
                    # The server notices the closed socket and cancels this generator.
                    await anyio.sleep_forever()
                if sent == fail:
                    documented = self.errors.get(faults.error_type)
                    message = f"emulated failure after {sent} events"
                    if documented is not None:
                        message = f"{documented.message} (emulated, after {sent} events)"
                    error = {
                        "chunk_type": "error",
                        "error_type": faults.error_type,
                        "error_message": message,
                    }
                    finish({"error": message})
                    for piece in _split(_event(json.dumps(error)), size):
                        yield piece
                    return
                if sent == malformed:
                    bad = _event('{"delta": "not json')
                    for piece in _split(bad, size):
                        yield piece
                if sent == total:
                    break
                if sent and faults.delay_chunk:
                    await anyio.sleep(faults.delay_chunk)
                for piece in _split(events[sent], size):
                    yield piece
            finish({"output": plan.output})
        finally:
            finish({"error": "the client went away before the stream ended"})

    # /spans
    def _span_fields(self, body: Mapping[str, Any]) -> dict[str, Any]:
        fields = {k: v for k, v in body.items() if k in self.span_fields}
        for key in ("id", "trace_id", "parent_id"):
            if key in fields:
                fields[key] = _uuid(fields[key])
        return fields

    def _not_found(self, span_id: str) -> APIProblem:
        return not_found("Span not found")

    async def create_span(self, context: _Context) -> Response:
        span = self.state.create_span(self._span_fields(context.body))
        if span is None:
            detail = [{"loc": ["body", "id"], "msg": "a span with this id exists", "type": "id"}]
            return _error(400, "BadRequestError", "The request is invalid", detail)
        return self._answer(context, span)

    async def get_span(self, context: _Context) -> Response:
        span_id = _uuid(context.params["span_id"])
        span = self.state.get_span(span_id)
        if span is None:
            raise self._not_found(span_id)
        return self._answer(context, {**span, "feedback": self.state.feedback(span_id)})

    async def update_span(self, context: _Context) -> Response:
        span_id = _uuid(context.params["span_id"])
        fields = self._span_fields(context.body)
        fields.pop("id", None)
        # A null for a field every span must have (its name) keeps the old value, so the
        # answer stays a valid Span; other nulls clear the field.
        for name in self.span_required:
            if fields.get(name, "") is None:
                del fields[name]
        span = self.state.update_span(span_id, fields)
        if span is None:
            raise self._not_found(span_id)
        return self._answer(context, span)

    async def delete_span(self, context: _Context) -> Response:
        span_id = _uuid(context.params["span_id"])
        if not self.state.delete_span(span_id):
            raise self._not_found(span_id)
        return Response(status_code=204)

    # /traces
    async def list_traces(self, context: _Context) -> Response:
        query = context.query
        page = trace_page(
            self.state.traces(), query.get("name"), query.get("offset", 0), query.get("limit", 100)
        )
        return self._answer(context, page)

    async def get_trace(self, context: _Context) -> Response:
        trace_id = _uuid(context.params["trace_id"])
        spans = self.state.trace(trace_id)
        if not spans:
            raise _HandledError(
                _error(404, "NotFoundError", "The resource was not found", "Trace not found")
            )
        metrics = self.state.metrics_of([span["id"] for span in spans])
        return self._answer(context, trace_view(trace_id, spans, metrics))

    # Every JSON success answer, and the operations without a model
    def _answer(self, context: _Context, value: Any) -> Response:
        """``value`` as the operation's success answer, with any required property it lacks."""
        operation = context.operation
        if operation.success_schema is not None:
            value = self.synth.fill(operation.success_schema["$ref"], value)
        return JSONResponse(value, status_code=operation.success_status)

    async def synthesized(self, context: _Context) -> Response:
        """An operation the emulator has no model of: its documented success answer, made up."""
        operation = context.operation
        if operation.success_media is None:
            return Response(status_code=operation.success_status)
        value = self._answer_for(operation)
        if isinstance(value, dict):
            value = self._echo(operation, value, context)
        if is_json_media(operation.success_media):
            return JSONResponse(value, status_code=operation.success_status)
        text = value if isinstance(value, str) else canonical_json(value)
        return Response(
            text, status_code=operation.success_status, media_type=operation.success_media
        )

    def _answer_for(self, operation: Operation) -> Any:
        # Synthesis is deterministic, so each operation's answer is made once.
        key = operation.operation_id
        if key not in self._answers:
            schema = operation.success_schema
            self._answers[key] = self.synth.value(schema["$ref"]) if schema else ""
        return copy.deepcopy(self._answers[key])

    def _echo(self, operation: Operation, value: dict[str, Any], context: _Context) -> Any:
        """``value`` with the request's values for properties of the same name, if still valid."""
        sources = [context.params, context.query]
        if isinstance(context.body, dict):
            sources.append(context.body)
        echoed = dict(value)
        for source in sources:
            echoed.update((k, v) for k, v in source.items() if k in value)
        if echoed == value or operation.success_schema is None:
            return value
        validator = self._validators.get(operation.operation_id)
        if validator is None:
            validator = schema_validator(operation.success_schema, self._registry)
            self._validators[operation.operation_id] = validator
        return echoed if validator.is_valid(echoed) else value


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
                self.state.record(request.method, request.url.path, _headers(request), None, None)
                detail = [
                    {
                        "loc": ["header", "transfer-encoding"],
                        "msg": "Content-Length and Transfer-Encoding must not both be sent",
                        "type": "framing",
                    }
                ]
                response = _error(
                    400,
                    "BadRequestError",
                    "The request's body framing is ambiguous",
                    detail,
                    {"Connection": "close"},
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _event(data: str, number: int | None = None, retry: bool = False) -> bytes:
    """One SSE event with a single ``data`` line (``json.dumps`` never writes a line break),
    after ``id``/``event`` lines when ``number`` is given and a ``retry`` line when asked."""
    head = f"id: {number}{_SEP}event: message{_SEP}" if number is not None else ""
    if retry:
        head += f"retry: 3000{_SEP}"
    return f"{head}data: {data}{_SEP}{_SEP}".encode()


def _split(data: bytes, size: int | None) -> list[bytes]:
    if size is None:
        return [data]
    return [data[i : i + size] for i in range(0, len(data), size)]


def _headers(request: Request) -> dict[str, str]:
    headers: dict[str, str] = {}
    for raw_name, raw_value in request.scope["headers"]:
        name, value = raw_name.decode("latin-1").lower(), raw_value.decode("latin-1")
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return headers


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
    emulator = _Emulator(
        state, spec if spec is not None else load_spec(), max_body_bytes, ping_interval
    )

    by_path: dict[str, dict[str, Operation]] = {}
    for operation in emulator.operations:
        by_path.setdefault(operation.path, {})[operation.method] = operation

    def endpoint_for(methods: dict[str, Operation]) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            method = "GET" if request.method == "HEAD" else request.method
            return await emulator.handle(request, methods[method])

        return endpoint

    routes = []
    for path, methods in by_path.items():
        try:
            routes.append(Route(path, endpoint_for(methods), methods=list(methods)))
        except (AssertionError, ValueError) as exc:  # a template Starlette cannot route
            _log.warning("not serving %s: %s", path, exc)

    async def not_found(request: Request, exc: Exception) -> Response:
        state.record(request.method, request.url.path, _headers(request), None, None)
        if isinstance(exc, HTTPException) and exc.status_code == 405:
            return _error(
                405,
                "MethodNotAllowedError",
                "The method is not allowed",
                f"{request.method} {request.url.path}",
                exc.headers,
            )
        return _error(404, "NotFoundError", "The resource was not found", request.url.path)

    app = Starlette(
        routes=routes,
        exception_handlers={404: not_found, 405: not_found},
        middleware=[Middleware(_FramingGuard, state=state)],
    )
    app.state.emulator = state
    return app
