"""A streamed call over loopback: opper-tracing against plain httpx reading the same bytes.

The emulator (``opper_emulator.Emulator``) serves a ~500-chunk stream with no artificial
delays. It runs in a child process, so its own work (uvicorn, sse-starlette) does not compete
with the client for this process's GIL, much as a remote server would not. The floor is
``httpx.Client().stream("POST", url, json=body, headers=auth)`` with ``iter_bytes()`` to the
end: the same request, the same response bytes, no SSE or JSON decoding. Both clients keep
their connection alive between repetitions. Measured: the whole call (request to last byte,
assembled output read) and the time to the first event (``next()`` on our stream; the first
``iter_bytes()`` piece for httpx).

The same pair runs on v3's ``/v3/call/stream`` (``opper_tracing.v3.Opper`` against the same
emulator at its root URL) for a structured result of as many ``content`` chunks as the v2 stream
has content chunks (``v3_stream``).

Run alone: ``python -m benchmarks.bench_loopback [--quick]``.
"""

from __future__ import annotations

import contextlib
import json
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

__all__ = [
    "TARGET_RATIO",
    "emulator_stream",
    "measure_section",
    "run",
    "stream_request",
    "v3_stream",
]

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


def _v3_output(output: dict[str, Any], chunks: int) -> dict[str, Any]:
    """``output``'s people, trimmed (the last bio cut or padded, people dropped) so that its
    JSON text, as the emulator streams it (compact, sorted keys), is exactly ``chunks`` pieces
    of 4 characters."""
    people = [dict(person) for person in output["people"]]
    bio = people[-1]["bio"]
    while True:
        people[-1]["bio"] = ""
        text = json.dumps({"people": people}, sort_keys=True, separators=(",", ":"))
        need = 4 * chunks - len(text)
        if need >= 0 or len(people) == 1:
            break
        people.pop()
    people[-1]["bio"] = (bio * (need // max(1, len(bio)) + 1))[: max(0, need)]
    return {"people": people}


def v3_stream(base_url: str, body: dict[str, Any], chunks: int) -> tuple[str, dict[str, Any], int]:
    """``(root_url, v3_body, n)``: a v3 ``/v3/call/stream`` request the emulator at
    ``base_url`` (v2's, ``.../v2``) answers with ``n`` ``content`` chunks (``chunks`` unless
    the result cannot be cut that short) of 4 characters, the JSON text of the people of the v2
    request ``body``'s example, before ``done``, ``event: complete`` and ``[DONE]``. v3 takes no
    examples in the call, so the output is the function's example (one function per size)."""
    root = base_url.removesuffix("/v2")
    name = f"bench-v3-{chunks}"
    output = _v3_output(body["examples"][0]["output"], chunks)
    auth = {"Authorization": f"Bearer {API_KEY}"}
    with httpx.Client(headers=auth) as client:
        examples = client.get(f"{root}/v3/functions/{name}/examples")
        if examples.status_code == 404 or not examples.json().get("examples"):
            created = client.post(
                f"{root}/v3/functions/{name}/examples", json={"input": "bench", "output": output}
            )
            created.raise_for_status()
        v3_body = {"name": name, "input": "bench", "output_schema": OUTPUT_SCHEMA}
        response = client.post(f"{root}/v3/call/stream", json=v3_body)
        response.raise_for_status()
        return root, v3_body, response.content.count(b'"type":"content"')


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


def _floor(
    plain: httpx.Client, url: str, body: dict[str, Any], firsts: list[float]
) -> Callable[[], object]:
    auth = {"Authorization": f"Bearer {API_KEY}"}

    def floor() -> object:
        start = time.perf_counter()
        with plain.stream("POST", url, json=body, headers=auth) as response:
            pieces = response.iter_bytes()
            next(pieces)
            firsts.append(time.perf_counter() - start)
            for _ in pieces:
                pass
        return None

    return floor


def _ours(client: Any, body: dict[str, Any], firsts: list[float]) -> Callable[[], object]:
    kwargs = {k: v for k, v in body.items() if k != "name"}

    def opper_tracing() -> object:
        start = time.perf_counter()
        with client.stream(body["name"], **kwargs) as stream:
            next(stream)
            firsts.append(time.perf_counter() - start)
            for _ in stream:
                pass
        return stream.output

    return opper_tracing


def _contenders(
    base_url: str,
    body: dict[str, Any],
    v3: tuple[str, dict[str, Any], int],
    firsts: dict[str, list[float]],
    stack: contextlib.ExitStack,
) -> dict[str, Callable[[], object]]:
    from opper_tracing import Opper
    from opper_tracing import v3 as opper_v3

    root, v3_body, _ = v3
    plain = stack.enter_context(httpx.Client())
    ours = stack.enter_context(Opper(api_key=API_KEY, base_url=base_url, max_retries=0))
    ours_v3 = stack.enter_context(opper_v3.Opper(api_key=API_KEY, base_url=root, max_retries=0))
    return {
        FLOOR: _floor(plain, f"{base_url}/call/stream", body, firsts[FLOOR]),
        OURS: _ours(ours, body, firsts[OURS]),
        FLOOR_V3: _floor(plain, f"{root}/v3/call/stream", v3_body, firsts[FLOOR_V3]),
        OURS_V3: _ours(ours_v3, v3_body, firsts[OURS_V3]),
    }


FLOOR = "plain httpx, `iter_bytes()` to the end (floor)"
OURS = "opper-tracing `Opper.stream()`, drained, `.output` read"
FLOOR_V3 = "v3: plain httpx, `iter_bytes()` to the end (floor)"
OURS_V3 = "v3: opper-tracing v3 `Opper.stream()`, drained, `.output` read"
_PAIRS: Final = ((FLOOR, OURS), (FLOOR_V3, OURS_V3))


def _body_bytes(base_url: str, body: dict[str, Any]) -> int:
    with httpx.Client() as client:
        response = client.post(
            f"{base_url}/call/stream", json=body, headers={"Authorization": f"Bearer {API_KEY}"}
        )
        response.raise_for_status()
        return len(response.content)


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
        v3 = v3_stream(base_url, body, n)
        firsts: dict[str, list[float]] = {name: [] for pair in _PAIRS for name in pair}
        with contextlib.ExitStack() as stack:
            contenders = _contenders(base_url, body, v3, firsts, stack)
            timings = measure(contenders, repeat=repeat, warmup=1)
            sizes = {
                FLOOR: _body_bytes(base_url, body),
                FLOOR_V3: _body_bytes(f"{v3[0]}/v3", v3[1]),
            }
    # The first `warmup` entries of each list are the warm-up round's.
    ttfc = {name: Timing(tuple(values[1:])) for name, values in firsts.items()}
    rows = []
    ratios: dict[str, float] = {}
    for floor, ours in _PAIRS:
        total_ratio = paired_ratio(timings[ours], timings[floor])
        first_ratio = paired_ratio(ttfc[ours], ttfc[floor])
        ratios[ours] = total_ratio[0]
        chunk_count = n if floor == FLOOR else v3[2]
        rows += [
            [
                name,
                us_per(timings[name], 1000, digits=2),
                us_per(ttfc[name], 1000, digits=3),
                us_per(timings[name], chunk_count, digits=2),
                "1.00x" if name == floor else fmt_ratio(*total_ratio),
                "1.00x" if name == floor else fmt_ratio(*first_ratio),
            ]
            for name in (floor, ours)
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
    ratio = ratios[OURS]
    met = ratio <= TARGET_RATIO
    markdown = f"""## Streamed call over loopback (emulator)

A JSON-mode `/call/stream` of {n} content chunks after the span-id chunk ({sizes[FLOOR]:,} body
bytes), served by the emulator in a child process on 127.0.0.1 with no artificial delays;
plain httpx sends the same request body and reads the same response bytes without decoding
them. Median over {repeat} repetitions (min{DASH}max), contenders rotated every repetition;
ratios are per repetition, `opper-tracing / httpx`, median (min{DASH}max).

The v3 rows stream from the same emulator, in the same rounds, v3's `/v3/call/stream` with an
output schema: a structured result of the same shape cut to {v3[2]} `content` chunks of 4
characters (the v2 stream's {n} content chunks are 4-character pieces too), then `done`,
`event: complete` with the whole result and `[DONE]` ({sizes[FLOOR_V3]:,} body bytes: v3's
events carry no `json_path`); the v3 floor reads those bytes with plain httpx.

{table}

Target: whole call within {TARGET_RATIO}x of plain httpx: **{"met" if met else "not met"}**
({ratio:.2f}x; v3, which has no target of its own: {ratios[OURS_V3]:.2f}x).
"""
    figures = {
        "loopback_ratio": ratio,
        "loopback_chunks": n,
        "loopback_ratio_v3": ratios[OURS_V3],
        "loopback_chunks_v3": v3[2],
    }
    return Result(markdown, figures)


def run(quick: bool) -> str:
    """This benchmark's Markdown section."""
    return measure_section("quick" if quick else "full").markdown


if __name__ == "__main__":
    main(run, __doc__)
