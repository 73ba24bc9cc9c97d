"""The three bugs issue 17 found, each held down: a given transport outlives the client, a
call's name cannot be overridden by a keyword, and the key goes only to paths at or below the
base path (``/v2`` is not ``/v20``)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from _fakes import API_KEY, ok
from opper_tracing import AsyncOpper, Opper


class Closable(httpx.MockTransport):
    """A transport that records being closed."""

    def __init__(self) -> None:
        super().__init__(lambda request: ok())
        self.closed = 0

    def close(self) -> None:
        self.closed += 1

    async def aclose(self) -> None:
        self.closed += 1


def test_closing_the_client_leaves_a_given_transport_open() -> None:
    transport = Closable()
    with Opper(api_key=API_KEY, base_url="https://api.test/v2", transport=transport) as opper:
        opper.call("t")
    assert transport.closed == 0

    async def main() -> None:
        async with AsyncOpper(
            api_key=API_KEY, base_url="https://api.test/v2", transport=transport
        ) as aopper:
            await aopper.call("t")

    asyncio.run(main())
    assert transport.closed == 0


def test_the_name_cannot_be_given_again_as_a_keyword(tmp_path: Path) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return ok()

    transport = httpx.MockTransport(handler)
    with (
        Opper(api_key=API_KEY, base_url="https://api.test/v2", transport=transport) as opper,
        pytest.raises(TypeError, match="unexpected keyword argument 'name'"),
    ):
        opper.call("first", name="second")  # type: ignore[call-arg]
    assert seen == []
    user = tmp_path / "named.py"
    user.write_text(
        "from opper_tracing import Opper\n"
        "def run(opper: Opper) -> None:\n"
        "    opper.call('first', name='second')\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(user)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert 'Unexpected keyword argument "name" for "call" of "Opper"' in done.stdout


def test_a_sibling_path_of_the_base_path_gets_no_key() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/v2/call":
            return httpx.Response(307, headers={"Location": "https://api.test/v20/call"})
        return ok()

    with Opper(
        api_key=API_KEY, base_url="https://api.test/v2", transport=httpx.MockTransport(handler)
    ) as opper:
        opper.call("t")
    assert [r.url.path for r in seen] == ["/v2/call", "/v20/call"]
    assert seen[0].headers["authorization"] == f"Bearer {API_KEY}"
    assert "authorization" not in seen[1].headers
