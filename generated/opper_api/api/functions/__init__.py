"""Contains endpoint functions for accessing the API.

``OPERATIONS`` maps each operation id to its HTTP method and route template; each ``*Params``
TypedDict holds the JSON form of a request body's properties (all optional here: callers pass
the required ones explicitly or are told what is missing at run time).
"""

from typing import Any, TypedDict

OPERATIONS: dict[str, tuple[str, str]] = {
    "list_functions": ("GET", "/functions"),
    "create_function": ("POST", "/functions"),
    "get_function": ("GET", "/functions/{function_id}"),
    "delete_function": ("DELETE", "/functions/{function_id}"),
    "update_function": ("PATCH", "/functions/{function_id}"),
    "get_function_by_name": ("GET", "/functions/by-name/{name}"),
    "call_function": ("POST", "/functions/{function_id}/call"),
    "stream_function": ("POST", "/functions/{function_id}/call/stream"),
    "call_function_revision": ("POST", "/functions/{function_id}/call/{revision_id}"),
    "stream_function_revision": ("POST", "/functions/{function_id}/call/stream/{revision_id}"),
    "list_function_revisions": ("GET", "/functions/{function_id}/revisions"),
    "get_function_revision": ("GET", "/functions/{function_id}/revisions/{revision_id}"),
}
"""Operation id: (method, route template relative to the server URL)."""


# ``FunctionCreate`` as keyword arguments, in JSON form.
class FunctionCreateParams(TypedDict, total=False):
    name: str
    instructions: str
    description: None | str
    input_schema: dict[str, Any] | None
    output_schema: dict[str, Any] | None
    model: dict[str, Any] | list[dict[str, Any] | str] | None | str
    configuration: dict[str, Any] | None


FunctionCreateParams.__doc__ = """The properties of ``FunctionCreate``, from the spec:

- ``name``: Unique in the project; letters, numbers, underscores and hyphens.
- ``instructions``: The prompt the model gets, short and direct.
- ``description``: What the function is for, for people.
- ``input_schema``: (no description)
- ``output_schema``: (no description)
- ``model``: A model name such as `openai/gpt-4o-mini`, a `Model` with options, any other object the
    server accepts, or a list of these: a fallback chain tried in order. Omitted or null: the
    server's default.
- ``configuration``: (no description)
"""


# ``FunctionUpdate`` as keyword arguments, in JSON form.
class FunctionUpdateParams(TypedDict, total=False):
    name: None | str
    description: None | str
    instructions: None | str
    input_schema: dict[str, Any] | None
    output_schema: dict[str, Any] | None
    model: dict[str, Any] | list[dict[str, Any] | str] | None | str
    configuration: dict[str, Any] | None


FunctionUpdateParams.__doc__ = """The properties of ``FunctionUpdate``, from the spec:

- ``name``: (no description)
- ``description``: (no description)
- ``instructions``: (no description)
- ``input_schema``: (no description)
- ``output_schema``: (no description)
- ``model``: A model name such as `openai/gpt-4o-mini`, a `Model` with options, any other object the
    server accepts, or a list of these: a fallback chain tried in order. Omitted or null: the
    server's default.
- ``configuration``: (no description)
"""


# ``FunctionCallRequest`` as keyword arguments, in JSON form.
class FunctionCallRequestParams(TypedDict, total=False):
    input: Any | None
    parent_span_id: None | str
    examples: list[dict[str, Any]] | None
    tags: dict[str, Any] | None


FunctionCallRequestParams.__doc__ = """The properties of ``FunctionCallRequest``, from the spec:

- ``input``: The function's input, any JSON value.
- ``parent_span_id``: Span to nest this call's span under.
- ``examples``: (no description)
- ``tags``: (no description)
"""

__all__ = [
    "OPERATIONS",
    "FunctionCreateParams",
    "FunctionUpdateParams",
    "FunctionCallRequestParams",
]
