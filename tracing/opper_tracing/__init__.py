"""opper-tracing: a traced client for the Opper v2 task-call API.

::

    from opper_tracing import Opper

    with Opper() as opper:                   # OPPER_API_KEY from the environment
        result = opper.call("add_numbers", input={"x": 1, "y": 3})
        print(result.output, result.span_id)
        with opper.stream("summarise", input="A long text") as stream:
            for text in stream.text_stream:  # text deltas as they arrive
                print(text, end="", flush=True)

``AsyncOpper`` is the same with ``await`` (``async with opper.stream(...) as stream``);
``opper_tracing.otel.configure()`` sets up an OpenTelemetry SDK for a service without one.
"""

# ``otel`` imports the SDK only inside its functions, so importing it here keeps
# ``opper_tracing.otel.configure(...)`` one attribute away without loading the SDK.
from . import otel as otel
from ._client import DEFAULT_BASE_URL, DEFAULT_TIMEOUT, AsyncOpper, Opper
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    InvalidRequestError,
    NotFoundError,
    OpperError,
    PermissionDeniedError,
    RateLimitError,
    StreamDecodeError,
    StreamError,
    StreamInterruptedError,
    UnprocessableEntityError,
)
from ._retry import RetryPolicy
from ._streaming import AsyncStream, AsyncStreamManager, Stream
from ._trace import AsyncTrace, Trace, TraceSpan
from ._types import CHUNK_ERROR, CHUNK_JSON, CHUNK_TEXT, CallResult, StreamChunk
from ._version import __version__

__all__ = [
    "CHUNK_ERROR",
    "CHUNK_JSON",
    "CHUNK_TEXT",
    "DEFAULT_BASE_URL",
    "DEFAULT_TIMEOUT",
    "APIConnectionError",
    "APIError",
    "APIResponseError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncOpper",
    "AsyncStream",
    "AsyncStreamManager",
    "AsyncTrace",
    "AuthenticationError",
    "BadRequestError",
    "CallResult",
    "ConflictError",
    "InternalServerError",
    "InvalidRequestError",
    "NotFoundError",
    "Opper",
    "OpperError",
    "PermissionDeniedError",
    "RateLimitError",
    "RetryPolicy",
    "Stream",
    "StreamChunk",
    "StreamDecodeError",
    "StreamError",
    "StreamInterruptedError",
    "Trace",
    "TraceSpan",
    "UnprocessableEntityError",
    "__version__",
]
