"""The benchmark modules import and run at a tiny size, so their code cannot rot unnoticed.

Nothing here looks at a timing: figures on a shared CI machine are not a test's business.
"""

from __future__ import annotations

import datetime
import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import httpx
import pytest

# benchmarks/ is a top-level directory of the repository, not part of the installed package.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)


def _bench(name: str) -> ModuleType:
    return importlib.import_module(f"benchmarks.{name}")


def test_chunk_handling_runs_and_reports_every_contender() -> None:
    bench_client = _bench("bench_client")

    result = bench_client.measure_section("smoke")

    for row in (bench_client.OURS, bench_client.OURS_V3):
        assert row in result.markdown
    assert {"ours_us_per_chunk_json", "ours_us_per_chunk_text"} <= set(result.figures)
    assert {"v3_us_per_chunk_json", "v3_us_per_chunk_text"} <= set(result.figures)


@pytest.mark.parametrize("mode", ["json", "text"])
def test_the_v3_body_has_the_v2_bodys_chunk_count_and_result(mode: str) -> None:
    bench_client = _bench("bench_client")
    v2 = bench_client.sse_pieces(40, mode)

    v3 = bench_client.sse_pieces_v3(40, mode)

    content = [piece for piece in v3 if b'"type":"content"' in piece]
    assert len(content) == len(v2) - 1  # v2's first event is the span id's
    assert v3[-3].startswith(b'data: {"type":"done"')
    assert v3[-2].startswith(b"event: complete\ndata: ")
    assert v3[-1] == b"data: [DONE]\n\n"
    complete = json.loads(v3[-2].split(b"data: ", 1)[1])
    assert complete["data"] == bench_client._expected(v2, mode)


def test_one_call_is_reported_for_v2_and_v3() -> None:
    bench_client = _bench("bench_client")

    table, figures = bench_client.call_section("smoke")

    for row in (bench_client.CALL_FLOOR, bench_client.CALL_V2, bench_client.CALL_V3):
        assert row in table
    assert set(figures) == {"call_cpu_us_floor", "call_cpu_us_v2", "call_cpu_us_v3"}


@pytest.fixture(scope="module")
def emulator() -> Iterator[str | None]:
    with _bench("bench_loopback").emulator_process() as base_url:
        yield base_url


def test_loopback_runs_against_the_emulator(emulator: str | None) -> None:
    bench_loopback = _bench("bench_loopback")

    result = bench_loopback.measure_section("smoke", emulator)

    for row in (bench_loopback.FLOOR, bench_loopback.OURS):
        assert row in result.markdown
    assert result.figures["loopback_chunks"] > 0


def test_loopback_v3_rows_stream_as_many_chunks_as_v2s(emulator: str | None) -> None:
    bench_loopback = _bench("bench_loopback")

    result = bench_loopback.measure_section("smoke", emulator)

    for row in (bench_loopback.FLOOR_V3, bench_loopback.OURS_V3):
        assert row in result.markdown
    assert result.figures["loopback_chunks_v3"] == result.figures["loopback_chunks"]
    assert "loopback_ratio_v3" in result.figures


def test_tracing_overhead_runs_every_variant(emulator: str | None) -> None:
    bench_tracing = _bench("bench_tracing")

    result = bench_tracing.measure_section("smoke", emulator)

    for variant in (bench_tracing.STUB, bench_tracing.NO_SDK, bench_tracing.IN_MEMORY):
        assert variant in result.markdown
    assert "stream_loopback_ratio_sdk" in result.figures


def test_service_section_runs_against_the_emulator(emulator: str | None) -> None:
    bench_service = _bench("bench_service")

    result = bench_service.measure_section("smoke", emulator)

    assert "## In a service" in result.markdown
    assert {"construction_to_call", "disconnect_stop_s"} <= set(result.figures)


def test_the_raw_server_streams_v3_and_the_v3_contender_reads_it_whole() -> None:
    bench = _bench("bench_concurrency")

    with bench.sse_server() as base_url:
        root = base_url.removesuffix("/v2")
        with httpx.Client() as client:
            body = client.post(root + bench.V3_STREAM_PATH, json=bench.BODY).content
        outcome = bench.measure_one(bench.OURS_V3, base_url, 20, deadline=20.0)

    assert len(body) == bench.V3_BODY_BYTES
    assert body.count(b'"type": "content"') == bench.CHUNKS
    assert body.endswith(b"data: [DONE]\r\n\r\n")
    assert (outcome.streams, outcome.errors) == (20, 0)


def test_concurrency_verdicts_judge_the_target_sizes() -> None:
    bench = _bench("bench_concurrency")
    outcome = bench.Outcome(streams=1, errors=0, wall=1.0, cpu=1.0, first_p50=0.1, first_p99=0.2)
    outcomes = {(name, n): outcome for name in bench.CONTENDERS for n in bench.SIZES["full"]}

    lines = bench._verdicts("full", outcomes)

    assert "within 3x of raw aiohttp at 2,000 and 5,000 streams: **met**" in lines[2]
    assert "no target of its own" in lines[3]


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
    concurrency = "text\n- ours within 3x of raw aiohttp: **met** (2.1x)\n- v3: 0 errors\n"

    header = run.header(True, started)
    targets = run.targets(
        True,
        "- LF: 1.5x httpx-sse's: **met**, 2x",
        loopback,
        tracing,
        5.0,
        concurrency=concurrency,
    )

    assert "Python" in header
    assert "2026-01-01" in header
    assert "SSE decoding, LF" in targets
    assert "1.3x of plain httpx: **met**" in targets
    assert "MockTransport: **not met**" in targets
    assert "- Concurrent streams: ours within 3x of raw aiohttp: **met** (2.1x)" in targets
    assert "v3: 0 errors" not in targets
