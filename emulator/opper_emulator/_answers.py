"""Success answers: a handler's value as the operation's documented answer, and the made-up
answers of operations the emulator has no model of.

Every JSON success answer gets the properties its schema requires filled in (``_synth``), so a
property added to the spec shows up at once. An operation without a handler answers its lowest
documented 2xx status with a body synthesized from the response schema, taking values from the
request where a property has the same name and the result still validates::

    answers = Answers(spec)
    answers.respond(context.operation, {"id": "..."})    # JSONResponse, required fields filled
    answers.synthesized(context)                         # an operation without a model
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from jsonschema.protocols import Validator
from starlette.responses import JSONResponse, Response

from ._checks import Context
from ._spec import SPEC_URI, Operation, is_json_media, schema_validator, spec_registry
from ._synth import SpecSynthesizer, canonical_json

__all__ = ["Answers"]


class Answers:
    """The success answers of one spec's operations."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.synth = SpecSynthesizer(spec, SPEC_URI)
        self._registry = spec_registry(spec)
        self._made: dict[str, Any] = {}
        self._validators: dict[str, Validator] = {}

    def fill(self, operation: Operation, value: Any) -> Any:
        """``value`` with any property the operation's success schema requires and it lacks."""
        if operation.success_schema is None:
            return value
        return self.synth.fill(operation.success_schema["$ref"], value)

    def respond(self, operation: Operation, value: Any) -> Response:
        """A handler's result as the answer: a ``Response`` as it is, ``None`` as an empty
        answer with the success status (204 for a delete), anything else as filled JSON."""
        if isinstance(value, Response):
            return value
        if value is None:
            return Response(status_code=operation.success_status)
        return JSONResponse(self.fill(operation, value), status_code=operation.success_status)

    def synthesized(self, context: Context) -> Response:
        """An operation the emulator has no model of: its documented success answer, made up."""
        operation = context.operation
        if operation.success_media is None:
            return Response(status_code=operation.success_status)
        value = self._made_for(operation)
        if isinstance(value, dict):
            value = self._echo(operation, value, context)
        if is_json_media(operation.success_media):
            return JSONResponse(value, status_code=operation.success_status)
        text = value if isinstance(value, str) else canonical_json(value)
        return Response(
            text, status_code=operation.success_status, media_type=operation.success_media
        )

    def _made_for(self, operation: Operation) -> Any:
        # Synthesis is deterministic, so each operation's answer is made once.
        key = operation.operation_id
        if key not in self._made:
            schema = operation.success_schema
            self._made[key] = self.synth.value(schema["$ref"]) if schema else ""
        return copy.deepcopy(self._made[key])

    def _echo(self, operation: Operation, value: dict[str, Any], context: Context) -> Any:
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
