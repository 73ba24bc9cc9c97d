"""Request checks: reading the body, the key, the media type, JSON, and the spec's schemas.

Each check raises ``APIProblem`` (``_errors``) when the request fails it; ``_app`` runs them in
the order its docstring gives and hands the handler a ``Context``:

- ``read_body``: at most ``max_body_bytes`` (more: 400 ``BadRequestError``);
- ``authenticate``: the bearer token (401 ``HTTPException``, "Invalid API key", as live);
- ``check_media_type``: a body sent as anything but ``application/json`` or ``*/*+json`` (none at
  all counts as JSON) is 415 ``UnsupportedMediaTypeError``;
- ``parse_body``: not UTF-8, not JSON, ``NaN``, lone surrogates or deeper than ``MAX_JSON_DEPTH``
  levels is 400 ``BadRequestError``;
- ``check_parameters`` and ``check_body``: path and query parameters (their text read as the type
  their schema wants) and the body against the spec: 422 ``RequestValidationError`` whose
  ``detail`` lists ``{"loc": ["body", "tags", "user"], "msg": ..., "type": ...}``; an empty body
  where one is required is 422 too;
- ``user_validator`` and ``violations``: a caller's own schema (``input_schema``), for handlers.

>>> parse_body(b'{"name": "t"}')
{'name': 't'}
>>> parse_body(b"NaN")                                                   # doctest: +SKIP
APIProblem: 400 BadRequestError: the body is not JSON (NaN is not valid JSON)
"""

from __future__ import annotations

import contextlib
import hmac
import json
import logging
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator, SchemaError
from jsonschema.exceptions import relevance
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from referencing import Registry
from referencing.exceptions import Unresolvable
from starlette.datastructures import QueryParams
from starlette.requests import Request

from ._errors import APIProblem, bad_request, invalid, unauthorized
from ._faults import Faults
from ._spec import Operation, Parameter, format_checker, is_json_media

__all__ = [
    "DEFAULT_MAX_BODY_BYTES",
    "MAX_JSON_DEPTH",
    "MISSING",
    "Context",
    "authenticate",
    "check_body",
    "check_media_type",
    "check_parameters",
    "check_query",
    "headers_of",
    "parse_body",
    "read_body",
    "user_validator",
    "violations",
]

#: Bodies larger than this (10 MiB) get 400 without being parsed.
DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024
#: JSON nested deeper than this gets 400, so no request can exhaust the recursion limit.
MAX_JSON_DEPTH = 100
#: What ``parse_body`` returns for an empty body.
MISSING: Any = object()

_INTEGER = re.compile(r"-?\d{1,30}", re.ASCII)
_log = logging.getLogger("opper_emulator")


@dataclass(frozen=True)
class Context:
    """One request that passed the checks: what every handler is called with."""

    request: Request
    operation: Operation
    body: Any
    params: dict[str, Any]
    query: dict[str, Any]
    faults: Faults


def _clip(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


def headers_of(request: Request) -> dict[str, str]:
    """The request's headers by lower-case name; repeated ones joined with ``", "``."""
    headers: dict[str, str] = {}
    for raw_name, raw_value in request.scope["headers"]:
        name, value = raw_name.decode("latin-1").lower(), raw_value.decode("latin-1")
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return headers


async def read_body(request: Request, max_bytes: int) -> tuple[bytes, bool]:
    """``(body, too_large)``; a body over ``max_bytes`` is not kept (and not read further)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        return b"", True
    chunks: list[bytes] = []
    size = 0
    async with contextlib.aclosing(request.stream()) as stream:
        async for chunk in stream:
            size += len(chunk)
            if size > max_bytes:
                return b"", True
            chunks.append(chunk)
    return b"".join(chunks), False


def authenticate(headers: Mapping[str, str], api_key: str) -> None:
    """Raises 401 unless the ``Authorization`` header is ``Bearer <api_key>`` (the scheme in any
    case). The answer is the same whatever is wrong, as the live API's is; the log says what."""
    value = headers.get("authorization")
    scheme, _, token = (value or "").partition(" ")
    token = token.strip()
    if value is None:
        problem = "the Authorization header is missing"
    elif scheme.lower() != "bearer" or not token:
        problem = "the Authorization header is not 'Bearer <key>'"
    elif not hmac.compare_digest(token.encode("latin-1"), api_key.encode("utf-8", "replace")):
        problem = "the bearer token is not the emulator's API key"
    else:
        return
    _log.info("401: %s", problem)
    raise unauthorized()


def check_media_type(content_type: str | None) -> None:
    """Raises 415 for a body sent as anything but JSON; a missing ``Content-Type`` is JSON."""
    if content_type is None or is_json_media(content_type):
        return
    detail = [{"loc": ["header", "content-type"], "msg": _clip(content_type), "type": "media"}]
    raise APIProblem(415, "UnsupportedMediaTypeError", "The body must be application/json", detail)


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


def parse_body(raw: bytes) -> Any:
    """The JSON value of ``raw``; ``MISSING`` when empty. Raises 400."""
    if not raw.strip():
        return MISSING
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
    raise bad_request(problem)


def violations(validator: Validator, instance: Any, loc: list[Any]) -> list[dict[str, Any]]:
    """The first ten ways ``instance`` fails ``validator``, as ``{loc, msg, type}``, most
    relevant first."""
    try:
        errors = sorted(validator.iter_errors(instance), key=relevance)
    except Unresolvable as exc:
        return [{"loc": loc, "msg": _clip(f"cannot resolve {exc}"), "type": "$ref"}]
    return [
        {"loc": [*loc, *error.absolute_path], "msg": _clip(error.message), "type": error.validator}
        for error in errors[:10]
    ]


def user_validator(schema: Any, loc: list[Any]) -> Validator:
    """A validator for a caller's schema (``input_schema``/``output_schema``); raises 422 when
    the schema itself is not one."""
    try:
        cls = validator_for(schema, default=Draft202012Validator)
        cls.check_schema(schema)
    except SchemaError as exc:
        raise invalid(
            [{"loc": [*loc, *exc.absolute_path], "msg": _clip(exc.message), "type": "schema"}]
        ) from None
    # An empty registry: a $ref to anything outside the schema is unresolvable, never fetched.
    validator: Validator = cls(schema, registry=Registry(), format_checker=format_checker())
    return validator


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


def check_parameters(
    given: Mapping[str, Any], parameters: Mapping[str, Parameter], where: str
) -> dict[str, Any]:
    """``given`` with each parameter's text read as its schema's type, and validated."""
    values = dict(given)
    found: list[dict[str, Any]] = []
    for name, parameter in parameters.items():
        if name not in values:
            if parameter.required:
                found.append({"loc": [where, name], "msg": "Field required", "type": "missing"})
            continue
        values[name] = _typed(values[name], parameter)
        found += violations(parameter.validator, values[name], [where, name])
    if found:
        raise invalid(found)
    return values


def check_query(query: QueryParams, parameters: Mapping[str, Parameter]) -> dict[str, Any]:
    """The query string's parameters, typed and validated (an array parameter may repeat)."""
    given: dict[str, Any] = {}
    for name in query:
        parameter = parameters.get(name)
        many = parameter is not None and "array" in parameter.kinds
        given[name] = query.getlist(name) if many else query[name]
    return check_parameters(given, parameters, "query")


def check_body(operation: Operation, body: Any) -> Any:
    """The body (``MISSING`` becomes ``None``) once it passes the operation's schema."""
    if operation.body_validator is not None:
        if body is MISSING:
            if operation.body_required:
                raise invalid([{"loc": ["body"], "msg": "Field required", "type": "missing"}])
        else:
            found = violations(operation.body_validator, body, ["body"])
            if found:
                raise invalid(found)
    return None if body is MISSING else body
