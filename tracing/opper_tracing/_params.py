"""Checking a call's keywords before anything is sent, and turning them into a request body.

The keywords are the generated ``CallRequestParams`` (one per property of ``CallRequest`` in
``openapi.yaml``) plus the two schemas; a property added to the spec is accepted after
``make generate`` with no change here, and sent as JSON. Properties the spec types as UUIDs are
normalised (braced, upper-case or hyphen-less forms are sent in canonical form).

Schemas may be JSON Schema dicts, or (when pydantic is installed) pydantic models, dataclasses
and TypedDicts, as the official SDK accepts. Inputs that are pydantic models or dataclasses are
dumped to JSON-compatible values. ``input`` is validated against ``input_schema`` with
``jsonschema``, so a mismatch is reported with its path before a request is made; this check is
stricter than the server's, which checks input only when the call's configuration turns on
``beta.invocation.input_validation.enabled``, and ``validate_input=False`` skips it.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import json
import sys
import typing
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, NotRequired, Required

import attrs
import jsonschema
import typing_extensions
from jsonschema.exceptions import best_match

from opper_api.api.call import CallRequestParams
from opper_api.models import CallRequest

from ._exceptions import APIError, InvalidRequestError

__all__ = [
    "build_call_body",
    "check_keywords",
    "to_json_schema",
    "to_json_value",
    "to_python",
]


def to_json_schema(schema: Any, argument: str) -> dict[str, Any] | None:
    """Return ``schema`` as a JSON Schema dict (or None), converting Python types with pydantic."""
    if schema is None:
        return None
    if isinstance(schema, Mapping):
        result = dict(schema)
    elif isinstance(schema, type) or hasattr(schema, "__annotations__"):
        result = _schema_from_type(schema, argument)
    else:
        raise InvalidRequestError(
            f"{argument} must be a JSON Schema dict or a pydantic model, dataclass or TypedDict "
            f"class; got {type(schema).__name__}"
        )
    try:
        _validator(_schema_key(result))
    except (TypeError, ValueError) as exc:
        raise InvalidRequestError(f"{argument} is not JSON-serialisable: {exc}") from None
    except jsonschema.SchemaError as exc:
        where = "/".join(str(part) for part in exc.absolute_path) or "(root)"
        raise InvalidRequestError(
            f"{argument} is not a valid JSON Schema at {where}: {exc.message}"
        ) from None
    return result


def _schema_from_type(schema: Any, argument: str) -> dict[str, Any]:
    model_json_schema = getattr(schema, "model_json_schema", None)
    if callable(model_json_schema):
        return dict(model_json_schema())
    try:
        return dict(_adapter(schema, argument).json_schema())
    except InvalidRequestError:
        raise
    except Exception as exc:
        raise InvalidRequestError(
            f"{argument}: cannot build a JSON Schema from {schema!r}: {exc}"
        ) from None


@functools.lru_cache(maxsize=256)
def _adapter(tp: Any, argument: str) -> Any:
    try:
        from pydantic import TypeAdapter
    except ImportError:
        raise InvalidRequestError(
            f"{argument}: using {tp!r} as a schema needs pydantic "
            "(pip install pydantic), or pass a JSON Schema dict"
        ) from None
    return TypeAdapter(_pydantic_ready(tp))


def _pydantic_ready(tp: Any) -> Any:
    """``tp``, with a ``typing.TypedDict`` rebuilt as a ``typing_extensions`` one: pydantic
    refuses the former before Python 3.12, the version this package still supports."""
    # typing.is_typeddict is False for typing_extensions' own TypedDicts on 3.11.
    if sys.version_info >= (3, 12) or not typing.is_typeddict(tp):
        return tp
    fields = {}
    for key, hint in typing.get_type_hints(tp, include_extras=True).items():
        if typing.get_origin(hint) in (Required, NotRequired):
            fields[key] = hint  # string annotations hide these from __required_keys__
        else:
            wrap = Required if key in tp.__required_keys__ else NotRequired
            fields[key] = wrap[_pydantic_ready(hint)]
    return typing_extensions.TypedDict(tp.__name__, fields)  # type: ignore[operator]


def to_python(tp: Any, value: Any) -> Any:
    """``value`` (the JSON output) validated into ``tp``: a pydantic model, a dataclass, a
    TypedDict... Raises ``APIError`` naming the mismatch (the raw value stays on the result)."""
    validate = getattr(tp, "model_validate", None)
    try:
        if callable(validate):
            return validate(value)
        return _adapter(tp, "output_schema").validate_python(value)
    except InvalidRequestError:
        raise
    except Exception as exc:
        name = getattr(tp, "__name__", repr(tp))
        raise APIError(f"the output does not match output_schema {name}: {exc}") from None


def _plain(value: Any) -> Any:
    model_dump = getattr(value, "model_dump", None)
    if callable(model_dump) and not isinstance(value, type):
        return model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def to_json_value(value: Any, argument: str) -> Any:
    """Return ``value`` as plain JSON data; pydantic models and dataclasses are dumped, at any
    depth (an example's ``input`` may be a model)."""
    try:
        return json.loads(json.dumps(value, allow_nan=False, default=_plain))
    except (TypeError, ValueError) as exc:
        raise InvalidRequestError(f"{argument} is not JSON-serialisable: {exc}") from None


def _schema_key(schema: dict[str, Any]) -> str:
    return json.dumps(schema, sort_keys=True, allow_nan=False)


@functools.lru_cache(maxsize=256)
def _validator(schema_key: str) -> Any:
    """A checked validator for a schema. Checking against the meta-schema costs milliseconds,
    and services send the same few schemas on every call, so each is checked once."""
    schema = json.loads(schema_key)
    validator_class = jsonschema.validators.validator_for(
        schema, default=jsonschema.Draft202012Validator
    )
    validator_class.check_schema(schema)
    return validator_class(schema)


def _check_input(value: Any, schema: dict[str, Any]) -> None:
    error = best_match(_validator(_schema_key(schema)).iter_errors(value))
    if error is not None:
        where = "input" + "".join(
            f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.absolute_path
        )
        raise InvalidRequestError(f"{where} does not match input_schema: {error.message}")


def _check_model(model: Any) -> Any:
    """A name, a ``{name, options, extra_headers}`` dict, any other dict (the API takes a free-
    form object, as the official SDK does), or a fallback list of those."""
    entries = model if isinstance(model, list) else [model]
    if isinstance(model, list) and not model:
        raise InvalidRequestError("model: a fallback list needs at least one model")
    for entry in entries:
        if isinstance(entry, str):
            if not entry:
                raise InvalidRequestError("model: a model name must not be empty")
        elif isinstance(entry, Mapping):
            if "name" in entry and (not isinstance(entry["name"], str) or not entry["name"]):
                raise InvalidRequestError("model: a model's 'name' must be a non-empty string")
        else:
            raise InvalidRequestError(
                "model must be a name, a dict (such as {name, options, extra_headers}), or a list"
                f" of those; got {type(entry).__name__}"
            )
    return to_json_value(model, "model")


def _check_tags(tags: Mapping[str, Any]) -> dict[str, str]:
    if not isinstance(tags, Mapping):
        raise InvalidRequestError(f"tags must be a dict of strings; got {type(tags).__name__}")
    for key, value in tags.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise InvalidRequestError(
                f"tags must map strings to strings; tag {key!r} has a {type(value).__name__} value"
            )
    return dict(tags)


def _check_examples(examples: Sequence[Any]) -> list[dict[str, Any]]:
    if isinstance(examples, (str, bytes)) or not isinstance(examples, Sequence):
        raise InvalidRequestError("examples must be a list of {input, output, comment} dicts")
    checked = []
    for position, example in enumerate(examples):
        example = to_json_value(example, f"examples[{position}]")
        if not isinstance(example, dict) or "input" not in example or "output" not in example:
            raise InvalidRequestError(f"examples[{position}] needs 'input' and 'output' keys")
        checked.append(example)
    return checked


def _uuid_fields(model: type) -> frozenset[str]:
    """The JSON keys of ``model`` whose spec type is a UUID (``format: uuid``)."""
    # Annotations are strings (the generated models defer them); the generator appends "_" to
    # names that shadow builtins (input -> input_).
    return frozenset(
        field.name.rstrip("_")
        for field in attrs.fields(model)
        if "UUID" in str(field.type).replace("|", " ").split()
    )


_CALL_KEYWORDS: Final = frozenset(CallRequestParams.__annotations__) | {
    "input_schema",
    "output_schema",
}
_CALL_UUIDS: Final = _uuid_fields(CallRequest)


def _normalise_uuid(key: str, value: Any) -> str:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        raise InvalidRequestError(f"{key} must be a UUID; got {value!r}") from None


def check_keywords(params: Mapping[str, Any], method: str) -> None:
    """Refuse a keyword ``CallRequest`` does not have, the way Python refuses one (TypeError)."""
    for key in params:
        if key not in _CALL_KEYWORDS:
            close = difflib.get_close_matches(key, _CALL_KEYWORDS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else " (extra_body= sends any key)"
            raise TypeError(f"{method}() got an unexpected keyword argument {key!r}{hint}")


def build_call_body(
    name: str,
    params: Mapping[str, Any],
    extra_body: Mapping[str, Any] | None = None,
    *,
    validate_input: bool = True,
) -> dict[str, Any]:
    """Check every argument and return the JSON body of ``POST /call`` (and ``/call/stream``).

    ``params`` are ``call()``'s keywords (``None`` means "not sent"); ``extra_body`` keys are
    sent as given, after them. Raises ``InvalidRequestError`` naming the first problem; nothing
    is sent in that case. ``validate_input=False`` skips checking ``input`` against
    ``input_schema`` (the server itself checks only with
    ``beta.invocation.input_validation.enabled``).
    """
    if not isinstance(name, str) or not name.strip():
        raise InvalidRequestError("name must be a non-empty string")
    body: dict[str, Any] = {"name": name}
    for key, value in params.items():
        if value is None:
            continue
        convert = _CONVERT.get(key)
        if convert is not None:
            value = convert(value)
        elif key in _CALL_UUIDS:
            value = _normalise_uuid(key, value)
        else:
            value = to_json_value(value, key)
        body[key] = value
    if validate_input and "input" in body and "input_schema" in body:
        _check_input(body["input"], body["input_schema"])
    if extra_body:
        body.update(to_json_value(dict(extra_body), "extra_body"))
    return body


def _check_instructions(value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidRequestError("instructions must be a string")
    return value


def _check_configuration(value: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidRequestError("configuration must be a dict of dotted keys")
    result: dict[str, Any] = to_json_value(dict(value), "configuration")
    return result


# The conveniences: Python types as schemas, checks that name the problem before a billed call.
# Any other key (one the spec gains later, say) is sent as plain JSON.
_CONVERT: Final[dict[str, Callable[[Any], Any]]] = {
    "instructions": _check_instructions,
    "input_schema": lambda v: to_json_schema(v, "input_schema"),
    "output_schema": lambda v: to_json_schema(v, "output_schema"),
    "input": lambda v: to_json_value(v, "input"),
    "model": lambda v: _check_model(v),
    "examples": lambda v: _check_examples(v),
    "tags": lambda v: _check_tags(v),
    "configuration": _check_configuration,
}
