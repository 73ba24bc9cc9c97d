"""Contains endpoint functions for accessing the API.

``OPERATIONS`` maps each operation id to its HTTP method and route template; each ``*Params``
TypedDict holds the JSON form of a request body's properties (all optional here: callers pass
the required ones explicitly or are told what is missing at run time).
"""

from typing import Any, TypedDict

OPERATIONS: dict[str, tuple[str, str]] = {
    "call": ("POST", "/v3/call"),
    "call_stream": ("POST", "/v3/call/stream"),
    "list_functions": ("GET", "/v3/functions"),
    "get_function": ("GET", "/v3/functions/{name}"),
    "update_function": ("PUT", "/v3/functions/{name}"),
    "delete_function": ("DELETE", "/v3/functions/{name}"),
    "call_function": ("POST", "/v3/functions/{name}/call"),
    "create_realtime_function": ("POST", "/v3/functions/{name}/realtime"),
    "list_revisions": ("GET", "/v3/functions/{name}/revisions"),
    "get_revision": ("GET", "/v3/functions/{name}/revisions/{revision_id}"),
    "revert_revision": ("POST", "/v3/functions/{name}/revisions/{revision_id}/revert"),
    "stream_function": ("POST", "/v3/functions/{name}/stream"),
    "realtime_web_socket": ("GET", "/v3/realtime/{name}"),
}
"""Operation id: (method, route template relative to the server URL)."""


# ``CallRequest`` as keyword arguments, in JSON form.
class CallRequestParams(TypedDict, total=False):
    input: Any
    name: str
    guard: dict[str, Any] | None
    input_schema: dict[str, Any] | None
    instructions: str | None
    model: dict[str, Any] | list[dict[str, Any] | str] | str | None
    output_schema: dict[str, Any] | None
    parent_span_id: str | None
    route: dict[str, Any] | None
    stream: bool | None
    tools: list[dict[str, Any]] | None


CallRequestParams.__doc__ = """The properties of ``CallRequest``, from the spec:

- ``input``: Any value
- ``name``: (no description)
- ``guard``: (no description)
- ``input_schema``: JSON Schema for the input. Optional; defaults to string when omitted.
- ``instructions``: (no description)
- ``model``: (no description)
- ``output_schema``: JSON Schema for the output. Optional; defaults to string when omitted.
- ``parent_span_id``: (no description)
- ``route``: (no description)
- ``stream``: (no description)
- ``tools``: (no description)
"""


# ``UpdateFunctionRequest`` as keyword arguments, in JSON form.
class UpdateFunctionRequestParams(TypedDict, total=False):
    source: str


UpdateFunctionRequestParams.__doc__ = """The properties of ``UpdateFunctionRequest``, from the spec:

- ``source``: (no description)
"""


# ``RunRequest`` as keyword arguments, in JSON form.
class RunRequestParams(TypedDict, total=False):
    input: Any
    guard: dict[str, Any] | None
    input_schema: dict[str, Any] | None
    instructions: str | None
    model: dict[str, Any] | list[dict[str, Any] | str] | str | None
    name: str | None
    output_schema: dict[str, Any] | None
    parent_span_id: str | None
    route: dict[str, Any] | None
    stream: bool | None
    tools: list[dict[str, Any]] | None


RunRequestParams.__doc__ = """The properties of ``RunRequest``, from the spec:

- ``input``: Any value
- ``guard``: (no description)
- ``input_schema``: JSON Schema for the input. Optional; defaults to string when omitted.
- ``instructions``: (no description)
- ``model``: (no description)
- ``name``: (no description)
- ``output_schema``: JSON Schema for the output. Optional; defaults to string when omitted.
- ``parent_span_id``: (no description)
- ``route``: (no description)
- ``stream``: (no description)
- ``tools``: (no description)
"""


# ``RealtimeCreateRequest`` as keyword arguments, in JSON form.
class RealtimeCreateRequestParams(TypedDict, total=False):
    instructions: str
    model: str | None
    provider: str | None
    tools: list[dict[str, Any]] | None
    voice: str | None


RealtimeCreateRequestParams.__doc__ = """The properties of ``RealtimeCreateRequest``, from the spec:

- ``instructions``: (no description)
- ``model``: (no description)
- ``provider``: (no description)
- ``tools``: (no description)
- ``voice``: (no description)
"""

__all__ = [
    "OPERATIONS",
    "CallRequestParams",
    "UpdateFunctionRequestParams",
    "RunRequestParams",
    "RealtimeCreateRequestParams",
]
