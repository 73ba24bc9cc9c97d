"""Shared fixtures. OpenTelemetry ones give each test its own providers, never the global ones::

def test_x(tracer_provider, span_exporter, meter_provider, metric_reader):
    telemetry = Telemetry(tracer_provider=tracer_provider, meter_provider=meter_provider, ...)
    ...
    (span,) = span_exporter.get_finished_spans()
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from _fakes import Driver
from opper_emulator import Emulator

EMULATOR_KEY = "test"

__all__: list[str] = []


@pytest.fixture
def span_exporter() -> InMemorySpanExporter:
    """Collects every span ``tracer_provider`` ends, synchronously."""
    return InMemorySpanExporter()


@pytest.fixture
def tracer_provider(span_exporter: InMemorySpanExporter) -> Iterator[TracerProvider]:
    """An SDK tracer provider that exports to ``span_exporter`` as each span ends."""
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(span_exporter))
    yield provider
    provider.shutdown()


@pytest.fixture
def metric_reader() -> InMemoryMetricReader:
    """Reads what ``meter_provider`` recorded: ``metric_reader.get_metrics_data()``."""
    return InMemoryMetricReader()


@pytest.fixture
def meter_provider(metric_reader: InMemoryMetricReader) -> Iterator[MeterProvider]:
    """An SDK meter provider read by ``metric_reader``."""
    provider = MeterProvider(metric_readers=[metric_reader])
    yield provider
    provider.shutdown()


@pytest.fixture
def metric_points(metric_reader: InMemoryMetricReader) -> Callable[[], dict[str, list[Any]]]:
    """A function returning every data point recorded so far, by metric name."""

    def read() -> dict[str, list[Any]]:
        points: dict[str, list[Any]] = {}
        data = metric_reader.get_metrics_data()
        for resource_metrics in data.resource_metrics if data else ():
            for scope_metrics in resource_metrics.scope_metrics:
                for metric in scope_metrics.metrics:
                    points.setdefault(metric.name, []).extend(metric.data.data_points)
        return points

    return read


@pytest.fixture(scope="session")
def emulator() -> Iterator[Emulator]:
    """One loopback Opper API emulator for the session (``emulator.base_url``, key ``"test"``).
    Tests that script faults send the ``X-Emulator-Fault`` header per request."""
    server = Emulator(api_key=EMULATOR_KEY)
    with server:
        yield server


@pytest.fixture(params=["sync", "async"])
def driver(request: pytest.FixtureRequest) -> Iterator[Driver]:
    """Runs a test's client calls once with ``Opper`` and once with ``AsyncOpper``."""
    runner = Driver(request.param)
    yield runner
    runner.close()
