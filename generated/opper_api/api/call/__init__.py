"""Contains endpoint functions for accessing the API.

``OPERATIONS`` maps each operation id to its HTTP method and route template; each ``*Params``
TypedDict holds the JSON form of a request body's properties (all optional here: callers pass
the required ones explicitly or are told what is missing at run time).
"""

from typing import Any, TypedDict

OPERATIONS: dict[str, tuple[str, str]] = {
    "call": ("POST", "/call"),
    "call_stream": ("POST", "/call/stream"),
}
"""Operation id: (method, route template relative to the server URL)."""


# ``CallRequest`` as keyword arguments, in JSON form, less the
# properties the client types itself (input_schema, output_schema).
class CallRequestParams(TypedDict, total=False):
    name: str
    instructions: None | str
    input: Any | None
    model: dict[str, Any] | list[dict[str, Any] | str] | None | str
    examples: list[dict[str, Any]] | None
    parent_span_id: None | str
    tags: dict[str, Any] | None
    configuration: dict[str, Any] | None


CallRequestParams.__doc__ = """The properties of ``CallRequest``, from the spec:

- ``name``: Task name. The server creates a function of this name in the project, or reuses it; the
    fields below override its stored configuration.
- ``instructions``: What the model should do, short and direct.
- ``input_schema``: JSON Schema for `input`. The server checks `input` against it (422 when it does not match)
    only when `beta.invocation.input_validation.enabled` is true. Put shared definitions under
    `$defs`.
- ``output_schema``: JSON Schema the result must match. With it, `/call` returns `json_payload` and
    `/call/stream` sends `json` chunks with a `json_path`.
- ``input``: The task's input, any JSON value (text, an object, media references).
- ``model``: A model name such as `openai/gpt-4o-mini`, a `Model` with options, any other object the
    server accepts, or a list of these: a fallback chain tried in order. Omitted or null: the
    server's default.
- ``examples``: Worked examples added to the prompt (few-shot).
- ``parent_span_id``: Span to nest this call's span under.
- ``tags``: String labels stored on the call, for filtering and aggregate analytics.
- ``configuration``: (no description)
"""

__all__ = [
    "OPERATIONS",
    "CallRequestParams",
]
