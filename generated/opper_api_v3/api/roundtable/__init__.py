"""Contains endpoint functions for accessing the API.

``OPERATIONS`` maps each operation id to its HTTP method and route template; each ``*Params``
TypedDict holds the JSON form of a request body's properties (all optional here: callers pass
the required ones explicitly or are told what is missing at run time).
"""

from typing import Any, TypedDict

OPERATIONS: dict[str, tuple[str, str]] = {
    "create_roundtable": ("POST", "/v3/roundtable"),
}
"""Operation id: (method, route template relative to the server URL)."""


# ``RoundtableRequest`` as keyword arguments, in JSON form.
class RoundtableRequestParams(TypedDict, total=False):
    input: str
    models: list[dict[str, Any]]
    choices: list[str] | None
    instructions: str | None
    max_retries: int | None
    output_schema: dict[str, Any] | None
    resolution: str | None
    stream: bool | None
    summary_model: str | None
    timeout_ms: int | None


RoundtableRequestParams.__doc__ = """The properties of ``RoundtableRequest``, from the spec:

- ``input``: The question or prompt sent to all models
- ``models``: Models to query in parallel
- ``choices``: Literal options for multiple_choice resolution
- ``instructions``: System prompt shared across all model calls
- ``max_retries``: Per-model retry count on transient errors (default 1 / max 3)
- ``output_schema``: JSON Schema for structured output — applied to all model calls and the consolidation call
- ``resolution``: Resolution mode: summary (default) / fast / multiple_choice
- ``stream``: Enable SSE streaming
- ``summary_model``: Override the model used for consolidation in summary mode
- ``timeout_ms``: Per-model timeout in milliseconds covering all retries (default 120000 / max 300000)
"""

__all__ = [
    "OPERATIONS",
    "RoundtableRequestParams",
]
