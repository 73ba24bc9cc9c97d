"""OpenTelemetry for calls: one CLIENT span per call or stream (STUB: interface only, no-op).

The client drives a ``CallSpan`` through a fixed set of hooks; every hook swallows its own
failures so telemetry never changes what a call returns or raises.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from opentelemetry.metrics import MeterProvider
from opentelemetry.trace import TracerProvider

__all__ = ["CallSpan", "Telemetry"]


class CallSpan:
    """Telemetry for one call or stream. Every method is safe to call in any order, any number
    of times."""

    def inject(self, headers: dict[str, str]) -> None:
        """Add W3C ``traceparent``/``tracestate`` for this span to outgoing request headers."""

    @contextmanager
    def activate(self) -> Iterator[None]:
        """Make the span current for a short stretch (sending the request, reading one chunk)."""
        yield

    def on_opper_span_id(self, span_id: str) -> None:
        """Opper's span id is known (``/call`` response, or the first stream chunk)."""

    def on_first_chunk(self) -> None:
        """The first chunk with content was yielded to the user (time to first chunk)."""

    def on_chunk(self) -> None:
        """A later chunk was yielded (time per output chunk)."""

    def on_result(
        self, *, usage: Mapping[str, Any] | None, output_text: str | None, output_json: Any
    ) -> None:
        """The call's result is known (``/call`` response, or the stream's assembled output)."""

    def finish(self, error: BaseException | None = None, *, completed: bool = True) -> None:
        """End the span exactly once: ``error`` sets ERROR status; ``completed=False`` marks an
        early close. Later calls do nothing."""

    def abandon(self) -> None:
        """The stream was garbage-collected unclosed: end the span as ERROR "abandoned stream"."""


class Telemetry:
    """Per-client telemetry: tracer and meter from the given providers or the global ones."""

    def __init__(
        self,
        *,
        tracer_provider: TracerProvider | None = None,
        meter_provider: MeterProvider | None = None,
        capture_content: bool | None = None,
        server_address: str,
        server_port: int | None,
    ) -> None:
        self.capture_content = bool(capture_content)

    def start(
        self,
        *,
        stream: bool,
        name: str,
        model: Any,
        parent_span_id: str | None,
        tags: Mapping[str, str] | None,
        has_output_schema: bool,
        instructions: str | None,
        input: Any,
    ) -> CallSpan:
        """Start the span for one call (not made current); the caller must ``finish()`` it."""
        return CallSpan()
