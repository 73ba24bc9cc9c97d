"""The surface users type against: ``mypy --strict`` on code that uses every generated resource
method, ``call()`` and ``stream()`` of v2 and v3, sync and async, reveals no ``Any``; the same
code with a misspelt method, a wrong argument type and an unknown attribute fails on each."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

TYPED = Path(__file__).parent / "typed"


def mypy(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--hide-error-context",
         "--no-error-summary", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )  # fmt: skip


def test_every_method_is_typed_and_no_result_is_any() -> None:
    done = mypy(TYPED / "usage.py")
    revealed = re.findall(r'Revealed type is "(.*)"', done.stdout)
    errors = [line for line in done.stdout.splitlines() if ": error:" in line]
    assert errors == []
    assert len(revealed) >= 65
    assert [kind for kind in revealed if "Any" in kind] == []
    assert any("SpanWithFeedback" in kind for kind in revealed)
    assert any("opper_tracing._v3.RunResult" in kind for kind in revealed)
    assert any("ContentChunk" in kind for kind in revealed)


def test_mistakes_are_named() -> None:
    done = mypy(TYPED / "mistakes.py")
    assert done.returncode == 1
    assert '"SpansResource" has no attribute "gett"' in done.stdout
    assert (
        'Argument "limit" to "list" of "ModelsResource" has incompatible type "str"' in done.stdout
    )
    assert '"SpanWithFeedback" has no attribute "no_such_attribute"' in done.stdout
