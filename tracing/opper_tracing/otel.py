"""``configure()``: an OpenTelemetry SDK for a service that has none (README, "Tracing").

SIGTERM skips at-exit handlers, and uvicorn catches it, shuts down, restores the handler it found
and raises it again. So the first ``configure()`` in the main thread installs a handler that
flushes (within ``EXIT_TIMEOUT``) and chains to the one it replaced: to the default (configured
before the server started) after shutting down; to a server's (``uvicorn app:app`` imports the app
as it starts), then exports each span as it ends, as nothing runs after its graceful shutdown. An
ignored SIGTERM, one handled outside Python, or a handler set later is left alone.
"""

from __future__ import annotations

import atexit
import importlib
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Mapping
from types import FrameType
from typing import TYPE_CHECKING, Any, Final, Literal

import httpx

if TYPE_CHECKING:
    from opentelemetry.sdk.metrics import MeterProvider
    from opentelemetry.sdk.trace import TracerProvider

__all__ = [
    "EXIT_TIMEOUT", "configure", "force_flush", "meter_provider", "shutdown", "takes_metrics"
]  # fmt: skip

EXIT_TIMEOUT: Final = 1.0
"""Seconds the exporters get, at exit or on SIGTERM, to send what is left."""

_EXTRA_HINT: Final = "pip install 'opper-tracing[otel]'"
_logger = logging.getLogger("opper_tracing")


class _State:
    """What ``configure()`` made: (tracer, meter) provider pairs and their exporters."""

    lock: Final = threading.RLock()
    providers: tuple[Any, ...] = ()
    exporters: tuple[Any, ...] = ()
    at_exit = False
    previous_sigterm: Callable[[int, FrameType | None], Any] | int | None = None
    draining = False  # a SIGTERM went on to a server's handler: export each span as it ends


_state = _State()


def _setting(*names: str) -> str | None:
    """The first of the variables ``names`` that is set: its first item, lower-cased."""
    values = (os.environ.get(name, "").split(",")[0].strip().lower() for name in names)
    return next(filter(None, values), None)


def takes_metrics(url: str, headers: Mapping[str, str] | None = None) -> bool | None:
    """Whether the OTLP/HTTP endpoint ``url`` takes metrics: an empty export request is sent;
    404/405/501 say no, any other answer yes, no answer (connection refused, timeout) ``None``."""
    headers = {**(headers or {}), "content-type": "application/x-protobuf"}
    try:
        response = httpx.post(url, content=b"", headers=headers, timeout=5.0)
    except httpx.HTTPError:
        return None
    return response.status_code not in (404, 405, 501)


def _otlp(protocol: str, endpoint: str | None) -> list[Any]:
    """The span and metric exporters. Over HTTP, metrics go out once ``takes_metrics`` says yes:
    a traces-only backend (Phoenix: 404, 405 or 501) costs one INFO line, not an error a minute."""
    package = f"opentelemetry.exporter.otlp.proto.{protocol.partition('/')[0]}"
    try:  # by name: the gRPC exporter is optional, so maybe not there to type-check
        traces = importlib.import_module(f"{package}.trace_exporter")
        metrics = importlib.import_module(f"{package}.metric_exporter")
    except ImportError as exc:
        name = package.replace(".", "-")
        hint = f"pip install {name}" if protocol == "grpc" else _EXTRA_HINT
        raise ImportError(f"OTLP over {protocol} needs {name}: {hint}") from exc
    if protocol == "grpc":
        exporters = (traces.OTLPSpanExporter, metrics.OTLPMetricExporter)
        return [exporter(endpoint=endpoint) for exporter in exporters]
    from opentelemetry.sdk.metrics.export import MetricExportResult
    from opentelemetry.util.re import parse_env_headers

    env = os.environ.get
    base = endpoint or env("OTEL_EXPORTER_OTLP_ENDPOINT", "").strip() or "http://localhost:4318"
    base = base.rstrip("/").removesuffix("/v1/traces").removesuffix("/v1/metrics")
    given = "" if endpoint else env("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "").strip()
    metrics_url = given or f"{base}/v1/metrics"
    exporter_class: Any = metrics.OTLPMetricExporter

    class CheckedMetricExporter(exporter_class):  # type: ignore[misc]
        takes: bool | None = None

        def export(self, *args: Any, **kwargs: Any) -> Any:
            if self.takes is None:
                raw = env("OTEL_EXPORTER_OTLP_METRICS_HEADERS") or env("OTEL_EXPORTER_OTLP_HEADERS")
                self.takes = takes_metrics(metrics_url, parse_env_headers(raw or "", liberal=True))
                if self.takes is False:
                    _logger.info("opper_tracing.otel: %s takes no OTLP metrics", metrics_url)
            if self.takes is False:
                return MetricExportResult.SUCCESS
            return super().export(*args, **kwargs)

    spans = traces.OTLPSpanExporter(endpoint=f"{base}/v1/traces" if endpoint else None)
    return [spans, CheckedMetricExporter(endpoint=metrics_url)]


def configure(
    *,
    service_name: str | None = None,
    exporter: Literal["otlp", "console", "none"] | None = None,
    endpoint: str | None = None,
    protocol: Literal["http/protobuf", "grpc"] | None = None,
    resource_attributes: Mapping[str, Any] | None = None,
    metrics: bool | None = None,
    set_global: bool = True,
) -> TracerProvider:
    """SDK tracer and meter providers that export, made global unless ``set_global=False``.

    What is left out comes from the standard ``OTEL_*`` variables, else OTLP/HTTP to
    ``http://localhost:4318`` with metrics; ``endpoint`` is a base URL (``/v1/traces`` is added).
    """
    try:
        from opentelemetry.sdk.metrics import MeterProvider
        from opentelemetry.sdk.metrics import export as metric_export
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace import export as span_export
    except ImportError as exc:
        raise ImportError(f"otel.configure() needs the OpenTelemetry SDK: {_EXTRA_HINT}") from exc
    from opentelemetry import metrics as otel_metrics
    from opentelemetry import trace as otel_trace

    class Processor(span_export.BatchSpanProcessor):
        def on_end(self, span: Any) -> None:
            super().on_end(span)
            if _state.draining and _in_thread(self.force_flush, EXIT_TIMEOUT) is not None:
                _state.draining = False  # the collector does not answer: stall no more spans

    kind = (exporter or _setting("OTEL_TRACES_EXPORTER") or "otlp").lower()
    if kind not in ("otlp", "console", "none"):
        raise ValueError(f"exporter must be 'otlp', 'console' or 'none', not {kind!r}")
    wire = protocol or _setting("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL")
    if (wire := (wire or "http/protobuf").lower()) not in ("http/protobuf", "grpc"):
        raise ValueError(f"protocol must be 'http/protobuf' or 'grpc', not {wire!r}")
    if metrics is None:
        metrics = _setting("OTEL_METRICS_EXPORTER") != "none"
    named = {} if service_name is None else {"service.name": service_name}
    resource = Resource.create({**(resource_attributes or {}), **named})
    tracer_provider = TracerProvider(resource=resource, shutdown_on_exit=False)
    exporters: list[Any] = []  # the span exporter, then the metric exporter
    if kind == "otlp":
        exporters = _otlp(wire, endpoint)
        tracer_provider.add_span_processor(Processor(exporters[0]))
    elif kind == "console":
        exporters = [span_export.ConsoleSpanExporter(out=sys.stdout)]
        exporters.append(metric_export.ConsoleMetricExporter(out=sys.stdout))
        tracer_provider.add_span_processor(span_export.SimpleSpanProcessor(exporters[0]))
    exporters = exporters[: 2 if metrics else 1]
    readers = [metric_export.PeriodicExportingMetricReader(e) for e in exporters[1:]]
    meter = MeterProvider(resource=resource, metric_readers=readers, shutdown_on_exit=False)
    with _state.lock:
        _state.providers += (tracer_provider, meter)
        _state.exporters += tuple(exporters)
        if not _state.at_exit:
            _state.at_exit = True
            atexit.register(shutdown, EXIT_TIMEOUT)
        main = threading.current_thread() is threading.main_thread()
        previous = signal.getsignal(signal.SIGTERM)
        if main and _state.previous_sigterm is None and previous not in (None, signal.SIG_IGN):
            _state.previous_sigterm = previous
            signal.signal(signal.SIGTERM, _on_sigterm)
    if set_global:
        otel_trace.set_tracer_provider(tracer_provider)
        otel_metrics.set_meter_provider(meter)
    return tracer_provider


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    previous = _state.previous_sigterm
    if not callable(previous):  # the default: configured before the server replaced it
        shutdown(EXIT_TIMEOUT)
        signal.signal(signum, signal.SIG_DFL)
        signal.raise_signal(signum)
        return
    _in_thread(force_flush, EXIT_TIMEOUT)  # no lock: the signal may interrupt its holder
    _state.draining = True
    previous(signum, frame)


def meter_provider() -> MeterProvider | None:
    """The meter provider the latest ``configure()`` made, if any."""
    return _state.providers[-1] if _state.providers else None


def force_flush(timeout_millis: int = 30_000) -> bool:
    """Export what the providers ``configure()`` made hold; ``True`` on success."""
    return all(provider.force_flush(timeout_millis) for provider in _state.providers)


def _in_thread(work: Callable[[], object], timeout: float | None) -> threading.Thread | None:
    """``work`` run for up to ``timeout`` s in a thread (a signal handler must not wait for a lock
    the code it interrupted holds); the thread if it is still running."""
    worker = threading.Thread(target=work, name="opper-otel-shutdown", daemon=True)
    worker.start()
    worker.join(timeout)
    if not worker.is_alive():
        return None
    dropped = "telemetry not delivered within %.1f s was dropped (is the collector reachable?)"
    _logger.warning("opper_tracing.otel: " + dropped, timeout)
    return worker


def shutdown(timeout: float | None = None) -> None:
    """Flush and shut down what ``configure()`` made. What is not sent within ``timeout`` seconds
    is dropped; without one, an unreachable collector costs each exporter its 10 s of retries."""
    with _state.lock:
        providers, exporters = _state.providers, _state.exporters
        _state.providers, _state.exporters, _state.draining = (), (), False

    def shut_down(parts: tuple[Any, ...]) -> None:
        for part in parts:
            try:
                part.shutdown()
            except Exception:
                _logger.debug("could not shut down %r", part, exc_info=True)

    if (worker := _in_thread(lambda: shut_down(providers), timeout)) is not None:
        shut_down(exporters)  # under the providers still flushing: ends the retry waits
        worker.join(timeout)
