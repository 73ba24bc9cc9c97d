"""Every name this package puts on the wire or on telemetry, and its defaults, in one place.

The OpenTelemetry names come from ``opentelemetry-semantic-conventions`` (the ``gen_ai.*`` ones
are incubating there, following the GenAI conventions v1.41) and the OpenInference names
(Arize Phoenix) from ``openinference-semantic-conventions``; only names those packages lack are
written out: this package's own ``opper.*`` namespace and the two Langfuse keys of Langfuse's
OTLP ingestion (``langfuse.observation.*``). Tests assert with these constants::

    from opper_tracing import _constants as attrs
    span.attributes[attrs.GEN_AI_REQUEST_MODEL]
"""

from typing import Final

import httpx
from openinference.semconv.trace import (
    OpenInferenceMimeTypeValues,
    OpenInferenceSpanKindValues,
    SpanAttributes,
)
from opentelemetry.semconv._incubating.attributes.gen_ai_attributes import (
    GEN_AI_CONVERSATION_ID,
    GEN_AI_INPUT_MESSAGES,
    GEN_AI_OPERATION_NAME,
    GEN_AI_OUTPUT_MESSAGES,
    GEN_AI_OUTPUT_TYPE,
    GEN_AI_PROVIDER_NAME,
    GEN_AI_REQUEST_MODEL,
    GEN_AI_REQUEST_STREAM,
    GEN_AI_RESPONSE_ID,
    GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
    GEN_AI_SYSTEM_INSTRUCTIONS,
    GEN_AI_TOKEN_TYPE,
    GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
    GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
    GEN_AI_USAGE_INPUT_TOKENS,
    GEN_AI_USAGE_OUTPUT_TOKENS,
    GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
    GEN_AI_WORKFLOW_NAME,
)
from opentelemetry.semconv._incubating.attributes.url_attributes import URL_TEMPLATE
from opentelemetry.semconv._incubating.metrics.gen_ai_metrics import (
    GEN_AI_CLIENT_OPERATION_DURATION,
    GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK,
    GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
    GEN_AI_CLIENT_TOKEN_USAGE,
)
from opentelemetry.semconv.attributes.error_attributes import ERROR_TYPE
from opentelemetry.semconv.attributes.http_attributes import (
    HTTP_REQUEST_METHOD,
    HTTP_REQUEST_RESEND_COUNT,
    HTTP_RESPONSE_STATUS_CODE,
)
from opentelemetry.semconv.attributes.server_attributes import SERVER_ADDRESS, SERVER_PORT

__all__ = [  # static, so mypy sees the re-exports
    "DEFAULT_MAX_EVENT_SIZE", "DEFAULT_TIMEOUT", "DURATION_BUCKETS", "ERROR_TYPE",
    "ERROR_TYPE_OTHER", "EVENT_RETRY", "GEN_AI_CLIENT_OPERATION_DURATION",
    "GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK", "GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK",
    "GEN_AI_CLIENT_TOKEN_USAGE", "GEN_AI_CONVERSATION_ID", "GEN_AI_INPUT_MESSAGES",
    "GEN_AI_OPERATION_NAME", "GEN_AI_OUTPUT_MESSAGES", "GEN_AI_OUTPUT_TYPE",
    "GEN_AI_PROVIDER_NAME", "GEN_AI_REQUEST_MODEL", "GEN_AI_REQUEST_STREAM", "GEN_AI_RESPONSE_ID",
    "GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK", "GEN_AI_SYSTEM_INSTRUCTIONS", "GEN_AI_TOKEN_TYPE",
    "GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS", "GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS",
    "GEN_AI_USAGE_INPUT_TOKENS", "GEN_AI_USAGE_OUTPUT_TOKENS",
    "GEN_AI_USAGE_REASONING_OUTPUT_TOKENS", "GEN_AI_WORKFLOW_NAME", "HTTP_REQUEST_METHOD",
    "HTTP_REQUEST_RESEND_COUNT", "HTTP_RESPONSE_STATUS_CODE", "INPUT_MIME_TYPE", "INPUT_VALUE",
    "LANGFUSE_OBSERVATION_COST_DETAILS", "LANGFUSE_OBSERVATION_METADATA", "LLM_COST_TOTAL",
    "LLM_MODEL_NAME", "LLM_TOKEN_COUNT_COMPLETION", "LLM_TOKEN_COUNT_PROMPT",
    "LLM_TOKEN_COUNT_TOTAL", "METADATA", "MIME_JSON", "MIME_TEXT", "OPENINFERENCE_SPAN_KIND",
    "OPERATION", "OPERATION_CHAT", "OPERATION_INVOKE_WORKFLOW", "OPPER_COST_PREFIX",
    "OPPER_FUNCTION_NAME", "OPPER_OPERATION_ID", "OPPER_PARENT_SPAN_ID", "OPPER_REQUEST_ID",
    "OPPER_RETRY_WAIT", "OPPER_SPAN_ID", "OPPER_STREAM_COMPLETED", "OPPER_TAGS_PREFIX",
    "OPPER_TRACE_ID", "OUTPUT_MIME_TYPE", "OUTPUT_TYPE_JSON", "OUTPUT_TYPE_TEXT", "OUTPUT_VALUE",
    "PROVIDER_OPPER", "SCHEMA_URL", "SERVER_ADDRESS", "SERVER_PORT", "SESSION_ID",
    "SPAN_KIND_CHAIN", "SPAN_KIND_LLM", "TAG_TAGS", "TOKEN_BUCKETS", "TOKEN_TYPE_INPUT",
    "TOKEN_TYPE_OUTPUT", "TRACED", "URL_TEMPLATE", "USER_ID",
]  # fmt: skip

SCHEMA_URL: Final = "https://opentelemetry.io/schemas/1.41.0"
"""The semantic-conventions version the names follow."""

# --- values (the package's enums of them are deprecated as "moved", so they are spelled here) --
OPERATION_CHAT: Final = "chat"
"""``gen_ai.operation.name`` of a call."""
OPERATION_INVOKE_WORKFLOW: Final = "invoke_workflow"
"""``gen_ai.operation.name`` of a ``trace()``."""
PROVIDER_OPPER: Final = "opper"
"""``gen_ai.provider.name`` of every call."""
OUTPUT_TYPE_JSON: Final = "json"
"""``gen_ai.output.type`` of a call with an output schema."""
OUTPUT_TYPE_TEXT: Final = "text"
"""``gen_ai.output.type`` of a call without one."""
TOKEN_TYPE_INPUT: Final = "input"
"""``gen_ai.token.type`` of input tokens."""
TOKEN_TYPE_OUTPUT: Final = "output"
"""``gen_ai.token.type`` of output tokens."""
ERROR_TYPE_OTHER: Final = "_OTHER"
"""``error.type`` when no better one is known (an abandoned stream)."""

# --- this package's own ------------------------------------------------------------------
OPPER_FUNCTION_NAME: Final = "opper.function.name"
"""The task (function) a call runs."""
OPPER_SPAN_ID: Final = "opper.span_id"
"""Opper's id for the call's or trace's span, once known."""
OPPER_PARENT_SPAN_ID: Final = "opper.parent_span_id"
"""The Opper span a call or trace nests under."""
OPPER_TRACE_ID: Final = "opper.trace_id"
"""Opper's trace id, when known."""
OPPER_REQUEST_ID: Final = "opper.request_id"
"""The server's ``x-request-id`` for the call's answer."""
OPPER_COST_PREFIX: Final = "opper.cost."
"""Prefix of Opper's cost in USD: ``opper.cost.total`` (and its parts, when reported)."""
OPPER_STREAM_COMPLETED: Final = "opper.stream.completed"
"""Streams: true when read to their end; false when closed early, failed or abandoned."""
OPPER_TAGS_PREFIX: Final = "opper.tags."
"""Prefix of one attribute per call tag; never a metric attribute."""
OPPER_OPERATION_ID: Final = "opper.operation.id"
"""Operation spans: the operation id from the spec, e.g. ``get_span``."""
EVENT_RETRY: Final = "opper.retry"
"""Span event before each retry, with ``error.type`` and ``opper.retry.wait``."""
OPPER_RETRY_WAIT: Final = "opper.retry.wait"
"""Seconds waited before sending again."""

# --- OpenInference (Phoenix) and Langfuse ----------------------------------------------------
OPENINFERENCE_SPAN_KIND: Final = SpanAttributes.OPENINFERENCE_SPAN_KIND
LLM_MODEL_NAME: Final = SpanAttributes.LLM_MODEL_NAME
LLM_TOKEN_COUNT_PROMPT: Final = SpanAttributes.LLM_TOKEN_COUNT_PROMPT
LLM_TOKEN_COUNT_COMPLETION: Final = SpanAttributes.LLM_TOKEN_COUNT_COMPLETION
LLM_TOKEN_COUNT_TOTAL: Final = SpanAttributes.LLM_TOKEN_COUNT_TOTAL
LLM_COST_TOTAL: Final = SpanAttributes.LLM_COST_TOTAL
INPUT_VALUE: Final = SpanAttributes.INPUT_VALUE
INPUT_MIME_TYPE: Final = SpanAttributes.INPUT_MIME_TYPE
OUTPUT_VALUE: Final = SpanAttributes.OUTPUT_VALUE
OUTPUT_MIME_TYPE: Final = SpanAttributes.OUTPUT_MIME_TYPE
METADATA: Final = SpanAttributes.METADATA
TAG_TAGS: Final = SpanAttributes.TAG_TAGS
SESSION_ID: Final = SpanAttributes.SESSION_ID
USER_ID: Final = SpanAttributes.USER_ID
SPAN_KIND_LLM: Final = OpenInferenceSpanKindValues.LLM.value
SPAN_KIND_CHAIN: Final = OpenInferenceSpanKindValues.CHAIN.value
MIME_JSON: Final = OpenInferenceMimeTypeValues.JSON.value
MIME_TEXT: Final = OpenInferenceMimeTypeValues.TEXT.value
LANGFUSE_OBSERVATION_METADATA: Final = "langfuse.observation.metadata"
"""The tags (and a trace's ``meta``) as one JSON object."""
LANGFUSE_OBSERVATION_COST_DETAILS: Final = "langfuse.observation.cost_details"
"""``{"total": <USD>}``, so Langfuse shows Opper's cost instead of inferring a price."""

# --- metric buckets the conventions advise ---------------------------------------------------
DURATION_BUCKETS: Final = tuple(0.01 * 2**i for i in range(14))
"""0.01, 0.02, 0.04, ... 81.92 seconds."""
TOKEN_BUCKETS: Final = tuple(4**i for i in range(14))
"""1, 4, 16, ... 67108864 tokens."""

# --- request extensions and defaults ---------------------------------------------------------
OPERATION: Final = "opper_tracing.operation"
"""Request extension: the spec ``Operation`` a request runs (names its span)."""
TRACED: Final = "opper_tracing.traced"
"""Request extension: the caller records the request on a span of its own (calls, streams,
``trace()``'s bookkeeping)."""
DEFAULT_TIMEOUT: Final = httpx.Timeout(connect=10.0, read=300.0, write=60.0, pool=30.0)
"""Model calls can take minutes, so reads may wait 300 s; connecting may not."""
DEFAULT_MAX_EVENT_SIZE: Final = 16 * 1024 * 1024
"""The largest SSE event a stream accepts, in bytes."""
