"""Loading ``openapi.yaml`` and turning its operations into validators.

The emulator takes everything it checks from the contract: the routes, the request body schemas,
the path parameter schemas. Nothing about a field is written by hand here, so a change to the
spec changes what the emulator accepts.

::

    spec = load_spec()                       # the packaged copy, else the repository's
    for op in operations(spec):
        print(op.method, op.path, op.operation_id)
"""

from __future__ import annotations

import functools
import importlib
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.protocols import Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

__all__ = [
    "SPEC_URI",
    "Operation",
    "find_spec_path",
    "format_checker",
    "load_spec",
    "operations",
    "schema_validator",
    "spec_registry",
]

#: The URI the spec document is registered under, so ``$ref`` can point into it.
SPEC_URI = "urn:opper-tracing:openapi"

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def find_spec_path() -> Path:
    """Where ``openapi.yaml`` is: the copy shipped in the wheel, else the repository root's.

    The wheel carries it as ``opper_emulator/openapi.yaml``; an editable install finds the
    repository's own file two levels up. Raises ``FileNotFoundError`` when neither exists.
    """
    packaged = resources.files(__package__ or "opper_emulator").joinpath("openapi.yaml")
    if packaged.is_file():
        return Path(str(packaged))
    repository = Path(__file__).resolve().parents[2] / "openapi.yaml"
    if repository.is_file():
        return repository
    raise FileNotFoundError(
        "openapi.yaml not found: neither packaged in opper_emulator nor at "
        f"{repository}; pass spec=PATH"
    )


def load_spec(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The parsed OpenAPI document at ``path`` (default: ``find_spec_path()``).

    >>> load_spec()["info"]["title"]
    'Opper API'
    """
    resolved = Path(path) if path is not None else find_spec_path()
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


@functools.cache
def format_checker() -> FormatChecker:
    """Draft 2020-12 format checks, with ``date-time`` as lenient as the real server's."""
    checker = FormatChecker()
    for name, (function, raises) in Draft202012Validator.FORMAT_CHECKER.checkers.items():
        if name != "date-time":
            checker.checkers[name] = (function, raises)
    checker.checkers["date-time"] = (_check_date_time, ValueError)
    return checker


def schema_validator(schema: Mapping[str, Any] | bool, registry: Registry[Any]) -> Validator:
    """A Draft 2020-12 validator for ``schema``, whose ``$ref``s may point into the spec."""
    return Draft202012Validator(schema, registry=registry, format_checker=format_checker())


@dataclass(frozen=True)
class Operation:
    """One operation of the spec, with validators for what a request may carry."""

    operation_id: str
    method: str
    path: str
    body_validator: Validator | None = None
    body_required: bool = False
    path_validators: Mapping[str, Validator] = field(default_factory=dict)


def _pointer(*segments: str | int) -> dict[str, str]:
    """A schema that is a ``$ref`` to the spec location at ``segments`` (JSON Pointer escaped)."""
    escaped = (str(s).replace("~", "~0").replace("/", "~1") for s in segments)
    return {"$ref": SPEC_URI + "#/" + "/".join(quote(s, safe="~") for s in escaped)}


def operations(spec: Mapping[str, Any]) -> Iterator[Operation]:
    """Every operation in ``spec``, its path prefixed with the first server URL's path.

    Schemas are referenced where they stand in the spec, so their own ``$ref``s resolve there.

    >>> [op.operation_id for op in operations(load_spec())][:2]
    ['call', 'call_stream']
    """
    registry = spec_registry(spec)
    prefix = urlsplit(spec.get("servers", [{}])[0].get("url", "")).path.rstrip("/")
    for path, item in spec["paths"].items():
        for method in _METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            # Operation-level parameters override path-level ones of the same name and place.
            located: dict[tuple[str, str], tuple[str | int, ...]] = {}
            for where in ("item", "operation"):
                owner = item if where == "item" else operation
                base: tuple[str | int, ...] = ("paths", path)
                if where == "operation":
                    base = (*base, method)
                for index, parameter in enumerate(owner.get("parameters", [])):
                    if "schema" in parameter:
                        key = (parameter["in"], parameter["name"])
                        located[key] = (*base, "parameters", index, "schema")
            path_validators = {
                name: schema_validator(_pointer(*location), registry)
                for (where, name), location in located.items()
                if where == "path"
            }
            body_validator = None
            body_required = False
            body = operation.get("requestBody")
            if body is not None:
                location = ("paths", path, method, "requestBody", "content", "application/json")
                body_validator = schema_validator(_pointer(*location, "schema"), registry)
                body_required = bool(body.get("required", False))
            yield Operation(
                operation_id=operation["operationId"],
                method=method.upper(),
                path=prefix + path,
                body_validator=body_validator,
                body_required=body_required,
                path_validators=path_validators,
            )
