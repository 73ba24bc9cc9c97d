"""Every span attribute, metric and value name this package emits, in one place.

The ``gen_ai.*`` names follow the OpenTelemetry GenAI semantic conventions **v1.41.0**, the last
release that kept them in the main semantic-conventions repository (all at status Development).
They are written out here rather than imported from ``opentelemetry.semconv._incubating``, where
they are marked as moved and may change without notice. The ``opper.*`` names are this package's
own namespace.

Backends that do not read ``gen_ai.*`` alone get their own keys as well: the OpenInference names
(Arize Phoenix, Arize AX) come from the ``openinference-semantic-conventions`` package, and the
two Langfuse keys are written out below from Langfuse's OTLP ingestion
(``packages/shared/src/server/otel/OtelIngestionProcessor.ts`` in langfuse/langfuse), which also
reads ``tag.tags``, ``session.id``, ``user.id``, ``input.value``/``output.value``,
``gen_ai.usage.*`` and ``llm.token_count.*``. The README's "Tracing" section has the mapping table.

Tests assert with these constants, so a rename happens here and nowhere else::

    from opper_tracing import _attributes as attrs

    span.attributes[attrs.GEN_AI_REQUEST_MODEL]
"""

from __future__ import annotations

from typing import Final

from openinference.semconv.trace import (
    OpenInferenceMimeTypeValues,
    OpenInferenceSpanKindValues,
    SpanAttributes,
)

__all__ = [
    "DURATION_BUCKETS",
    "ERROR_TYPE",
    "ERROR_TYPE_OTHER",
    "EVENT_RETRY",
    "GEN_AI_CLIENT_OPERATION_DURATION",
    "GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK",
    "GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK",
    "GEN_AI_CLIENT_TOKEN_USAGE",
    "GEN_AI_CONVERSATION_ID",
    "GEN_AI_INPUT_MESSAGES",
    "GEN_AI_OPERATION_NAME",
    "GEN_AI_OUTPUT_MESSAGES",
    "GEN_AI_OUTPUT_TYPE",
    "GEN_AI_PROVIDER_NAME",
    "GEN_AI_REQUEST_MODEL",
    "GEN_AI_REQUEST_STREAM",
    "GEN_AI_RESPONSE_ID",
    "GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK",
    "GEN_AI_SYSTEM_INSTRUCTIONS",
    "GEN_AI_TOKEN_TYPE",
    "GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS",
    "GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS",
    "GEN_AI_USAGE_INPUT_TOKENS",
    "GEN_AI_USAGE_OUTPUT_TOKENS",
    "GEN_AI_USAGE_REASONING_OUTPUT_TOKENS",
    "GEN_AI_WORKFLOW_NAME",
    "HTTP_REQUEST_METHOD",
    "HTTP_REQUEST_RESEND_COUNT",
    "HTTP_RESPONSE_STATUS_CODE",
    "INPUT_MIME_TYPE",
    "INPUT_VALUE",
    "LANGFUSE_OBSERVATION_COST_DETAILS",
    "LANGFUSE_OBSERVATION_METADATA",
    "LLM_COST_TOTAL",
    "LLM_MODEL_NAME",
    "LLM_TOKEN_COUNT_COMPLETION",
    "LLM_TOKEN_COUNT_PROMPT",
    "LLM_TOKEN_COUNT_TOTAL",
    "METADATA",
    "MIME_JSON",
    "MIME_TEXT",
    "OPENINFERENCE_SPAN_KIND",
    "OPERATION_CHAT",
    "OPERATION_INVOKE_WORKFLOW",
    "OPPER_COST_PREFIX",
    "OPPER_FUNCTION_NAME",
    "OPPER_OPERATION_ID",
    "OPPER_PARENT_SPAN_ID",
    "OPPER_RETRY_WAIT",
    "OPPER_SPAN_ID",
    "OPPER_STREAM_COMPLETED",
    "OPPER_TAGS_PREFIX",
    "OPPER_TRACE_ID",
    "OUTPUT_MIME_TYPE",
    "OUTPUT_TYPE_JSON",
    "OUTPUT_TYPE_TEXT",
    "OUTPUT_VALUE",
    "PROVIDER_OPPER",
    "SCHEMA_URL",
    "SERVER_ADDRESS",
    "SERVER_PORT",
    "SESSION_ID",
    "SPAN_KIND_CHAIN",
    "SPAN_KIND_LLM",
    "TAG_TAGS",
    "TOKEN_BUCKETS",
    "TOKEN_TYPE_INPUT",
    "TOKEN_TYPE_OUTPUT",
    "URL_TEMPLATE",
    "USER_ID",
]

SCHEMA_URL: Final = "https://opentelemetry.io/schemas/1.41.0"
"""The semantic-conventions version every name below follows."""

# --- GenAI span attributes (semconv v1.41) ---------------------------------------------------

GEN_AI_OPERATION_NAME: Final = "gen_ai.operation.name"
"""What the call does; always ``chat`` for a task call."""

GEN_AI_PROVIDER_NAME: Final = "gen_ai.provider.name"
"""Who serves the call; always ``opper`` (replaced ``gen_ai.system`` in v1.37)."""

GEN_AI_REQUEST_MODEL: Final = "gen_ai.request.model"
"""The model asked for: the name, a Model's name, or the first entry of a fallback list."""

GEN_AI_CONVERSATION_ID: Final = "gen_ai.conversation.id"
"""The session a call or workflow belongs to: ``trace(session_id=...)``."""

GEN_AI_WORKFLOW_NAME: Final = "gen_ai.workflow.name"
"""The name given to ``trace()``, on its ``invoke_workflow`` span."""

GEN_AI_REQUEST_STREAM: Final = "gen_ai.request.stream"
"""``True`` when the call streams its result; absent otherwise."""

GEN_AI_OUTPUT_TYPE: Final = "gen_ai.output.type"
"""``json`` when an output schema is sent, else ``text``."""

GEN_AI_RESPONSE_ID: Final = "gen_ai.response.id"
"""The response's id; the Opper span id, since the API returns no separate completion id."""

GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK: Final = "gen_ai.response.time_to_first_chunk"
"""Seconds from the start of a stream to its first content chunk (monotonic clock)."""

GEN_AI_USAGE_INPUT_TOKENS: Final = "gen_ai.usage.input_tokens"
"""Tokens in the prompt, as reported by the API."""

GEN_AI_USAGE_OUTPUT_TOKENS: Final = "gen_ai.usage.output_tokens"
"""Tokens in the response, as reported by the API."""

GEN_AI_USAGE_REASONING_OUTPUT_TOKENS: Final = "gen_ai.usage.reasoning.output_tokens"
"""Output tokens spent on reasoning, when the API breaks them out."""

GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS: Final = "gen_ai.usage.cache_read.input_tokens"
"""Input tokens served from the provider's prompt cache, when reported."""

GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS: Final = "gen_ai.usage.cache_creation.input_tokens"
"""Input tokens written to the provider's prompt cache, when reported."""

GEN_AI_SYSTEM_INSTRUCTIONS: Final = "gen_ai.system_instructions"
"""Opt-in content: the instructions, as a JSON list of parts."""

GEN_AI_INPUT_MESSAGES: Final = "gen_ai.input.messages"
"""Opt-in content: the input, as a JSON list of messages."""

GEN_AI_OUTPUT_MESSAGES: Final = "gen_ai.output.messages"
"""Opt-in content: the output, as a JSON list of messages with a finish reason."""

GEN_AI_TOKEN_TYPE: Final = "gen_ai.token.type"
"""Metric attribute of ``gen_ai.client.token.usage``: ``input`` or ``output``."""

ERROR_TYPE: Final = "error.type"
"""Low-cardinality failure class: an exception's qualname, an HTTP status, or ``_OTHER``."""

SERVER_ADDRESS: Final = "server.address"
"""The API host the client talks to."""

SERVER_PORT: Final = "server.port"
"""The API port the client talks to."""

HTTP_REQUEST_METHOD: Final = "http.request.method"
"""Operation spans: the HTTP method."""

HTTP_RESPONSE_STATUS_CODE: Final = "http.response.status_code"
"""Operation spans: the status of the last response."""

HTTP_REQUEST_RESEND_COUNT: Final = "http.request.resend_count"
"""How many times the request was sent again after a retryable failure (absent: none)."""

URL_TEMPLATE: Final = "url.template"
"""Operation spans: the route template from ``openapi.yaml``, e.g. ``/spans/{span_id}``."""

EVENT_RETRY: Final = "opper.retry"
"""Span event recorded before each retry, with ``error.type`` and ``opper.retry.wait``."""

OPPER_RETRY_WAIT: Final = "opper.retry.wait"
"""Attribute of an ``opper.retry`` event: the seconds waited before sending again."""

OPPER_OPERATION_ID: Final = "opper.operation.id"
"""Operation spans: the operation id from ``openapi.yaml``, e.g. ``get_span``."""

# --- Opper's own attributes ------------------------------------------------------------------

OPPER_FUNCTION_NAME: Final = "opper.function.name"
"""The task (function) name passed to the call."""

OPPER_SPAN_ID: Final = "opper.span_id"
"""Opper's id for this call's or trace's span, set as soon as it is known."""

OPPER_PARENT_SPAN_ID: Final = "opper.parent_span_id"
"""The Opper span this one nests under, given or inherited from ``trace()``."""

OPPER_TRACE_ID: Final = "opper.trace_id"
"""Opper's trace id: on a ``trace()`` span, and on a call span when it is known (inside
``trace()``, or fetched with a stream's usage)."""

OPPER_COST_PREFIX: Final = "opper.cost."
"""Prefix of the call's cost in USD as Opper reports it: ``opper.cost.total``,
``opper.cost.generation`` and ``opper.cost.platform`` (the conventions have no cost attribute)."""

OPPER_STREAM_COMPLETED: Final = "opper.stream.completed"
"""For streams: ``True`` when read to the end, ``False`` when closed early, failed or abandoned."""

OPPER_TAGS_PREFIX: Final = "opper.tags."
"""Prefix of one attribute per call tag (``opper.tags.<key>``); never a metric attribute."""

# --- OpenInference (Arize Phoenix, Arize AX), from openinference-semantic-conventions -------

OPENINFERENCE_SPAN_KIND: Final = SpanAttributes.OPENINFERENCE_SPAN_KIND
"""``LLM`` on a call span, ``CHAIN`` on a ``trace()`` span."""

LLM_MODEL_NAME: Final = SpanAttributes.LLM_MODEL_NAME
"""The model asked for (the same value as ``gen_ai.request.model``)."""

LLM_TOKEN_COUNT_PROMPT: Final = SpanAttributes.LLM_TOKEN_COUNT_PROMPT
"""Input tokens (the same value as ``gen_ai.usage.input_tokens``)."""

LLM_TOKEN_COUNT_COMPLETION: Final = SpanAttributes.LLM_TOKEN_COUNT_COMPLETION
"""Output tokens (the same value as ``gen_ai.usage.output_tokens``)."""

LLM_TOKEN_COUNT_TOTAL: Final = SpanAttributes.LLM_TOKEN_COUNT_TOTAL
"""All tokens; the only count known for a stream when the server reports just the total."""

LLM_COST_TOTAL: Final = SpanAttributes.LLM_COST_TOTAL
"""The call's total cost in USD (the same value as ``opper.cost.total``)."""

INPUT_VALUE: Final = SpanAttributes.INPUT_VALUE
"""Opt-in content: the call's or trace's input as text or JSON (Phoenix's Input panel)."""

INPUT_MIME_TYPE: Final = SpanAttributes.INPUT_MIME_TYPE
"""``application/json`` or ``text/plain``: how to read ``input.value``."""

OUTPUT_VALUE: Final = SpanAttributes.OUTPUT_VALUE
"""Opt-in content: the call's or trace's output as text or JSON (Phoenix's Output panel)."""

OUTPUT_MIME_TYPE: Final = SpanAttributes.OUTPUT_MIME_TYPE
"""``application/json`` or ``text/plain``: how to read ``output.value``."""

METADATA: Final = SpanAttributes.METADATA
"""The tags (and a trace's ``meta``) as one JSON object (Phoenix's Metadata panel)."""

TAG_TAGS: Final = SpanAttributes.TAG_TAGS
"""The tags as ``key:value`` strings (Phoenix's tags; Langfuse's tag filter reads it too)."""

SESSION_ID: Final = SpanAttributes.SESSION_ID
"""``trace(session_id=...)``: Phoenix's and Langfuse's sessions."""

USER_ID: Final = SpanAttributes.USER_ID
"""``trace(user_id=...)``: Phoenix's and Langfuse's users."""

SPAN_KIND_LLM: Final = OpenInferenceSpanKindValues.LLM.value
"""``openinference.span.kind`` of a call span."""

SPAN_KIND_CHAIN: Final = OpenInferenceSpanKindValues.CHAIN.value
"""``openinference.span.kind`` of a ``trace()`` span."""

MIME_JSON: Final = OpenInferenceMimeTypeValues.JSON.value
"""``input.mime_type``/``output.mime_type`` of a JSON value."""

MIME_TEXT: Final = OpenInferenceMimeTypeValues.TEXT.value
"""``input.mime_type``/``output.mime_type`` of plain text."""

# --- Langfuse (written out: Langfuse publishes no Python constants for its OTLP keys) --------

LANGFUSE_OBSERVATION_METADATA: Final = "langfuse.observation.metadata"
"""The tags (and a trace's ``meta``) as one JSON object: Langfuse's metadata panel and filter."""

LANGFUSE_OBSERVATION_COST_DETAILS: Final = "langfuse.observation.cost_details"
"""``{"total": <USD>}``: Opper's cost, so Langfuse shows it rather than inferring a price."""

# --- Metrics (all histograms) ----------------------------------------------------------------

GEN_AI_CLIENT_OPERATION_DURATION: Final = "gen_ai.client.operation.duration"
"""Seconds per call, from start to the end of its span."""

GEN_AI_CLIENT_TOKEN_USAGE: Final = "gen_ai.client.token.usage"
"""Tokens per call, one record per ``gen_ai.token.type``, only when usage is reported."""

GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK: Final = "gen_ai.client.operation.time_to_first_chunk"
"""Streams only: seconds from start to the first content chunk."""

GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK: Final = (
    "gen_ai.client.operation.time_per_output_chunk"
)
"""Streams only: seconds between consecutive content chunks after the first."""

DURATION_BUCKETS: Final = (
    0.01,
    0.02,
    0.04,
    0.08,
    0.16,
    0.32,
    0.64,
    1.28,
    2.56,
    5.12,
    10.24,
    20.48,
    40.96,
    81.92,
)
"""Bucket boundaries the conventions advise for the three time histograms (seconds)."""

TOKEN_BUCKETS: Final = tuple(4**i for i in range(14))
"""Bucket boundaries the conventions advise for token usage: 1, 4, 16, ... 67108864."""

# --- Values ----------------------------------------------------------------------------------

OPERATION_CHAT: Final = "chat"
"""``gen_ai.operation.name`` of a task call."""

OPERATION_INVOKE_WORKFLOW: Final = "invoke_workflow"
"""``gen_ai.operation.name`` of a ``trace()`` span."""

PROVIDER_OPPER: Final = "opper"
"""``gen_ai.provider.name`` of every call."""

OUTPUT_TYPE_TEXT: Final = "text"
"""``gen_ai.output.type`` without an output schema."""

OUTPUT_TYPE_JSON: Final = "json"
"""``gen_ai.output.type`` with an output schema."""

TOKEN_TYPE_INPUT: Final = "input"
"""``gen_ai.token.type`` of prompt tokens."""

TOKEN_TYPE_OUTPUT: Final = "output"
"""``gen_ai.token.type`` of response tokens."""

ERROR_TYPE_OTHER: Final = "_OTHER"
"""``error.type`` when no better class applies (an abandoned stream)."""
