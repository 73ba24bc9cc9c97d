"""The benchmark modules import and run at a tiny size, so their code cannot rot unnoticed.

Nothing here looks at a timing: figures on a shared CI machine are not a test's business.
"""

from __future__ import annotations

import datetime
import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

# benchmarks/ is a top-level directory of the repository, not part of the installed package.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)


def _bench(name: str) -> ModuleType:
    return importlib.import_module(f"benchmarks.{name}")


def test_chunk_handling_runs_and_reports_every_contender() -> None:
    result = _bench("bench_client").measure_section("smoke")

    assert "opper-tracing `Opper.stream()`" in result.markdown
    assert {"ours_us_per_chunk_json", "ours_us_per_chunk_text"} <= set(result.figures)


@pytest.fixture(scope="module")
def emulator() -> Iterator[str | None]:
    with _bench("bench_loopback").emulator_process() as base_url:
        yield base_url


def test_loopback_runs_against_the_emulator(emulator: str | None) -> None:
    result = _bench("bench_loopback").measure_section("smoke", emulator)

    assert "plain httpx" in result.markdown
    assert result.figures["loopback_chunks"] > 0


def test_tracing_overhead_runs_every_variant(emulator: str | None) -> None:
    bench_tracing = _bench("bench_tracing")

    result = bench_tracing.measure_section("smoke", emulator)

    for variant in (bench_tracing.STUB, bench_tracing.NO_SDK, bench_tracing.IN_MEMORY):
        assert variant in result.markdown
    assert "stream_loopback_ratio_sdk" in result.figures


def test_sse_module_exposes_run() -> None:
    # Its smallest run takes longer than a test should; run.py and `make bench-quick` run it.
    assert callable(_bench("bench_sse").run)


def test_report_header_and_targets_render() -> None:
    run = _bench("run")
    bench_client = _bench("bench_client")
    started = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    loopback = bench_client.Result("", {"loopback_ratio": 1.1})
    tracing = bench_client.Result(
        "", {"stream_mock_ratio_sdk": 1.2, "telemetry_no_sdk_us_per_call": 10.0}
    )

    header = run.header(True, started)
    targets = run.targets(True, "- LF: 1.5x httpx-sse's: **met**, 2x", loopback, tracing, 5.0)

    assert "Python" in header
    assert "2026-01-01" in header
    assert "SSE decoding, LF" in targets
    assert "1.3x of plain httpx: **met**" in targets
    assert "MockTransport: **not met**" in targets
