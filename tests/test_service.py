"""``AsyncOpper`` in a service (project issue 19), each case played for real against the emulator:
a Starlette app under uvicorn relaying a stream whose client hangs up, an anyio cancel scope,
one client across event loops, a client dropped without closing (a subprocess whose stderr
must stay empty), and SIGTERM to a uvicorn service exporting to a local OTLP sink.

The only timings asserted are bounds that tell "stops at once" from "reads on": every stream
here takes 4 s or more to read to its end.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import queue
import re
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest

from _otlp_sink import OTLPSink
from opper_tracing import AsyncOpper, EventLoopError
from opper_tracing._pool import default_async_transport

# benchmarks/ is a top-level directory of the repository, not part of the installed package.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from benchmarks import bench_service  # noqa: E402

__all__: list[str] = []

EMULATOR_KEY = "test"  # the session emulator's (conftest.py)
_EVENTS = bench_service.STREAM_EVENTS
_LONG = [{"input": "go", "output": "abcd" * _EVENTS}]
"""``examples=`` that make the emulator answer ``input="go"`` with ``_EVENTS`` text events."""


def _child_env(**extra: str) -> dict[str, str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **extra}
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return env


# -- a disconnect or a cancel scope stops a fast stream -----------------------------------------


def test_a_hang_up_stops_the_relayed_stream_at_once(emulator: Any) -> None:
    with bench_service.relay_service(emulator.base_url, api_key=EMULATOR_KEY) as service:
        outcome = bench_service.disconnect(service)
        # The service still serves after it.
        assert httpx.get(f"http://127.0.0.1:{service.port}/ping").text == "pong"

    assert outcome.error == "CancelledError"
    assert outcome.completed is False
    assert outcome.stop_seconds < 1.0
    assert outcome.chunks_after < _EVENTS // 10
    assert outcome.slowest_ping < 1.0, "other requests waited for the relay"
    assert outcome.connections_left == 0, "the upstream connection was not closed"


async def test_a_cancel_scope_stops_a_fast_stream_at_once(emulator: Any) -> None:
    transport = default_async_transport(emulator.base_url)
    read = 0
    async with AsyncOpper(
        api_key=EMULATOR_KEY, base_url=emulator.base_url, transport=transport
    ) as opper:
        async with opper.stream("scoped", input="go", examples=_LONG) as stream:
            await anext(stream)
            start = time.perf_counter()
            with anyio.move_on_after(0.05) as scope:
                async for _ in stream:
                    read += 1
                    time.sleep(0.0005)  # the reader's own work: slower than the stream comes
            left = time.perf_counter() - start
        assert bench_service.connections_in_use(transport) == 0

    assert scope.cancelled_caught
    assert stream.completed is False
    assert left < 1.0
    assert read < _EVENTS // 10


# -- one client, one event loop after another ---------------------------------------------------


def test_one_client_serves_one_event_loop_after_another(emulator: Any) -> None:
    transport = default_async_transport(emulator.base_url)
    opper = AsyncOpper(api_key=EMULATOR_KEY, base_url=emulator.base_url, transport=transport)

    async def job(n: int) -> tuple[Any, str]:
        result = await opper.call("greet", input=f"call {n}")
        async with opper.stream("greet", input=f"stream {n}") as stream:
            text: str = await stream.get_final_output()
        return result.output, text

    outcomes = [asyncio.run(job(n)) for n in range(3)]
    outcomes.append(anyio.run(job, 3))
    outcomes.append(asyncio.run(job(4)))  # after a loop that anyio ran
    asyncio.run(opper.aclose())

    assert outcomes == [
        (f"Emulated reply to greet: call {n}", f"Emulated reply to greet: stream {n}")
        for n in range(5)
    ]
    # A session per loop, each closed with its loop; the pools of ended loops are not kept.
    pools = list(transport._pools.values())  # type: ignore[attr-defined]
    assert len(pools) <= 1
    assert all(pool.session.closed for pool in pools)


def test_outside_asyncio_the_error_says_what_to_do() -> None:
    transport = default_async_transport("http://127.0.0.1:9/v2")
    sending = transport.handle_async_request(httpx.Request("GET", "http://127.0.0.1:9/v2/x"))

    with pytest.raises(EventLoopError, match=r"transport=httpx\.AsyncHTTPTransport\(\)"):
        sending.send(None)  # no event loop runs here


@contextlib.contextmanager
def _loop_in_thread() -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield loop
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


def test_a_response_read_in_another_loop_raises_event_loop_error(emulator: Any) -> None:
    transport = default_async_transport(emulator.base_url)
    request = httpx.Request(
        "POST",
        f"{emulator.base_url}/call/stream",
        json={"name": "greet", "input": "x"},
        headers={"Authorization": f"Bearer {EMULATOR_KEY}", "X-Emulator-Fault": "stall-after=1"},
    )
    with _loop_in_thread() as other:
        response = asyncio.run_coroutine_threadsafe(
            transport.handle_async_request(request), other
        ).result(10)

        async def read_all() -> None:
            async for _ in response.stream:  # type: ignore[union-attr]
                pass

        with pytest.raises(EventLoopError, match="read a response in the loop that sent"):
            asyncio.run(read_all())
        asyncio.run_coroutine_threadsafe(response.aclose(), other).result(10)
        asyncio.run_coroutine_threadsafe(transport.aclose(), other).result(10)


# -- a client dropped without closing -----------------------------------------------------------

_DROPPED = """
import asyncio, gc, sys
from opper_tracing import AsyncOpper

base_url, key = sys.argv[1:3]
module_level = AsyncOpper(api_key=key, base_url=base_url)  # never closed


async def use(opper):
    await opper.call("greet", input="x")
    stream = await opper.stream("greet", input="an abandoned stream")
    await anext(stream)  # and left


async def dropped_at_the_end():
    await use(AsyncOpper(api_key=key, base_url=base_url))


async def collected_while_the_loop_runs():
    opper = AsyncOpper(api_key=key, base_url=base_url)
    opper.itself = opper  # a reference cycle: only the collector frees it
    await use(opper)
    del opper
    gc.collect()
    await asyncio.sleep(0.1)


asyncio.run(use(module_level))
asyncio.run(use(module_level))  # a second loop
asyncio.run(dropped_at_the_end())
asyncio.run(collected_while_the_loop_runs())
print("done")
"""


def test_a_client_dropped_without_closing_is_quiet(emulator: Any) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _DROPPED, emulator.base_url, EMULATOR_KEY],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=_child_env(),
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "done"
    assert result.stderr == ""


# -- SIGTERM: the spans made before it reach the collector --------------------------------------

_APP = """
import os
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from opper_tracing import AsyncOpper, otel

otel.configure(service_name="sigterm", endpoint=os.environ["SINK"], metrics=False)
clients = []


@asynccontextmanager
async def lifespan(app):
    async with AsyncOpper(api_key=os.environ["KEY"], base_url=os.environ["OPPER"]) as opper:
        clients.append(opper)
        yield


async def ask(request):
    fault = request.query_params.get("fault", "none")
    result = await clients[0].call(
        "greet", input=request.query_params["who"], extra_headers={"X-Emulator-Fault": fault}
    )
    return JSONResponse({"output": result.output})


app = Starlette(routes=[Route("/ask", ask)], lifespan=lifespan)

if __name__ == "__main__":  # configured before the server starts, not while it does
    import uvicorn

    uvicorn.run(app, host="127.0.0.1", port=0)
"""


@contextlib.contextmanager
def _service(command: list[str], cwd: Path, env: dict[str, str]) -> Iterator[tuple[Any, str]]:
    """A uvicorn service in a child process and its base URL, read from its log."""
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    lines: queue.Queue[str] = queue.Queue()
    stderr = process.stderr
    assert stderr is not None

    def read() -> None:
        for line in stderr:
            lines.put(line)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError("the service did not start") from None
            if found := re.search(r"Uvicorn running on (http://127\.0\.0\.1:\d+)", line):
                break
        yield process, found.group(1)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(30)
        reader.join(30)
        stderr.close()


@pytest.mark.parametrize(
    "start",
    [
        pytest.param(["-m", "uvicorn", "app:app", "--host", "127.0.0.1", "--port", "0"], id="cli"),
        pytest.param(["app.py"], id="configured-before-uvicorn-run"),
    ],
)
def test_sigterm_delivers_the_spans(emulator: Any, tmp_path: Path, start: list[str]) -> None:
    (tmp_path / "app.py").write_text(textwrap.dedent(_APP))
    with OTLPSink() as sink:
        env = _child_env(SINK=sink.endpoint, KEY=EMULATOR_KEY, OPPER=emulator.base_url)
        with _service([sys.executable, *start], tmp_path, env) as (process, url):
            for n in range(20):
                assert httpx.get(f"{url}/ask", params={"who": n}).status_code == 200
            # One more is under way when SIGTERM comes: uvicorn finishes it before it stops.
            slow = threading.Thread(
                target=httpx.get,
                args=(f"{url}/ask",),
                kwargs={"params": {"who": "late", "fault": "delay-first=1"}, "timeout": 30},
            )
            slow.start()
            time.sleep(0.3)
            process.send_signal(signal.SIGTERM)
            slow.join(30)
            assert process.wait(30) == -signal.SIGTERM, "it dies of the signal, as before"
        spans = sink.spans()

    assert sorted(span.name for span in spans) == ["chat greet"] * 21
