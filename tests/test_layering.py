"""The boundary between generated and handwritten code: the handwritten layer uses only the
generated packages' public names (never a private function such as ``_get_kwargs``, never
``inspect.signature`` on them), and nothing generated imports the layer."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ("opper_api", "opper_api_v3")


def handwritten() -> list[Path]:
    """Every module of the layer that carries no "generated ... do not edit" banner."""
    found = []
    for path in sorted((ROOT / "tracing").rglob("*.py")):
        head = "\n".join(path.read_text().splitlines()[:6]).lower()
        if not ("generated" in head and "do not edit" in head):
            found.append(path)
    return found


def reaches_in(source: str) -> list[str]:
    """What ``source`` takes from the generated packages that is not theirs to give."""
    tree = ast.parse(source)
    bound: set[str] = set()
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(GENERATED):
            for alias in node.names:
                bound.add(alias.asname or alias.name)
                if alias.name.startswith("_"):
                    problems.append(f"imports {node.module}.{alias.name}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(GENERATED):
                    bound.add((alias.asname or alias.name).split(".")[0])
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            root = node.value
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and root.id in bound and not node.attr.startswith("__"):
                problems.append(f"{root.id}...{node.attr}")
        inspected = isinstance(node, ast.Attribute) and node.attr in ("signature", "getsource")
        if inspected and isinstance(node.value, ast.Name) and node.value.id == "inspect":
            problems.append(f"inspect.{node.attr}")
    return problems


def test_the_check_finds_what_it_looks_for() -> None:
    offending = (
        "import inspect\n"
        "from opper_api.api.spans import get_span\n"
        "from opper_api.api.call import _hidden\n"
        "kwargs = get_span._get_kwargs(span_id='x')\n"
        "inspect.signature(get_span.sync)\n"
    )
    assert reaches_in(offending) == [
        "imports opper_api.api.call._hidden",
        "get_span..._get_kwargs",
        "inspect.signature",
    ]
    assert reaches_in("from opper_api.api import Operation\nOperation._fields\n") == [
        "Operation..._fields"
    ]


def test_the_layer_uses_only_what_the_generated_packages_publish() -> None:
    problems = {
        str(path.relative_to(ROOT)): found
        for path in handwritten()
        if (found := reaches_in(path.read_text()))
    }
    assert problems == {}


def test_nothing_generated_imports_the_layer() -> None:
    for package in GENERATED:
        for path in (ROOT / "generated" / package).rglob("*.py"):
            text = path.read_text()
            assert "opper_tracing" not in text, path


def test_v2_users_do_not_load_v3_or_jsonschema() -> None:
    """``import opper_tracing`` leaves v3's generated package (half the import time and a
    quarter of the objects the collector walks) and jsonschema to their first use."""
    probe = (
        "import sys, opper_tracing\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'opper_api_v3', 'jsonschema'}))\n"
        "import opper_tracing.v3\n"
        "print('opper_api_v3' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[:2] == ["[]", "True"]
