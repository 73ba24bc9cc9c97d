"""The Makefile's switches for a lighter first run, read with ``make -n`` (nothing is built):
``OPPER_SKIP_PHOENIX=1`` leaves ``.venv-phoenix`` unbuilt, and ``make demo`` uses the emulator
unless ``LIVE=1`` asks for the real API."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def dry_run(tmp_path: Path, *arguments: str, **env: str) -> str:
    """What ``make -n`` would run, with a ``.venv-phoenix`` that does not exist yet."""
    environment = {k: v for k, v in os.environ.items() if k != "OPPER_SKIP_PHOENIX"}
    environment.update(env)
    command = [
        "make",
        "-n",
        "--no-print-directory",
        "-C",
        str(ROOT),
        f"PHOENIX_VENV={tmp_path / 'phoenix'}",
        *arguments,
    ]
    return subprocess.run(
        command, env=environment, capture_output=True, text=True, check=True, timeout=60
    ).stdout


def test_make_test_builds_phoenix_first_by_default(tmp_path: Path) -> None:
    assert "arize-phoenix==" in dry_run(tmp_path, "test")


@pytest.mark.parametrize("where", ["environment", "make variable"])
def test_opper_skip_phoenix_builds_nothing_and_reaches_pytest(tmp_path: Path, where: str) -> None:
    if where == "environment":
        commands = dry_run(tmp_path, "test", OPPER_SKIP_PHOENIX="1")
    else:
        commands = dry_run(tmp_path, "test", "OPPER_SKIP_PHOENIX=1")
    assert "arize-phoenix" not in commands
    assert "OPPER_SKIP_PHOENIX=1 .venv/bin/pytest" in commands


def test_make_demo_uses_the_emulator_unless_live(tmp_path: Path) -> None:
    assert dry_run(tmp_path, "demo").splitlines()[-1].rstrip() == ".venv/bin/python -m demo"
    live = dry_run(tmp_path, "demo", "LIVE=1").splitlines()[-1]
    assert live == ".venv/bin/python -m demo --live"
