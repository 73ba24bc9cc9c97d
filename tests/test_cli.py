"""The ``opper-tracing`` command: ``emulator`` serves, prints its URL, and stops on a signal;
``call`` runs a task against it, whole or streamed, and can export its span."""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
from collections.abc import Iterator
from importlib.metadata import entry_points
from pathlib import Path

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


# --- call --------------------------------------------------------------------------------


@pytest.fixture
def api(emulator: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPPER_BASE_URL", emulator.base_url)  # type: ignore[attr-defined]
    monkeypatch.setenv("OPPER_API_KEY", "test")


@pytest.mark.usefixtures("api")
def test_call_prints_the_text_result(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["call", "greet", "--input", "Ann", "--tag", "user=u1"]) == 0
    out, err = capsys.readouterr()
    assert out.strip()
    assert err.startswith("opper span: ")


@pytest.mark.usefixtures("api")
def test_call_with_output_schema_prints_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = tmp_path / "out.json"
    schema.write_text(json.dumps({"type": "object", "properties": {"sum": {"type": "integer"}}}))
    assert main(["call", "add", "--input", '{"x": 1, "y": 3}', "--output-schema", str(schema)]) == 0
    out, _ = capsys.readouterr()
    assert isinstance(json.loads(out)["sum"], int)


@pytest.mark.usefixtures("api")
def test_call_stream_prints_deltas_then_the_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["call", "story", "--input", '"once"', "--stream"]) == 0
    text, _ = capsys.readouterr()
    assert text.strip()
    schema = tmp_path / "out.json"
    schema.write_text(json.dumps({"type": "object", "properties": {"title": {"type": "string"}}}))
    assert main(["call", "book", "--stream", "--output-schema", str(schema)]) == 0
    out, _ = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].startswith("response.title: ")
    assert isinstance(json.loads(out[out.index("{") :])["title"], str)


@pytest.mark.usefixtures("api")
def test_call_exports_its_span_to_the_console(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["call", "greet", "--input", "Ann", "--tag", "user=u1", "--export", "console"]) == 0
    out, err = capsys.readouterr()
    span_id = err.split("opper span: ")[1].strip()
    assert f'"opper.span_id": "{span_id}"' in out
    assert '"opper.tags.user": "u1"' in out
    assert "Bearer" not in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["call", "t", "--tag", "novalue"], "a tag is KEY=VALUE"),
        (["call", "t", "--output-schema", "/nonexistent.json"], "cannot read /nonexistent.json"),
    ],
)
def test_call_usage_errors_name_the_problem(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


@pytest.mark.usefixtures("api")
def test_call_api_errors_exit_1_without_the_key(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPPER_API_KEY", "wrong-secret-key")
    assert main(["call", "t", "--input", "x"]) == 1
    err = capsys.readouterr().err
    assert "AuthenticationError" in err
    assert "wrong-secret-key" not in err


@pytest.mark.usefixtures("api")
def test_call_invalid_input_exits_2_before_sending(
    emulator: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = tmp_path / "in.json"
    schema.write_text(json.dumps({"type": "object", "properties": {"x": {"type": "integer"}}}))
    sent = len(emulator.requests)  # type: ignore[attr-defined]
    assert main(["call", "t", "--input", '{"x": "one"}', "--input-schema", str(schema)]) == 2
    assert "input.x does not match input_schema" in capsys.readouterr().err
    assert len(emulator.requests) == sent  # type: ignore[attr-defined]
