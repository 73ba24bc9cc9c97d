"""The project's demo: a traced service calls Opper once whole and once streamed.

``make demo`` (or ``python -m demo``) starts the loopback emulator, runs the seed
task ``add_numbers`` inside ``trace()`` under a service span, prints the streamed deltas as they
arrive, then prints the OpenTelemetry span tree it recorded and the Opper spans the calls
created, so the two worlds can be compared without any backend, even with ``OPPER_API_KEY`` set.
It passes a model and turns on content capture and ``stream_usage``, so the spans hold what a
backend shows: function names, model, tokens and cost for the call and the stream, input and
output, and the tags as metadata.
``--live`` (``make demo LIVE=1``) talks to the real API instead, with the key from
``OPPER_API_KEY`` (``OPPER_BASE_URL`` overrides the address).

``--otlp URL`` also exports the spans over OTLP/HTTP (for example to a local Phoenix at
``http://127.0.0.1:6006``); ``--project NAME`` routes them to a Phoenix project.
``--phoenix`` (``make demo-phoenix``) starts a local Phoenix from ``.venv-phoenix``, exports
there, and prints the URL of the trace in Phoenix's UI.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from opper_tracing import Opper, OpperError, otel

if TYPE_CHECKING:
    from opentelemetry.sdk.metrics import MeterProvider
    from opentelemetry.sdk.trace import ReadableSpan, TracerProvider

__all__ = ["MODEL", "SEED", "main", "render_span_tree", "run_demo"]

MODEL = "openai/gpt-4o-mini"
"""The model the demo asks for (one Phoenix has prices for, so it shows a cost too)."""

SEED: dict[str, Any] = {
    "name": "add_numbers",
    "instructions": "Calculate the sum of two numbers",
    "input_schema": {
        "type": "object",
        "properties": {
            "x": {"title": "X", "type": "integer"},
            "y": {"title": "Y", "type": "integer"},
        },
        "required": ["x", "y"],
        "title": "OpperInputExample",
    },
    "output_schema": {
        "type": "object",
        "properties": {"sum": {"title": "Sum", "type": "integer"}},
        "required": ["sum"],
        "title": "OpperOutputExample",
    },
    "examples": [{"comment": "Adds two numbers", "input": {"x": 1, "y": 3}, "output": {"sum": 4}}],
    "tags": {"project": "project_456", "user": "company_123"},
}
"""The seed example of the API's reference page for ``POST /call/stream``."""


@contextlib.contextmanager
def _api_base_url(out: TextIO, live: bool) -> Iterator[tuple[str | None, str | None, Any]]:
    """Yield (base_url, api_key, emulator): the emulator, or with ``live`` the real API."""
    if live:
        print("--live: talking to the real Opper API.", file=out)
        yield None, None, None
        return
    from opper_emulator import DEFAULT_API_KEY, Emulator

    emulator = Emulator(api_key=DEFAULT_API_KEY)
    with emulator as base_url:
        print(f"Opper API emulator listening at {base_url} (no key, no network).", file=out)
        yield base_url, DEFAULT_API_KEY, emulator


def run_demo(
    provider: TracerProvider,
    out: TextIO = sys.stdout,
    *,
    live: bool = False,
    meter_provider: MeterProvider | None = None,
) -> dict[str, Any]:
    """Run the seed task with ``call`` and ``stream`` inside a trace, spans going to
    ``provider``. Returns the results and, against the emulator, the Opper spans it stored."""
    from opentelemetry.trace import SpanKind

    tracer = provider.get_tracer("demo")
    task = {**SEED, "model": MODEL}
    name = task.pop("name")
    report: dict[str, Any] = {}
    with (
        _api_base_url(out, live) as (base_url, api_key, emulator),
        Opper(
            api_key=api_key,
            base_url=base_url,
            tracer_provider=provider,
            meter_provider=meter_provider,
            capture_content=True,
            stream_usage=True,
        ) as opper,
    ):
        with tracer.start_as_current_span("POST /checkout", kind=SpanKind.SERVER) as service:
            with opper.trace(
                "checkout-flow",
                input={"order": 42},
                meta={"team": "demo"},
                session_id="demo-session",
                user_id="demo-user",
            ) as trace:
                result = opper.call(name, input={"x": 1, "y": 3}, **task)
                print(f"\ncall   -> {result.json_payload}  (Opper span {result.span_id})", file=out)
                print(f"          {_usage(result.usage, result.cost)}", file=out)
                print("stream -> ", end="", file=out, flush=True)
                with opper.stream(name, input={"x": 2, "y": 40}, **task) as stream:
                    for chunk in stream:
                        if chunk.delta is not None:
                            print(
                                f"[{chunk.json_path}: {chunk.delta!r}]",
                                end=" ",
                                file=out,
                                flush=True,
                            )
                print(f"\n       => {stream.output}  (Opper span {stream.span_id})", file=out)
                print(f"          {_usage(stream.usage, stream.cost)}", file=out)
                trace.set_output({"call": result.json_payload, "stream": stream.output})
            report.update(
                call=result,
                stream_output=stream.output,
                stream_span_id=stream.span_id,
                trace_span_id=trace.span_id,
                otel_trace_id=format(service.get_span_context().trace_id, "032x"),
            )
        if emulator is not None:
            report["opper_spans"] = dict(emulator.spans)
    return report


def _usage(usage: Any, cost: Any) -> str:
    if usage is None:
        return "no usage reported"
    tokens = usage.to_dict()
    text = ", ".join(f"{key} {tokens[key]}" for key in sorted(tokens))
    return text if cost is None else f"{text}, cost ${cost.to_dict().get('total', 0):.6f}"


def render_span_tree(spans: Sequence[ReadableSpan]) -> str:
    """The spans as an indented tree: name, kind, duration, status, Opper ids and tags."""
    by_parent: dict[int | None, list[ReadableSpan]] = {}
    ids = {span.context.span_id for span in spans if span.context is not None}
    for span in sorted(spans, key=lambda s: s.start_time or 0):
        parent = span.parent.span_id if span.parent is not None else None
        by_parent.setdefault(parent if parent in ids else None, []).append(span)
    lines: list[str] = []

    def walk(parent: int | None, prefix: str) -> None:
        children = by_parent.get(parent, [])
        for position, span in enumerate(children):
            last = position == len(children) - 1
            lines.append(prefix + ("└─ " if last else "├─ ") + _describe(span))
            detail_prefix = prefix + ("   " if last else "│  ")
            for detail in _details(span):
                lines.append(detail_prefix + "   " + detail)
            if span.context is not None:
                walk(span.context.span_id, detail_prefix)

    walk(None, "")
    return "\n".join(lines)


def _describe(span: ReadableSpan) -> str:
    duration = ((span.end_time or 0) - (span.start_time or 0)) / 1e6
    status = span.status.status_code.name
    return f"{span.name}  [{span.kind.name}, {duration:.1f} ms, {status}]"


def _details(span: ReadableSpan) -> list[str]:
    attributes = dict(span.attributes or {})
    keys = [
        "opper.function.name",
        "gen_ai.request.model",
        "opper.span_id",
        "opper.parent_span_id",
        "opper.trace_id",
        "gen_ai.conversation.id",
        "gen_ai.request.stream",
        "gen_ai.output.type",
        "gen_ai.response.time_to_first_chunk",
        "gen_ai.usage.input_tokens",
        "gen_ai.usage.output_tokens",
        "opper.cost.total",
        "output.value",
    ]
    details = [f"{key} = {_short(attributes[key])}" for key in keys if key in attributes]
    tags = {
        k.removeprefix("opper.tags."): v
        for k, v in attributes.items()
        if k.startswith("opper.tags.")
    }
    if tags:
        details.append("tags: " + ", ".join(f"{k}={v}" for k, v in sorted(tags.items())))
    return details


def _short(value: Any) -> str:
    return f"{value:.6g}" if isinstance(value, float) else str(value)


def _render_opper_spans(spans: dict[str, dict[str, Any]]) -> str:
    children: dict[str | None, list[dict[str, Any]]] = {}
    for span in spans.values():
        parent = span.get("parent_id")
        children.setdefault(parent if parent in spans else None, []).append(span)
    lines: list[str] = []

    def walk(parent: str | None, prefix: str) -> None:
        siblings = children.get(parent, [])
        for position, span in enumerate(siblings):
            last = position == len(siblings) - 1
            meta = span.get("meta") or {}
            link = f"  otel.span_id={meta['otel.span_id']}" if "otel.span_id" in meta else ""
            kind = span.get("type") or "span"
            branch = "└─ " if last else "├─ "
            lines.append(f"{prefix}{branch}{span['name']}  [{kind}] id={span['id']}{link}")
            walk(span["id"], prefix + ("   " if last else "│  "))

    walk(None, "")
    return "\n".join(lines)


def phoenix_trace_url(base_url: str, project: str, trace_id: str, timeout: float = 30) -> str:
    """The trace's page in Phoenix's UI, once Phoenix has ingested the trace."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{base_url}/v1/projects", timeout=5) as response:
                projects = json.loads(response.read())["data"]
            project_id = next(p["id"] for p in projects if p["name"] == project)
            spans_url = f"{base_url}/v1/projects/{project}/spans?trace_id={trace_id}&limit=1"
            with urllib.request.urlopen(spans_url, timeout=5) as response:
                if json.loads(response.read())["data"]:
                    return f"{base_url}/projects/{project_id}/traces/{trace_id}"
        except (OSError, StopIteration, KeyError, ValueError):
            pass
        if time.monotonic() > deadline:
            return f"{base_url}/projects (trace {trace_id} not found in {timeout:.0f} s)"
        time.sleep(0.25)


def main(argv: Sequence[str] | None = None, out: TextIO = sys.stdout) -> int:
    """Run the demo; see the module docstring. Returns the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m demo", description=__doc__)
    parser.add_argument("--otlp", metavar="URL", help="also export spans over OTLP/HTTP to URL")
    parser.add_argument("--project", default="opper-tracing-demo", help="Phoenix project name")
    parser.add_argument(
        "--phoenix", action="store_true", help="start a local Phoenix and export the trace to it"
    )
    parser.add_argument(
        "--live", action="store_true", help="call the real Opper API (needs OPPER_API_KEY)"
    )
    args = parser.parse_args(argv)
    if args.live and not os.environ.get("OPPER_API_KEY"):
        parser.error("--live needs OPPER_API_KEY set to your Opper API key")
    if args.phoenix:
        return _main_phoenix(args, out)
    return _run(args, out)


def _main_phoenix(args: argparse.Namespace, out: TextIO) -> int:
    from .phoenix import Phoenix, PhoenixError

    print("starting Phoenix (this takes 10-60 s)...", file=out, flush=True)
    phoenix = Phoenix()
    try:
        args.otlp = phoenix.start()
    except PhoenixError as exc:
        print(f"cannot start Phoenix: {exc}", file=sys.stderr)
        return 1
    try:
        status = _run(args, out, phoenix_url=args.otlp)
        if status == 0 and sys.stdin.isatty():
            print("\nPhoenix keeps running: press Enter to stop it.", file=out, flush=True)
            with contextlib.suppress(EOFError, KeyboardInterrupt):
                input()
        return status
    finally:
        phoenix.stop()


def _run(args: argparse.Namespace, out: TextIO, phoenix_url: str | None = None) -> int:
    try:
        from opentelemetry.sdk.trace.export import SimpleSpanProcessor
        from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

        # What a service without an SDK would do: one call, OTLP/HTTP when there is somewhere
        # to send to (metrics too; a traces-only backend such as Phoenix turns them off).
        provider = otel.configure(
            service_name="checkout-service",
            exporter="otlp" if args.otlp else "none",
            endpoint=args.otlp,
            resource_attributes={"openinference.project.name": args.project},
            set_global=False,
        )
    except ImportError:
        print(
            "the demo needs the OpenTelemetry SDK: pip install 'opper-tracing[otel]'",
            file=sys.stderr,
        )
        return 2
    memory = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(memory))
    try:
        report = run_demo(provider, out, live=args.live, meter_provider=otel.meter_provider())
    except OpperError as exc:  # e.g. --live while offline: a message, not a traceback
        print(f"the demo failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    finally:
        otel.shutdown()
    print("\nOpenTelemetry spans recorded (what your backend receives):", file=out)
    print(render_span_tree(memory.get_finished_spans()), file=out)
    if "opper_spans" in report:
        print("\nOpper spans stored by the API (emulator), linked by parent_span_id:", file=out)
        print(_render_opper_spans(report["opper_spans"]), file=out)
    print(f"\nOTel trace id: {report['otel_trace_id']}", file=out)
    if phoenix_url is not None:
        url = phoenix_trace_url(phoenix_url, args.project, report["otel_trace_id"])
        print(f"The trace in Phoenix: {url}", file=out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
