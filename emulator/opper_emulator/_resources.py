"""The stateful operations besides calls and spans: span metrics, feedback and examples, models,
functions and their revisions.

Each handler of ``Resources`` is named after the operation it serves and takes the request's
``Context`` (parameters and body already validated against the spec); it returns the JSON answer
(``None`` for 204) or raises ``APIProblem``. What the emulator assumes
where the API reference is silent:

- every function has a dataset (``dataset_id``) and a revision per version: creating it makes
  the first, each ``PATCH`` another; a revision's ``configuration`` is the function's
  configuration at that version; revisions are listed newest first;
- a function's ``configuration`` holds every key of ``CallConfiguration`` that has an
  ``x-server-default`` in the spec, with that default unless set;
- ``POST /call`` with a name no function has creates that function (as the API reference says
  the server does), with the call's instructions (``""`` when none) and schemas;
- feedback saves an example only with ``save_to_dataset: true`` and only for a call's span;
  ``save_examples`` works on a call's span and answers 404 "Dataset not found" for any other;
- the model list is small and fixed, priced as the emulator prices calls (``usage_and_cost``).

>>> resources = Resources(EmulatorState(api_key="k"), load_spec())   # doctest: +SKIP
>>> resources.create_function(context)["revision_id"]
'...'                                                                 # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Mapping
from typing import Any

from ._checks import Context
from ._errors import APIProblem, conflict, not_found
from ._state import EmulatorState, now_iso

__all__ = ["MODELS", "OPERATIONS", "Resources", "canonical_id", "public", "server_defaults"]

#: The models ``GET /models`` lists: (hosting provider, name, location).
MODELS = (
    ("azure", "azure/gpt-4o-eu", "eu"),
    ("openai", "openai/gpt-4o", "us"),
    ("openai", "openai/gpt-4o-mini", "us"),
    ("anthropic", "anthropic/claude-3.5-sonnet", "us"),
    ("mistral", "mistral/mistral-large-eu", "eu"),
)
# The per-token prices ``_synth.usage_and_cost`` charges.
_INPUT_COST, _OUTPUT_COST = 2.5e-6, 1e-5
_FUNCTION_FIELDS = ("name", "description", "instructions", "input_schema", "output_schema")
_INTERNAL = ("created_at", "revised_at")
_SORT_KEYS = {"name": "name", "created_at": "created_at", "created": "created_at"}

#: The operations ``Resources`` serves, by operationId.
OPERATIONS = (
    "create_span_metric",
    "list_span_metrics",
    "get_span_metric",
    "update_span_metric",
    "delete_span_metric",
    "submit_span_feedback",
    "save_span_examples",
    "list_models",
    "create_function",
    "list_functions",
    "get_function",
    "get_function_by_name",
    "update_function",
    "delete_function",
    "list_function_revisions",
    "get_function_revision",
)

Params = Mapping[str, Any]


def canonical_id(value: Any) -> Any:
    """A UUID in its canonical (lower-case, hyphenated) form; anything else unchanged."""
    if not isinstance(value, str):
        return value
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return value


def server_defaults(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Each ``CallConfiguration`` key with its ``x-server-default``."""
    schemas = spec.get("components", {}).get("schemas", {})
    properties = schemas.get("CallConfiguration", {}).get("properties", {})
    return {
        key: schema["x-server-default"]
        for key, schema in properties.items()
        if isinstance(schema, Mapping) and "x-server-default" in schema
    }


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _page(items: list[Any], query: Params, limit: int) -> dict[str, Any]:
    offset = query.get("offset")
    size = query.get("limit")
    start = offset if isinstance(offset, int) else 0
    count = size if isinstance(size, int) else limit
    return {"meta": {"total_count": len(items)}, "data": items[start : start + count]}


def public(record: Mapping[str, Any]) -> dict[str, Any]:
    """A stored function as the API shows it (without the emulator's own bookkeeping)."""
    return {key: value for key, value in record.items() if key not in _INTERNAL}


class Resources:
    """The operations listed in ``OPERATIONS``, over one emulator's state."""

    def __init__(self, state: EmulatorState, spec: Mapping[str, Any]) -> None:
        self.state = state
        self.defaults = server_defaults(spec)

    def handlers(self) -> dict[str, Any]:
        """The handlers by operationId."""
        return {name: getattr(self, name) for name in OPERATIONS}

    # Span metrics
    def _span(self, params: Params) -> dict[str, Any]:
        span = self.state.get_span(canonical_id(params["span_id"]))
        if span is None:
            raise not_found("Span not found")
        return span

    def create_span_metric(self, context: Context) -> Any:
        params, body = context.params, context.body
        span = self._span(params)
        fields = {k: body.get(k) for k in ("dimension", "value", "comment")}
        metric = self.state.add_metric(span["id"], fields)
        if metric is None:  # deleted meanwhile
            raise not_found("Span not found")
        return metric

    def list_span_metrics(self, context: Context) -> Any:
        params, query = context.params, context.query
        span = self._span(params)
        return _page(self.state.metrics(span["id"]), query, 100)

    def _metric_ids(self, params: Params) -> tuple[str, str]:
        return self._span(params)["id"], canonical_id(params["metric_id"])

    def get_span_metric(self, context: Context) -> Any:
        params = context.params
        metric = self.state.get_metric(*self._metric_ids(params))
        if metric is None:
            raise not_found("Metric not found")
        return metric

    def update_span_metric(self, context: Context) -> Any:
        params, body = context.params, context.body
        # A null dimension or value keeps the old one (both are required in the answer).
        changes = {k: v for k, v in body.items() if k in ("dimension", "value", "comment")}
        changes = {k: v for k, v in changes.items() if v is not None or k == "comment"}
        metric = self.state.update_metric(*self._metric_ids(params), changes)
        if metric is None:
            raise not_found("Metric not found")
        return metric

    def delete_span_metric(self, context: Context) -> Any:
        params = context.params
        if not self.state.delete_metric(*self._metric_ids(params)):
            raise not_found("Metric not found")
        return None

    # Feedback and examples
    def _dataset_of(self, span: Mapping[str, Any]) -> str | None:
        if span.get("type") != "call":
            return None
        function = self.state.function_named(str(span.get("name")))
        return function["dataset_id"] if function is not None else None

    def submit_span_feedback(self, context: Context) -> Any:
        params, body = context.params, context.body
        span = self._span(params)
        feedback = {"score": body["score"], "comment": body.get("comment")}
        if not self.state.set_feedback(span["id"], feedback):
            raise not_found("Span not found")
        saved = body.get("save_to_dataset") is True and self._dataset_of(span) is not None
        return {"span_id": span["id"], **feedback, "example_saved": saved}

    def save_span_examples(self, context: Context) -> Any:
        params = context.params
        span = self._span(params)
        dataset_id = self._dataset_of(span)
        if dataset_id is None:
            raise not_found("Dataset not found")
        return {
            "dataset_id": dataset_id,
            "dataset_entry_id": str(uuid.uuid4()),
            "input": _text(span.get("input")),
            "output": _text(span.get("output")),
            "expected": None,
            "comment": None,
        }

    # Models
    def list_models(self, context: Context) -> Any:
        query = context.query
        models = [
            {
                "hosting_provider": provider,
                "name": name,
                "location": location,
                "input_cost_per_token": _INPUT_COST,
                "output_cost_per_token": _OUTPUT_COST,
            }
            for provider, name, location in MODELS
        ]
        return _page(models, query, 100)

    # Functions
    def _function(self, params: Params) -> dict[str, Any]:
        function = self.state.function(canonical_id(params["function_id"]))
        if function is None:
            raise not_found("Function not found")
        return function

    def _save(self, record: dict[str, Any], *, create: bool, clash: str) -> dict[str, Any]:
        record["revision_id"] = str(uuid.uuid4())
        record["revised_at"] = now_iso()
        outcome = self.state.save_function(record, create=create)
        if outcome == "conflict":
            raise conflict(clash)
        if outcome == "missing":
            raise not_found("Function not found")
        return public(record)

    def _configuration(self, given: Any) -> dict[str, Any]:
        return {**self.defaults, **(given if isinstance(given, Mapping) else {})}

    def create_function(self, context: Context) -> Any:
        return self._create(context.body)

    def _create(self, body: Mapping[str, Any]) -> dict[str, Any]:
        record: dict[str, Any] = {k: body.get(k) for k in _FUNCTION_FIELDS}
        record.update(
            id=str(uuid.uuid4()),
            model=body.get("model"),
            configuration=self._configuration(body.get("configuration")),
            dataset_id=str(uuid.uuid4()),
            observer_enabled=True,
            created_at=now_iso(),
        )
        return self._save(record, create=True, clash="Function name conflict")

    def register_called(self, body: Mapping[str, Any]) -> None:
        """Create the function a ``POST /call`` names, if there is none of that name yet."""
        if self.state.function_named(body["name"]) is not None:
            return
        given = {**body, "instructions": body.get("instructions") or ""}
        with contextlib.suppress(APIProblem):  # another request created it meanwhile
            self._create(given)

    def list_functions(self, context: Context) -> Any:
        query = context.query
        name = query.get("name")
        found = [f for f in self.state.functions() if name is None or f["name"] == name]
        sort = query.get("sort") or "name"
        key = _SORT_KEYS.get(sort.removeprefix("-"), "name")
        found.sort(key=lambda function: str(function.get(key) or ""), reverse=sort[0] == "-")
        summaries = [
            {k: f.get(k) for k in ("id", "name", "revision_id", "description", "instructions")}
            | {"model": f.get("model")}
            for f in found
        ]
        return _page(summaries, query, 20)

    def get_function(self, context: Context) -> Any:
        params = context.params
        return public(self._function(params))

    def get_function_by_name(self, context: Context) -> Any:
        params = context.params
        function = self.state.function_named(params["name"])
        if function is None:
            raise not_found("Function not found")
        return public(function)

    def update_function(self, context: Context) -> Any:
        params, body = context.params, context.body
        record = self._function(params)
        for key, value in body.items():
            # A null name or instructions keeps the old value (both are required in a Function).
            if key in ("name", "instructions") and value is None:
                continue
            if key == "configuration":
                value = self._configuration(value)
            if key in (*_FUNCTION_FIELDS, "model", "configuration"):
                record[key] = value
        return self._save(record, create=False, clash="Function name exists during update")

    def delete_function(self, context: Context) -> Any:
        params = context.params
        if not self.state.delete_function(canonical_id(params["function_id"])):
            raise not_found("Function not found")
        return None

    def _versions(self, params: Params) -> list[dict[str, Any]]:
        versions = self.state.revisions(canonical_id(params["function_id"]))
        if versions is None:
            raise not_found("Function not found")
        return versions

    def list_function_revisions(self, context: Context) -> Any:
        params, query = context.params, context.query
        revisions = [
            {
                "id": version["revision_id"],
                "configuration": version.get("configuration") or {},
                "created_at": version["revised_at"],
                "updated_at": None,
            }
            for version in reversed(self._versions(params))
        ]
        return _page(revisions, query, 100)

    def revision(self, params: Params) -> dict[str, Any]:
        """The function as it was at ``params["revision_id"]``; raises ``APIProblem`` (404)."""
        wanted = canonical_id(params["revision_id"])
        for version in self._versions(params):
            if version["revision_id"] == wanted:
                return public(version)
        raise not_found("Function revision not found")

    def get_function_revision(self, context: Context) -> Any:
        params = context.params
        return self.revision(params)

    def call_body(self, params: Params, body: Any) -> dict[str, Any]:
        """The ``CallRequest`` a call of a stored function (or of one revision) amounts to."""
        if "revision_id" in params:
            function = self.revision(params)
        else:
            function = public(self._function(params))
        request = body if isinstance(body, Mapping) else {}
        call = {k: function.get(k) for k in ("name", "instructions", "input_schema")}
        call.update(
            output_schema=function.get("output_schema"),
            model=function.get("model"),
            configuration=function.get("configuration"),
        )
        call.update(
            (k, request[k]) for k in ("input", "examples", "parent_span_id", "tags") if k in request
        )
        return call
