"""Every benchmark in one process: ``python -m benchmarks.run [--quick]`` (``make bench``).

The combined Markdown goes to stdout and to ``BENCHMARKS.md`` (``--output`` to change or, with
``-``, skip the file): a header describing the machine and the peers' versions, a "Targets"
section saying which targets are met, then each benchmark's section. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import subprocess
import sys
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Final

from benchmarks import (
    bench_client,
    bench_concurrency,
    bench_loopback,
    bench_service,
    bench_sse,
    bench_tracing,
)
from benchmarks.bench_client import Result

__all__ = ["main"]

ROOT: Final = Path(__file__).resolve().parent.parent
PEERS: Final = (
    "httpx",
    "httpx-sse",
    "openai",
    "sseclient-py",
    "opperai",
    "opentelemetry-sdk",
    "aiohttp",
    "httpx-aiohttp",
)
BUDGET_SECONDS: Final = {False: 900.0, True: 120.0}
"""Whole-run time limits: full mode under 15 minutes (the 2,000- and 5,000-stream rows alone
take a few), quick (CI) mode under 2 minutes."""


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024**2:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def _commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head} (with uncommitted changes)" if dirty else head


def header(quick: bool, started: datetime.datetime) -> str:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = ", ".join(f"{dist} {_version(dist)}" for dist in PEERS)
    command = "python -m benchmarks.run" + (" --quick" if quick else "")
    make = "make bench-quick" if quick else "make bench"
    return f"""# Benchmarks

- Machine: {cpus} CPUs (nproc), {_cpu_model()}, {_ram()} RAM; {platform.platform()}
- Python: {platform.python_implementation()} {platform.python_version()}
- Peers: {versions}; opper-tracing {_version("opper-tracing")} at commit {_commit()}
- Command: `{command}` (`{make}`), {"quick (CI-sized)" if quick else "full"} mode
- Date: {started:%Y-%m-%d %H:%M} UTC

Each figure is a median over repetitions with its min{bench_sse.DASH}max range; every comparison
is a ratio of runs made in the same process and the same rounds, with the contenders' order
rotated every round. The machine is shared and virtual: single runs vary by tens of percent, so
read ratios, not absolute times, and expect a second run to differ in the second digit.
"""


def _verdict(met: bool) -> str:
    return "**met**" if met else "**not met**"


def _verdict_lines(section: str) -> list[str]:
    """The ``- ...**met**...`` bullets a section states its own verdicts in, without the dash."""
    return [
        line.removeprefix("- ")
        for line in section.splitlines()
        if re.match(r"- .*\*\*(not )?met\*\*", line, re.IGNORECASE)
    ]


def targets(
    quick: bool,
    sse: str,
    loopback: Result,
    tracing: Result,
    elapsed: float,
    service: Result | None = None,
    concurrency: str | None = None,
) -> str:
    lines: list[str] = []
    # The SSE and concurrency sections state their own verdicts as "- ...**met**..." bullets;
    # they are lifted here.
    lines += [f"- SSE decoding, {verdict}" for verdict in _verdict_lines(sse)] or [
        "- SSE decoding: see its section"
    ]
    ratio = loopback.figures.get("loopback_ratio")
    if ratio is None:
        lines.append("- Streamed call over loopback within 1.3x of plain httpx: not measured")
    else:
        v3 = loopback.figures.get("loopback_ratio_v3")
        also = "" if v3 is None else f"; v3, which has no target of its own: {v3:.2f}x"
        lines.append(
            f"- Streamed call over loopback within {bench_loopback.TARGET_RATIO}x of plain "
            f"httpx: {_verdict(ratio <= bench_loopback.TARGET_RATIO)} ({ratio:.2f}x{also})"
        )
    figures = tracing.figures
    limit = bench_tracing.TARGET_SDK_RATIO
    for key, where in (
        ("stream_mock_ratio_sdk", "MockTransport"),
        ("stream_loopback_ratio_sdk", "loopback"),
    ):
        if key in figures:
            added = (figures[key] - 1) * 100
            lines.append(
                f"- Tracing with the SDK (in-memory exporter) under {(limit - 1) * 100:.0f}% "
                f"added on a {bench_tracing.STREAM_CHUNKS}-chunk stream, {where}: "
                f"{_verdict(figures[key] <= limit)} ({added:+.1f}%)"
            )
    per_call = figures["telemetry_no_sdk_us_per_call"]
    lines.append(
        f"- Tracing without an SDK under {bench_tracing.TARGET_NO_SDK_US:.0f} µs per call: "
        f"{_verdict(per_call < bench_tracing.TARGET_NO_SDK_US)} ({per_call:.1f} µs for all of "
        "`call()`'s hooks)"
    )
    if service is not None and "construction_to_call" in service.figures:
        made, stop = service.figures["construction_to_call"], service.figures["disconnect_stop_s"]
        lines.append(
            "- Making an `AsyncOpper` costs no more than a call on a kept-alive connection: "
            f"{_verdict(made <= 1)} ({made:.2f}x)"
        )
        lines.append(
            f"- A client's hang-up stops the relayed Opper stream within "
            f"{bench_service.TARGET_STOP_SECONDS:.0f} s: "
            f"{_verdict(stop <= bench_service.TARGET_STOP_SECONDS)} (median {stop * 1e3:.0f} ms)"
        )
    if concurrency is not None:
        lines += [f"- Concurrent streams: {verdict}" for verdict in _verdict_lines(concurrency)]
    budget = BUDGET_SECONDS[quick]
    lines.append(
        f"- {'Quick' if quick else 'Full'} run under {budget:.0f} s: "
        f"{_verdict(elapsed < budget)} ({elapsed:.0f} s)"
    )
    return "## Targets\n\n" + "\n".join(lines) + "\n"


def _timed(label: str, fn: Callable[[], object]) -> tuple[object, float]:
    print(f"benchmarks: {label}...", file=sys.stderr, flush=True)
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    print(f"benchmarks: {label} took {seconds:.0f} s", file=sys.stderr, flush=True)
    return result, seconds


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="CI-sized run (well under 1 min)")
    parser.add_argument(
        "--output", default=str(ROOT / "BENCHMARKS.md"), help="where to write ('-': nowhere)"
    )
    args = parser.parse_args(argv)
    quick: bool = args.quick
    size = "quick" if quick else "full"
    started = datetime.datetime.now(datetime.UTC)
    start = time.perf_counter()

    sse, _ = _timed("SSE decoding", lambda: bench_sse.run(quick))
    client, _ = _timed("chunk handling", lambda: bench_client.measure_section(size))
    # One emulator process for both loopback sections saves a start-up (seconds) per section.
    with bench_loopback.emulator_process() as emulator:
        loopback, _ = _timed("loopback", lambda: bench_loopback.measure_section(size, emulator))
        tracing, _ = _timed(
            "tracing overhead", lambda: bench_tracing.measure_section(size, emulator)
        )
        service, _ = _timed("in a service", lambda: bench_service.measure_section(size, emulator))
    concurrency, _ = _timed("concurrent streams", lambda: bench_concurrency.run(quick))
    assert isinstance(sse, str)
    assert isinstance(concurrency, str)
    assert isinstance(client, Result)
    assert isinstance(loopback, Result)
    assert isinstance(tracing, Result)
    assert isinstance(service, Result)
    elapsed = time.perf_counter() - start

    document = "\n".join(
        [
            header(quick, started),
            targets(quick, sse, loopback, tracing, elapsed, service, concurrency),
            sse.rstrip() + "\n",
            client.markdown.rstrip() + "\n",
            loopback.markdown.rstrip() + "\n",
            tracing.markdown.rstrip() + "\n",
            service.markdown.rstrip() + "\n",
            concurrency.rstrip() + "\n",
        ]
    )
    sys.stdout.write(document)
    if args.output != "-":
        Path(args.output).write_text(document, encoding="utf-8")
        print(f"benchmarks: wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
