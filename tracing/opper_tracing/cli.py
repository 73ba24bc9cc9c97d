"""The ``opper-tracing`` command.

::

    opper-tracing emulator --port 0 [--api-key K] [--host 127.0.0.1] [--faults SPEC]

Each subcommand is one ``_add_<name>(subparsers)`` function that sets ``handler`` on its parser;
a handler takes the parsed arguments and returns the exit status. Imports that need an extra
happen inside the handler, so ``import opper_tracing.cli`` needs nothing beyond the library.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["build_parser", "main"]

Handler = Callable[[argparse.Namespace], int]


def _run_emulator(args: argparse.Namespace) -> int:
    try:
        from opper_tracing.testing import Emulator, FaultSpecError
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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="opper-tracing", description="Tools for the Opper v2 API client."
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_emulator(subparsers)
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
