"""The ``opper_emulator`` pytest plugin: found through its entry point, light to import, and a
fixture that is reset per test, points ``Opper()`` at the emulator and takes canned answers."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import entry_points

import httpx
import pytest

import opper_emulator
from opper_emulator import Emulator
from opper_tracing import AsyncOpper, InternalServerError, Opper

pytest_plugins = ("pytester",)

SUM = {"type": "object", "properties": {"sum": {"type": "integer"}}}


def test_the_plugin_is_registered_for_pytest() -> None:
    (plugin,) = entry_points(group="pytest11", name="opper_emulator")
    assert plugin.value == "opper_emulator.pytest_plugin"


def test_canned_answers_for_calls_and_streams(opper_emulator: Emulator) -> None:
    opper_emulator.respond("summarise", output="Short.")
    opper_emulator.respond("add_numbers", output={"sum": 99})
    with Opper() as opper:  # configured from the environment the fixture set
        assert opper.call("summarise", input="A long text").message == "Short."
        assert opper.call("add_numbers", input={"x": 1}, output_schema=SUM).output == {"sum": 99}
        with opper.stream("summarise", input="again") as stream:
            list(stream)
        assert stream.text == "Short."
        with opper.stream("add_numbers", input={"x": 2}, output_schema=SUM) as stream:
            list(stream)
        assert stream.output == {"sum": 99}
        other = opper.call("other", input="x").message
    assert other != "Short."  # only the named task is canned
    sent = [request.json for request in opper_emulator.requests]
    assert [body["name"] for body in sent] == [
        "summarise",
        "add_numbers",
        "summarise",
        "add_numbers",
        "other",
    ]
    assert sent[0]["input"] == "A long text"


async def test_the_fixture_serves_async_clients_and_faults(opper_emulator: Emulator) -> None:
    opper_emulator.set_faults("status=500")
    async with AsyncOpper(max_retries=0) as opper:
        with pytest.raises(InternalServerError, match=opper_emulator.base_url):
            await opper.call("t", input="x")
    assert len(opper_emulator.requests) == 1


def test_the_fixtures_give_v3s_base_url(
    opper_emulator: Emulator, opper_emulator_v3: Emulator
) -> None:
    assert opper_emulator_v3 is opper_emulator  # one server, both versions
    assert opper_emulator.base_url == opper_emulator.root_url + "/v2"
    assert os.environ["OPPER_BASE_URL"] == opper_emulator.root_url
    opper_emulator.respond("greet", output="Hi.")
    reply = httpx.post(
        os.environ["OPPER_BASE_URL"] + "/v3/functions/greet/call",
        json={"input": "Ann"},
        headers={"Authorization": f"Bearer {os.environ['OPPER_API_KEY']}"},
    )
    assert reply.json()["data"] == "Hi."
    assert opper_emulator.requests[-1].path == "/v3/functions/greet/call"


def test_each_test_gets_a_reset_emulator_and_its_environment_back(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makepyfile(
        """
        import os
        from opper_tracing import Opper

        def test_first(opper_emulator):
            opper_emulator.respond("t", output="canned")
            with Opper() as opper:
                assert opper.call("t", input="x").message == "canned"
            opper_emulator.set_faults("status=500")  # must not outlive this test

        def test_second(opper_emulator):
            assert opper_emulator.requests == []
            assert opper_emulator.spans == {}
            with Opper() as opper:
                assert opper.call("t", input="x").message != "canned"
            assert os.environ["OPPER_API_KEY"] == opper_emulator.api_key

        def test_third_without_the_fixture():
            assert os.environ["OPPER_BASE_URL"] == "https://before.test/v2"
        """
    )
    monkeypatch.setenv("OPPER_BASE_URL", "https://before.test/v2")
    result = pytester.runpytest_inprocess(
        "-p", "no:cacheprovider", "-o", "asyncio_default_fixture_loop_scope=function"
    )
    result.assert_outcomes(passed=3)


def test_importing_the_plugin_imports_no_server_and_needs_no_extra() -> None:
    # Starlette made unimportable, as without the `emulator` extra: pytest must still start.
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('starlette', 'uvicorn', 'sse_starlette'):\n"
        "            raise ImportError(f'no {name}')\n"
        "sys.meta_path.insert(0, Block())\n"
        "import opper_emulator.pytest_plugin\n"
        "print(sorted(m for m in ('starlette', 'uvicorn', 'jsonschema') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_the_packages_names_load_on_first_use() -> None:
    lazy = opper_emulator._HOME
    assert sorted(lazy) == sorted(opper_emulator.__all__)
    for name in opper_emulator.__all__:
        assert getattr(opper_emulator, name) is not None
    assert set(opper_emulator.__all__) <= set(dir(opper_emulator))
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = opper_emulator.nothing  # type: ignore[attr-defined]
