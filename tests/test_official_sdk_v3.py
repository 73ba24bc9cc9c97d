"""Opper's official v3 SDK (PyPI ``opperai`` 2.1.1, written by nobody here) against the
emulator's v3 API: the contract test of issue 18.5.

The SDK's package name clashes with the v2 SDK's (``opperai`` 1.7.2, in the dev extra), so it
lives in a venv of its own, ``.venv-sdk3`` at the repository root, made once by this test
(``python -m venv`` and ``pip install opperai==2.1.1``; about 15 s with PyPI reachable) and reused
after. ``tests/official_sdk_v3_driver.py`` runs in it against an emulator this test starts: call,
stream (content, tool calls, done, complete and error chunks), ``trace()`` and ``trace_async()``,
functions with revisions and examples, spans, traces, models, generations, health, a beta tool
and the errors, sync and async, each answer parsed by the SDK's own types and its values
checked. The test then checks, on the emulator's side, what the SDK did: the spans ``trace()``
made, their parents, and the requests' paths.

The test is skipped, saying why, only when the venv cannot be built (no network, no registry).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from opper_emulator import Emulator

__all__: list[str] = []

ROOT = Path(__file__).resolve().parent.parent
SDK = "opperai==2.1.1"
VENV = ROOT / ".venv-sdk3"
PYTHON = VENV / "bin" / "python"
DRIVER = Path(__file__).with_name("official_sdk_v3_driver.py")
KEY = "sdk3-key"


def _has_sdk() -> bool:
    if not PYTHON.exists():
        return False
    probe = "import importlib.metadata as m; print(m.version('opperai'))"
    found = subprocess.run(
        [str(PYTHON), "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    return found.returncode == 0 and found.stdout.strip() == SDK.split("==")[1]


@contextlib.contextmanager
def _build_lock() -> Iterator[None]:
    # Two pytest processes (or xdist workers) must not build the venv at once.
    path = Path(tempfile.gettempdir()) / "opper-tracing-venv-sdk3.lock"
    with path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="module")
def sdk_python() -> Path:
    """The venv's Python with ``opperai`` 2.1.1; built the first time."""
    with _build_lock():
        if not _has_sdk():
            steps = [
                [sys.executable, "-m", "venv", "--clear", str(VENV)],
                [str(PYTHON), "-m", "pip", "install", "-q", "--disable-pip-version-check", SDK],
            ]
            for step in steps:
                try:
                    subprocess.run(step, capture_output=True, text=True, timeout=600, check=True)
                except (OSError, subprocess.SubprocessError) as exc:
                    output = getattr(exc, "stderr", "") or ""
                    pytest.skip(f"cannot build {VENV.name} with {SDK}: {exc} {output[-500:]}")
    return PYTHON


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    server = Emulator(api_key=KEY)
    with server:
        yield server


def test_the_official_v3_sdk_parses_every_answer(sdk_python: Path, emulator: Emulator) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "OPPER_", "VIRTUAL_ENV"))
    }
    env.update(OPPER_BASE_URL=emulator.root_url, OPPER_API_KEY=KEY)
    run = subprocess.run(
        [str(sdk_python), str(DRIVER)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    report: dict[str, Any] = json.loads(run.stdout)

    spans = emulator.spans
    for mode, ids in report.items():
        root, child = spans[ids["root"]], spans[ids["child"]]
        assert root["name"] == f"{mode}-pipeline"
        assert root["parent_id"] is None
        assert root["end_time"] is not None  # trace()'s exit patched it
        assert (child["parent_id"], child["trace_id"]) == (root["id"], ids["trace"])
        calls = [s for s in spans.values() if s["trace_id"] == ids["trace"] and s["type"] == "call"]
        assert sorted(s["parent_id"] for s in calls) == sorted([root["id"], child["id"]])
        assert all(s["meta"]["usage"]["input_tokens"] > 0 for s in calls)

    paths = {request.path for request in emulator.requests}
    assert {
        "/v3/functions/sync-greet/call",
        "/v3/functions/sync-agent/stream",
        "/v3/spans",
        f"/v3/spans/{report['sync']['root']}",
        f"/v3/traces/{report['sync']['trace']}",
        "/v3/traces",
        "/v3/functions/sync-add/revisions/1/revert",
        "/v3/functions/sync-classify/examples/batch",
        "/v3/models",
        "/v3/generations",
        "/health",
        "/v3/tools/web/search",
    } <= paths
    assert all(request.request_id for request in emulator.requests)
