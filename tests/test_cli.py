"""The ``opper-tracing`` command: ``emulator`` serves, prints its URL, and stops on a signal."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
from collections.abc import Iterator
from importlib.metadata import entry_points

import httpx
import pytest

from opper_tracing.cli import main


def _first_line(process: subprocess.Popen[str], timeout: float = 20.0) -> str:
    """The first line the process prints on stdout (fails instead of hanging)."""
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        assert selector.select(timeout), "the emulator printed nothing"
    return process.stdout.readline().strip()


@pytest.fixture
def emulator_process() -> Iterator[subprocess.Popen[str]]:
    env = {**os.environ, "OPPER_API_KEY": "from-env"}
    command = [sys.executable, "-m", "opper_tracing.cli", "emulator", "--port", "0"]
    with subprocess.Popen(
        [*command, "--api-key", "cli-key", "--log-level", "warning"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as process:
        try:
            yield process
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(10)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_emulator_serves_then_stops_cleanly_on_a_signal(
    emulator_process: subprocess.Popen[str], sig: signal.Signals
) -> None:
    base_url = _first_line(emulator_process)
    assert base_url.startswith("http://127.0.0.1:")
    assert base_url.endswith("/v2")
    headers = {"Authorization": "Bearer cli-key", "X-Emulator-Fault": "stall-after=1"}
    with httpx.Client(timeout=20) as client:
        reply = client.post(f"{base_url}/call", json={"name": "t", "input": 1}, headers=headers)
        assert reply.status_code == 200
        env_key = client.post(
            f"{base_url}/call", json={"name": "t"}, headers={"Authorization": "Bearer from-env"}
        )
        assert env_key.status_code == 401  # --api-key wins over OPPER_API_KEY
        # A stalled stream is open while the signal arrives: it must not hold up the stop.
        with client.stream("POST", f"{base_url}/call/stream", json={"name": "t"}, headers=headers):
            emulator_process.send_signal(sig)
            assert emulator_process.wait(20) == 0
    stdout, stderr = emulator_process.communicate(timeout=10)
    assert stdout == ""  # the URL was the only line
    assert "cli-key" not in stderr


def test_non_loopback_host_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["emulator", "--host", "0.0.0.0"]) == 2
    assert "loopback" in capsys.readouterr().err


def test_bad_fault_spec_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["emulator", "--faults", "explode=1"]) == 2
    assert "unknown fault" in capsys.readouterr().err


def test_usage_errors_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["emulator", "--port", "x"]) == 2
    assert main(["--help"]) == 0
    assert "emulator" in capsys.readouterr().out


def test_console_script_points_at_main() -> None:
    (script,) = entry_points(group="console_scripts", name="opper-tracing")
    assert script.value == "opper_tracing.cli:main"


def test_importing_the_cli_does_not_import_the_server() -> None:
    code = (
        "import sys, opper_tracing.cli; "
        "print([m for m in ('uvicorn', 'starlette', 'sse_starlette') if m in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
