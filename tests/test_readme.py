"""Every code block of README.md runs as written, against the emulator, and prints what it shows.

A ``python`` block runs in a fresh interpreter and an ``sh`` block in bash (``-e``, with this
virtualenv's scripts on ``PATH``), each in an empty directory with ``OPPER_BASE_URL`` and
``OPPER_API_KEY`` pointing at a loopback emulator (the ``opper_emulator`` fixture), so a block that
builds ``Opper()`` from the environment, as a user's would, talks to it. An HTML comment on the line
before a fence changes that::

    <!-- readme-test: skip: REASON -->   not run (installs, make targets); REASON shows in the skip
    <!-- readme-test: pytest -->         a test module: run by pytest, with the plugin's fixtures
    <!-- readme-test: output -->         on a ``text`` block: what the block before it prints,
                                          ``...`` standing for any text (as in doctest)

Any block must exit 0 and print no ``None``; a block with an output block must print that.
"""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from opper_emulator import Emulator

README = Path(__file__).resolve().parent.parent / "README.md"
RUNNABLE = ("python", "sh")
_DIRECTIVE = re.compile(r"<!-- readme-test: (skip|pytest|output)(?::\s*(.+?))?\s*-->")
_FENCE = re.compile(r"^```(\S*)\s*$")


@dataclass
class Block:
    line: int
    language: str
    code: str
    directive: str | None = None
    reason: str | None = None
    output: str | None = None


def read_blocks(text: str) -> list[Block]:
    """The fenced blocks of a Markdown text, each with the directive on the line before it and,
    for a code block, the ``output`` block that follows it."""
    blocks: list[Block] = []
    lines = text.splitlines()
    index = 0
    previous = ""
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            if lines[index].strip():
                previous = lines[index]
            index += 1
            continue
        start = index + 1
        index = start
        while index < len(lines) and lines[index] != "```":
            index += 1
        if index == len(lines):
            raise ValueError(f"README.md:{start}: the fence is never closed")
        directive = _DIRECTIVE.fullmatch(previous.strip())
        block = Block(
            line=start,
            language=opening.group(1),
            code="\n".join(lines[start:index]) + "\n",
            directive=directive.group(1) if directive else None,
            reason=directive.group(2) if directive else None,
        )
        if block.directive == "output":
            if not blocks or blocks[-1].language not in RUNNABLE or blocks[-1].output is not None:
                raise ValueError(f"README.md:{start}: an output block must follow a code block")
            blocks[-1].output = block.code
        blocks.append(block)
        previous = ""
        index += 1
    return blocks


BLOCKS = read_blocks(README.read_text(encoding="utf-8"))
CODE = [block for block in BLOCKS if block.language in RUNNABLE]


def matches(expected: str, actual: str) -> bool:
    """``actual`` is ``expected``, each ``...`` in it standing for any text (doctest's rule)."""
    return doctest.OutputChecker().check_output(expected, actual, doctest.ELLIPSIS)


def test_every_block_is_python_sh_or_text_and_every_directive_is_known() -> None:
    assert len(CODE) >= 10
    assert {block.language for block in BLOCKS} == {"python", "sh", "text"}
    text = README.read_text(encoding="utf-8")
    assert text.count("<!-- readme-test") == len(_DIRECTIVE.findall(text))
    for block in BLOCKS:
        if block.directive == "skip":
            assert block.reason, f"README.md:{block.line}: a skip says why"
        if block.language == "text" and block.directive is None:
            assert "Layout" in text[: text.index(block.code)].rsplit("## ", 1)[-1]


def test_the_ellipsis_matcher() -> None:
    assert matches("a...c", "abbc")
    assert matches("a...", "a")
    assert matches("{...} x", "{1} x")
    assert not matches("a...c", "abcd")
    assert not matches("a...b...c", "acb")
    assert not matches("abc", "abcd")


@pytest.mark.parametrize(
    "block", CODE, ids=[f"README.md:{block.line}-{block.language}" for block in CODE]
)
def test_readme_block(block: Block, opper_emulator: Emulator, tmp_path: Path) -> None:
    if block.directive == "skip":
        pytest.skip(f"marked in README.md: {block.reason}")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPPER_", "OTEL_"))}
    env.update(
        OPPER_BASE_URL=opper_emulator.base_url,
        OPPER_API_KEY=opper_emulator.api_key,
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
    )
    if block.directive == "pytest":
        (tmp_path / "test_readme_example.py").write_text(block.code, encoding="utf-8")
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "error"]
        command += ["-o", "asyncio_default_fixture_loop_scope=function"]
    elif block.language == "python":
        command = [sys.executable, "-c", block.code]
    else:
        command = ["bash", "-e", "-o", "pipefail", "-c", block.code]
    result = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, f"README.md:{block.line} failed:\n{result.stdout}{result.stderr}"
    assert not re.search(r"\bNone\b", result.stdout), result.stdout
    if block.output is not None:
        actual = result.stdout
        assert matches(block.output, actual), f"README.md:{block.line} printed:\n{actual}"
