"""The ``opper-tracing`` command, for people and for scripts.

::

    opper-tracing --version
    opper-tracing emulator [--port 0] [--api-key K] [--faults SPEC]
    opper-tracing call NAME [--input VALUE] [--output-schema VALUE] [--stream] [--json]
                            [--model M]... [--tag K=V]... [--examples VALUE] ...

``call`` has one option per property of the spec's ``CallRequest`` (read from the generated
``DESCRIPTIONS``/``TEXT_FIELDS``, so a property added to ``openapi.yaml`` becomes an option after
``make generate``), plus the two schemas. A VALUE is inline JSON, ``@path`` (a file's content) or
``-`` (standard input); ``--input`` and the plain-text options also take text that is not JSON.
stdout carries the result alone: the text or JSON output, or with ``--json`` exactly one JSON
object; progress, structured deltas, the span id and exported spans go to stderr. The exit
status tells failures apart (``ExitCode``)::

    opper-tracing call add_numbers --input '{"x": 1, "y": 3}' \\
        --output-schema '{"type": "object", "properties": {"sum": {"type": "integer"}}}' --json
    {"output": {"sum": 4}, "span_id": "...", "usage": {...}, "cost": {...}}

Each subcommand is one ``_add_<name>(subparsers)`` function that sets ``handler`` on its parser;
a handler takes the parsed arguments and returns the exit status. Imports that need an extra
happen inside the handler, so ``import opper_tracing.cli`` needs nothing beyond the library.
"""

from __future__ import annotations

import argparse
import contextlib
import enum
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from opper_api.api.call import DESCRIPTIONS, TEXT_FIELDS

from ._version import __version__

if TYPE_CHECKING:
    from . import Opper

__all__ = ["ExitCode", "build_parser", "main"]

Handler = Callable[[argparse.Namespace], int]


class ExitCode(enum.IntEnum):
    """The exit status of ``opper-tracing``: scripts tell the failures apart by it.

    >>> ExitCode.AUTH, ExitCode.AUTH.meaning
    (<ExitCode.AUTH: 3>, 'no API key, or the API refused it (401, 403)')
    """

    meaning: str

    def __new__(cls, value: int, meaning: str) -> ExitCode:
        member = int.__new__(cls, value)
        member._value_ = value
        member.meaning = meaning
        return member

    OK = 0, "success"
    FAILURE = 1, "any other failure (for example a missing extra)"
    USAGE = 2, "bad arguments or an invalid request, found before anything was sent"
    AUTH = 3, "no API key, or the API refused it (401, 403)"
    API_STATUS = 4, "another error status (4xx, 5xx; after retries), or an answer not as asked"
    CONNECTION = 5, "no answer: the connection failed or timed out (after retries)"
    STREAM = 6, "a stream failed after it started (an error event, a broken stream)"
    INTERRUPTED = 130, "interrupted (Ctrl-C)"


def _exit_codes_epilog() -> str:
    lines = ["exit status:"]
    lines += [f"  {code.value:<4}{code.meaning}" for code in ExitCode]
    return "\n".join(lines)


class _UsageError(Exception):
    """A bad option value, reported with exit status ``USAGE``."""


def _fail(command: str, message: str, code: ExitCode) -> int:
    print(f"opper-tracing {command}: {message}", file=sys.stderr)
    return code


# --- emulator --------------------------------------------------------------------------------


def _run_emulator(args: argparse.Namespace) -> int:
    try:
        from opper_emulator import Emulator, FaultSpecError
    except ImportError as exc:
        return _fail("emulator", f"{exc}; install opper-tracing[emulator]", ExitCode.FAILURE)

    def ready(base_url: str) -> None:
        # KEY=VALUE lines: `set -a; . ./file` or a dotenv loader takes them as they are.
        print(f"OPPER_BASE_URL={base_url}")
        if args.api_key is None and os.environ.get("OPPER_API_KEY"):
            print("# OPPER_API_KEY: the key already in your environment")
        else:
            print(f"OPPER_API_KEY={emulator.api_key}")
        sys.stdout.flush()

    try:
        emulator = Emulator(
            api_key=args.api_key,
            host=args.host,
            port=args.port,
            faults=args.faults,
            log_level=args.log_level,
        )
    except (ValueError, FaultSpecError) as exc:
        return _fail("emulator", str(exc), ExitCode.USAGE)
    try:
        emulator.serve_forever(ready=ready)
    except OSError as exc:
        return _fail("emulator", f"cannot listen: {exc}", ExitCode.FAILURE)
    return ExitCode.OK


def _add_emulator(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "emulator",
        help="serve the Opper API emulator on a loopback port",
        description=(
            "Serve the Opper v2 API emulator under /v2 on a loopback address. Once listening it "
            "prints two lines on stdout, OPPER_BASE_URL=http://127.0.0.1:PORT/v2 and "
            "OPPER_API_KEY=KEY, ready to export (a key taken from $OPPER_API_KEY is not "
            "repeated); logs go to stderr. Stops on Ctrl-C or SIGTERM."
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


# --- call: options --------------------------------------------------------------------------

_VALUE_SYNTAX = "inline JSON, @FILE or - (stdin)"
# The properties with a form of their own here; every other one is a plain option.
_CUSTOM = frozenset({"name", "input", "model", "tags"})
_PARAMS = "CallRequestParams"


def _help(text: str) -> str:
    return text.replace("%", "%%")  # argparse formats help strings with %


def _read_source(text: str, option: str, stdin: list[bool]) -> str:
    """``text`` itself, a file's content for ``@path``, or standard input for ``-`` (once)."""
    if text == "-":
        if stdin:
            raise _UsageError(f"{option}: standard input (-) is already taken by another option")
        stdin.append(True)
        return sys.stdin.read()
    if text.startswith("@"):
        path = text[1:]
        try:
            with open(path, encoding="utf-8") as file:
                return file.read()
        except OSError as exc:
            raise _UsageError(f"{option}: cannot read {path}: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise _UsageError(f"{option}: {path} is not UTF-8 text") from None
    return text


def _chomp(text: str, content: str) -> str:
    """``content`` read for ``text``, less the newline ending a file's or stdin's last line."""
    return content.rstrip("\n") if text == "-" or text.startswith("@") else content


def _text_value(text: str, option: str, stdin: list[bool]) -> str:
    return _chomp(text, _read_source(text, option, stdin))


def _json_value(text: str, option: str, stdin: list[bool], *, text_ok: bool = False) -> Any:
    """The JSON value of an option; with ``text_ok``, text that is not JSON is sent as text."""
    content = _read_source(text, option, stdin)
    try:
        return json.loads(content)
    except ValueError as exc:
        if text_ok:
            return _chomp(text, content)
        hint = " (to read a file, write @PATH)" if os.path.exists(text) else ""
        where = "stdin" if text == "-" else text[1:] if text.startswith("@") else "the value"
        raise _UsageError(f"{option}: {where} is not JSON: {exc}{hint}") from None


def _tag(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"a tag is KEY=VALUE, got {text!r}")
    return key, value


def _add_request_options(parser: argparse.ArgumentParser) -> None:
    """One option per ``CallRequest`` property, as the spec describes it."""
    described = {name: text for name, text in DESCRIPTIONS[_PARAMS].items() if text}
    group = parser.add_argument_group("the request (CallRequest in openapi.yaml)")

    def about(name: str, how: str) -> str:
        return _help(f"{described.get(name, f'the {name} property')} [{how}]")

    group.add_argument("name", metavar="NAME", help=_help(described.get("name", "the task")))
    group.add_argument(
        "--input",
        metavar="VALUE",
        help=about("input", f"{_VALUE_SYNTAX}; text that is not JSON is sent as text"),
    )
    group.add_argument(
        "--model",
        action="append",
        default=[],
        metavar="MODEL",
        help=about("model", "a name or a JSON Model object; repeat for a fallback chain"),
    )
    group.add_argument(
        "--tag",
        dest="tags",
        type=_tag,
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help=about("tags", "repeat for more tags"),
    )
    for schema in ("input_schema", "output_schema"):
        group.add_argument(
            _option(schema),
            metavar="SCHEMA",
            help=about(schema, f"a JSON Schema: {_VALUE_SYNTAX}"),
        )
    plain = {
        name: name in TEXT_FIELDS[_PARAMS]
        for name in DESCRIPTIONS[_PARAMS]
        if name not in _CUSTOM and name not in ("input_schema", "output_schema")
    }
    for name, text in plain.items():
        group.add_argument(
            _option(name),
            dest=name,
            metavar="TEXT" if text else "VALUE",
            help=about(name, "text, @FILE or -" if text else _VALUE_SYNTAX),
        )
    parser.set_defaults(plain_properties=plain)


def _option(name: str) -> str:
    return "--" + name.replace("_", "-")


def _request(args: argparse.Namespace) -> dict[str, Any]:
    """The call's keywords from the parsed options (files and stdin read here)."""
    stdin: list[bool] = []
    keywords: dict[str, Any] = {}
    if args.input is not None:
        keywords["input"] = _json_value(args.input, "--input", stdin, text_ok=True)
    for schema in ("input_schema", "output_schema"):
        value = getattr(args, schema)
        if value is not None:
            keywords[schema] = _json_value(value, _option(schema), stdin)
    models = [_model(text) for text in args.model]
    if models:
        keywords["model"] = models[0] if len(models) == 1 else models
    if args.tags:
        keywords["tags"] = dict(args.tags)
    for name, text in args.plain_properties.items():
        value = getattr(args, name)
        if value is not None:
            read = _text_value if text else _json_value
            keywords[name] = read(value, _option(name), stdin)
    return keywords


def _model(text: str) -> Any:
    """A model name, or a JSON ``Model`` object (``{"name": ..., "options": ...}``)."""
    if text.lstrip().startswith("{"):
        try:
            return json.loads(text)
        except ValueError as exc:
            raise _UsageError(f"--model: {text!r} is not a JSON object: {exc}") from None
    return text


# --- call: running ---------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A generated wrapper (``usage``, ``cost``) as JSON data; ``None`` when absent."""
    from opper_api.types import Unset

    if value is None or isinstance(value, Unset):
        return None
    to_dict = getattr(value, "to_dict", None)
    return to_dict() if callable(to_dict) else value


def _jsonable(value: Any) -> Any:
    """A typed output (a pydantic model, a dataclass) as JSON data."""
    from ._params import to_json

    return to_json(value, "output")


def _dump(value: Any, out: TextIO, *, indent: int | None = None) -> None:
    print(json.dumps(value, indent=indent, ensure_ascii=False, default=str), file=out, flush=True)


@contextlib.contextmanager
def _telemetry(export: str) -> Iterator[tuple[Any, Any]]:
    """(tracer_provider, meter_provider) for ``--export``; spans printed go to stderr."""
    if export == "none":
        yield None, None
        return
    from . import otel

    # The console exporter writes to the sys.stdout it finds when made; stdout is the result's.
    with contextlib.redirect_stdout(sys.stderr):
        provider = otel.configure(
            service_name="opper-tracing-cli",
            exporter="console" if export == "console" else "otlp",
            metrics=False if export == "console" else None,
            set_global=False,
        )
    try:
        yield provider, otel.meter_provider()
    finally:
        otel.shutdown()


def _run_call(args: argparse.Namespace) -> int:
    from . import Opper
    from ._exceptions import (
        APIConnectionError,
        APIResponseError,
        APIStatusError,
        AuthenticationError,
        InvalidRequestError,
        OpperError,
        PermissionDeniedError,
        StreamError,
    )

    try:
        keywords = _request(args)
    except _UsageError as exc:
        return _fail("call", str(exc), ExitCode.USAGE)
    if not (args.api_key or os.environ.get("OPPER_API_KEY")):
        return _fail("call", "no API key: pass --api-key or set OPPER_API_KEY", ExitCode.AUTH)
    options: dict[str, Any] = {}
    if args.timeout is not None:
        options["timeout"] = args.timeout
    if args.max_retries is not None:
        options["max_retries"] = args.max_retries
    outcome: dict[str, Any] = {}
    try:
        with (
            _telemetry(args.export) as (tracer_provider, meter_provider),
            Opper(
                api_key=args.api_key,
                base_url=args.base_url,
                tracer_provider=tracer_provider,
                meter_provider=meter_provider,
                **options,
            ) as opper,
        ):
            if args.stream:
                _stream(opper, args, keywords, outcome)
            else:
                result = opper.call(args.name, **keywords)
                outcome.update(
                    output=_jsonable(result.output),
                    span_id=str(result.span_id),
                    usage=_plain(result.usage),
                    cost=_plain(result.cost),
                )
    except ImportError as exc:  # --export without the otel extra
        return _fail("call", str(exc), ExitCode.FAILURE)
    except OpperError as exc:
        if isinstance(exc, InvalidRequestError):
            code = ExitCode.USAGE
        elif isinstance(exc, AuthenticationError | PermissionDeniedError):
            code = ExitCode.AUTH
        elif isinstance(exc, APIStatusError | APIResponseError):
            code = ExitCode.API_STATUS
        elif isinstance(exc, APIConnectionError):
            code = ExitCode.CONNECTION
        elif isinstance(exc, StreamError):
            code = ExitCode.STREAM
            outcome.update(output=exc.output if exc.output is not None else exc.text or None)
            outcome.setdefault("span_id", exc.span_id)
        else:
            code = ExitCode.FAILURE
        if args.json:
            error: dict[str, Any] = {"type": type(exc).__name__, "message": str(exc)}
            if isinstance(exc, APIStatusError):
                error["status_code"] = exc.status_code
            _dump({"error": error, **outcome}, sys.stdout)
        return _fail("call", f"{type(exc).__name__}: {exc}", code)
    if outcome.get("span_id"):
        print(f"opper span: {outcome['span_id']}", file=sys.stderr)
    if args.json:
        _dump(outcome, sys.stdout)
    elif not args.stream:
        output = outcome["output"]
        if isinstance(output, str):
            print(output)
        else:
            _dump(output, sys.stdout, indent=2)
    return ExitCode.OK


def _stream(
    opper: Opper, args: argparse.Namespace, keywords: dict[str, Any], outcome: dict[str, Any]
) -> None:
    """Stream the call: text deltas to stdout (stderr with ``--json``), structured deltas to
    stderr as ``path: value`` lines; ``outcome`` gets the result at the end."""
    from ._types import CHUNK_JSON, CHUNK_TEXT

    text_out = sys.stderr if args.json else sys.stdout
    structured = "output_schema" in keywords
    with opper.stream(args.name, **keywords) as stream:
        for chunk in stream:
            if chunk.chunk_type == CHUNK_TEXT:
                print(chunk.delta, end="", file=text_out, flush=True)
            elif chunk.chunk_type == CHUNK_JSON:
                print(f"{chunk.json_path}: {json.dumps(chunk.delta)}", file=sys.stderr, flush=True)
        output = stream.get_final_output()
    if not structured:
        print(file=text_out, flush=True)
    outcome.update(output=_jsonable(output), span_id=stream.span_id, usage=None, cost=None)
    if structured and not args.json:
        _dump(outcome["output"], sys.stdout, indent=2)


def _add_call(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "call",
        help="run a task once (or --stream it) and print the result",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Run the task NAME against the API at --base-url (default: $OPPER_BASE_URL, else the\n"
            "public API) with the key from --api-key or $OPPER_API_KEY. stdout gets the result\n"
            "alone: the text, or the JSON output, or with --json one JSON object. Progress,\n"
            "structured deltas, the Opper span id and exported spans go to stderr."
        ),
        epilog=_exit_codes_epilog(),
    )
    _add_request_options(parser)
    out = parser.add_argument_group("output")
    out.add_argument(
        "--stream", action="store_true", help="stream the result, printing deltas as they arrive"
    )
    out.add_argument(
        "--json",
        action="store_true",
        help=(
            "print one JSON object on stdout: {output, span_id, usage, cost} (streams: at the "
            "end; usage and cost are null), or {error: {type, message, status_code}, ...}"
        ),
    )
    out.add_argument(
        "--export",
        choices=["console", "otlp", "none"],
        default="none",
        help="export the call's span: console (to stderr), or OTLP per $OTEL_EXPORTER_OTLP_*",
    )
    client = parser.add_argument_group("the client")
    client.add_argument("--base-url", default=None, help="API root (default: $OPPER_BASE_URL)")
    client.add_argument("--api-key", default=None, help="API key (default: $OPPER_API_KEY)")
    client.add_argument(
        "--timeout",
        type=float,
        default=None,
        metavar="SECONDS",
        help="one timeout for connect, read and write",
    )
    client.add_argument(
        "--max-retries", type=int, default=None, metavar="N", help="retries of 429/5xx (2)"
    )
    parser.set_defaults(handler=_run_call)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="opper-tracing",
        description="Tools for the Opper v2 API client.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_exit_codes_epilog(),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
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
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return exc.code if isinstance(exc.code, int) else ExitCode.USAGE
    handler: Handler = args.handler
    try:
        return int(handler(args))
    except KeyboardInterrupt:  # Ctrl-C before the server took over the signal
        return ExitCode.INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
