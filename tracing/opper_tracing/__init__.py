"""opper-tracing: a traced client for the Opper API (v2 here; v3 in ``opper_tracing.v3``).

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
from ._async._client import AsyncOpper
from ._async._io import AsyncStreamManager
from ._async._stream import AsyncStream
from ._async._trace import AsyncTrace
from ._constants import DEFAULT_TIMEOUT
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    EventLoopError,
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
from ._sync._client import Opper
from ._sync._stream import Stream
from ._sync._trace import Trace
from ._trace import TraceSpan
from ._types import CHUNK_ERROR, CHUNK_JSON, CHUNK_TEXT, CallResult, StreamChunk
from ._v2 import V2 as _V2
from ._version import __version__

DEFAULT_BASE_URL = _V2.DEFAULT_BASE_URL

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
    "EventLoopError",
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
