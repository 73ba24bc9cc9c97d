"""The demo runs end to end against the emulator and prints both span trees."""

from __future__ import annotations

import io

import pytest

import demo.__main__ as demo


def test_demo_runs_against_the_emulator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPPER_API_KEY", raising=False)
    out = io.StringIO()
    assert demo.main([], out=out) == 0
    text = out.getvalue()
    assert "emulator listening at http://127.0.0.1:" in text
    assert "call   -> {'sum': 4}" in text
    assert "=> {'sum': 42}" in text
    # Usage and cost for the call and, fetched after it ended, for the stream.
    assert text.count("\n          input_tokens ") == 2
    assert text.count(", cost $0.0") == 2
    tree = text.split("OpenTelemetry spans recorded")[1]
    assert "└─ POST /checkout  [SERVER" in tree
    assert "   └─ invoke_workflow checkout-flow  [INTERNAL" in tree
    assert tree.count("chat add_numbers  [CLIENT") == 2
    assert tree.count("gen_ai.request.model = openai/gpt-4o-mini") == 2
    assert tree.count("gen_ai.usage.output_tokens = ") == 2
    assert tree.count("opper.cost.total = ") == 2
    assert tree.count("gen_ai.conversation.id = demo-session") == 3
    assert 'output.value = {"sum": 4}' in tree
    assert 'output.value = {"sum": 42}' in tree  # the stream's assembled JSON, not ""
    assert tree.count("tags: project=project_456, user=company_123") == 2
    assert "gen_ai.request.stream = True" in tree
    opper = text.split("Opper spans stored by the API")[1]
    assert "└─ checkout-flow  [span]" in opper
    assert "   ├─ add_numbers  [call]" in opper
    assert "   └─ add_numbers  [call]" in opper
    assert "otel.span_id=" in opper


def test_the_demo_uses_the_emulator_even_with_a_key_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPPER_API_KEY", "sk-a-real-key-while-offline")
    out = io.StringIO()
    assert demo.main([], out=out) == 0
    assert "emulator listening at http://127.0.0.1:" in out.getvalue()


def test_live_needs_a_key_and_reports_failures_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("OPPER_API_KEY", raising=False)
    with pytest.raises(SystemExit) as usage:
        demo.main(["--live"], out=io.StringIO())
    assert usage.value.code == 2
    assert "--live needs OPPER_API_KEY" in capsys.readouterr().err
    # Offline: nothing listens at the address, so the call fails to connect.
    monkeypatch.setenv("OPPER_API_KEY", "sk-test")
    monkeypatch.setenv("OPPER_BASE_URL", "http://127.0.0.1:1/v2")
    out = io.StringIO()
    assert demo.main(["--live"], out=out) == 1
    assert "--live: talking to the real Opper API." in out.getvalue()
    assert "the demo failed: APIConnectionError" in capsys.readouterr().err
