"""Timing helpers shared by the benchmark modules.

Every figure is a median over repetitions, reported with its min-max range. Contenders run in
rotated order (repetition ``i`` starts at contender ``i mod n``) so no contender always runs
first or last on a shared, noisy machine. Everything runs in one process.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = [
    "DASH",
    "Timing",
    "fmt_bytes",
    "fmt_rate",
    "fmt_ratio",
    "fmt_seconds",
    "main",
    "md_table",
    "measure",
    "paired_ratio",
    "time_once",
]

DASH = "\u2013"
"""The en dash of ``min-max`` ranges in tables, written as an escape for the linter."""


@dataclass(frozen=True)
class Timing:
    """Wall-clock seconds of one contender over several repetitions."""

    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def min(self) -> float:
        return min(self.samples)

    @property
    def max(self) -> float:
        return max(self.samples)

    def rate(self, amount: float) -> tuple[float, float, float]:
        """``amount`` per second as (median, slowest, fastest)."""
        return amount / self.median, amount / self.max, amount / self.min


def time_once(fn: Callable[[], object], clock: Callable[[], float] = time.perf_counter) -> float:
    """Seconds one call of ``fn`` takes on ``clock``, after a full garbage collection."""
    gc.collect()
    start = clock()
    fn()
    return clock() - start


def measure(
    contenders: dict[str, Callable[[], object]],
    *,
    repeat: int,
    warmup: int = 1,
    clock: Callable[[], float] = time.perf_counter,
) -> dict[str, Timing]:
    """Time each contender ``repeat`` times, rotating the order every repetition.

    ``warmup`` untimed rounds come first (imports, caches, allocator). ``clock`` is wall time by
    default; ``time.process_time`` (this process's CPU time) suits single-threaded CPU-bound
    work on a shared machine, where other load stretches wall time. Returns the timings in the
    order the contenders were given.
    """
    names = list(contenders)
    for _ in range(warmup):
        for name in names:
            contenders[name]()
    samples: dict[str, list[float]] = {name: [] for name in names}
    # Long-lived objects (modules, inputs) move to the permanent generation, so the collection
    # before each sample and those during it walk only what the contenders make.
    gc.collect()
    gc.freeze()
    try:
        for i in range(repeat):
            shift = i % len(names)
            for name in names[shift:] + names[:shift]:
                samples[name].append(time_once(contenders[name], clock))
    finally:
        gc.unfreeze()
    return {name: Timing(tuple(samples[name])) for name in names}


def paired_ratio(num: Timing, den: Timing) -> tuple[float, float, float]:
    """``num / den`` per repetition (both ran in the same rounds) as (median, min, max)."""
    ratios = [a / b for a, b in zip(num.samples, den.samples, strict=True)]
    return statistics.median(ratios), min(ratios), max(ratios)


def fmt_rate(median: float, lo: float, hi: float, unit: str = "") -> str:
    """``1.23M (1.10M-1.30M)`` with SI prefixes, an en dash in the range."""
    return f"{_si(median)}{unit} ({_si(lo)}{DASH}{_si(hi)})"


def fmt_ratio(median: float, lo: float, hi: float) -> str:
    """``2.01x (1.90-2.10)``, an en dash in the range; three decimals below 0.1."""
    digits = 3 if median < 0.1 else 2
    return f"{median:.{digits}f}x ({lo:.{digits}f}{DASH}{hi:.{digits}f})"


def fmt_seconds(t: Timing) -> str:
    """Median and range of a timing in ms (or s past 10 s)."""
    return f"{_ms(t.median)} ({_ms(t.min)}{DASH}{_ms(t.max)})"


def fmt_bytes(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if abs(n) < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    raise AssertionError("unreachable")  # pragma: no cover


def md_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GitHub-flavoured Markdown table; numeric-looking columns are right-aligned."""
    align = []
    for col in range(len(headers)):
        cells = [str(row[col]) for row in rows]
        numeric = bool(cells) and all(c[:1].isdigit() or c[:1] in "-" + DASH for c in cells)
        align.append("---:" if numeric else "---")
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _si(x: float) -> str:
    for factor, prefix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(x) >= factor:
            return f"{x / factor:.2f}{prefix}"
    return f"{x:.2f}" if abs(x) < 100 else f"{x:.0f}"


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms" if seconds < 10 else f"{seconds:.2f} s"


def main(run: Callable[[bool], str], doc: str | None, quick_help: str = "CI-sized run") -> None:
    """The command line of one benchmark module: ``python -m benchmarks.<name> [--quick]``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0] if doc else None)
    parser.add_argument("--quick", action="store_true", help=quick_help)
    print(run(parser.parse_args().quick))
