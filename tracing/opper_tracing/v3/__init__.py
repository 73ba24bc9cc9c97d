"""The client of Opper's v3 Task API, over the same layer as v2's (``opper_tracing``): ``Opper``
and ``AsyncOpper`` take v2's options and raise its exceptions (v3's error body
``{"error": {code, message, details}}`` gives ``error_type``, ``error_message`` and ``detail``)."""

from .._async._io import AsyncStreamManager
from .._async._v3 import AsyncOpper
from .._async._v3 import AsyncRunStream as AsyncStream
from .._sync._v3 import Opper
from .._sync._v3 import RunStream as Stream
from .._v3 import (
    Chunk,
    CompleteChunk,
    ContentChunk,
    DoneChunk,
    OtherChunk,
    RunResult,
    ToolCallDeltaChunk,
    ToolCallStartChunk,
)

__all__ = [
    "AsyncOpper", "AsyncStream", "AsyncStreamManager", "Chunk", "CompleteChunk", "ContentChunk",
    "DoneChunk", "Opper", "OtherChunk", "RunResult", "Stream", "ToolCallDeltaChunk",
    "ToolCallStartChunk",
]  # fmt: skip
