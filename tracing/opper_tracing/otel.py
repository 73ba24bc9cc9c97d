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
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from opentelemetry.sdk.metrics import MeterProvider
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SpanExporter

__all__ = ["configure", "force_flush", "meter_provider", "shutdown"]

Exporter = Literal["otlp", "console", "none"]
Protocol = Literal["http/protobuf", "grpc"]

_EXTRA_HINT = "pip install 'opper-tracing[otel]'"
_GRPC_PACKAGE = "opentelemetry.exporter.otlp.proto.grpc"
_GRPC_HINT = "pip install opentelemetry-exporter-otlp-proto-grpc"

_lock = threading.Lock()
_providers: list[TracerProvider | MeterProvider] = []
_last_meter_provider: list[MeterProvider] = []


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
    return (
        OTLPSpanExporter(endpoint=_http_url(endpoint, "v1/traces")),
        OTLPMetricExporter(endpoint=_http_url(endpoint, "v1/metrics")),
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

    tracer_provider = TracerProvider(resource=resource)
    readers: list[MetricReader] = []
    if kind == "otlp":
        span_exporter, metric_exporter = _otlp_exporters(_resolve_protocol(protocol), endpoint)
        tracer_provider.add_span_processor(BatchSpanProcessor(span_exporter))
        if wants_metrics:
            readers.append(PeriodicExportingMetricReader(metric_exporter))
    elif kind == "console":
        tracer_provider.add_span_processor(SimpleSpanProcessor(ConsoleSpanExporter(out=sys.stdout)))
        if wants_metrics:
            readers.append(PeriodicExportingMetricReader(ConsoleMetricExporter(out=sys.stdout)))
    meter_provider = MeterProvider(resource=resource, metric_readers=readers)

    with _lock:
        _providers.extend((tracer_provider, meter_provider))
        _last_meter_provider[:] = [meter_provider]
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


def shutdown() -> None:
    """Flush and shut down the providers ``configure()`` made (call before the process exits)."""
    with _lock:
        providers, _providers[:] = list(_providers), []
        _last_meter_provider.clear()
    for provider in providers:
        provider.shutdown()
