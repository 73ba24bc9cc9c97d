"""The package's public face: ``opper_tracing.__all__`` lists exactly its public names."""

from __future__ import annotations

import importlib
import pkgutil

import opper_tracing


def test_all_lists_the_public_names() -> None:
    public = sorted(name for name in vars(opper_tracing) if not name.startswith("_"))
    submodules = {info.name for info in pkgutil.iter_modules(opper_tracing.__path__)}
    exported = sorted(name for name in public if name not in submodules)
    assert sorted(opper_tracing.__all__) == sorted([*exported, "__version__"])


def test_every_module_declares_all() -> None:
    for info in pkgutil.walk_packages(opper_tracing.__path__, "opper_tracing."):
        module = importlib.import_module(info.name)
        assert isinstance(getattr(module, "__all__", None), list), info.name


def test_importing_the_package_does_not_import_the_sdk_or_servers() -> None:
    import subprocess
    import sys

    code = (
        "import sys, opper_tracing; "
        "bad = [m for m in ('opentelemetry.sdk', 'uvicorn', 'starlette', 'pydantic') "
        "if m in sys.modules]; print(bad)"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "[]"
