"""v3 functions by name, with revisions and examples; generations; models; health; the spec.

A v3 function is a script the server generates for a name and a pair of schemas. The emulator
keeps one record per name (``_v3_state``):

- a call (``/v3/call``, ``/v3/functions/{name}/call``, and their streams) of an unknown name
  creates the function with revision 1 (``hit_count`` 0, ``script_cached`` false); a call with
  the same ``input_schema``/``output_schema`` as the current revision counts a hit
  (``hit_count`` + 1, ``script_cached`` true); other schemas make a new revision, the current
  one. ``schema_hash`` is the first 16 hex digits of the schemas' SHA-256;
- ``PUT /v3/functions/{name}`` with ``{"source"}`` makes a new revision with that source;
  ``POST .../revisions/{n}/revert`` makes revision ``n`` current again (no new revision);
  revisions are listed newest first;
- examples (``POST .../examples`` with ``{input, output, tag?}``, ``.../examples/batch`` with a
  list of them) get a ``uuid`` and ``created_at``, answer ``{"uuid", "input", "output", "tag",
  "created_at"}`` (the batch ``{"examples": [...]}``), are listed as ``{"examples": [...]}``
  (``tag``, ``offset``, ``limit`` up to 200) and answer a call whose ``input`` equals theirs;
- every v3 call records a generation (``{"id", "created_at", "function_name", "span_id",
  "trace_id", "model", "request", "response", "usage", "cost"}``); the list pages with
  ``page``/``page_size`` and filters with ``query`` (a substring of the generation's JSON);
- ``GET /v3/models`` (no key needed) lists ``_resources.MODELS`` as ``ModelInfo``s, filtered by
  ``provider``, ``type`` and ``q`` and paged with ``limit``/``offset`` when given;
- ``GET /health`` answers ``{"status": "ok"}``; ``GET /v3/openapi.json`` and ``.yaml`` the spec.

>>> V3Functions(state, spec).register_run("greet", {"input": "Ann"})     # doctest: +SKIP
False
"""

from __future__ import annotations

import hashlib
import json
import math
import uuid
from collections.abc import Mapping
from typing import Any

from starlette.responses import Response

from ._checks import Context
from ._errors import invalid, not_found
from ._resources import MODELS
from ._state import EmulatorState, now_iso
from ._synth import canonical_json

__all__ = ["V3Functions", "schema_hash"]

_MODEL_PRICE = {"input": [2.5], "output": [10.0]}  # USD per million tokens, as calls are priced


def schema_hash(input_schema: Any, output_schema: Any) -> str:
    """The ``schema_hash`` of a pair of schemas."""
    text = canonical_json([input_schema, output_schema]).encode()
    return hashlib.sha256(text).hexdigest()[:16]


def _source(name: str, body: Mapping[str, Any]) -> str:
    instructions = " ".join(str(body.get("instructions") or "").split())
    return (
        f"# {name}: made up by the Opper emulator (the server generates a real script)\n"
        f"# instructions: {instructions}\n"
        "def main(input):\n"
        "    return emulated_answer(input)\n"
    )


def _revision(number: int, source: str, input_schema: Any, output_schema: Any) -> dict[str, Any]:
    return {
        "revision_id": number,
        "source": source,
        "schema_hash": schema_hash(input_schema, output_schema),
        "created_at": now_iso(),
        "input_schema": input_schema or {},
        "output_schema": output_schema or {},
    }


def _current(record: Mapping[str, Any]) -> dict[str, Any]:
    return next(r for r in record["revisions"] if r["revision_id"] == record["current"])


def _details(record: Mapping[str, Any]) -> dict[str, Any]:
    """A function as ``FunctionDetails``: its current revision's source and schemas."""
    revision = _current(record)
    return {
        "name": record["name"],
        "schema_hash": revision["schema_hash"],
        "generated_at": revision["created_at"],
        "hit_count": record["hit_count"],
        "source": revision["source"],
        "input_schema": revision["input_schema"],
        "output_schema": revision["output_schema"],
    }


def _int(value: Any, default: int) -> int:
    """A query value the spec does not declare (so it arrives as text) read as an integer."""
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return default


class V3Functions:
    """The v3 function, example, generation, model and system handlers."""

    def __init__(
        self, state: EmulatorState, spec: Mapping[str, Any], spec_text: str | None = None
    ) -> None:
        self.state = state
        self.store = state.v3
        self.spec = spec
        self.spec_text = spec_text

    def handlers(self) -> dict[str, Any]:
        """The handlers by operationId."""
        return {
            "listFunctions": self.list_functions,
            "getFunction": self.get_function,
            "updateFunction": self.update_function,
            "deleteFunction": self.delete_function,
            "listRevisions": self.list_revisions,
            "getRevision": self.get_revision,
            "revertRevision": self.revert_revision,
            "createExample": self.create_example,
            "createExampleBatch": self.create_example_batch,
            "listExamples": self.list_examples,
            "deleteExample": self.delete_example,
            "listGenerations": self.list_generations,
            "getGeneration": self.get_generation,
            "deleteGeneration": self.delete_generation,
            "listModels": self.list_models,
            "healthCheck": lambda context: {"status": "ok"},
            "getOpenAPISpecJSON": lambda context: self.spec,
            "getOpenAPISpecYAML": self.spec_yaml,
        }

    # What calls need
    def register_run(self, name: str, body: Mapping[str, Any]) -> bool:
        """Create or update function ``name`` for a call; whether its script was cached."""
        schemas = (body.get("input_schema"), body.get("output_schema"))
        wanted = schema_hash(*schemas)
        cached = False

        def change(record: dict[str, Any] | None) -> dict[str, Any]:
            nonlocal cached
            if record is None:
                first = _revision(1, _source(name, body), *schemas)
                return {"name": name, "hit_count": 0, "current": 1, "revisions": [first]}
            if _current(record)["schema_hash"] == wanted:
                cached = True
                record["hit_count"] += 1
                return record
            number = max(r["revision_id"] for r in record["revisions"]) + 1
            record["revisions"].append(_revision(number, _source(name, body), *schemas))
            record["current"] = number
            return record

        self.store.change_function(name, change)
        return cached

    def example_pairs(self, name: str) -> list[dict[str, Any]]:
        """The function's examples as ``{input, output}``, for ``_synth.example_output``."""
        return [{"input": e["input"], "output": e["output"]} for e in self.store.examples(name)]

    def record_generation(self, generation: Mapping[str, Any]) -> None:
        self.store.add_generation(generation)

    # Functions and revisions
    def _function(self, context: Context) -> dict[str, Any]:
        record = self.store.function(context.params["name"])
        if record is None:
            raise not_found("Function not found")
        return record

    def list_functions(self, context: Context) -> Any:
        records = sorted(self.store.functions(), key=lambda record: str(record["name"]))
        infos = []
        for record in records:
            details = _details(record)
            keys = ("name", "schema_hash", "generated_at", "hit_count")
            infos.append({**{key: details[key] for key in keys}, "has_script": True})
        return {"functions": infos}

    def get_function(self, context: Context) -> Any:
        return _details(self._function(context))

    def _change(self, context: Context, change: Any) -> dict[str, Any]:
        self._function(context)
        record = self.store.change_function(context.params["name"], change)
        if record is None:  # deleted meanwhile
            raise not_found("Function not found")
        return _details(record)

    def update_function(self, context: Context) -> Any:
        source = context.body["source"]

        def change(record: dict[str, Any] | None) -> dict[str, Any] | None:
            if record is None:
                return None
            current = _current(record)
            number = max(r["revision_id"] for r in record["revisions"]) + 1
            schemas = (current["input_schema"] or None, current["output_schema"] or None)
            record["revisions"].append(_revision(number, source, *schemas))
            record["current"] = number
            return record

        return self._change(context, change)

    def delete_function(self, context: Context) -> Any:
        if not self.store.delete_function(context.params["name"]):
            raise not_found("Function not found")
        return None

    def _revision_of(self, record: Mapping[str, Any], number: Any) -> dict[str, Any]:
        for revision in record["revisions"]:
            if revision["revision_id"] == number:
                return dict(revision)
        raise not_found("Function revision not found")

    def list_revisions(self, context: Context) -> Any:
        record = self._function(context)
        revisions = [
            {
                "revision_id": revision["revision_id"],
                "created_at": revision["created_at"],
                "schema_hash": revision["schema_hash"],
                "is_current": revision["revision_id"] == record["current"],
            }
            for revision in reversed(record["revisions"])
        ]
        return {"revisions": revisions}

    def get_revision(self, context: Context) -> Any:
        return self._revision_of(self._function(context), context.params["revisionID"])

    def revert_revision(self, context: Context) -> Any:
        number = context.params["revisionID"]
        self._revision_of(self._function(context), number)

        def change(record: dict[str, Any] | None) -> dict[str, Any] | None:
            if record is None or not any(r["revision_id"] == number for r in record["revisions"]):
                return None
            record["current"] = number
            return record

        return self._change(context, change)

    # Examples
    def _new_example(self, given: Any, loc: list[Any]) -> dict[str, Any]:
        if not isinstance(given, Mapping) or "input" not in given or "output" not in given:
            detail = [{"loc": loc, "msg": "an example needs input and output", "type": "missing"}]
            raise invalid(detail)
        tag = given.get("tag")
        if tag is not None and not isinstance(tag, str):
            raise invalid([{"loc": [*loc, "tag"], "msg": "must be a string", "type": "type"}])
        example = {"uuid": str(uuid.uuid4()), "input": given["input"], "output": given["output"]}
        return {**example, **({"tag": tag} if tag is not None else {}), "created_at": now_iso()}

    def create_example(self, context: Context) -> Any:
        example = self._new_example(context.body, ["body"])
        self.store.add_examples(context.params["name"], [example])
        return example

    def create_example_batch(self, context: Context) -> Any:
        given = context.body
        if isinstance(given, Mapping):  # also {"examples": [...]}
            given = given.get("examples")
        if not isinstance(given, list):
            raise invalid([{"loc": ["body"], "msg": "must be a list", "type": "type"}])
        examples = [self._new_example(item, ["body", i]) for i, item in enumerate(given)]
        self.store.add_examples(context.params["name"], examples)
        return {"examples": examples}

    def list_examples(self, context: Context) -> Any:
        query = context.query
        tag = query.get("tag")
        found = [
            e for e in self.store.examples(context.params["name"]) if tag in (None, e.get("tag"))
        ]
        offset, limit = query.get("offset", 0), min(query.get("limit", 50), 200)
        return {"examples": found[offset : offset + limit]}

    def delete_example(self, context: Context) -> Any:
        if not self.store.delete_example(context.params["name"], context.params["uuid"]):
            raise not_found("Example not found")
        return Response(status_code=204)

    # Generations
    def list_generations(self, context: Context) -> Any:
        query = context.query
        wanted = query.get("query")
        found = [
            generation
            for generation in reversed(self.store.generations())
            if wanted is None or wanted.lower() in canonical_json(generation).lower()
        ]
        page, size = max(1, query.get("page", 1)), max(1, query.get("page_size", 50))
        meta = {
            "page": page,
            "page_size": size,
            "total": len(found),
            "total_pages": math.ceil(len(found) / size),
        }
        return {"data": found[(page - 1) * size : page * size], "meta": meta}

    def get_generation(self, context: Context) -> Any:
        generation = self.store.generation(context.params["id"])
        if generation is None:
            raise not_found("Generation not found")
        return generation

    def delete_generation(self, context: Context) -> Any:
        if not self.store.delete_generation(context.params["id"]):
            raise not_found("Generation not found")
        return {"deleted": True}

    # Models and the system
    def list_models(self, context: Context) -> Any:
        query = context.query
        models = [
            {
                "id": name,
                "name": name,
                "model_id": name.split("/", 1)[1],
                "type": "llm",
                "provider": provider,
                "provider_display_name": provider.capitalize(),
                "description": f"{name}, as the Opper emulator serves it",
                "capabilities": ["chat", "structured_output", "tools", "streaming"],
                "speed": "fast",
                "quality": "high",
                "cost": _MODEL_PRICE["input"][0],
                "context_window": 128_000,
                "region": location,
                "pricing": _MODEL_PRICE,
            }
            for provider, name, location in MODELS
        ]
        for key in ("provider", "type"):
            if query.get(key) is not None:
                models = [model for model in models if model[key] == query[key]]
        if query.get("q") is not None:
            wanted = str(query["q"]).lower()
            models = [model for model in models if wanted in str(model["name"])]
        offset, limit = _int(query.get("offset"), 0), _int(query.get("limit"), 100)
        page = models[offset : offset + limit]
        return {"models": page, "total": len(models), "offset": offset, "limit": limit}

    def spec_yaml(self, context: Context) -> Any:
        text = self.spec_text if self.spec_text is not None else json.dumps(self.spec, indent=2)
        return Response(text, media_type="application/yaml")
