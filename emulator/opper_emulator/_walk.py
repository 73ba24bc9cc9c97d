"""Values made up from a JSON Schema, by walking it: task output and the spec's answers.

The rules:

- ``$ref`` (local, ``$defs``/``definitions``, or to an embedded ``$id``) is resolved; ``allOf``
  branches are merged; ``anyOf``/``oneOf`` take the first branch that is not
  ``{"type": "null"}``; ``const`` wins, then the first ``enum`` value;
- objects get every property (past depth 8 only the required ones); a free-form object gets one
  property ``"key"``;
- arrays get 2 items (within ``minItems``/``maxItems``; ``prefixItems`` honoured);
- strings are ``"sample <property name>"`` plus the 1-based array position(s), e.g.
  ``people[1].name`` is ``"sample name 2"``; common ``format``s get a fixed valid value
  (``date-time``, ``date``, ``time``, ``email``, ``uri``, ``uuid``, ...);
  ``minLength``/``maxLength`` are honoured, ``pattern`` is not;
- integers are ``42`` (plus the array position), numbers ``42.5``, both moved into
  ``minimum``/``maximum``/``multipleOf``; booleans are ``true``; ``null`` is ``null``;
- a nicety (``synthesize`` only): when the result is an object with exactly one numeric property
  and ``input`` is an object of numbers only, that property is their sum (``{x: 2, y: 3}`` gives
  ``{"sum": 5}``) if the sum still validates.

>>> synthesize({"type": "object", "properties": {"sum": {"type": "integer"}}}, {"x": 2, "y": 3})
{'sum': 5}
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from jsonschema.validators import validator_for
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012

__all__ = ["SpecSynthesizer", "SynthesisError", "synthesize"]

_BASE_URI = "urn:opper-tracing:output-schema"
_SOFT_DEPTH = 8
_HARD_DEPTH = 32


class SynthesisError(ValueError):
    """The output schema cannot be walked (for example a ``$ref`` that does not resolve)."""


def synthesize(schema: Mapping[str, Any] | bool, input_value: Any = None) -> Any:
    """A value for ``schema`` following the module's rules; raises ``SynthesisError``.

    >>> synthesize({"type": "array", "items": {"enum": ["a", "b"]}})
    ['a', 'a']
    """
    try:
        resource: Resource[Any] = Resource.from_contents(schema, default_specification=DRAFT202012)
        uri = resource.id() or _BASE_URI
        resolver = Registry().with_resource(uri, resource).resolver(base_uri=uri)
        value = _Walker().value(schema, resolver, "value", "", 0, 0)
    except Unresolvable as exc:
        raise SynthesisError(f"cannot resolve {exc}") from None
    except (TypeError, AttributeError, KeyError, IndexError) as exc:
        raise SynthesisError(f"cannot walk the output schema: {exc!r}") from None
    return _maybe_sum(schema, value, input_value)


class SpecSynthesizer:
    """Values for schemas that live in an OpenAPI document, whose ``$ref``s point into it.

    >>> synth = SpecSynthesizer(load_spec())                       # doctest: +SKIP
    >>> synth.value("#/components/schemas/Feedback")                # doctest: +SKIP
    {'score': 1.0, 'comment': 'sample comment'}
    >>> synth.fill("#/components/schemas/Error", {"type": "X"})     # doctest: +SKIP
    {'type': 'X', 'detail': 'sample detail'}
    """

    def __init__(self, document: Mapping[str, Any], uri: str = "urn:opper-emulator:document"):
        resource: Resource[Any] = Resource.from_contents(
            document, default_specification=DRAFT202012
        )
        self._resolver = Registry().with_resource(uri, resource).resolver(base_uri=uri)

    def value(self, ref: str) -> Any:
        """A value for the schema at ``ref``, by the module's rules; raises ``SynthesisError``."""
        try:
            return _Walker().value({"$ref": ref}, self._resolver, "value", "", 0, 0)
        except Unresolvable as exc:
            raise SynthesisError(f"cannot resolve {exc}") from None
        except (TypeError, AttributeError, KeyError, IndexError) as exc:
            raise SynthesisError(f"cannot walk the schema at {ref}: {exc!r}") from None

    def fill(self, ref: str, value: Any) -> Any:
        """``value`` with every property the schema at ``ref`` requires and it lacks synthesized,
        in nested objects too; what ``value`` has is kept. Raises ``SynthesisError``."""
        try:
            return _fill({"$ref": ref}, self._resolver, value, 0)
        except Unresolvable as exc:
            raise SynthesisError(f"cannot resolve {exc}") from None
        except (TypeError, AttributeError, KeyError, IndexError) as exc:
            raise SynthesisError(f"cannot walk the schema at {ref}: {exc!r}") from None


def _flatten(schema: Any, resolver: Any, depth: int) -> tuple[Any, Any]:
    """``schema`` with its ``$ref`` followed and its ``allOf`` merged, and the resolver there."""
    while isinstance(schema, Mapping) and "$ref" in schema and depth < _HARD_DEPTH:
        resolved = resolver.lookup(schema["$ref"])
        rest = {k: v for k, v in schema.items() if k != "$ref"}
        target = resolved.contents
        schema = _merge(target, rest) if isinstance(target, Mapping) else target
        resolver = resolved.resolver
        depth += 1
    if isinstance(schema, Mapping) and "allOf" in schema:
        merged = {k: v for k, v in schema.items() if k != "allOf"}
        for branch in schema["allOf"]:
            branch, _ = _flatten(branch, resolver, depth + 1)
            if isinstance(branch, Mapping):
                merged = _merge(merged, branch)
        schema = merged
    return schema, resolver


def _fill(schema: Any, resolver: Any, value: Any, depth: int) -> Any:
    if depth > _HARD_DEPTH or not isinstance(value, dict | list):
        return value
    schema, resolver = _flatten(schema, resolver, depth)
    if not isinstance(schema, Mapping):
        return value
    if isinstance(value, list):
        items = schema.get("items")
        return [_fill(items, resolver, item, depth + 1) for item in value] if items else value
    properties: Mapping[str, Any] = schema.get("properties") or {}
    extra = schema.get("additionalProperties", True)
    filled = {
        key: _fill(properties[key], resolver, item, depth + 1) if key in properties else item
        for key, item in value.items()
    }
    for name in schema.get("required") or ():
        if name not in filled:
            sub = properties.get(name, extra if isinstance(extra, Mapping) else {})
            filled[name] = _Walker().value(sub, resolver, name, "", 0, depth + 1)
    return filled


def _maybe_sum(schema: Mapping[str, Any] | bool, value: Any, input_value: Any) -> Any:
    if not isinstance(value, dict) or not isinstance(input_value, Mapping) or not input_value:
        return value
    numbers = list(input_value.values())
    if not all(isinstance(n, int | float) and not isinstance(n, bool) for n in numbers):
        return value
    numeric = [
        k for k, v in value.items() if isinstance(v, int | float) and not isinstance(v, bool)
    ]
    if len(numeric) != 1:
        return value
    total = sum(numbers)
    if isinstance(value[numeric[0]], int) and not isinstance(total, int):
        return value
    candidate = {**value, numeric[0]: total}
    try:
        valid = validator_for(schema)(schema).is_valid(candidate)
    except Exception:  # an exotic schema the validator cannot handle: keep the plain answer
        valid = False
    return candidate if valid else value


def _merge(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if key == "properties" and isinstance(merged.get(key), Mapping):
            merged[key] = {**merged[key], **value}
        elif key == "required" and isinstance(merged.get(key), list):
            merged[key] = [*merged[key], *(v for v in value if v not in merged[key])]
        else:
            merged[key] = value
    return merged


def _word(label: str, suffix: str) -> str:
    return f"sample {label.replace('_', ' ')}{suffix}"


_FORMATS: dict[str, Callable[[str, str], str]] = {
    "date-time": lambda _l, _s: "2024-01-01T00:00:00Z",
    "date": lambda _l, _s: "2024-01-01",
    "time": lambda _l, _s: "00:00:00Z",
    "duration": lambda _l, _s: "P1D",
    "email": lambda _l, _s: "user@example.com",
    "idn-email": lambda _l, _s: "user@example.com",
    "hostname": lambda _l, _s: "example.com",
    "idn-hostname": lambda _l, _s: "example.com",
    "ipv4": lambda _l, _s: "192.0.2.1",
    "ipv6": lambda _l, _s: "2001:db8::1",
    "uri": lambda label, _s: f"https://example.com/{label}",
    "iri": lambda label, _s: f"https://example.com/{label}",
    "url": lambda label, _s: f"https://example.com/{label}",
    "uri-reference": lambda label, _s: f"/{label}",
    "uuid": lambda label, suffix: str(uuid.uuid5(uuid.NAMESPACE_URL, label + suffix)),
    "regex": lambda _l, _s: ".*",
}


class _Walker:
    def value(
        self,
        schema: Any,
        resolver: Any,
        label: str,
        suffix: str,
        index: int,
        depth: int,
    ) -> Any:
        if depth > _HARD_DEPTH or schema is False:
            return None
        if schema is True or not isinstance(schema, Mapping) or not schema:
            return _word(label, suffix)
        if "$id" in schema and depth:
            resolver = resolver.in_subresource(
                Resource.from_contents(schema, default_specification=DRAFT202012)
            )
        if "$ref" in schema:
            resolved = resolver.lookup(schema["$ref"])
            rest = {k: v for k, v in schema.items() if k != "$ref"}
            target = resolved.contents
            if isinstance(target, Mapping):
                target = _merge(target, rest)
            return self.value(target, resolved.resolver, label, suffix, index, depth + 1)
        if "const" in schema:
            return schema["const"]
        if schema.get("enum"):
            return schema["enum"][0]
        if "allOf" in schema:
            merged = {k: v for k, v in schema.items() if k != "allOf"}
            for branch in schema["allOf"]:
                if isinstance(branch, Mapping) and "$ref" in branch:
                    resolved = resolver.lookup(branch["$ref"])
                    branch = resolved.contents
                if isinstance(branch, Mapping):
                    merged = _merge(merged, branch)
            return self.value(merged, resolver, label, suffix, index, depth + 1)
        for keyword in ("anyOf", "oneOf"):
            if schema.get(keyword):
                branches = schema[keyword]
                chosen = next((b for b in branches if b != {"type": "null"}), branches[0])
                rest = {k: v for k, v in schema.items() if k not in ("anyOf", "oneOf")}
                merged = _merge(rest, chosen) if isinstance(chosen, Mapping) else chosen
                return self.value(merged, resolver, label, suffix, index, depth + 1)
        kind = _kind(schema)
        if kind == "object":
            return self._object(schema, resolver, label, suffix, index, depth)
        if kind == "array":
            return self._array(schema, resolver, label, suffix, depth)
        if kind in ("integer", "number"):
            return _number(schema, kind, index)
        if kind == "boolean":
            return True
        if kind == "null":
            return None
        return _string(schema, label, suffix)

    def _object(
        self,
        schema: Mapping[str, Any],
        resolver: Any,
        label: str,
        suffix: str,
        index: int,
        depth: int,
    ) -> dict[str, Any]:
        properties: Mapping[str, Any] = schema.get("properties") or {}
        required = set(schema.get("required") or ())
        result: dict[str, Any] = {}
        for name, sub in properties.items():
            if depth < _SOFT_DEPTH or name in required:
                result[name] = self.value(sub, resolver, name, suffix, index, depth + 1)
        extra = schema.get("additionalProperties", True)
        extra_schema = extra if isinstance(extra, Mapping) else {}
        for name in sorted(required - set(result)):
            result[name] = self.value(extra_schema, resolver, name, suffix, index, depth + 1)
        if not result and extra is not False and depth < _SOFT_DEPTH:
            result["key"] = self.value(extra_schema, resolver, "key", suffix, index, depth + 1)
        return result

    def _array(
        self, schema: Mapping[str, Any], resolver: Any, label: str, suffix: str, depth: int
    ) -> list[Any]:
        prefix: Sequence[Any] = schema.get("prefixItems") or ()
        items = schema.get("items", {})
        count = 2 if depth < _SOFT_DEPTH else 0
        count = max(count, int(schema.get("minItems", 0)))
        if items is False:
            count = min(count, len(prefix))
        if "maxItems" in schema:
            count = min(count, int(schema["maxItems"]))
        return [
            self.value(
                prefix[i] if i < len(prefix) else items,
                resolver,
                label,
                f"{suffix} {i + 1}",
                i,
                depth + 1,
            )
            for i in range(count)
        ]


def _kind(schema: Mapping[str, Any]) -> str:
    declared = schema.get("type")
    if isinstance(declared, list):
        declared = next((t for t in declared if t != "null"), declared[0] if declared else None)
    if isinstance(declared, str):
        return declared
    if any(k in schema for k in ("properties", "required", "additionalProperties")):
        return "object"
    if any(k in schema for k in ("items", "prefixItems", "minItems", "maxItems")):
        return "array"
    if any(k in schema for k in ("minimum", "maximum", "multipleOf")):
        return "number"
    return "string"


def _number(schema: Mapping[str, Any], kind: str, index: int) -> int | float:
    value: float = 42 + index + (0.5 if kind == "number" else 0)
    step = 1.0 if kind == "integer" else 0.5
    if "minimum" in schema and value < schema["minimum"]:
        value = schema["minimum"]
    if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
        value = schema["exclusiveMinimum"] + step
    if "maximum" in schema and value > schema["maximum"]:
        value = schema["maximum"]
    if "exclusiveMaximum" in schema and value >= schema["exclusiveMaximum"]:
        value = schema["exclusiveMaximum"] - step
    multiple = schema.get("multipleOf")
    if isinstance(multiple, int | float) and multiple > 0:
        value = math.ceil(value / multiple) * multiple
        if "maximum" in schema and value > schema["maximum"]:
            value -= multiple
    if kind == "integer":
        return math.ceil(value)
    return float(value)


def _string(schema: Mapping[str, Any], label: str, suffix: str) -> str:
    make = _FORMATS.get(str(schema.get("format")))
    text = make(label, suffix) if make else _word(label, suffix)
    minimum = int(schema.get("minLength", 0))
    if len(text) < minimum:
        text += "x" * (minimum - len(text))
    if "maxLength" in schema:
        text = text[: int(schema["maxLength"])]
    return text
