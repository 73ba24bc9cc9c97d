"""Contains endpoint functions for accessing the API.

``OPERATIONS`` maps each operation id to its HTTP method and route template; each ``*Params``
TypedDict holds the JSON form of a request body's properties (all optional here: callers pass
the required ones explicitly or are told what is missing at run time).
"""

from typing import Any, TypedDict

OPERATIONS: dict[str, tuple[str, str]] = {
    "chat_completions": ("POST", "/v3/compat/chat/completions"),
    "create_embeddings": ("POST", "/v3/compat/embeddings"),
    "create_open_response": ("POST", "/v3/compat/openresponses"),
    "create_response": ("POST", "/v3/compat/responses"),
    "create_message": ("POST", "/v3/compat/v1/messages"),
    "create_interaction": ("POST", "/v3/compat/v1beta/interactions"),
}
"""Operation id: (method, route template relative to the server URL)."""


# ``ChatRequest`` as keyword arguments, in JSON form.
class ChatRequestParams(TypedDict, total=False):
    messages: list[dict[str, Any]]
    max_completion_tokens: int | None
    max_tokens: int | None
    model: str | None
    output_schema: dict[str, Any] | None
    reasoning_effort: str | None
    response_format: dict[str, Any] | None
    stop: list[str] | None
    stream: bool | None
    stream_options: dict[str, Any] | None
    temperature: float | None
    tool_choice: Any | None
    tools: list[dict[str, Any]] | None
    top_p: float | None


ChatRequestParams.__doc__ = """The properties of ``ChatRequest``, from the spec:

- ``messages``: (no description)
- ``max_completion_tokens``: (no description)
- ``max_tokens``: (no description)
- ``model``: (no description)
- ``output_schema``: (no description)
- ``reasoning_effort``: (no description)
- ``response_format``: (no description)
- ``stop``: (no description)
- ``stream``: (no description)
- ``stream_options``: (no description)
- ``temperature``: (no description)
- ``tool_choice``: Any value
- ``tools``: (no description)
- ``top_p``: (no description)
"""


# ``EmbeddingsRequest`` as keyword arguments, in JSON form.
class EmbeddingsRequestParams(TypedDict, total=False):
    input: Any
    model: str
    dimensions: int | None
    encoding_format: str | None
    user: str | None


EmbeddingsRequestParams.__doc__ = """The properties of ``EmbeddingsRequest``, from the spec:

- ``input``: Any value
- ``model``: (no description)
- ``dimensions``: (no description)
- ``encoding_format``: (no description)
- ``user``: (no description)
"""


# ``ORRequest`` as keyword arguments, in JSON form.
class ORRequestParams(TypedDict, total=False):
    frequency_penalty: float | None
    include: list[str] | None
    input: dict[str, Any] | None
    instructions: str | None
    max_output_tokens: int | None
    max_tool_calls: int | None
    metadata: dict[str, Any] | None
    model: str | None
    parallel_tool_calls: bool | None
    presence_penalty: float | None
    previous_response_id: str | None
    reasoning: dict[str, Any] | None
    service_tier: str | None
    store: bool | None
    stream: bool | None
    temperature: float | None
    text: dict[str, Any] | None
    tool_choice: Any | None
    tools: list[dict[str, Any]] | None
    top_p: float | None
    truncation: str | None


ORRequestParams.__doc__ = """The properties of ``ORRequest``, from the spec:

- ``frequency_penalty``: (no description)
- ``include``: (no description)
- ``input``: (no description)
- ``instructions``: (no description)
- ``max_output_tokens``: (no description)
- ``max_tool_calls``: (no description)
- ``metadata``: (no description)
- ``model``: (no description)
- ``parallel_tool_calls``: (no description)
- ``presence_penalty``: (no description)
- ``previous_response_id``: (no description)
- ``reasoning``: (no description)
- ``service_tier``: (no description)
- ``store``: (no description)
- ``stream``: (no description)
- ``temperature``: (no description)
- ``text``: (no description)
- ``tool_choice``: Any value
- ``tools``: (no description)
- ``top_p``: (no description)
- ``truncation``: (no description)
"""


# ``ResponsesRequest`` as keyword arguments, in JSON form.
class ResponsesRequestParams(TypedDict, total=False):
    input: dict[str, Any] | None
    instructions: str | None
    max_output_tokens: int | None
    metadata: dict[str, Any] | None
    model: str | None
    previous_response_id: str | None
    reasoning: dict[str, Any] | None
    store: bool | None
    stream: bool | None
    temperature: float | None
    text: dict[str, Any] | None
    tool_choice: Any | None
    tools: list[dict[str, Any]] | None
    top_p: float | None
    user: str | None


ResponsesRequestParams.__doc__ = """The properties of ``ResponsesRequest``, from the spec:

- ``input``: (no description)
- ``instructions``: (no description)
- ``max_output_tokens``: (no description)
- ``metadata``: (no description)
- ``model``: (no description)
- ``previous_response_id``: (no description)
- ``reasoning``: (no description)
- ``store``: (no description)
- ``stream``: (no description)
- ``temperature``: (no description)
- ``text``: (no description)
- ``tool_choice``: Any value
- ``tools``: (no description)
- ``top_p``: (no description)
- ``user``: (no description)
"""


# ``MessagesRequest`` as keyword arguments, in JSON form.
class MessagesRequestParams(TypedDict, total=False):
    max_tokens: int
    messages: list[dict[str, Any]]
    model: str
    output_format: dict[str, Any] | None
    stop_sequences: list[str] | None
    stream: bool | None
    system: Any | None
    temperature: float | None
    thinking: Any | None
    tool_choice: Any | None
    tools: list[dict[str, Any]] | None
    top_k: int | None
    top_p: float | None


MessagesRequestParams.__doc__ = """The properties of ``MessagesRequest``, from the spec:

- ``max_tokens``: (no description)
- ``messages``: (no description)
- ``model``: (no description)
- ``output_format``: (no description)
- ``stop_sequences``: (no description)
- ``stream``: (no description)
- ``system``: Any value
- ``temperature``: (no description)
- ``thinking``: Any value
- ``tool_choice``: Any value
- ``tools``: (no description)
- ``top_k``: (no description)
- ``top_p``: (no description)
"""


# ``InteractionsRequest`` as keyword arguments, in JSON form.
class InteractionsRequestParams(TypedDict, total=False):
    contents: Any
    input: Any
    agent: str | None
    background: bool | None
    generation_config: dict[str, Any] | None
    model: str | None
    previous_interaction_id: str | None
    response_format: dict[str, Any] | None
    store: bool | None
    stream: bool | None
    system_instruction: str | None
    tools: list[dict[str, Any]] | None


InteractionsRequestParams.__doc__ = """The properties of ``InteractionsRequest``, from the spec:

- ``contents``: Any value
- ``input``: Any value
- ``agent``: (no description)
- ``background``: (no description)
- ``generation_config``: (no description)
- ``model``: (no description)
- ``previous_interaction_id``: (no description)
- ``response_format``: (no description)
- ``store``: (no description)
- ``stream``: (no description)
- ``system_instruction``: (no description)
- ``tools``: (no description)
"""

__all__ = [
    "OPERATIONS",
    "ChatRequestParams",
    "EmbeddingsRequestParams",
    "ORRequestParams",
    "ResponsesRequestParams",
    "MessagesRequestParams",
    "InteractionsRequestParams",
]
