"""The ``opper-tracing`` command::

    opper-tracing emulator [--port 0] [--api-key K] [--faults SPEC]
    opper-tracing call NAME [--input VALUE] [--output-schema VALUE] [--stream] [--json] ...

``call`` has an option per property of the spec's ``CallRequest`` (the generated ``DESCRIPTIONS``).
"""

from __future__ import annotations

import argparse
import contextlib
import enum
import json
import os
import sys
from argparse import RawDescriptionHelpFormatter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

from opper_api.api.call import DESCRIPTIONS, TEXT_FIELDS

from . import CHUNK_JSON, CHUNK_TEXT, Opper, __version__
from . import _exceptions as errors
from ._params import to_json

__all__ = ["ExitCode", "build_parser", "main"]


class ExitCode(enum.IntEnum):
    """The exit status of ``opper-tracing``, with its ``meaning``: scripts tell failures apart."""

    meaning: str

    def __new__(cls, value: int, meaning: str) -> ExitCode:
        member = int.__new__(cls, value)
        member._value_, member.meaning = value, meaning
        return member

    OK = 0, "success"
    FAILURE = 1, "any other failure (for example a missing extra)"
    USAGE = 2, "bad arguments or an invalid request, found before anything was sent"
    AUTH = 3, "no API key, or the API refused it (401, 403)"
    API_STATUS = 4, "another error status (4xx, 5xx; after retries), or an answer not as asked"
    CONNECTION = 5, "no answer: the connection failed or timed out (after retries)"
    STREAM = 6, "a stream failed after it started (an error event, a broken stream)"
    INTERRUPTED = 130, "interrupted (Ctrl-C)"


_EPILOG = "exit status:\n" + "\n".join(f"  {code.value:<4}{code.meaning}" for code in ExitCode)
_ERRORS: dict[ExitCode, tuple[type[Exception], ...]] = {  # the first that matches
    ExitCode.USAGE: (errors.InvalidRequestError,),
    ExitCode.AUTH: (errors.AuthenticationError, errors.PermissionDeniedError),
    ExitCode.API_STATUS: (errors.APIStatusError, errors.APIResponseError),
    ExitCode.CONNECTION: (errors.APIConnectionError,),
    ExitCode.STREAM: (errors.StreamError,),
}
_PROPERTIES = DESCRIPTIONS["CallRequestParams"]
_VALUE = "inline JSON, @FILE or - (stdin)"


def _fail(command: str, message: str, code: ExitCode) -> int:
    print(f"opper-tracing {command}: {message}", file=sys.stderr)
    return code


def _dump(value: Any, indent: int | None = None) -> None:
    print(json.dumps(value, indent=indent, ensure_ascii=False, default=str), flush=True)


def _run_emulator(args: argparse.Namespace) -> int:
    try:
        from opper_emulator import Emulator, FaultSpecError
    except ImportError as exc:
        return _fail("emulator", f"{exc}; install opper-tracing[emulator]", ExitCode.FAILURE)

    def ready(base_url: str) -> None:
        key = f"OPPER_API_KEY={emulator.api_key}"
        if args.api_key is None and os.environ.get("OPPER_API_KEY"):
            key = "# OPPER_API_KEY: the key already in your environment"
        print(f"OPPER_BASE_URL={base_url}", key, f"# v3 root: {emulator.root_url}", sep="\n")
        sys.stdout.flush()

    try:  # the options are named as Emulator's keywords
        emulator = Emulator(**{k: v for k, v in vars(args).items() if k != "handler"})
    except (ValueError, FaultSpecError) as exc:
        return _fail("emulator", str(exc), ExitCode.USAGE)
    try:
        emulator.serve_forever(ready=ready)
    except OSError as exc:
        return _fail("emulator", f"cannot listen: {exc}", ExitCode.FAILURE)
    return ExitCode.OK


class _Read(argparse.Action):
    """Stores VALUE, inline or read from @FILE or - (stdin, for one option only), as JSON; with
    ``const="text"`` as text, with ``const="fallback"`` as text when it is not JSON."""

    def __call__(self, parser: Any, namespace: Any, values: Any, option_string: Any = None) -> None:
        content, where = values, "the value"
        try:
            if values == "-":
                if getattr(namespace, "stdin_read", False):
                    raise argparse.ArgumentError(self, "standard input (-) is already taken")
                namespace.stdin_read = True
                content, where = sys.stdin.read().rstrip("\n"), "stdin"
            elif values.startswith("@"):
                content = Path(where := values[1:]).read_text("utf-8").rstrip("\n")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
            raise argparse.ArgumentError(self, f"cannot read {where}: {reason}") from None
        try:
            setattr(namespace, self.dest, content if self.const == "text" else json.loads(content))
        except ValueError as exc:
            if self.const is None:
                hint = " (to read a file, write @PATH)" if os.path.exists(values) else ""
                raise argparse.ArgumentError(self, f"{where} is not JSON: {exc}{hint}") from None
            setattr(namespace, self.dest, content)


def _model(text: str) -> Any:
    try:
        return json.loads(text) if text.lstrip().startswith("{") else text
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a JSON object: {exc}") from None


def _tag(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"a tag is KEY=VALUE, got {text!r}")
    return key, value


@contextlib.contextmanager
def _telemetry(export: Literal["console", "otlp", "none"]) -> Iterator[dict[str, Any]]:
    if export == "none":
        yield {}
        return
    from . import otel

    metrics = None if export == "otlp" else False  # as $OTEL_METRICS_EXPORTER says; none to print
    with contextlib.redirect_stdout(sys.stderr):  # what the console exporter will print to
        tracer = otel.configure(
            service_name="opper-tracing-cli", exporter=export, metrics=metrics, set_global=False
        )
    try:
        yield {"tracer_provider": tracer, "meter_provider": otel.meter_provider()}
    finally:
        otel.shutdown()


def _stream(opper: Opper, args: argparse.Namespace, keywords: dict[str, Any]) -> dict[str, Any]:
    text_out = sys.stderr if args.json else sys.stdout
    with opper.stream(args.name, **keywords) as stream:
        for chunk in stream:
            if chunk.chunk_type == CHUNK_TEXT:
                print(chunk.delta, end="", file=text_out, flush=True)
            elif chunk.chunk_type == CHUNK_JSON:
                print(f"{chunk.json_path}: {json.dumps(chunk.delta)}", file=sys.stderr, flush=True)
        output = stream.get_final_output()
    if "output_schema" not in keywords:
        print(file=text_out, flush=True)
    return {"output": output, "span_id": stream.span_id, "usage": None, "cost": None}


def _run_call(args: argparse.Namespace) -> int:
    given = vars(args)
    if not (given.get("api_key") or os.environ.get("OPPER_API_KEY")):
        return _fail("call", "no API key: pass --api-key or set OPPER_API_KEY", ExitCode.AUTH)
    keywords = {k: v for k, v in given.items() if k in _PROPERTIES and k != "name"}
    if len(keywords.get("model", ())) == 1:
        keywords["model"] = keywords["model"][0]
    if "tags" in keywords:
        keywords["tags"] = dict(keywords["tags"])
    client = {k: given[k] for k in ("api_key", "base_url", "timeout", "max_retries") if k in given}
    outcome: dict[str, Any] = {}
    try:
        with _telemetry(args.export) as providers, Opper(**client, **providers) as opper:
            if args.stream:
                outcome = _stream(opper, args, keywords)
            else:
                result = opper.call(args.name, **keywords)
                outcome = {"output": result.output, "span_id": result.span_id}
                outcome.update(usage=result.usage or None, cost=result.cost or None)
            outcome = to_json(outcome, "the result")
    except ImportError as exc:  # --export without the otel extra
        return _fail("call", str(exc), ExitCode.FAILURE)
    except errors.OpperError as exc:
        if isinstance(exc, errors.StreamError):
            output = exc.output if exc.output is not None else exc.text or None
            outcome = {"output": output, "span_id": exc.span_id}
        if args.json:
            error: dict[str, Any] = {"type": type(exc).__name__, "message": str(exc)}
            if isinstance(exc, errors.APIStatusError):
                error["status_code"] = exc.status_code
            _dump({"error": error, **outcome})
        code = next((c for c, kinds in _ERRORS.items() if isinstance(exc, kinds)), ExitCode.FAILURE)
        return _fail("call", f"{type(exc).__name__}: {exc}", code)
    if outcome["span_id"]:
        print(f"opper span: {outcome['span_id']}", file=sys.stderr)
    if args.json:
        _dump(outcome)
    elif not args.stream and isinstance(outcome["output"], str):
        print(outcome["output"])
    elif not args.stream or "output_schema" in keywords:  # a text stream is printed already
        _dump(outcome["output"], indent=2)
    return ExitCode.OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    common: dict[str, Any] = {"epilog": _EPILOG, "formatter_class": RawDescriptionHelpFormatter}
    parser = argparse.ArgumentParser(prog="opper-tracing", **common)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    emulator = commands.add_parser(
        "emulator",
        help="serve the Opper API emulator on a loopback port",
        description="Serve the Opper API emulator (v2 at /v2, v3 at /v3) on a loopback address\n"
        "until Ctrl-C or SIGTERM, logging to stderr; once listening, print for a dotenv loader:\n"
        "  OPPER_BASE_URL=http://127.0.0.1:PORT/v2  (opper_tracing.v3 clients take it too)\n"
        "  OPPER_API_KEY=KEY                        (a comment if it is $OPPER_API_KEY's)\n"
        "  # v3 root: http://127.0.0.1:PORT         (the base URL of other v3 clients)",
        formatter_class=RawDescriptionHelpFormatter,
    )
    add = emulator.add_argument
    add("--host", default="127.0.0.1", help="loopback address (127.0.0.1)")
    add("--port", type=int, default=0, help="port; 0 picks a free one (0)")
    add("--api-key", help="the one key accepted (default: $OPPER_API_KEY, else opper-emulator-key)")
    add("--faults", metavar="SPEC", help="a default X-Emulator-Fault spec, e.g. 'status=503'")
    levels = ["critical", "error", "warning", "info", "debug", "trace"]
    add("--log-level", default="info", choices=levels, help="uvicorn log level (info)")
    emulator.set_defaults(handler=_run_emulator)

    call = commands.add_parser(
        "call",
        help="run a task once (or --stream it) and print the result",
        description="Run task NAME at --base-url ($OPPER_BASE_URL, else the public API) with the\n"
        "key from --api-key ($OPPER_API_KEY). stdout gets the result alone (with --json: one\n"
        "JSON object); progress, deltas, the span id and exported spans go to stderr.",
        argument_default=argparse.SUPPRESS,  # an option not given is not passed on
        **common,
    )
    add = call.add_argument_group("the request (CallRequest in openapi.yaml)").add_argument
    add("name", metavar="NAME", help=_PROPERTIES["name"].replace("%", "%%"))
    forms: dict[str, tuple[str, dict[str, Any]]] = {
        "input": (f"{_VALUE}; text that is not JSON is sent as text", {"const": "fallback"}),
        "model": ("a name or a JSON Model object; repeat for a fallback chain", {"type": _model}),
        "tags": ("repeat for more tags", {"type": _tag, "metavar": "KEY=VALUE"}),
    }
    for name, about in _PROPERTIES.items():
        text = name in TEXT_FIELDS["CallRequestParams"]
        how, form = forms.get(name, ("text, @FILE or -" if text else _VALUE, {}))
        repeat = "type" in form
        options = {"action": "append" if repeat else _Read, "const": "text" if text else None}
        options["metavar"] = name.upper() if repeat else "TEXT" if text else "VALUE"
        if name != "name":
            option = "--tag" if name == "tags" else "--" + name.replace("_", "-")
            described = f"{about or f'the {name} property'} [{how}]".replace("%", "%%")
            add(option, dest=name, help=described, **{**options, **form})
    add = call.add_argument_group("output").add_argument
    add("--stream", action="store_true", help="print deltas as they arrive")
    add(
        "--json",
        action="store_true",
        help="print one JSON object on stdout: {output, span_id, usage, cost} (streams: at the "
        "end; usage and cost are null), or {error: {type, message, status_code}, ...}",
    )
    add(
        "--export",
        choices=["console", "otlp", "none"],
        default="none",
        help="export the call's span: console (to stderr), or OTLP per $OTEL_EXPORTER_OTLP_*",
    )
    add = call.add_argument_group("the client").add_argument
    add("--base-url", help="API root (default: $OPPER_BASE_URL)")
    add("--api-key", help="API key (default: $OPPER_API_KEY)")
    add("--timeout", type=float, metavar="SECONDS", help="one timeout for connect, read and write")
    add("--max-retries", type=int, metavar="N", help="retries of 429/5xx (2)")
    call.set_defaults(handler=_run_call, stream=False, json=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    try:
        args = build_parser().parse_args(argv)  # which reads the values given as @FILE and -
        return int(args.handler(args))
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return exc.code if isinstance(exc.code, int) else ExitCode.USAGE
    except KeyboardInterrupt:  # Ctrl-C before the server took over the signal
        return ExitCode.INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
