"""The ``opper-tracing`` command: ``emulator`` serves, prints the variables to export, and stops on
a signal; ``call`` takes JSON, files and stdin, keeps stdout for the result alone (one JSON object
with ``--json``), and exits with a status that names the kind of failure."""

from __future__ import annotations

import io
import json
import os
import re
import selectors
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from importlib.metadata import entry_points
from pathlib import Path

import httpx
import pytest

from opper_emulator import Emulator
from opper_tracing import __version__
from opper_tracing.cli import ExitCode, main
from opper_tracing.v3 import Opper as OpperV3

SUM = {"type": "object", "properties": {"sum": {"type": "integer"}}}
SUM_TEXT = json.dumps(SUM)


def _lines(process: subprocess.Popen[str], count: int, timeout: float = 20.0) -> list[str]:
    """The first ``count`` lines the process prints on stdout (fails instead of hanging)."""
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        assert selector.select(timeout), "the emulator printed nothing"
    # The lines are flushed together, so once the first is readable none of them blocks.
    return [process.stdout.readline().strip() for _ in range(count)]


def _start(*options: str, env_key: str | None = None) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "OPPER_API_KEY"}
    if env_key is not None:
        env["OPPER_API_KEY"] = env_key
    command = [sys.executable, "-m", "opper_tracing.cli", "emulator", "--port", "0"]
    return subprocess.Popen(
        [*command, "--log-level", "warning", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.fixture
def emulator_process() -> Iterator[subprocess.Popen[str]]:
    with _start("--api-key", "cli-key", env_key="from-env") as process:
        try:
            yield process
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(10)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_emulator_prints_what_to_export_serves_then_stops_on_a_signal(
    emulator_process: subprocess.Popen[str], sig: signal.Signals
) -> None:
    url_line, key_line, v3_line = _lines(emulator_process, 3)
    name, _, base_url = url_line.partition("=")
    assert name == "OPPER_BASE_URL"
    assert base_url.startswith("http://127.0.0.1:")
    assert base_url.endswith("/v2")
    assert key_line == "OPPER_API_KEY=cli-key"  # --api-key wins over OPPER_API_KEY
    assert v3_line == f"# v3 root: {base_url.removesuffix('/v2')}"  # a comment to a dotenv loader
    headers = {"Authorization": "Bearer cli-key", "X-Emulator-Fault": "stall-after=1"}
    with httpx.Client(timeout=20) as client:
        reply = client.post(f"{base_url}/call", json={"name": "t", "input": 1}, headers=headers)
        assert reply.status_code == 200
        env_key = client.post(
            f"{base_url}/call", json={"name": "t"}, headers={"Authorization": "Bearer from-env"}
        )
        assert env_key.status_code == 401
        # A stalled stream is open while the signal arrives: it must not hold up the stop.
        with client.stream("POST", f"{base_url}/call/stream", json={"name": "t"}, headers=headers):
            emulator_process.send_signal(sig)
            assert emulator_process.wait(20) == 0
    stdout, stderr = emulator_process.communicate(timeout=10)
    assert stdout == ""  # the three lines were all
    assert "cli-key" not in stderr


def test_emulator_does_not_repeat_a_key_from_the_environment() -> None:
    with _start(env_key="sk-real-looking-key") as process:
        try:
            lines = _lines(process, 3)
        finally:
            process.terminate()
            process.wait(20)
    assert lines[0].startswith("OPPER_BASE_URL=http://127.0.0.1:")
    assert lines[1] == "# OPPER_API_KEY: the key already in your environment"
    assert lines[2].startswith("# v3 root: http://127.0.0.1:")


def test_emulator_prints_the_v3_root_and_both_clients_take_its_base_url(
    emulator_process: subprocess.Popen[str], capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _lines(emulator_process, 3)
    base_url = lines[0].removeprefix("OPPER_BASE_URL=")
    root = lines[2].removeprefix("# v3 root: ")
    assert base_url == f"{root}/v2"
    reply = httpx.post(
        f"{root}/v3/call",
        json={"name": "greet", "input": "Ann"},
        headers={"Authorization": "Bearer cli-key"},
        timeout=20,
    )
    assert reply.json()["data"] == "Emulated reply to greet: Ann"
    # As the help says, opper_tracing.v3 clients take OPPER_BASE_URL as printed (with its /v2).
    with OpperV3(api_key="cli-key", base_url=base_url) as opper:
        assert opper.call("greet", input="Ann").output == "Emulated reply to greet: Ann"
    assert main(["emulator", "--help"]) == 0
    text = capsys.readouterr().out
    assert "# v3 root: http://127.0.0.1:PORT" in text
    assert "opper_tracing.v3 clients take it too" in text


def test_non_loopback_host_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["emulator", "--host", "0.0.0.0"]) == ExitCode.USAGE
    assert "loopback" in capsys.readouterr().err


def test_bad_fault_spec_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["emulator", "--faults", "explode=1"]) == ExitCode.USAGE
    assert "unknown fault" in capsys.readouterr().err


def test_usage_errors_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["emulator", "--port", "x"]) == 2
    capsys.readouterr()
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"opper-tracing {__version__}\n"
    assert main(["--help"]) == 0
    assert "emulator" in capsys.readouterr().out


def test_help_documents_every_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["call", "--help"]) == 0
    text = capsys.readouterr().out
    assert "exit status:" in text
    for code in ExitCode:
        assert f"  {code.value:<4}{code.meaning}" in text
    assert [int(code) for code in ExitCode] == [0, 1, 2, 3, 4, 5, 6, 130]


def test_every_request_property_of_the_spec_is_an_option(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from opper_api.api.call import CallRequestParams

    assert main(["call", "--help"]) == 0
    text = capsys.readouterr().out
    options = {"name": "NAME", "tags": "--tag"}
    for name in CallRequestParams.__annotations__:
        assert options.get(name, "--" + name.replace("_", "-")) in text
    assert "Span to nest this call's span under." in text  # the spec's description


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
# The `opper_emulator` fixture (opper_emulator.pytest_plugin) is reset per test and sets
# OPPER_BASE_URL and OPPER_API_KEY, so `main(["call", ...])` talks to it.


def _sent(emulator: Emulator) -> dict[str, object]:
    """The body of the last /call or /call/stream request."""
    calls = [r for r in emulator.requests if r.path.startswith("/v2/call")]
    body = calls[-1].json
    assert isinstance(body, dict)
    return body


def test_call_prints_the_text_result_alone(
    opper_emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    opper_emulator.respond("greet", output="Hello, Ann.")
    assert main(["call", "greet", "--input", "Ann", "--tag", "user=u1"]) == 0
    out, err = capsys.readouterr()
    assert out == "Hello, Ann.\n"
    (span_id,) = opper_emulator.spans
    assert err == f"opper span: {span_id}\n"
    assert _sent(opper_emulator)["tags"] == {"user": "u1"}


def test_call_json_is_one_object_with_output_span_usage_and_cost(
    opper_emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["call", "add", "--input", '{"x": 1, "y": 3}', "--output-schema", SUM_TEXT, "--json"]
    assert main(argv) == 0
    out, _ = capsys.readouterr()
    result = json.loads(out)  # exactly one JSON document
    assert sorted(result) == ["cost", "output", "span_id", "usage"]
    assert isinstance(result["output"]["sum"], int)
    assert list(opper_emulator.spans) == [result["span_id"]]
    assert result["usage"]["input_tokens"] > 0
    assert result["cost"]["total"] > 0
    assert _sent(opper_emulator)["input"] == {"x": 1, "y": 3}


def test_input_and_schemas_from_files_and_stdin(
    opper_emulator: Emulator,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "in.json").write_text('{"x": 2, "y": 40}\n')
    (tmp_path / "sum.json").write_text(SUM_TEXT)
    (tmp_path / "article.txt").write_text("A long article.\n")
    monkeypatch.chdir(tmp_path)
    argv = ["call", "add", "--input", "@in.json", "--output-schema", "@sum.json", "--json"]
    assert main(argv) == 0
    assert _sent(opper_emulator)["input"] == {"x": 2, "y": 40}
    assert _sent(opper_emulator)["output_schema"] == SUM
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"x": 5}'))
    assert main(["call", "add", "--input", "-", "--input-schema", SUM_TEXT]) == 0
    assert _sent(opper_emulator)["input"] == {"x": 5}
    monkeypatch.setattr(sys, "stdin", io.StringIO(SUM_TEXT))
    assert main(["call", "add", "--input", '{"x": 1}', "--output-schema", "-"]) == 0
    assert _sent(opper_emulator)["output_schema"] == SUM
    assert main(["call", "summarise", "--input", "@article.txt", "--instructions", "Be brief"]) == 0
    sent = _sent(opper_emulator)
    assert sent["input"] == "A long article."  # text, less its final newline
    assert sent["instructions"] == "Be brief"
    capsys.readouterr()


def test_models_examples_configuration_and_parent(
    opper_emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    parent = str(uuid.uuid4())
    # The parent must exist: the API answers 404 "Parent span not found" for an unknown one.
    created = httpx.post(
        f"{opper_emulator.base_url}/spans",
        json={"name": "parent", "id": parent},
        headers={"Authorization": f"Bearer {os.environ['OPPER_API_KEY']}"},
    )
    assert created.status_code == 200
    examples = [{"input": "hi", "output": "hello", "comment": "greets"}]
    argv = ["call", "t", "--input", "hi", "--model", "openai/gpt-4o-mini"]
    argv += ["--model", '{"name": "anthropic/claude-3-haiku", "options": {"temperature": 0}}']
    argv += ["--examples", json.dumps(examples), "--configuration", "{}"]
    argv += ["--parent-span-id", parent]
    assert main(argv) == 0
    sent = _sent(opper_emulator)
    assert sent["model"] == [
        "openai/gpt-4o-mini",
        {"name": "anthropic/claude-3-haiku", "options": {"temperature": 0}},
    ]
    assert sent["examples"] == examples
    assert sent["configuration"] == {}
    assert sent["parent_span_id"] == parent
    assert capsys.readouterr().out == "hello\n"  # the emulator answers from a matching example
    assert main(["call", "t", "--model", "openai/gpt-4o-mini"]) == 0
    assert _sent(opper_emulator)["model"] == "openai/gpt-4o-mini"  # one model: not a list


def test_stream_text_goes_to_stdout_as_it_arrives(
    opper_emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    opper_emulator.respond("story", output="Once upon a time, there was a stream.")
    assert main(["call", "story", "--input", "once", "--stream"]) == 0
    out, err = capsys.readouterr()
    assert out == "Once upon a time, there was a stream.\n"
    assert err.startswith("opper span: ")


def test_stream_structured_deltas_go_to_stderr_and_the_result_to_stdout(
    opper_emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = {"type": "object", "properties": {"title": {"type": "string"}}}
    opper_emulator.respond("book", output={"title": "A long title"})
    assert main(["call", "book", "--stream", "--output-schema", json.dumps(schema)]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == {"title": "A long title"}
    assert "title: " in err.splitlines()[0]  # `json_path: delta`, as progress


def test_stream_json_prints_one_object_at_the_end(
    opper_emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    opper_emulator.respond("story", output="Once upon a time.")
    assert main(["call", "story", "--stream", "--json"]) == 0
    out, err = capsys.readouterr()
    result = json.loads(out)
    assert result == {
        "output": "Once upon a time.",
        "span_id": next(iter(opper_emulator.spans)),
        "usage": None,
        "cost": None,
    }
    assert "Once upon a time." in err  # the deltas, as progress


def test_call_exports_its_span_to_stderr(
    opper_emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["call", "greet", "--input", "Ann", "--tag", "user=u1", "--export", "console", "--json"]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    span_id = json.loads(out)["span_id"]
    assert f'"opper.span_id": "{span_id}"' in err
    assert '"opper.tags.user": "u1"' in err
    assert "Bearer" not in err
    assert opper_emulator.api_key not in out + err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["call", "t", "--tag", "novalue"], "a tag is KEY=VALUE"),
        (["call", "t", "--output-schema", "@/nonexistent.json"], "cannot read /nonexistent.json"),
        (["call", "t", "--output-schema", "{bad"], "--output-schema: the value is not JSON"),
        (["call", "t", "--examples", "[1,"], "--examples: the value is not JSON"),
        (["call", "t", "--model", "{bad"], "--model: '{bad' is not a JSON object"),
        (["call", "t", "--input", "-", "--output-schema", "-"], "standard input (-) is already"),
        (["call", "t", "--base-url", "not a url"], "base_url 'not a url' is not an API root"),
        (["call", "t", "--parent-span-id", "nope"], "parent_span_id must be a UUID"),
    ],
)
def test_usage_and_invalid_requests_exit_2_before_sending(
    argv: list[str],
    message: str,
    opper_emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(argv) == ExitCode.USAGE
    assert message in capsys.readouterr().err
    assert opper_emulator.requests == []


def test_a_path_given_without_at_is_pointed_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sum.json").write_text(SUM_TEXT)
    monkeypatch.chdir(tmp_path)
    assert main(["call", "t", "--output-schema", "sum.json"]) == ExitCode.USAGE
    assert "(to read a file, write @PATH)" in capsys.readouterr().err


def test_input_that_violates_its_schema_exits_2_before_sending(
    opper_emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = json.dumps({"type": "object", "properties": {"x": {"type": "integer"}}})
    assert main(["call", "t", "--input", '{"x": "one"}', "--input-schema", schema]) == 2
    assert "input.x does not match input_schema" in capsys.readouterr().err
    assert opper_emulator.requests == []


def test_auth_failures_exit_3_without_the_key(
    opper_emulator: Emulator, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPPER_API_KEY", "wrong-secret-key")
    assert main(["call", "t", "--input", "x", "--json"]) == ExitCode.AUTH
    out, err = capsys.readouterr()
    assert json.loads(out)["error"]["status_code"] == 401
    assert "AuthenticationError" in err
    assert "wrong-secret-key" not in out + err
    monkeypatch.delenv("OPPER_API_KEY")
    assert main(["call", "t"]) == ExitCode.AUTH
    assert "no API key" in capsys.readouterr().err


@pytest.mark.parametrize("fault", ["status=500", "status=404", "status=429; retry-after=0"])
def test_other_status_errors_exit_4(
    fault: str, opper_emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    opper_emulator.set_faults(fault)
    assert main(["call", "t", "--max-retries", "0", "--json"]) == ExitCode.API_STATUS
    error = json.loads(capsys.readouterr().out)["error"]
    assert error["status_code"] == int(fault.split("=")[1][:3])
    assert opper_emulator.base_url in error["message"]  # status errors name the URL


def test_connection_failures_exit_5(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["call", "t", "--api-key", "k", "--base-url", "http://127.0.0.1:1/v2"]
    assert main([*argv, "--max-retries", "0", "--json"]) == ExitCode.CONNECTION
    out, _ = capsys.readouterr()
    assert json.loads(out)["error"]["type"] == "APIConnectionError"


def test_stream_failures_exit_6_with_what_arrived(
    opper_emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    opper_emulator.respond("story", output="Once upon a time, there was a stream.")
    opper_emulator.set_faults("error-after=2")
    assert main(["call", "story", "--stream", "--json"]) == ExitCode.STREAM
    result = json.loads(capsys.readouterr().out)
    assert result["error"]["type"] == "StreamError"
    assert result["span_id"] == next(iter(opper_emulator.spans))
    assert "Once upon a time, there was a stream.".startswith(result["output"])
    opper_emulator.set_faults("drop-after=2")
    assert main(["call", "story", "--stream"]) == ExitCode.STREAM
    assert "StreamInterruptedError" in capsys.readouterr().err


def test_stdout_of_the_real_process_holds_only_the_json(opper_emulator: Emulator) -> None:
    argv = [sys.executable, "-m", "opper_tracing.cli", "call", "add", "--input", "-"]
    argv += ["--output-schema", SUM_TEXT, "--stream", "--json", "--export", "console"]
    result = subprocess.run(
        argv, input='{"x": 1, "y": 3}', capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["output"] == {"sum": 4}
    assert "sum: 4\n" in result.stderr
    assert '"opper.span_id"' in result.stderr


def test_the_readme_lists_the_same_exit_statuses() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| (.+?) \|$", readme, re.M)
    assert [(int(code), meaning) for code, meaning in rows] == [
        (code.value, code.meaning) for code in ExitCode
    ]
