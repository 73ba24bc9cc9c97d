"""Loading the specs (``openapi.yaml`` for v2, ``openapi-v3.yaml`` for v3) and turning their
operations into validators.

The emulator takes everything it checks from the contracts: the routes, the request body
schemas, the path parameter schemas, which operations need the key. Nothing about a field is
written by hand here, so a change to a spec changes what the emulator accepts. The v3 spec is
Opper's own document, verbatim.

::

    spec = load_spec()                       # v2: the packaged copy, else the repository's
    v3 = load_spec(version=3)                # v3 likewise
    for op in operations(spec):
        print(op.method, op.path, op.operation_id)
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.protocols import Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

__all__ = [
    "SPEC_FILES",
    "SPEC_URI",
    "Operation",
    "Parameter",
    "find_spec_path",
    "format_checker",
    "is_json_media",
    "is_uuid",
    "load_spec",
    "operations",
    "schema_validator",
    "spec_registry",
]

#: The URI the spec document is registered under, so ``$ref`` can point into it.
SPEC_URI = "urn:opper-tracing:openapi"

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


#: The file of each API version's spec, at the repository root and in the wheel's package.
SPEC_FILES = {2: "openapi.yaml", 3: "openapi-v3.yaml"}


def find_spec_path(version: int = 2) -> Path:
    """Where the spec of API ``version`` (2 or 3) is: the copy shipped in the wheel, else the
    repository root's (``SPEC_FILES``).

    The wheel carries them as ``opper_emulator/openapi.yaml`` and
    ``opper_emulator/openapi-v3.yaml``; an editable install finds the repository's own files two
    levels up. Raises ``FileNotFoundError`` when neither exists.

    >>> find_spec_path(3).name
    'openapi-v3.yaml'
    """
    name = SPEC_FILES[version]
    packaged = resources.files(__package__ or "opper_emulator").joinpath(name)
    if packaged.is_file():
        return Path(str(packaged))
    repository = Path(__file__).resolve().parents[2] / name
    if repository.is_file():
        return repository
    raise FileNotFoundError(
        f"{name} not found: neither packaged in opper_emulator nor at {repository}; pass "
        + ("spec=PATH" if version == 2 else "v3_spec=PATH")
    )


def load_spec(path: str | os.PathLike[str] | None = None, *, version: int = 2) -> dict[str, Any]:
    """The parsed OpenAPI document at ``path`` (default: ``find_spec_path(version)``).

    >>> load_spec()["info"]["title"], load_spec(version=3)["info"]["title"]
    ('Opper API', 'Task API')
    """
    resolved = Path(path) if path is not None else find_spec_path(version)
    return _load_cached(str(resolved.resolve()), resolved.stat().st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _load_cached(path: str, _mtime_ns: int) -> dict[str, Any]:
    try:
        yaml = importlib.import_module("yaml")
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "opper_emulator reads openapi.yaml with PyYAML: pip install pyyaml "
            "(or opper-tracing[emulator])"
        ) from exc
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, "rb") as file:
        document = yaml.load(file, Loader=loader)
    if not isinstance(document, dict) or "paths" not in document:
        raise ValueError(f"{path} is not an OpenAPI document")
    # YAML 1.1 can produce dates or integer keys; a JSON round trip proves the document is plain
    # JSON data, which is what the validators and the handlers assume.
    loaded: dict[str, Any] = json.loads(json.dumps(document))
    return loaded


def spec_registry(spec: Mapping[str, Any]) -> Registry[Any]:
    """A ``referencing`` registry holding the spec, so ``SPEC_URI#/components/...`` resolves."""
    resource: Resource[Any] = Resource.from_contents(spec, default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
    return registry


def _check_date_time(instance: object) -> bool:
    # Lenient like the Pydantic server: ISO 8601 with or without an offset. RFC 3339 allows a
    # lowercase "t"/"z", which Python 3.11's fromisoformat refuses; the rest has no letters.
    if not isinstance(instance, str):
        return True
    datetime.fromisoformat(instance.upper())
    return True


_HEX = "[0-9a-fA-F]"
_HYPHENATED = f"{_HEX}{{8}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{12}}"
# The forms Pydantic's UUID type reads: hyphenated, 32 hex digits, braced, or as a URN.
_UUID = re.compile(rf"{_HYPHENATED}|{_HEX}{{32}}|\{{{_HYPHENATED}\}}|urn:uuid:{_HYPHENATED}")


def is_uuid(instance: object) -> bool:
    """Whether ``instance`` is a UUID in a form the server reads (any other value passes).

    >>> is_uuid("3c90c3cc0d444b5088888dd25736052a"), is_uuid("3c90c3cc-0d44-4b50")
    (True, False)
    """
    return not isinstance(instance, str) or _UUID.fullmatch(instance) is not None


@functools.cache
def format_checker() -> FormatChecker:
    """Draft 2020-12 format checks, with ``date-time`` and ``uuid`` as lenient as the server's."""
    checker = FormatChecker()
    for name, (function, raises) in Draft202012Validator.FORMAT_CHECKER.checkers.items():
        if name not in ("date-time", "uuid"):
            checker.checkers[name] = (function, raises)
    checker.checkers["date-time"] = (_check_date_time, ValueError)
    checker.checkers["uuid"] = (is_uuid, ())
    return checker


def schema_validator(schema: Mapping[str, Any] | bool, registry: Registry[Any]) -> Validator:
    """A Draft 2020-12 validator for ``schema``, whose ``$ref``s may point into the spec."""
    return Draft202012Validator(schema, registry=registry, format_checker=format_checker())


@dataclass(frozen=True)
class Parameter:
    """A path or query parameter: how to read its text, and its schema's validator."""

    name: str
    validator: Validator
    required: bool = False
    #: The JSON types the schema allows, to turn the URL's text into a value before validating.
    kinds: frozenset[str] = frozenset()
    item_kinds: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Operation:
    """One operation of the spec: validators for what a request may carry, and its success answer.

    ``success_schema`` is a ``$ref`` into the spec (``None``: no JSON schema documented);
    ``success_media`` is ``None`` when the answer has no body (a JSON media type is preferred
    when there are several); ``event_stream`` says whether ``text/event-stream`` is among them.
    """

    operation_id: str
    method: str
    path: str
    body_validator: Validator | None = None
    body_required: bool = False
    path_params: Mapping[str, Parameter] = field(default_factory=dict)
    query_params: Mapping[str, Parameter] = field(default_factory=dict)
    authenticated: bool = True
    success_status: int = 200
    success_media: str | None = "application/json"
    success_schema: Mapping[str, str] | None = None
    event_stream: bool = False


def _pointer(*segments: str | int) -> dict[str, str]:
    """A schema that is a ``$ref`` to the spec location at ``segments`` (JSON Pointer escaped)."""
    escaped = (str(s).replace("~", "~0").replace("/", "~1") for s in segments)
    return {"$ref": SPEC_URI + "#/" + "/".join(quote(s, safe="~") for s in escaped)}


Location = tuple[str | int, ...]


def _follow(spec: Mapping[str, Any], location: Location) -> tuple[Location, Any]:
    """The node at ``location``, through local ``$ref``s (a parameter, body or response may be
    one); ``None`` when a step does not resolve."""
    for _ in range(16):
        node: Any = spec
        for segment in location:
            if isinstance(node, list) and str(segment).isdigit() and int(segment) < len(node):
                node = node[int(segment)]
            elif isinstance(node, Mapping) and segment in node:
                node = node[segment]
            else:
                return location, None
        ref = node.get("$ref") if isinstance(node, Mapping) else None
        if not isinstance(ref, str) or not ref.startswith("#/"):
            return location, node
        location = _ref_location(ref)
    return location, None


def _ref_location(ref: str) -> Location:
    """The location a local ``$ref`` such as ``#/components/schemas/Span`` points at."""
    return tuple(unquote(part).replace("~1", "/").replace("~0", "~") for part in ref[2:].split("/"))


def _kinds(spec: Mapping[str, Any], schema: Any, depth: int = 0) -> frozenset[str]:
    """The JSON types ``schema`` allows, through ``$ref``, ``anyOf``, ``oneOf`` and ``allOf``."""
    if not isinstance(schema, Mapping) or depth > 8:
        return frozenset()
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        return _kinds(spec, _follow(spec, _ref_location(ref))[1], depth + 1)
    declared = schema.get("type")
    kinds = {declared} if isinstance(declared, str) else set(declared or ())
    for keyword in ("anyOf", "oneOf", "allOf"):
        for branch in schema.get(keyword) or ():
            kinds |= _kinds(spec, branch, depth + 1)
    if "enum" in schema or "const" in schema:
        values = schema.get("enum") or [schema.get("const")]
        kinds |= {_json_type(value) for value in values}
    return frozenset(kinds)


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if value is None:
        return "null"
    if isinstance(value, list):
        return "array"
    return "string" if isinstance(value, str) else "object"


def _parameters(
    spec: Mapping[str, Any], registry: Registry[Any], bases: list[Location]
) -> dict[tuple[str, str], Parameter]:
    # Operation-level parameters override path-level ones of the same name and place.
    found: dict[tuple[str, str], Parameter] = {}
    for base in bases:
        _, listed = _follow(spec, (*base, "parameters"))
        for index in range(len(listed) if isinstance(listed, list) else 0):
            location, parameter = _follow(spec, (*base, "parameters", index))
            if not isinstance(parameter, Mapping) or "schema" not in parameter:
                continue
            where, name = parameter.get("in"), parameter.get("name")
            if where not in ("path", "query") or not isinstance(name, str):
                continue
            schema = parameter["schema"]
            items = schema.get("items") if isinstance(schema, Mapping) else None
            found[(where, name)] = Parameter(
                name=name,
                validator=schema_validator(_pointer(*location, "schema"), registry),
                required=where == "path" or bool(parameter.get("required", False)),
                kinds=_kinds(spec, schema),
                item_kinds=_kinds(spec, items),
            )
    return found


def _success(
    spec: Mapping[str, Any], base: Location
) -> tuple[int, str | None, Mapping[str, str] | None]:
    """The lowest documented 2xx status, its media type and the ``$ref`` of its schema."""
    _, responses = _follow(spec, (*base, "responses"))
    responses = responses if isinstance(responses, Mapping) else {}
    # "2XX" counts as 200; without any 2xx the "default" answer is sent with 200.
    statuses = sorted(
        (int(number), str(code))
        for code in responses
        if len(number := str(code).upper().replace("X", "0")) == 3
        and number.isdigit()
        and number[0] == "2"
    )
    status, key = statuses[0] if statuses else (200, "default")
    if status == 204 or key not in responses:
        return status, None, None
    location, response = _follow(spec, (*base, "responses", key))
    content = response.get("content") if isinstance(response, Mapping) else None
    if not isinstance(content, Mapping) or not content:
        return status, None, None
    media = _json_media(content) or next(iter(content))
    _, entry = _follow(spec, (*location, "content", media))
    if not isinstance(entry, Mapping) or "schema" not in entry:
        return status, str(media), None
    return status, str(media), _pointer(*location, "content", media, "schema")


def _event_stream(spec: Mapping[str, Any], base: Location) -> bool:
    """Whether any 2xx answer of the operation may be ``text/event-stream``."""
    _, responses = _follow(spec, (*base, "responses"))
    for code in responses if isinstance(responses, Mapping) else ():
        if str(code).startswith("2"):
            _, response = _follow(spec, (*base, "responses", code))
            content = response.get("content") if isinstance(response, Mapping) else None
            if isinstance(content, Mapping) and "text/event-stream" in content:
                return True
    return False


def is_json_media(media: str) -> bool:
    """Whether a media type (or ``Content-Type`` value) is JSON: ``application/json``, ``*/*+json``.

    >>> is_json_media("application/json; charset=utf-8"), is_json_media("text/plain")
    (True, False)
    """
    kind = media.split(";")[0].strip().lower()
    return kind == "application/json" or (kind.endswith("+json") and "/" in kind)


def _json_media(content: Mapping[str, Any]) -> str | None:
    return next((str(media) for media in content if is_json_media(str(media))), None)


def operations(spec: Mapping[str, Any]) -> Iterator[Operation]:
    """Every operation in ``spec``, its path prefixed with the first server URL's path.

    Schemas are referenced where they stand in the spec, so their own ``$ref``s resolve there.
    What the emulator cannot use (a body with no JSON media type, a cookie parameter) is left
    unchecked rather than refused, so any spec starts.

    >>> [op.operation_id for op in operations(load_spec())][:2]
    ['call', 'call_stream']
    """
    registry = spec_registry(spec)
    servers = spec.get("servers") or [{}]
    server = servers[0] if isinstance(servers, list) and isinstance(servers[0], Mapping) else {}
    prefix = urlsplit(str(server.get("url", ""))).path.rstrip("/")
    default_security = spec.get("security") or []
    for path, item in (spec.get("paths") or {}).items():
        if not isinstance(item, Mapping):
            continue
        for method in _METHODS:
            operation = item.get(method)
            if not isinstance(operation, Mapping):
                continue
            base: Location = ("paths", path, method)
            located = _parameters(spec, registry, [("paths", path), base])
            body_validator = None
            body_required = False
            body_location, body = _follow(spec, (*base, "requestBody"))
            content = body.get("content") if isinstance(body, Mapping) else None
            media = _json_media(content) if isinstance(content, Mapping) else None
            if media is not None:
                schema_at = (*body_location, "content", media, "schema")
                if _follow(spec, schema_at)[1] is not None:
                    body_validator = schema_validator(_pointer(*schema_at), registry)
            if isinstance(body, Mapping):
                body_required = bool(body.get("required", False))
            security = operation.get("security", default_security)
            status, success_media, success_schema = _success(spec, base)
            yield Operation(
                operation_id=str(operation.get("operationId") or f"{method}_{path}"),
                method=method.upper(),
                path=prefix + path,
                body_validator=body_validator,
                body_required=body_required,
                path_params={n: p for (w, n), p in located.items() if w == "path"},
                query_params={n: p for (w, n), p in located.items() if w == "query"},
                # An empty requirement ({}) in the list makes authentication optional.
                authenticated=bool(security) and all(security),
                success_status=status,
                success_media=success_media,
                success_schema=success_schema,
                event_stream=_event_stream(spec, base),
            )
