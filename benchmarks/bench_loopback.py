"""A streamed call over loopback: opper-tracing against plain httpx reading the same bytes.

The emulator (``opper_emulator.Emulator``) serves a ~500-chunk stream with no artificial
delays. It runs in a child process, so its own work (uvicorn, sse-starlette) does not compete
with the client for this process's GIL, much as a remote server would not. The floor is
``httpx.Client().stream("POST", url, json=body, headers=auth)`` with ``iter_bytes()`` to the
end: the same request, the same response bytes, no SSE or JSON decoding. Both clients keep
their connection alive between repetitions. Measured: the whole call (request to last byte,
assembled output read) and the time to the first event (``next()`` on our stream; the first
``iter_bytes()`` piece for httpx).

Run alone: ``python -m benchmarks.bench_loopback [--quick]``.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import time
from collections.abc import Callable, Iterator
from typing import Any, Final

import httpx

from benchmarks._harness import (
    DASH,
    Timing,
    fmt_ratio,
    main,
    md_table,
    measure,
    paired_ratio,
)
from benchmarks.bench_client import API_KEY, OUTPUT_SCHEMA, Result, us_per

__all__ = ["TARGET_RATIO", "emulator_stream", "measure_section", "run", "stream_request"]

TARGET_RATIO: Final = 1.3
SIZES: Final = {"full": (500, 61), "quick": (500, 5), "smoke": (20, 1)}
"""Mode → (content chunks per stream, repetitions)."""

_START_TIMEOUT = 30.0
_BIO = "wrote the first algorithm meant for a machine, in 1843."


def stream_request(chunks: int) -> dict[str, Any]:
    """A ``/call/stream`` body the emulator answers with about ``chunks`` JSON deltas.

    The emulator answers a call whose ``input`` matches an example with that example's output,
    and streams strings in 4-character pieces: a person below is 18 deltas.
    """
    people = [
        {"name": "Ada Lovelace", "bio": _BIO, "age": 36 + i}
        for i in range(max(1, round(chunks / 18)))
    ]
    return {
        "name": "bench",
        "input": "bench",
        "output_schema": OUTPUT_SCHEMA,
        "examples": [{"input": "bench", "output": {"people": people}}],
    }


def _serve(api_key: str, urls: Any) -> None:
    from opper_emulator import Emulator

    Emulator(api_key=api_key, log_level="error").serve_forever(ready=urls.put)


@contextlib.contextmanager
def emulator_process() -> Iterator[str | None]:
    """The emulator's base URL, served by a child process (``None``: emulator unavailable)."""
    try:
        import opper_emulator  # noqa: F401
    except ImportError:
        yield None
        return
    context = multiprocessing.get_context("spawn")
    urls = context.Queue()
    process = context.Process(target=_serve, args=(API_KEY, urls), name="opper-emulator")
    process.start()
    try:
        deadline = time.monotonic() + _START_TIMEOUT
        while True:
            try:
                base_url: str = urls.get(timeout=0.1)
                break
            except queue.Empty:
                if not process.is_alive() or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"the emulator process did not start (exit code {process.exitcode})"
                    ) from None
        yield base_url
    finally:
        process.terminate()
        process.join(10)
        if process.is_alive():
            process.kill()
            process.join()
        urls.close()


@contextlib.contextmanager
def emulator_stream(
    chunks: int, emulator: str | None = None
) -> Iterator[tuple[str, dict[str, Any], int] | None]:
    """``(base_url, body, n)``: a running emulator, a request for a stream of about ``chunks``
    content chunks, and the number it sends. ``emulator`` is the base URL of one already
    running (see ``emulator_process``); without it one is started and stopped here."""
    with contextlib.ExitStack() as stack:
        base_url = emulator or stack.enter_context(emulator_process())
        if base_url is None:
            yield None
            return
        body = stream_request(chunks)
        yield base_url, body, _count_chunks(base_url, body)


def _contenders(
    base_url: str, body: dict[str, Any], firsts: dict[str, list[float]], stack: contextlib.ExitStack
) -> dict[str, Callable[[], object]]:
    from opper_tracing import Opper

    url = f"{base_url}/call/stream"
    auth = {"Authorization": f"Bearer {API_KEY}"}
    plain = stack.enter_context(httpx.Client())
    ours = stack.enter_context(Opper(api_key=API_KEY, base_url=base_url, max_retries=0))
    kwargs = {k: v for k, v in body.items() if k != "name"}

    def floor() -> object:
        start = time.perf_counter()
        with plain.stream("POST", url, json=body, headers=auth) as response:
            pieces = response.iter_bytes()
            next(pieces)
            firsts[FLOOR].append(time.perf_counter() - start)
            for _ in pieces:
                pass
        return None

    def opper_tracing() -> object:
        start = time.perf_counter()
        with ours.stream(body["name"], **kwargs) as stream:
            next(stream)
            firsts[OURS].append(time.perf_counter() - start)
            for _ in stream:
                pass
        return stream.output

    return {FLOOR: floor, OURS: opper_tracing}


FLOOR = "plain httpx, `iter_bytes()` to the end (floor)"
OURS = "opper-tracing `Opper.stream()`, drained, `.output` read"


def _count_chunks(base_url: str, body: dict[str, Any]) -> int:
    with httpx.Client() as client:
        response = client.post(
            f"{base_url}/call/stream", json=body, headers={"Authorization": f"Bearer {API_KEY}"}
        )
        response.raise_for_status()
        return response.content.count(b"data:") - 1


def measure_section(size: str, emulator: str | None = None) -> Result:
    """Run at ``size`` (a key of ``SIZES``) against ``emulator`` (a base URL; default: start
    one) and return the section with its figures."""
    chunks, repeat = SIZES[size]
    with emulator_stream(chunks, emulator) as target:
        if target is None:
            return Result(
                "## Streamed call over loopback\n\nSkipped: `opper_emulator` (the "
                "emulator) is not available; install the `emulator` extra.\n",
                {},
            )
        base_url, body, n = target
        firsts: dict[str, list[float]] = {FLOOR: [], OURS: []}
        with contextlib.ExitStack() as stack:
            contenders = _contenders(base_url, body, firsts, stack)
            timings = measure(contenders, repeat=repeat, warmup=1)
    # The first `warmup` entries of each list are the warm-up round's.
    ttfc = {name: Timing(tuple(values[1:])) for name, values in firsts.items()}
    total_ratio = paired_ratio(timings[OURS], timings[FLOOR])
    first_ratio = paired_ratio(ttfc[OURS], ttfc[FLOOR])
    rows = [
        [
            name,
            us_per(timings[name], 1000, digits=2),
            us_per(ttfc[name], 1000, digits=3),
            us_per(timings[name], n, digits=2),
            "1.00x" if name == FLOOR else fmt_ratio(*total_ratio),
            "1.00x" if name == FLOOR else fmt_ratio(*first_ratio),
        ]
        for name in (FLOOR, OURS)
    ]
    table = md_table(
        [
            "client",
            "whole call, ms",
            "first event, ms",
            "µs per chunk",
            "whole call vs floor",
            "first event vs floor",
        ],
        rows,
    )
    met = total_ratio[0] <= TARGET_RATIO
    markdown = f"""## Streamed call over loopback (emulator)

A JSON-mode `/call/stream` of {n} content chunks after the span-id chunk, served by the
emulator in a child process on 127.0.0.1 with no artificial delays; plain httpx sends the same
request body and reads the same response bytes without decoding them. Median over {repeat}
repetitions (min{DASH}max), contenders rotated every repetition; ratios are per repetition,
`opper-tracing / httpx`, median (min{DASH}max).

{table}

Target: whole call within {TARGET_RATIO}x of plain httpx: **{"met" if met else "not met"}**
({total_ratio[0]:.2f}x).
"""
    return Result(markdown, {"loopback_ratio": total_ratio[0], "loopback_chunks": n})


def run(quick: bool) -> str:
    """This benchmark's Markdown section."""
    return measure_section("quick" if quick else "full").markdown


if __name__ == "__main__":
    main(run, __doc__)
