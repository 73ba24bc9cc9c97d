"""Arguments to JSON: one conversion for every request, and the checks a call makes before it
is sent.

``to_json`` is the one meaning of "as sent": pydantic models and dataclasses dumped, generated
models through ``to_dict()``, UUIDs and datetimes as text, mappings and sequences copied; keys
typed ``format: uuid`` in the spec (the generated ``Operation.uuids``) go in canonical form.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import enum
import functools
import json
import sys
import uuid
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, Final, NotRequired, Required, get_origin, get_type_hints, is_typeddict

import typing_extensions

from ._exceptions import APIError, InvalidRequestError

__all__ = [
    "build_call_body", "canonical_uuid", "check_keywords", "to_json", "to_json_schema", "to_python"
]  # fmt: skip


def _plain(value: Any) -> Any:
    """``json.dumps``' ``default``: what plain JSON cannot hold, as JSON data."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, frozenset | set):
        return list(value)
    for method in ("model_dump", "to_dict"):  # pydantic models, generated attrs models
        convert = getattr(value, method, None)
        if callable(convert) and not isinstance(value, type):
            return convert(mode="json") if method == "model_dump" else convert()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def to_json(value: Any, argument: str) -> Any:
    """``value`` as plain JSON data, converted at any depth (an example's ``input`` may be a
    pydantic model); ``InvalidRequestError`` naming ``argument`` when it cannot be."""
    if value is None or type(value) in (str, bool, int):
        return value
    try:
        return json.loads(json.dumps(value, allow_nan=False, default=_plain))
    except (TypeError, ValueError) as exc:
        raise InvalidRequestError(f"{argument} is not JSON-serialisable: {exc}") from None


def canonical_uuid(key: str, value: Any) -> str:
    """``value`` in canonical UUID form: any spelling the API reads (upper case, hyphen-less,
    braced, ``urn:uuid:``) is accepted; anything else is an error naming ``key``."""
    try:
        return str(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))
    except ValueError:
        raise InvalidRequestError(f"{key} must be a UUID; got {value!r}") from None


def to_json_schema(schema: Any, argument: str) -> dict[str, Any] | None:
    """``schema`` as a JSON Schema dict (or None), converting Python types with pydantic."""
    if schema is None:
        return None
    if isinstance(schema, Mapping):
        result = dict(schema)
    elif isinstance(schema, type) or hasattr(schema, "__annotations__"):
        try:
            make = getattr(schema, "model_json_schema", None)
            result = dict(make() if callable(make) else _adapter(schema, argument).json_schema())
        except InvalidRequestError:
            raise
        except Exception as exc:
            raise InvalidRequestError(
                f"{argument}: cannot build a JSON Schema from {schema!r}: {exc}"
            ) from None
    else:
        raise InvalidRequestError(
            f"{argument} must be a JSON Schema dict or a pydantic model, dataclass or TypedDict "
            f"class; got {type(schema).__name__}"
        )
    try:
        _validator(_schema_key(result))
    except (TypeError, ValueError) as exc:
        raise InvalidRequestError(f"{argument} is not JSON-serialisable: {exc}") from None
    except _jsonschema().SchemaError as exc:
        where = "/".join(str(part) for part in exc.absolute_path) or "(root)"
        raise InvalidRequestError(
            f"{argument} is not a valid JSON Schema at {where}: {exc.message}"
        ) from None
    return result


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
    if sys.version_info >= (3, 12) or not is_typeddict(tp):
        return tp
    fields = {}
    for key, hint in get_type_hints(tp, include_extras=True).items():
        if get_origin(hint) in (Required, NotRequired):
            fields[key] = hint  # string annotations hide these from __required_keys__
        else:
            wrap = Required if key in tp.__required_keys__ else NotRequired
            fields[key] = wrap[_pydantic_ready(hint)]
    return typing_extensions.TypedDict(tp.__name__, fields)  # type: ignore[operator]


def to_python(tp: Any, value: Any) -> Any:
    """``value`` (JSON output) validated into ``tp``: a pydantic model, a dataclass, a
    TypedDict...; ``APIError`` naming the mismatch."""
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


def _jsonschema() -> Any:
    import jsonschema  # at the first schema: it costs 40 ms and 4,000 objects the collector walks

    return jsonschema


def _schema_key(schema: dict[str, Any]) -> str:
    return json.dumps(schema, sort_keys=True, allow_nan=False)


@functools.lru_cache(maxsize=256)
def _validator(schema_key: str) -> Any:
    """A checked validator for a schema. Checking against the meta-schema costs milliseconds,
    and services send the same few schemas on every call, so each is checked once."""
    schema, jsonschema = json.loads(schema_key), _jsonschema()
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    cls.check_schema(schema)
    return cls(schema)


def check_keywords(params: Mapping[str, Any], allowed: Collection[str], method: str) -> None:
    """Refuse a keyword the request body does not have, the way Python refuses one."""
    for key in params:
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else " (extra_body= sends any key)"
            raise TypeError(f"{method}() got an unexpected keyword argument {key!r}{hint}")


def _check_model(model: Any, key: str) -> Any:
    """A name, a ``{name, options, extra_headers}`` dict, any other dict (the API takes a free-
    form object, as the official SDK does), or a fallback list of those."""
    if isinstance(model, list) and not model:
        raise InvalidRequestError("model: a fallback list needs at least one model")
    for entry in model if isinstance(model, list) else [model]:
        if isinstance(entry, str) and not entry:
            raise InvalidRequestError("model: a model name must not be empty")
        name = entry.get("name", "-") if isinstance(entry, Mapping) else "-"
        if not isinstance(name, str) or not name:
            raise InvalidRequestError("model: a model's 'name' must be a non-empty string")
        if not isinstance(entry, str | Mapping) and not hasattr(entry, "to_dict"):
            raise InvalidRequestError(
                "model must be a name, a dict (such as {name, options, extra_headers}), or a list"
                f" of those; got {type(entry).__name__}"
            )
    return to_json(model, key)


def _check_tags(tags: Any, key: str) -> dict[str, str]:
    if not isinstance(tags, Mapping):
        raise InvalidRequestError(f"tags must be a dict of strings; got {type(tags).__name__}")
    for key, value in tags.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise InvalidRequestError(
                f"tags must map strings to strings; tag {key!r} has a {type(value).__name__} value"
            )
    return dict(tags)


def _check_examples(examples: Any, key: str) -> list[Any]:
    if isinstance(examples, str | bytes) or not isinstance(examples, Sequence):
        raise InvalidRequestError("examples must be a list of {input, output, comment} dicts")
    checked = []
    for position, example in enumerate(examples):
        example = to_json(example, f"examples[{position}]")
        if not isinstance(example, dict) or "input" not in example or "output" not in example:
            raise InvalidRequestError(f"examples[{position}] needs 'input' and 'output' keys")
        checked.append(example)
    return checked


def _check_type(kind: type, what: str) -> Callable[[Any, str], Any]:
    def check(value: Any, key: str) -> Any:
        if not isinstance(value, kind):
            raise InvalidRequestError(f"{key} must be {what}")
        return to_json(value, key)

    return check


# Conveniences: Python types as schemas, checks that name a mistake before a billed call. Any
# other key (one the spec gains later, say) is sent as plain JSON.
_CONVERT: Final[dict[str, Callable[[Any, str], Any]]] = {
    "instructions": _check_type(str, "a string"),
    "configuration": _check_type(Mapping, "a dict of dotted keys"),
    "input_schema": to_json_schema,
    "output_schema": to_json_schema,
    "model": _check_model,
    "examples": _check_examples,
    "tags": _check_tags,
}


def build_call_body(
    name: str,
    params: Mapping[str, Any],
    extra_body: Mapping[str, Any] | None = None,
    *,
    uuids: Collection[str] = (),
    validate_input: bool = True,
) -> dict[str, Any]:
    """Check every argument and return the JSON body of a call (``None`` means "not sent";
    ``extra_body`` keys are sent as given, after them). Raises ``InvalidRequestError`` naming
    the first problem; nothing is sent then."""
    if not isinstance(name, str) or not name.strip():
        raise InvalidRequestError("name must be a non-empty string")
    body: dict[str, Any] = {"name": name}
    for key, value in params.items():
        if value is None:
            continue
        if key in uuids and key not in _CONVERT:
            body[key] = canonical_uuid(key, value)
        else:
            body[key] = _CONVERT.get(key, to_json)(value, key)
    schema = body.get("input_schema")
    if validate_input and schema is not None and "input" in body:
        errors = _validator(_schema_key(schema)).iter_errors(body["input"])
        error = _jsonschema().exceptions.best_match(errors)
        if error is not None:
            where = "input" + "".join(
                f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.absolute_path
            )
            raise InvalidRequestError(f"{where} does not match input_schema: {error.message}")
    if extra_body:
        body.update(to_json(dict(extra_body), "extra_body"))
    return body
