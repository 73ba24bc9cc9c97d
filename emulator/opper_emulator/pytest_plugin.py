"""pytest fixtures for testing code that calls Opper, with no key and no network.

With ``opper-tracing[emulator]`` installed, pytest loads this plugin by itself (entry point
``pytest11``, name ``opper_emulator``; ``pytest -p no:opper_emulator`` turns it off)::

    from opper_tracing import Opper

    def test_summary(opper_emulator):
        opper_emulator.respond("summarise", output="Short.")
        with Opper() as opper:  # OPPER_BASE_URL and OPPER_API_KEY point at the emulator
            assert opper.call("summarise", input="A long text").output == "Short."
        assert opper_emulator.requests[-1].json["input"] == "A long text"

``opper_emulator`` is an ``opper_emulator.Emulator``: ``base_url`` (v2's), ``root_url`` (the
server root, v3's base URL), ``api_key``, ``requests`` (what it received, oldest first),
``spans``, ``respond(name, output=...)`` (a canned answer for every call of a task),
``set_faults("status=503")`` (a default fault; one request can send the ``X-Emulator-Fault``
header instead). One server runs per session (``opper_emulator_server``); each test gets it
reset (no requests, spans, canned answers or faults) and has ``OPPER_BASE_URL``/``OPPER_API_KEY``
set to it, so code that builds ``Opper()`` itself talks to it.

``opper_emulator_v3`` is the same emulator with ``OPPER_BASE_URL`` set to its root URL instead,
for code whose v3 client reads the environment (Opper's v3 SDK takes the server root)::

    def test_v3(opper_emulator_v3):
        import opperai

        assert opperai.Opper().call("greet", input="Ann").data == "Emulated reply to greet: Ann"

Importing this module costs nothing: the server is imported when a test first asks for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from ._state import DEFAULT_API_KEY

if TYPE_CHECKING:
    from ._server import Emulator

__all__ = ["opper_emulator", "opper_emulator_server", "opper_emulator_v3"]


@pytest.fixture(scope="session")
def opper_emulator_server() -> Iterator[Emulator]:
    """The session's emulator, unreset; tests normally want ``opper_emulator`` instead."""
    try:
        from ._server import Emulator
    except ImportError as exc:
        pytest.fail(
            f"the opper_emulator fixture needs opper-tracing[emulator] ({exc})", pytrace=False
        )
    emulator = Emulator(api_key=DEFAULT_API_KEY)
    emulator.start()
    try:
        yield emulator
    finally:
        emulator.stop()


@pytest.fixture
def opper_emulator(
    opper_emulator_server: Emulator, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Emulator]:
    """The session's emulator, reset for this test, with ``OPPER_BASE_URL`` and
    ``OPPER_API_KEY`` set to it until the test ends."""
    emulator = opper_emulator_server
    emulator.reset()
    monkeypatch.setenv("OPPER_BASE_URL", emulator.base_url)
    monkeypatch.setenv("OPPER_API_KEY", emulator.api_key)
    yield emulator
    emulator.reset()


@pytest.fixture
def opper_emulator_v3(
    opper_emulator_server: Emulator, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Emulator]:
    """The session's emulator, reset for this test, with ``OPPER_BASE_URL`` set to its root URL
    (a v3 client's base URL) and ``OPPER_API_KEY`` to its key until the test ends."""
    emulator = opper_emulator_server
    emulator.reset()
    monkeypatch.setenv("OPPER_BASE_URL", emulator.root_url)
    monkeypatch.setenv("OPPER_API_KEY", emulator.api_key)
    yield emulator
    emulator.reset()
