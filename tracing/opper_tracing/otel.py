"""Set up the OpenTelemetry SDK for a service that has none, in one call.

The client itself needs only ``opentelemetry-api``: with no SDK its spans cost next to nothing.
To see them, install the extra (``pip install 'opper-tracing[otel]'``) and configure once at
start-up::

    from opper_tracing import Opper
    from opper_tracing import otel

    otel.configure(service_name="checkout")            # OTLP/HTTP to localhost:4318
    with Opper() as opper:
        opper.call("classify", input="...")
    otel.shutdown()                                     # flush before the process exits

Send to another collector with ``endpoint=`` (the base URL; ``/v1/traces`` and ``/v1/metrics``
are added for HTTP) or the standard variables, which are honoured when the argument is left out:
``OTEL_EXPORTER_OTLP_ENDPOINT`` / ``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT``, ``..._HEADERS``,
``OTEL_EXPORTER_OTLP_PROTOCOL`` (``http/protobuf`` or ``grpc``), ``OTEL_SERVICE_NAME``,
``OTEL_RESOURCE_ATTRIBUTES``, ``OTEL_TRACES_EXPORTER`` and ``OTEL_METRICS_EXPORTER``. For a local
Arize Phoenix::

    otel.configure(endpoint="http://127.0.0.1:6006", metrics=False,
                   resource_attributes={"openinference.project.name": "checkout"})

``exporter="console"`` prints spans and metrics to stdout; ``exporter="none"`` records without
exporting. gRPC needs ``opentelemetry-exporter-otlp-proto-grpc`` as well.

Two things differ from a bare SDK set-up, both about collectors that are not quite there:

- Metrics over OTLP/HTTP go to a collector only once it has been seen to take them: the first
  export sends an empty request first, and a 404, 405 or 501 (a traces-only backend such as
  Phoenix) turns metric export off with one INFO line instead of an error every minute.
- At exit the providers are shut down within ``EXIT_TIMEOUT`` seconds: an unreachable
  collector costs that long, not the exporters' 10 s of retries per signal.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import logging
import os
import sys
import threading
from collections.abc import Mapping, Sequence
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
"""Seconds the exporters get at interpreter exit to send what is left, then they are dropped."""

Exporter = Literal["otlp", "console", "none"]
Protocol = Literal["http/protobuf", "grpc"]

_EXTRA_HINT = "pip install 'opper-tracing[otel]'"
_GRPC_PACKAGE = "opentelemetry.exporter.otlp.proto.grpc"
_GRPC_HINT = "pip install opentelemetry-exporter-otlp-proto-grpc"

_logger = logging.getLogger("opper_tracing")
_lock = threading.Lock()
_providers: list[TracerProvider | MeterProvider] = []
_exporters: list[Any] = []
_last_meter_provider: list[MeterProvider] = []
_at_exit: list[bool] = []
_NO_METRICS_HERE: Final = frozenset({404, 405, 501})
_PROBE_TIMEOUT: Final = 5.0
_DEFAULT_METRICS_URL: Final = "http://localhost:4318/v1/metrics"


def _first(env: str) -> str | None:
    value = os.environ.get(env, "").split(",")[0].strip().lower()
    return value or None


def _resolve_exporter(exporter: str | None) -> str:
    name = (exporter or _first("OTEL_TRACES_EXPORTER") or "otlp").lower()
    if name not in ("otlp", "console", "none"):
        raise ValueError(f"exporter must be 'otlp', 'console' or 'none', not {name!r}")
    return name


def _resolve_protocol(protocol: str | None) -> str:
    name = (
        protocol
        or _first("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")
        or _first("OTEL_EXPORTER_OTLP_PROTOCOL")
        or "http/protobuf"
    ).lower()
    if name not in ("http/protobuf", "grpc"):
        raise ValueError(f"protocol must be 'http/protobuf' or 'grpc', not {name!r}")
    return name


def _http_url(endpoint: str | None, path: str) -> str | None:
    if endpoint is None:
        return None  # the exporter reads OTEL_EXPORTER_OTLP_*_ENDPOINT itself
    base = endpoint.rstrip("/")
    for known in ("/v1/traces", "/v1/metrics"):
        base = base.removesuffix(known)
    return f"{base}/{path}"


def _metrics_url(endpoint: str | None) -> str:
    """Where OTLP/HTTP metrics go, resolved the way the exporter itself would."""
    explicit = _http_url(endpoint, "v1/metrics")
    if explicit is not None:
        return explicit
    specific = os.environ.get("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "").strip()
    if specific:
        return specific
    general = os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT", "").strip()
    return f"{general.rstrip('/')}/v1/metrics" if general else _DEFAULT_METRICS_URL


def _metrics_headers() -> dict[str, str]:
    from opentelemetry.util.re import parse_env_headers

    raw = os.environ.get("OTEL_EXPORTER_OTLP_METRICS_HEADERS") or os.environ.get(
        "OTEL_EXPORTER_OTLP_HEADERS", ""
    )
    return dict(parse_env_headers(raw, liberal=True))


def takes_metrics(url: str, headers: Mapping[str, str] | None = None) -> bool | None:
    """Whether the OTLP/HTTP endpoint ``url`` takes metrics: an empty export request is sent;
    404/405/501 say no, any other answer yes, no answer (connection refused, timeout) ``None``::

        takes_metrics("http://127.0.0.1:6006/v1/metrics")     # Phoenix: False
    """
    try:
        response = httpx.post(
            url,
            content=b"",
            headers={**(headers or {}), "content-type": "application/x-protobuf"},
            timeout=_PROBE_TIMEOUT,
        )
    except httpx.HTTPError:
        return None
    return response.status_code not in _NO_METRICS_HERE


def _metric_exporter_class() -> type[Any]:
    from opentelemetry.exporter.otlp.proto.http.metric_exporter import OTLPMetricExporter
    from opentelemetry.sdk.metrics.export import MetricExportResult, MetricsData

    class CheckedMetricExporter(OTLPMetricExporter):
        """The OTLP/HTTP metric exporter, sending only once the endpoint takes metrics."""

        def __init__(self, *, endpoint: str, **kwargs: Any) -> None:
            super().__init__(endpoint=endpoint, **kwargs)
            self._url = endpoint
            self._takes: bool | None = None

        def export(
            self,
            metrics_data: MetricsData,
            timeout_millis: float | None = 10_000,
            **kwargs: Any,
        ) -> MetricExportResult:
            if self._takes is None:
                self._takes = takes_metrics(self._url, _metrics_headers())
                if self._takes is False:
                    _logger.info(
                        "opper_tracing.otel: %s takes no OTLP metrics (a traces-only "
                        "backend?); metrics are not exported there",
                        self._url,
                    )
            if self._takes is False:
                return MetricExportResult.SUCCESS
            return super().export(metrics_data, timeout_millis, **kwargs)

    return CheckedMetricExporter


def _otlp_exporters(protocol: str, endpoint: str | None) -> tuple[SpanExporter, Any]:
    if protocol == "grpc":
        # Imported by name: the gRPC exporter is optional and may not be installed to type-check.
        try:
            traces = importlib.import_module(f"{_GRPC_PACKAGE}.trace_exporter")
            metrics = importlib.import_module(f"{_GRPC_PACKAGE}.metric_exporter")
        except ImportError as exc:
            raise ImportError(
                f"OTLP over gRPC needs opentelemetry-exporter-otlp-proto-grpc: {_GRPC_HINT}"
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
    del OTLPMetricExporter  # imported above only to name the extra when it is missing
    return (
        OTLPSpanExporter(endpoint=_http_url(endpoint, "v1/traces")),
        _metric_exporter_class()(endpoint=_metrics_url(endpoint)),
    )


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
    """Create an SDK tracer provider (and meter provider) that export, and make them global.

    Args:
        service_name: ``service.name``; defaults to ``OTEL_SERVICE_NAME``, then the SDK's default.
        exporter: ``"otlp"``, ``"console"`` or ``"none"``; defaults to ``OTEL_TRACES_EXPORTER``,
            then ``"otlp"``.
        endpoint: the collector's base URL, e.g. ``http://127.0.0.1:4318``; defaults to the
            ``OTEL_EXPORTER_OTLP_*ENDPOINT`` variables, then the exporter's default.
        protocol: ``"http/protobuf"`` or ``"grpc"``; defaults to ``OTEL_EXPORTER_OTLP_PROTOCOL``,
            then HTTP.
        resource_attributes: more resource attributes (merged over ``OTEL_RESOURCE_ATTRIBUTES``).
        metrics: export the client's metrics too; defaults to on unless
            ``OTEL_METRICS_EXPORTER=none`` (turn off for backends without ``/v1/metrics``).
        set_global: install the providers as the global ones (the client's default).

    Returns the tracer provider; ``meter_provider()`` gives the meter provider made with it (pass
    both to a client when ``set_global=False``). ``force_flush()`` and ``shutdown()`` act on
    everything made here.

    Raises:
        ImportError: the SDK (the ``otel`` extra) or the gRPC exporter is not installed.
        ValueError: an unknown exporter or protocol.
    """
    try:
        from opentelemetry.sdk.metrics import MeterProvider
        from opentelemetry.sdk.metrics.export import (
            ConsoleMetricExporter,
            MetricReader,
            PeriodicExportingMetricReader,
        )
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import (
            BatchSpanProcessor,
            ConsoleSpanExporter,
            SimpleSpanProcessor,
        )
    except ImportError as exc:
        raise ImportError(
            f"opper_tracing.otel.configure() needs the OpenTelemetry SDK: {_EXTRA_HINT}"
        ) from exc
    from opentelemetry import metrics as otel_metrics
    from opentelemetry import trace as otel_trace

    kind = _resolve_exporter(exporter)
    wants_metrics = (_first("OTEL_METRICS_EXPORTER") != "none") if metrics is None else metrics
    extra: dict[str, Any] = dict(resource_attributes or {})
    if service_name is not None:
        extra["service.name"] = service_name
    resource = Resource.create(extra)

    tracer_provider = TracerProvider(resource=resource, shutdown_on_exit=False)
    readers: list[MetricReader] = []
    exporters: list[Any] = []
    if kind == "otlp":
        span_exporter, metric_exporter = _otlp_exporters(_resolve_protocol(protocol), endpoint)
        tracer_provider.add_span_processor(BatchSpanProcessor(span_exporter))
        exporters.append(span_exporter)
        if wants_metrics:
            readers.append(PeriodicExportingMetricReader(metric_exporter))
            exporters.append(metric_exporter)
    elif kind == "console":
        tracer_provider.add_span_processor(SimpleSpanProcessor(ConsoleSpanExporter(out=sys.stdout)))
        if wants_metrics:
            readers.append(PeriodicExportingMetricReader(ConsoleMetricExporter(out=sys.stdout)))
    meter_provider = MeterProvider(
        resource=resource, metric_readers=readers, shutdown_on_exit=False
    )

    with _lock:
        _providers.extend((tracer_provider, meter_provider))
        _exporters.extend(exporters)
        _last_meter_provider[:] = [meter_provider]
        if not _at_exit:
            _at_exit.append(True)
            atexit.register(shutdown, EXIT_TIMEOUT)
    if set_global:
        otel_trace.set_tracer_provider(tracer_provider)
        otel_metrics.set_meter_provider(meter_provider)
    return tracer_provider


def meter_provider() -> MeterProvider | None:
    """The meter provider the latest ``configure()`` made, if any::

    provider = otel.configure(set_global=False)
    opper = Opper(tracer_provider=provider, meter_provider=otel.meter_provider())
    """
    with _lock:
        return _last_meter_provider[0] if _last_meter_provider else None


def force_flush(timeout_millis: int = 30_000) -> bool:
    """Export everything buffered by the providers ``configure()`` made; ``True`` on success."""
    with _lock:
        providers = list(_providers)
    return all(provider.force_flush(timeout_millis) for provider in providers)


def shutdown(timeout: float | None = None) -> None:
    """Flush and shut down the providers ``configure()`` made (call before the process exits;
    at exit it runs by itself, bounded by ``EXIT_TIMEOUT``).

    With ``timeout`` (seconds), whatever the exporters have not sent by then is dropped: they
    are shut down, which stops their retries, and the call returns. Without it, the SDK's own
    limits apply (an unreachable collector costs each exporter its 10 s export timeout).
    """
    with _lock:
        providers, _providers[:] = list(_providers), []
        exporters, _exporters[:] = list(_exporters), []
        _last_meter_provider.clear()
    if timeout is None:
        _shutdown_all(providers)
        return
    worker = threading.Thread(
        target=_shutdown_all, args=(providers,), name="opper-otel-shutdown", daemon=True
    )
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        _logger.warning(
            "opper_tracing.otel: telemetry not delivered within %.1f s was dropped "
            "(is the collector reachable?)",
            timeout,
        )
        _abandon(exporters)
        worker.join(timeout)


def _shutdown_all(providers: Sequence[TracerProvider | MeterProvider]) -> None:
    for provider in providers:
        try:
            provider.shutdown()
        except Exception:
            _logger.debug("could not shut down %r", provider, exc_info=True)


def _abandon(exporters: Sequence[Any]) -> None:
    """Shut the exporters down under the providers still flushing: their retry waits end."""
    for exporter in exporters:
        with contextlib.suppress(Exception):
            exporter.shutdown()
