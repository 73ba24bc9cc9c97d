"""Set up the OpenTelemetry SDK for a service that has none, in one call.

The client needs only ``opentelemetry-api``; without an SDK its spans cost next to nothing. To
export them, install the extra (``pip install 'opper-tracing[otel]'``) and, from the main thread::

    from opper_tracing import otel

    otel.configure(service_name="checkout")       # OTLP/HTTP to localhost:4318
    ...
    otel.shutdown()                                # where the framework allows: flushes

``endpoint=`` is the collector's base URL (``/v1/traces`` and ``/v1/metrics`` are added for
HTTP); left out, the standard variables apply: ``OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT``,
``..._HEADERS``, ``..._PROTOCOL`` (``http/protobuf``, or ``grpc`` with
``opentelemetry-exporter-otlp-proto-grpc``), ``OTEL_SERVICE_NAME``, ``OTEL_RESOURCE_ATTRIBUTES``,
``OTEL_TRACES_EXPORTER`` and ``OTEL_METRICS_EXPORTER``. ``exporter="console"`` prints to
stdout, ``exporter="none"`` records only. For a local Arize Phoenix::

    otel.configure(endpoint="http://127.0.0.1:6006", metrics=False,
                   resource_attributes={"openinference.project.name": "checkout"})

Unlike a bare SDK set-up, nothing is lost to a collector that is not quite there or to the way
services are stopped:

- Metrics over OTLP/HTTP are sent only once the collector is seen to take them: the first export
  probes with an empty request, and a 404, 405 or 501 (a traces-only backend such as Phoenix)
  turns them off with one INFO line instead of an error a minute.
- At exit the providers get ``EXIT_TIMEOUT`` seconds, not the exporters' 10 s of retries each.
- SIGTERM (Kubernetes, ``docker stop``) kills a process without at-exit handlers, and uvicorn
  catches it, shuts down, puts the handler it found back and raises the signal again. So the
  first ``configure()`` in the main thread installs a SIGTERM handler that exports what has
  ended, within ``EXIT_TIMEOUT``, then chains to the handler it replaced. Replacing the
  default (configured before the server started: the server raises the signal into it at its
  end), it shuts the providers down and dies of SIGTERM as before. Replacing a server's
  (configured while the server starts, as ``uvicorn app:app`` imports the app), it calls that
  one, and from then on each span is exported as it ends: the server will put the default
  back before raising the signal, so nothing runs after its graceful shutdown. An ignored
  SIGTERM, or one handled outside Python, is left alone, as is any handler set later. Only a
  flush inside the handler itself is sure to run: the process dies as the signal is raised.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
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
    from opentelemetry.sdk.trace.export import SpanExporter

__all__ = [
    "EXIT_TIMEOUT",
    "configure",
    "force_flush",
    "meter_provider",
    "shutdown",
    "takes_metrics",
]

EXIT_TIMEOUT: Final = 1.0
"""Seconds the exporters get, at exit or on SIGTERM, to send what is left."""

Exporter = Literal["otlp", "console", "none"]
Protocol = Literal["http/protobuf", "grpc"]

_EXTRA_HINT: Final = "pip install 'opper-tracing[otel]'"
_GRPC: Final = "opentelemetry.exporter.otlp.proto.grpc"
_logger = logging.getLogger("opper_tracing")


@dataclasses.dataclass
class _State:
    """What ``configure()`` made, for ``force_flush()``, ``shutdown()`` and the exit hooks."""

    lock: threading.RLock = dataclasses.field(default_factory=threading.RLock)
    providers: list[Any] = dataclasses.field(default_factory=list)
    exporters: list[Any] = dataclasses.field(default_factory=list)
    meter_provider: MeterProvider | None = None
    at_exit: bool = False
    previous_sigterm: Callable[[int, FrameType | None], Any] | int | None = None
    draining: bool = False
    """A SIGTERM went on to a server's handler: each span is exported as it ends."""


_state = _State()


def _setting(*names: str) -> str | None:
    """The first of the variables ``names`` that is set: its first item, lower-cased."""
    for name in names:
        if value := os.environ.get(name, "").split(",")[0].strip().lower():
            return value
    return None


def _http_url(endpoint: str, path: str) -> str:
    return f"{endpoint.rstrip('/').removesuffix('/v1/traces').removesuffix('/v1/metrics')}/{path}"


def takes_metrics(url: str, headers: Mapping[str, str] | None = None) -> bool | None:
    """Whether the OTLP/HTTP endpoint ``url`` takes metrics: an empty export request is sent;
    404/405/501 say no, any other answer yes, no answer (connection refused, timeout) ``None``::

        takes_metrics("http://127.0.0.1:6006/v1/metrics")     # Phoenix: False
    """
    headers = {**(headers or {}), "content-type": "application/x-protobuf"}
    try:
        response = httpx.post(url, content=b"", headers=headers, timeout=5.0)
    except httpx.HTTPError:
        return None
    return response.status_code not in (404, 405, 501)


def _otlp_exporters(protocol: str, endpoint: str | None) -> tuple[SpanExporter, Any]:
    if protocol == "grpc":  # imported by name: optional, so maybe not there to type-check
        try:
            traces = importlib.import_module(f"{_GRPC}.trace_exporter")
            metrics = importlib.import_module(f"{_GRPC}.metric_exporter")
        except ImportError as exc:
            raise ImportError(
                "OTLP over gRPC needs opentelemetry-exporter-otlp-proto-grpc: "
                "pip install opentelemetry-exporter-otlp-proto-grpc"
            ) from exc
        span_exporter: SpanExporter = traces.OTLPSpanExporter(endpoint=endpoint)
        return span_exporter, metrics.OTLPMetricExporter(endpoint=endpoint)
    try:
        from opentelemetry.exporter.otlp.proto.http.metric_exporter import OTLPMetricExporter
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    except ImportError as exc:
        raise ImportError(
            f"OTLP over HTTP needs opentelemetry-exporter-otlp-proto-http: {_EXTRA_HINT}"
        ) from exc
    from opentelemetry.sdk.metrics.export import MetricExportResult
    from opentelemetry.util.re import parse_env_headers

    # Where the exporter itself sends metrics.
    general = os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT", "").strip() or "http://localhost:4318"
    metrics_url = (
        _http_url(endpoint, "v1/metrics")
        if endpoint
        else (
            os.environ.get("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "").strip()
            or _http_url(general, "v1/metrics")
        )
    )

    class CheckedMetricExporter(OTLPMetricExporter):
        takes: bool | None = None

        def export(self, metrics_data: Any, *args: Any, **kwargs: Any) -> MetricExportResult:
            if self.takes is None:
                raw = os.environ.get("OTEL_EXPORTER_OTLP_METRICS_HEADERS") or os.environ.get(
                    "OTEL_EXPORTER_OTLP_HEADERS", ""
                )
                self.takes = takes_metrics(metrics_url, parse_env_headers(raw, liberal=True))
                if self.takes is False:
                    _logger.info(
                        "opper_tracing.otel: %s takes no OTLP metrics (a traces-only backend?); "
                        "metrics are not exported there",
                        metrics_url,
                    )
            if self.takes is False:
                return MetricExportResult.SUCCESS
            return super().export(metrics_data, *args, **kwargs)

    traces_url = _http_url(endpoint, "v1/traces") if endpoint else None
    return OTLPSpanExporter(endpoint=traces_url), CheckedMetricExporter(endpoint=metrics_url)


def _span_processor(exporter: SpanExporter) -> Any:
    """A batch processor that, once a SIGTERM went to a server's handler, exports at each end."""
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    class Processor(BatchSpanProcessor):
        def on_end(self, span: Any) -> None:
            super().on_end(span)
            if _state.draining and _in_thread(self.force_flush) is not None:
                _state.draining = False  # the collector does not answer: stall no more spans

    return Processor(exporter)


def configure(
    *,
    service_name: str | None = None,
    exporter: Exporter | None = None,
    endpoint: str | None = None,
    protocol: Protocol | None = None,
    resource_attributes: Mapping[str, Any] | None = None,
    metrics: bool | None = None,
    set_global: bool = True,
) -> TracerProvider:
    """Create an SDK tracer provider and meter provider that export, and make them global.

    ``service_name`` defaults to ``OTEL_SERVICE_NAME``; ``exporter`` (``"otlp"``, ``"console"``,
    ``"none"``) to ``OTEL_TRACES_EXPORTER``, then ``"otlp"``; ``endpoint`` (a base URL such as
    ``http://127.0.0.1:4318``) to the ``OTEL_EXPORTER_OTLP_*ENDPOINT`` variables; ``protocol``
    (``"http/protobuf"``, ``"grpc"``) to ``OTEL_EXPORTER_OTLP_PROTOCOL``, then HTTP;
    ``resource_attributes`` are merged over ``OTEL_RESOURCE_ATTRIBUTES``; ``metrics`` is on unless
    ``OTEL_METRICS_EXPORTER=none``. With ``set_global=False``, pass the returned tracer provider
    and ``meter_provider()`` to the client. ``force_flush()`` and ``shutdown()`` act on all that
    ``configure()`` made; at exit and on SIGTERM they run by themselves (see the module).

    Raises ``ImportError`` without the SDK (the ``otel`` extra) or a gRPC exporter it needs, and
    ``ValueError`` for an unknown exporter or protocol.
    """
    try:
        from opentelemetry.sdk.metrics import MeterProvider
        from opentelemetry.sdk.metrics.export import (
            ConsoleMetricExporter,
            PeriodicExportingMetricReader,
        )
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import ConsoleSpanExporter, SimpleSpanProcessor
    except ImportError as exc:
        raise ImportError(
            f"opper_tracing.otel.configure() needs the OpenTelemetry SDK: {_EXTRA_HINT}"
        ) from exc
    from opentelemetry import metrics as otel_metrics
    from opentelemetry import trace as otel_trace

    kind = (exporter or _setting("OTEL_TRACES_EXPORTER") or "otlp").lower()
    if kind not in ("otlp", "console", "none"):
        raise ValueError(f"exporter must be 'otlp', 'console' or 'none', not {kind!r}")
    wire = protocol or _setting("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL")
    wire = (wire or "http/protobuf").lower()
    if wire not in ("http/protobuf", "grpc"):
        raise ValueError(f"protocol must be 'http/protobuf' or 'grpc', not {wire!r}")
    if metrics is None:
        metrics = _setting("OTEL_METRICS_EXPORTER") != "none"
    attributes = {**(resource_attributes or {})}
    if service_name is not None:
        attributes["service.name"] = service_name
    resource = Resource.create(attributes)

    tracer_provider = TracerProvider(resource=resource, shutdown_on_exit=False)
    readers = []
    exporters: list[Any] = []
    if kind == "otlp":
        span_exporter, metric_exporter = _otlp_exporters(wire, endpoint)
        tracer_provider.add_span_processor(_span_processor(span_exporter))
        exporters += [span_exporter, metric_exporter] if metrics else [span_exporter]
        if metrics:
            readers.append(PeriodicExportingMetricReader(metric_exporter))
    elif kind == "console":
        tracer_provider.add_span_processor(SimpleSpanProcessor(ConsoleSpanExporter(out=sys.stdout)))
        if metrics:
            readers.append(PeriodicExportingMetricReader(ConsoleMetricExporter(out=sys.stdout)))
    meter = MeterProvider(resource=resource, metric_readers=readers, shutdown_on_exit=False)

    with _state.lock:
        _state.providers += [tracer_provider, meter]
        _state.exporters += exporters
        _state.meter_provider = meter
        if not _state.at_exit:
            _state.at_exit = True
            atexit.register(shutdown, EXIT_TIMEOUT)
        if (
            _state.previous_sigterm is None
            and threading.current_thread() is threading.main_thread()
        ):
            previous = signal.getsignal(signal.SIGTERM)
            if previous is not None and previous != signal.SIG_IGN:
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
    providers = list(_state.providers)  # without the lock: the signal may interrupt its holder
    _in_thread(lambda: [provider.force_flush() for provider in providers])
    _state.draining = True
    previous(signum, frame)


def meter_provider() -> MeterProvider | None:
    """The meter provider the latest ``configure()`` made, if any::

    provider = otel.configure(set_global=False)
    opper = Opper(tracer_provider=provider, meter_provider=otel.meter_provider())
    """
    return _state.meter_provider


def force_flush(timeout_millis: int = 30_000) -> bool:
    """Export everything buffered by the providers ``configure()`` made; ``True`` on success."""
    with _state.lock:
        providers = list(_state.providers)
    return all(provider.force_flush(timeout_millis) for provider in providers)


def _in_thread(
    work: Callable[[], object], timeout: float = EXIT_TIMEOUT
) -> threading.Thread | None:
    """Run ``work`` in a thread for up to ``timeout`` seconds; the thread if it is still running
    (a thread: a signal handler must not wait for a lock the code it interrupted holds)."""
    worker = threading.Thread(target=work, name="opper-otel-shutdown", daemon=True)
    worker.start()
    worker.join(timeout)
    if not worker.is_alive():
        return None
    _logger.warning(
        "opper_tracing.otel: telemetry not delivered within %.1f s was dropped "
        "(is the collector reachable?)",
        timeout,
    )
    return worker


def shutdown(timeout: float | None = None) -> None:
    """Flush and shut down the providers ``configure()`` made (at exit and on SIGTERM this runs
    by itself, within ``EXIT_TIMEOUT``).

    With ``timeout`` (seconds), what the exporters have not sent by then is dropped: they are shut
    down, which ends their retries, and the call returns. Without it, the SDK's own limits apply
    (an unreachable collector costs each exporter its 10 s export timeout).
    """
    with _state.lock:
        providers, _state.providers = _state.providers, []
        exporters, _state.exporters = _state.exporters, []
        _state.meter_provider, _state.draining = None, False

    def shut_all() -> None:
        for provider in providers:
            try:
                provider.shutdown()
            except Exception:
                _logger.debug("could not shut down %r", provider, exc_info=True)

    if timeout is None:
        shut_all()
    elif (worker := _in_thread(shut_all, timeout)) is not None:
        for exporter in exporters:  # under the providers still flushing: ends the retry waits
            with contextlib.suppress(Exception):
                exporter.shutdown()
        worker.join(timeout)
