"""``opper_tracing.otel.configure()``: exporters, the standard variables, the missing-extra error,
and what really goes over the wire (an in-process OTLP/HTTP receiver)."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.trace import SpanKind

from _otlp_sink import OTLPSink
from opper_tracing import _constants as attrs
from opper_tracing import otel
from opper_tracing._telemetry import Telemetry

OTEL_VARIABLES = [
    "OTEL_SERVICE_NAME",
    "OTEL_RESOURCE_ATTRIBUTES",
    "OTEL_TRACES_EXPORTER",
    "OTEL_METRICS_EXPORTER",
    "OTEL_EXPORTER_OTLP_ENDPOINT",
    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
    "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
    "OTEL_EXPORTER_OTLP_PROTOCOL",
    "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in OTEL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    yield
    otel.shutdown()


@pytest.fixture
def sink() -> Iterator[OTLPSink]:
    with OTLPSink() as running:
        yield running


def emit_call(provider: TracerProvider, meter_provider: object = None) -> None:
    telemetry = Telemetry(
        tracer_provider=provider,
        meter_provider=meter_provider,  # type: ignore[arg-type]
        server_address="api.opper.test",
        server_port=443,
    )
    with provider.get_tracer("service").start_as_current_span("handle", kind=SpanKind.SERVER):
        span = telemetry.start(
            stream=False,
            body={
                "name": "classify",
                "model": "openai/gpt-4o-mini",
                "tags": {"team": "search", "n": {"deep": [1, 2]}},
            },
        )
        span.on_opper_span_id("opper-span-1")
        span.on_result(
            usage={"input_tokens": 3, "output_tokens": 2}, output_text="x", output_json=None
        )
        span.finish()


def test_otlp_http_to_a_receiver(sink: OTLPSink) -> None:
    provider = otel.configure(
        service_name="checkout",
        endpoint=sink.endpoint,
        resource_attributes={"deployment.environment": "test"},
        set_global=False,
    )
    emit_call(provider)
    assert otel.force_flush()
    handle, call = sorted(sink.spans(), key=lambda s: s.name != "handle")
    assert call.name == "chat classify"
    assert call.parent_span_id == handle.span_id
    assert call.trace_id == handle.trace_id
    assert call.attributes[attrs.OPPER_SPAN_ID] == "opper-span-1"
    assert call.attributes["opper.tags.n.deep"] == [1, 2]
    assert call.attributes[attrs.GEN_AI_USAGE_OUTPUT_TOKENS] == 2
    assert call.resource["service.name"] == "checkout"
    assert call.resource["deployment.environment"] == "test"
    assert "/v1/traces" in sink.paths


def test_metrics_are_exported_with_the_spans(sink: OTLPSink) -> None:
    provider = otel.configure(endpoint=sink.endpoint, set_global=False)
    emit_call(provider, otel.meter_provider())
    assert otel.force_flush()
    assert "/v1/metrics" in sink.paths
    assert {
        attrs.GEN_AI_CLIENT_OPERATION_DURATION,
        attrs.GEN_AI_CLIENT_TOKEN_USAGE,
    } <= sink.metric_names()
    otel.shutdown()
    assert otel.meter_provider() is None


def test_the_standard_variables_are_honoured(
    sink: OTLPSink, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", sink.endpoint)
    monkeypatch.setenv("OTEL_SERVICE_NAME", "from-env")
    monkeypatch.setenv("OTEL_RESOURCE_ATTRIBUTES", "team=search")
    monkeypatch.setenv("OTEL_METRICS_EXPORTER", "none")
    provider = otel.configure(set_global=False)
    emit_call(provider)
    otel.shutdown()
    (resource,) = {tuple(sorted(s.resource.items())) for s in sink.spans()}
    assert ("service.name", "from-env") in resource
    assert ("team", "search") in resource
    assert sink.metrics == []


def test_an_explicit_service_name_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_SERVICE_NAME", "from-env")
    provider = otel.configure(service_name="explicit", exporter="none", set_global=False)
    assert provider.resource.attributes["service.name"] == "explicit"


def test_endpoint_given_with_its_path(sink: OTLPSink) -> None:
    provider = otel.configure(
        endpoint=f"{sink.endpoint}/v1/traces", metrics=False, set_global=False
    )
    emit_call(provider)
    otel.force_flush()
    assert sink.paths == ["/v1/traces"]


def test_console_exporter_prints(capsys: pytest.CaptureFixture[str]) -> None:
    provider = otel.configure(exporter="console", metrics=False, set_global=False)
    emit_call(provider)
    otel.force_flush()
    assert '"name": "chat classify"' in capsys.readouterr().out


def test_exporter_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OTEL_TRACES_EXPORTER", "console")
    provider = otel.configure(metrics=False, set_global=False)
    emit_call(provider)
    assert "chat classify" in capsys.readouterr().out


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="exporter must be"):
        otel.configure(exporter="jaeger", set_global=False)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="protocol must be"):
        otel.configure(protocol="http/json", set_global=False)  # type: ignore[arg-type]


def test_grpc_without_its_exporter_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "opentelemetry.exporter.otlp.proto.grpc.trace_exporter", None)
    with pytest.raises(ImportError, match="opentelemetry-exporter-otlp-proto-grpc"):
        otel.configure(protocol="grpc", set_global=False)
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
    with pytest.raises(ImportError, match="opentelemetry-exporter-otlp-proto-grpc"):
        otel.configure(set_global=False)


def test_a_missing_sdk_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "opentelemetry.sdk.trace", None)
    with pytest.raises(ImportError, match=r"opper-tracing\[otel\]"):
        otel.configure()


def test_a_missing_http_exporter_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "opentelemetry.exporter.otlp.proto.http.trace_exporter", None)
    with pytest.raises(ImportError, match=r"opper-tracing\[otel\]"):
        otel.configure(set_global=False)


def child_env(**variables: str) -> dict[str, str]:
    """A child's environment: no OTEL_* but those given; PYTHONPATH kept (a checkout run)."""
    env = {"PATH": "/usr/bin:/bin", **variables}
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return env


def run_python(code: str, **variables: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=child_env(OTEL_TRACES_EXPORTER="none", OTEL_METRICS_EXPORTER="none", **variables),
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_importing_the_package_does_not_import_the_sdk() -> None:
    code = """
        import sys
        import opper_tracing, opper_tracing.otel, opper_tracing._trace
        print(sorted(m for m in sys.modules if m.startswith("opentelemetry.sdk")))
    """
    assert run_python(code) == "[]"


def test_configure_installs_the_global_providers() -> None:
    code = """
        from opentelemetry import metrics, trace
        from opper_tracing import otel
        provider = otel.configure(service_name="svc")
        assert trace.get_tracer_provider() is provider
        assert type(metrics.get_meter_provider()).__module__.startswith("opentelemetry.sdk")
        otel.shutdown()
        print("ok")
    """
    assert run_python(code) == "ok"


def test_a_traces_only_backend_gets_no_metrics_and_logs_no_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    with OTLPSink(accept_metrics=False) as traces_only:  # like Phoenix: 404 on /v1/metrics
        provider = otel.configure(endpoint=traces_only.endpoint, set_global=False)
        emit_call(provider, otel.meter_provider())
        assert otel.force_flush()
        emit_call(provider, otel.meter_provider())
        assert otel.force_flush()
        otel.shutdown()
    assert traces_only.paths.count("/v1/metrics") == 1  # the one check, then nothing
    assert len(traces_only.spans()) == 4
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    (note,) = [r.getMessage() for r in caplog.records if "takes no OTLP metrics" in r.getMessage()]
    assert f"{traces_only.endpoint}/v1/metrics" in note


def test_takes_metrics() -> None:
    with OTLPSink() as sink, OTLPSink(accept_metrics=False) as traces_only:
        assert otel.takes_metrics(f"{sink.endpoint}/v1/metrics") is True
        assert otel.takes_metrics(f"{traces_only.endpoint}/v1/metrics") is False
    assert otel.takes_metrics(f"http://127.0.0.1:{closed_port()}/v1/metrics") is None


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_shutdown_with_a_timeout_stops_the_retries(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="opper_tracing")
    provider = otel.configure(
        endpoint=f"http://127.0.0.1:{closed_port()}", metrics=False, set_global=False
    )
    emit_call(provider)
    # The exporter meets a refused connection and waits at least 0.8 s before its first retry.
    otel.shutdown(timeout=0.2)
    assert "telemetry not delivered within 0.2 s was dropped" in caplog.text
    assert not [t for t in threading.enumerate() if t.name == "opper-otel-shutdown"]


def test_a_process_without_a_collector_exits_through_the_bounded_shutdown() -> None:
    code = f"""
        from opper_tracing import otel
        provider = otel.configure(endpoint="http://127.0.0.1:{closed_port()}")
        provider.get_tracer("t").start_span("last").end()
        print("done")
    """
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=child_env(),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "done"
    assert "was dropped (is the collector reachable?)" in result.stderr


# -- SIGTERM (the uvicorn cases are in test_service.py) -----------------------------------------


def test_sigterm_flushes_then_calls_the_applications_handler(sink: OTLPSink) -> None:
    code = """
        import os, signal
        from opper_tracing import otel

        def mine(signum, frame):
            print("mine", flush=True)  # the application's own handler, set before configure()

        signal.signal(signal.SIGTERM, mine)
        provider = otel.configure(
            endpoint=os.environ["SINK"], metrics=False, exporter="otlp", set_global=False
        )
        tracer = provider.get_tracer("t")
        tracer.start_span("before").end()
        signal.raise_signal(signal.SIGTERM)
        tracer.start_span("after").end()  # while the handler above winds the process down
        os._exit(0)  # as a process killed by its own handler: no at-exit flush
    """
    assert run_python(code, SINK=sink.endpoint) == "mine"
    assert sorted(span.name for span in sink.spans()) == ["after", "before"]


def test_sigterm_handling_is_left_alone_where_it_cannot_chain() -> None:
    code = """
        import signal, threading
        from opper_tracing import otel

        # Not the main thread: signal handlers cannot be set there; configure() still works.
        worker = threading.Thread(target=otel.configure, kwargs={"set_global": False})
        worker.start()
        worker.join()
        print(signal.getsignal(signal.SIGTERM) is signal.SIG_DFL)
        # An ignored SIGTERM stays ignored.
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        otel.configure(set_global=False)
        print(signal.getsignal(signal.SIGTERM) is signal.SIG_IGN)
    """
    assert run_python(code).split() == ["True", "True"]
