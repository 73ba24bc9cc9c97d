"""A loopback emulator of the Opper API, v2 and v3 on one port, for tests and demos (needs the
``emulator`` extra).

It serves every operation of ``openapi.yaml`` under ``/v2`` and every operation of Opper's v3
spec (``openapi-v3.yaml``, verbatim; its paths start with ``/v3``) at the server root, on
``127.0.0.1``: calls and streams, spans, traces, functions with their revisions, and models, all
with state (v2 also metrics and feedback; v3 also span events, function examples and
generations); any other operation with an answer made up from its response schema. It validates
requests against the specs, answers deterministically, keeps the latest spans and requests in
memory, and injects faults on request. It is a stand-alone fake of the server (it imports
nothing of ``opper_tracing``) and holds up as a load target.

In Python::

    from opper_emulator import Emulator

    emulator = Emulator(api_key="test")          # default: $OPPER_API_KEY, else DEFAULT_API_KEY
    with emulator as base_url:                   # http://127.0.0.1:PORT/v2 (also `async with`)
        httpx.post(f"{base_url}/call", json={"name": "greet", "input": "Ann"},
                   headers={"Authorization": "Bearer test"})
        httpx.post(f"{emulator.root_url}/v3/call", json={"name": "greet", "input": "Ann"},
                   headers={"Authorization": "Bearer test"})   # root_url: v3's base URL
        emulator.spans                           # {span_id: span}, calls included (type "call")
        emulator.requests[-1].headers["traceparent"]
        emulator.requests[-1].request_id         # the answer's x-request-id

From a shell: ``opper-tracing emulator --port 0 [--api-key K]`` prints the base URL and serves
until Ctrl-C or SIGTERM.

Faults: header ``X-Emulator-Fault: drop-after=2; delay-chunk=0.1`` per request, or
``Emulator(faults=...)`` / ``emulator.set_faults(...)`` as a default, on v2 and v3 alike; the
grammar is in ``opper_emulator._faults``. Answers follow the rules in ``opper_emulator._synth``.
The request steps and the error bodies of each version are described in ``opper_emulator._app``;
v2's calls in ``_calls``, v3's in ``_v3_calls`` (the stream's wire), ``_v3_spans`` and
``_v3_functions``.

Usage and cost on a call's span (``meta.usage``, ``meta.cost``) are the emulator's own
convention, so a test can read back what a call reported: the server's v2 spans carry neither.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._app import create_app
    from ._checks import DEFAULT_MAX_BODY_BYTES, MAX_JSON_DEPTH
    from ._faults import Faults, FaultSpecError, parse_faults
    from ._injection import InjectedDropError
    from ._server import Emulator
    from ._spec import find_spec_path, load_spec
    from ._state import DEFAULT_API_KEY, DEFAULT_MAX_RECORDS, RecordedRequest
    from ._synth import synthesize

# Names load on first use: pytest imports this package for its plugin (``pytest_plugin``) in
# every run, which must neither pay for Starlette and uvicorn nor fail without the extra.
_HOME = {
    "DEFAULT_MAX_BODY_BYTES": "_checks",
    "MAX_JSON_DEPTH": "_checks",
    "InjectedDropError": "_injection",
    "create_app": "_app",
    "Faults": "_faults",
    "FaultSpecError": "_faults",
    "parse_faults": "_faults",
    "Emulator": "_server",
    "find_spec_path": "_spec",
    "load_spec": "_spec",
    "DEFAULT_API_KEY": "_state",
    "DEFAULT_MAX_RECORDS": "_state",
    "RecordedRequest": "_state",
    "synthesize": "_synth",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME})


__all__ = [
    "DEFAULT_API_KEY",
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_MAX_RECORDS",
    "MAX_JSON_DEPTH",
    "Emulator",
    "FaultSpecError",
    "Faults",
    "InjectedDropError",
    "RecordedRequest",
    "create_app",
    "find_spec_path",
    "load_spec",
    "parse_faults",
    "synthesize",
]
