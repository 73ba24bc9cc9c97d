"""The client of Opper's v3 Task API, over the same layer as v2's (``opper_tracing``)::

    from opper_tracing.v3 import Opper

    with Opper() as opper:                   # OPPER_API_KEY; base URL: the server root
        result = opper.call("add_numbers", input={"x": 1, "y": 3})
        print(result.output, result.meta.usage, result.meta.cost)
        with opper.stream("summarise", input="A long text") as stream:
            for text in stream.text_stream:
                print(text, end="", flush=True)
        print(stream.usage, stream.cost)     # from the stream itself: no request after it

Errors are ``opper_tracing``'s (v3's ``{"error": {code, message, details}}`` gives
``error_type``, ``error_message`` and ``detail``); ``trace()`` opens v3 spans.
"""

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
    "AsyncOpper",
    "AsyncStream",
    "AsyncStreamManager",
    "Chunk",
    "CompleteChunk",
    "ContentChunk",
    "DoneChunk",
    "Opper",
    "OtherChunk",
    "RunResult",
    "Stream",
    "ToolCallDeltaChunk",
    "ToolCallStartChunk",
]
