"""The ``opper-tracing`` command.

::

    opper-tracing emulator --port 0 [--api-key K] [--host 127.0.0.1] [--faults SPEC]
    opper-tracing call NAME --input JSON [--output-schema FILE] [--stream] [--tag k=v]
                            [--export console|otlp|none]

Each subcommand is one ``_add_<name>(subparsers)`` function that sets ``handler`` on its parser;
a handler takes the parsed arguments and returns the exit status. Imports that need an extra
happen inside the handler, so ``import opper_tracing.cli`` needs nothing beyond the library.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["build_parser", "main"]

Handler = Callable[[argparse.Namespace], int]


def _run_emulator(args: argparse.Namespace) -> int:
    try:
        from opper_emulator import Emulator, FaultSpecError
    except ImportError as exc:
        print(f"opper-tracing emulator: {exc}; install opper-tracing[emulator]", file=sys.stderr)
        return 1

    def ready(base_url: str) -> None:
        print(base_url, flush=True)

    try:
        emulator = Emulator(
            api_key=args.api_key,
            host=args.host,
            port=args.port,
            faults=args.faults,
            log_level=args.log_level,
        )
    except (ValueError, FaultSpecError) as exc:
        print(f"opper-tracing emulator: {exc}", file=sys.stderr)
        return 2
    try:
        emulator.serve_forever(ready=ready)
    except OSError as exc:
        print(f"opper-tracing emulator: cannot listen: {exc}", file=sys.stderr)
        return 1
    return 0


def _add_emulator(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "emulator",
        help="serve the Opper API emulator on a loopback port",
        description=(
            "Serve the Opper v2 API emulator under /v2 on a loopback address. Prints the base URL "
            "(e.g. http://127.0.0.1:PORT/v2) on stdout once listening; logs go to stderr. "
            "Stops on Ctrl-C or SIGTERM."
        ),
    )
    parser.add_argument("--host", default="127.0.0.1", help="loopback address (127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port; 0 picks a free one (0)")
    parser.add_argument(
        "--api-key",
        default=None,
        help="the one key accepted (default: $OPPER_API_KEY, else opper-emulator-key)",
    )
    parser.add_argument(
        "--faults",
        default=None,
        metavar="SPEC",
        help="default fault spec, e.g. 'delay-chunk=0.1; drop-after=5' (X-Emulator-Fault grammar)",
    )
    parser.add_argument(
        "--log-level",
        default="info",
        choices=["critical", "error", "warning", "info", "debug", "trace"],
        help="uvicorn log level (info)",
    )
    parser.set_defaults(handler=_run_emulator)


def _json_argument(text: str) -> Any:
    """JSON, or the plain text itself when it does not parse as JSON."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def _schema_file(path: str) -> Any:
    try:
        with open(path, encoding="utf-8") as file:
            return json.load(file)
    except OSError as exc:
        raise argparse.ArgumentTypeError(f"cannot read {path}: {exc.strerror}") from None
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{path} is not JSON: {exc}") from None


def _tag(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"a tag is KEY=VALUE, got {text!r}")
    return key, value


def _run_call(args: argparse.Namespace) -> int:
    from . import otel
    from ._client import Opper
    from ._exceptions import InvalidRequestError, OpperError

    exporting = args.export != "none"
    provider = meters = None
    if exporting:
        try:
            provider = otel.configure(
                service_name="opper-tracing-cli",
                exporter=args.export,
                metrics=False if args.export == "console" else None,
                set_global=False,
            )
        except ImportError as exc:
            print(f"opper-tracing call: {exc}", file=sys.stderr)
            return 1
        meters = otel.meter_provider()
    arguments: dict[str, Any] = {
        "input": args.input,
        "instructions": args.instructions,
        "output_schema": args.output_schema,
        "input_schema": args.input_schema,
        "model": args.model,
        "tags": dict(args.tag) or None,
    }
    try:
        with Opper(
            api_key=args.api_key, base_url=args.base_url,
            tracer_provider=provider, meter_provider=meters,
        ) as opper:  # fmt: skip
            if args.stream:
                with opper.stream(args.name, **arguments) as stream:
                    for chunk in stream:
                        if chunk.chunk_type == "text":
                            print(chunk.delta, end="", flush=True)
                        elif chunk.chunk_type is not None:
                            print(f"{chunk.json_path}: {chunk.delta!r}", flush=True)
                if stream.output is not None:
                    print(json.dumps(stream.output, indent=2))
                else:
                    print()
                span_id = stream.span_id
            else:
                result = opper.call(args.name, **arguments)
                if isinstance(result.message, str):
                    print(result.message)
                else:
                    print(json.dumps(result.output, indent=2))
                span_id = str(result.span_id)
        print(f"opper span: {span_id}", file=sys.stderr)
        return 0
    except InvalidRequestError as exc:
        print(f"opper-tracing call: {exc}", file=sys.stderr)
        return 2
    except OpperError as exc:
        print(f"opper-tracing call: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    finally:
        if exporting:
            otel.shutdown()


def _add_call(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "call",
        help="run a task once (or --stream it) and print the result",
        description=(
            "Run the task NAME against the API at --base-url (default: $OPPER_BASE_URL, else "
            "the public API) with the key from --api-key or $OPPER_API_KEY. Streamed deltas "
            "are printed as they arrive; the Opper span id goes to stderr."
        ),
    )
    parser.add_argument("name", metavar="NAME", help="the task's name")
    parser.add_argument(
        "--input", type=_json_argument, help="the input: JSON, or plain text if not JSON"
    )
    parser.add_argument("--instructions", help="what the model should do")
    parser.add_argument(
        "--output-schema", type=_schema_file, metavar="FILE", help="JSON Schema file for output"
    )
    parser.add_argument(
        "--input-schema", type=_schema_file, metavar="FILE", help="JSON Schema file for input"
    )
    parser.add_argument("--model", help="model name, e.g. openai/gpt-4o-mini")
    parser.add_argument("--stream", action="store_true", help="stream the result")
    parser.add_argument(
        "--tag", type=_tag, action="append", default=[], metavar="KEY=VALUE", help="a tag (repeat)"
    )
    parser.add_argument(
        "--export",
        choices=["console", "otlp", "none"],
        default="none",
        help="export the call's span: console, or OTLP per $OTEL_EXPORTER_OTLP_* (none)",
    )
    parser.add_argument("--base-url", default=None, help="API root (default: $OPPER_BASE_URL)")
    parser.add_argument("--api-key", default=None, help="API key (default: $OPPER_API_KEY)")
    parser.set_defaults(handler=_run_call)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="opper-tracing", description="Tools for the Opper v2 API client."
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_emulator(subparsers)
    _add_call(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); returns the exit status.

    >>> main(["emulator", "--host", "0.0.0.0"])         # doctest: +SKIP
    2
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error already printed by argparse
        return exc.code if isinstance(exc.code, int) else 2
    handler: Handler = args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:  # Ctrl-C before the server took over the signal
        return 130


if __name__ == "__main__":
    sys.exit(main())
