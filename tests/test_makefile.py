"""The Makefile's switches for a lighter first run, read with ``make -n`` (nothing is built):
``OPPER_SKIP_PHOENIX=1`` leaves ``.venv-phoenix`` unbuilt, and ``make demo`` uses the emulator
unless ``LIVE=1`` asks for the real API. And its code generation: ``generate`` and
``check-generated`` share their steps, check-generated names the package that drifted, and
``refresh-v3-spec`` fails in one line offline."""

from __future__ import annotations

import os
import re
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


def _generation_steps(commands: str) -> list[str]:
    """The programs a dry run runs to generate, in order, with every directory spelt DIR."""
    steps = []
    for step in commands.replace("\\\n", " ").split("&&"):
        step = step.strip().removeprefix("{ ").split(" ||")[0].strip()
        if "openapi-python-client generate" in step or re.search(r"/bin/python \S+\.py\b", step):
            steps.append(re.sub(r"\S*(@OUT@|\$tmp|\$scratch|generated|tracing/)\S*", "DIR", step))
    return steps


def test_generate_and_check_generated_run_the_same_steps(tmp_path: Path) -> None:
    """check-generated regenerates with exactly `generate`'s steps (one recipe), so a step added to
    `generate` is checked too; both packages are built, v3 from the overlaid spec."""
    generate = dry_run(tmp_path, "generate", "GENERATED=@OUT@")
    steps = _generation_steps(generate)
    assert steps == _generation_steps(dry_run(tmp_path, "check-generated"))
    assert len(steps) >= 3
    assert "--output-path @OUT@/opper_api " in generate
    assert "--output-path @OUT@/opper_api_v3 " in generate
    overlay = "scripts/openapi_overlay.py openapi-v3.yaml openapi-v3.overlay.yaml"
    assert any(overlay in step for step in steps)


def test_check_generated_names_the_package_that_was_edited(tmp_path: Path) -> None:
    generated = tmp_path / "generated"
    shutil.copytree(ROOT / "generated", generated, ignore=shutil.ignore_patterns("*cache*"))
    edited = generated / "opper_api_v3" / "models" / "run_response.py"
    edited.write_text(edited.read_text() + "# edited by hand\n")
    done = subprocess.run(
        [
            "make",
            "-s",
            "--no-print-directory",
            "-C",
            str(ROOT),
            "check-generated",
            f"GENERATED={generated}",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode != 0
    assert (
        f"{generated}/opper_api_v3 does not match openapi-v3.yaml with openapi-v3.overlay.yaml"
        in done.stderr
    )
    assert f"{generated}/opper_api does not match" not in done.stderr


def test_refresh_v3_spec_offline_is_one_line_and_writes_nothing() -> None:
    spec = (ROOT / "openapi-v3.yaml").read_bytes()
    done = subprocess.run(
        [
            "make",
            "-s",
            "--no-print-directory",
            "-C",
            str(ROOT),
            "refresh-v3-spec",
            "WRITE=1",
            # Nothing listens on the discard port of the loopback: refused at once, as offline.
            "V3_SPEC_URL=http://127.0.0.1:9/v3/openapi.yaml",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    (line,) = [line for line in done.stderr.splitlines() if not line.startswith("make")]
    assert line.startswith("refresh-v3-spec: no spec from http://127.0.0.1:9/v3/openapi.yaml (")
    assert line.endswith("openapi-v3.yaml is unchanged")
    assert (ROOT / "openapi-v3.yaml").read_bytes() == spec
