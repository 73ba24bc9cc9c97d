"""``Emulator``: the app served by uvicorn on a loopback port, in a thread or in the foreground.

Tuned as a load target (``_serving``): accepted connections have ``TCP_NODELAY``, the listen
backlog takes bursts of thousands of connections, a connection idle between requests closes
after ``keep_alive_timeout`` seconds, and one that has not sent a whole request head
``header_timeout`` seconds after it opened or after its first byte of a request is closed.

::

    emulator = Emulator(api_key="test")
    with emulator as base_url:                          # http://127.0.0.1:PORT/v2
        emulator.root_url                               # http://127.0.0.1:PORT, v3's base URL
    async with Emulator() as base_url:                  # same, from async code
        ...
"""

from __future__ import annotations

import copy
import os
import socket
import threading
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any

import anyio.to_thread
import uvicorn
from uvicorn.config import LOGGING_CONFIG

from ._app import create_app
from ._checks import DEFAULT_MAX_BODY_BYTES
from ._faults import Faults
from ._resources import public
from ._serving import BACKLOG, Server, bind, loopback_host, protocol
from ._spec import load_spec
from ._state import DEFAULT_MAX_RECORDS, EmulatorState, RecordedRequest, resolve_api_key

__all__ = ["Emulator", "loopback_host"]

_START_TIMEOUT = 10.0


class Emulator:
    """The Opper API emulator, v2 and v3 on one port of ``127.0.0.1`` (see ``opper_emulator``).

    ``api_key`` defaults to ``OPPER_API_KEY``, else ``DEFAULT_API_KEY``. ``faults`` is the default
    fault spec (see ``opper_emulator._faults``). ``spec`` and ``v3_spec`` are paths to, or the
    parsed, OpenAPI documents (default: the packaged ``openapi.yaml`` and ``openapi-v3.yaml``).
    ``base_url`` is v2's (``.../v2``); ``root_url`` (also ``v3_base_url``) is the server root,
    which is what a v3 client takes. ``max_records`` bounds the
    requests, spans and ``fail-times`` counters kept (oldest forgotten first).
    ``keep_alive_timeout`` (whole seconds) and ``header_timeout`` close idle and stalled
    connections (see the module docstring).

    >>> with Emulator(api_key="test") as base_url:                       # doctest: +SKIP
    ...     httpx.post(f"{base_url}/call", json={"name": "t", "input": "hi"},
    ...                headers={"Authorization": "Bearer test"}).json()["message"]
    'Emulated reply to t: hi'
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        faults: str | Faults | None = None,
        spec: str | os.PathLike[str] | Mapping[str, Any] | None = None,
        v3_spec: str | os.PathLike[str] | Mapping[str, Any] | None = None,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        ping_interval: float = 15.0,
        shutdown_timeout: int = 2,
        log_level: str | None = "warning",
        max_records: int = DEFAULT_MAX_RECORDS,
        keep_alive_timeout: int = 5,
        header_timeout: float = 10.0,
    ) -> None:
        self.api_key: str = resolve_api_key(api_key)
        self.host = loopback_host(host)
        self.port = port
        self._keep_alive_timeout = keep_alive_timeout
        self._header_timeout = header_timeout
        self._state = EmulatorState(api_key=self.api_key, max_records=max_records)
        self._state.set_faults(faults)
        document = spec if isinstance(spec, Mapping) else load_spec(spec)
        v3_document = (
            v3_spec if isinstance(v3_spec, Mapping) or v3_spec is None else load_spec(v3_spec)
        )
        self.app = create_app(
            spec=document,
            v3_spec=v3_document,
            max_body_bytes=max_body_bytes,
            ping_interval=ping_interval,
            state=self._state,
        )
        self._shutdown_timeout = shutdown_timeout
        self._log_level = log_level
        self._server: Server | None = None
        self._thread: threading.Thread | None = None
        self._base_url: str | None = None

    def __repr__(self) -> str:
        where = self._base_url or "not running"
        return f"<Emulator {where}>"

    # What a test reads
    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/v2``, v2's base URL, while running; ``RuntimeError``
        otherwise."""
        if self._base_url is None:
            raise RuntimeError("the emulator is not running; use start() or `with`")
        return self._base_url

    @property
    def root_url(self) -> str:
        """``http://127.0.0.1:PORT``, the server root, while running; ``RuntimeError`` otherwise.

        v3's paths start with ``/v3``, so this is the base URL of a v3 client::

            opperai.Opper(api_key=emulator.api_key, base_url=emulator.root_url)
        """
        return self.base_url.removesuffix("/v2")

    @property
    def v3_base_url(self) -> str:
        """The base URL of a v3 client: the same as ``root_url``."""
        return self.root_url

    @property
    def spans(self) -> dict[str, dict[str, Any]]:
        """A copy of the stored spans by id, in creation order (calls are spans too); the newest
        ``max_records`` only."""
        return self._state.spans()

    @property
    def functions(self) -> dict[str, dict[str, Any]]:
        """A copy of the stored v2 functions by id (``POST /functions``, and one per task name
        ``POST /call`` has seen), each as ``GET /functions/{id}`` answers it."""
        return {f["id"]: public(f) for f in self._state.functions()}

    @property
    def v3_functions(self) -> dict[str, dict[str, Any]]:
        """A copy of the stored v3 functions by name, each with its ``revisions``, ``current``
        revision and ``hit_count`` (``opper_emulator._v3_functions``)."""
        return {f["name"]: f for f in self._state.v3.functions()}

    @property
    def requests(self) -> list[RecordedRequest]:
        """A copy of the log of received requests, oldest first (no Authorization header); the
        newest ``max_records`` only."""
        return self._state.requests()

    def set_faults(self, faults: str | Faults | None) -> None:
        """Set the default fault spec for requests without ``X-Emulator-Fault`` (None: off)."""
        self._state.set_faults(faults)

    def respond(self, name: str, *, output: Any) -> None:
        """Answer every later call and stream of task ``name`` (v2's ``/call``, v3's
        ``/v3/call`` and ``/v3/functions/{name}/call``, ...) with ``output``, as it is (not
        checked against the call's ``output_schema``)::

            emulator.respond("summarise", output="Short.")                  # text: message
            emulator.respond("add_numbers", output={"sum": 4})               # with output_schema
        """
        self._state.respond(name, output)

    def reset(self) -> None:
        """Forget spans, functions, requests, canned answers and ``fail-times`` counts (and v3's
        functions, examples, events and generations); clear the default faults."""
        self._state.reset()

    # Serving
    def _make_server(self, *, foreground: bool) -> Server:
        log_config: dict[str, Any] | None = None
        if foreground:
            log_config = copy.deepcopy(LOGGING_CONFIG)
            # stdout carries only the base URL, for scripts that read it.
            log_config["handlers"]["access"]["stream"] = "ext://sys.stderr"
        config = uvicorn.Config(
            self.app,
            loop="asyncio",
            http=protocol(self._header_timeout),
            timeout_keep_alive=self._keep_alive_timeout,
            backlog=BACKLOG,
            ws="none",
            lifespan="off",
            log_config=log_config,
            log_level=self._log_level,
            access_log=foreground,
            timeout_graceful_shutdown=self._shutdown_timeout,
        )
        server = Server(config, self._state)
        self._state.closing = False
        self._state.close_connection = server.close_connection
        return server

    def _url(self, sock: socket.socket) -> str:
        port = sock.getsockname()[1]
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{port}/v2"

    def start(self) -> str:
        """Serve in a background thread; returns the base URL once the server is listening."""
        if self._thread is not None:
            raise RuntimeError("the emulator is already running")
        sock = bind(self.host, self.port)
        server = self._make_server(foreground=False)
        failures: list[BaseException] = []

        def run() -> None:
            try:
                server.run(sockets=[sock])
            except BaseException as exc:  # SystemExit from a failed uvicorn start-up too
                failures.append(exc)
            finally:
                sock.close()

        thread = threading.Thread(target=run, name="opper-emulator", daemon=True)
        thread.start()
        deadline = time.monotonic() + _START_TIMEOUT
        while not server.ready.wait(0.005):
            if not thread.is_alive() or time.monotonic() > deadline:
                server.should_exit = True
                thread.join(_START_TIMEOUT)
                cause = failures[0] if failures else None
                raise RuntimeError("the emulator did not start") from cause
        self._server, self._thread = server, thread
        self._base_url = self._url(sock)
        return self._base_url

    def stop(self) -> None:
        """Stop serving (stalled streams are closed); does nothing when not running."""
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        self._state.closing = True
        server.should_exit = True
        thread.join(self._shutdown_timeout + 5)
        if thread.is_alive():  # pragma: no cover - only when graceful shutdown itself hangs
            server.force_exit = True
            thread.join(5)
        self._server = self._thread = self._base_url = None
        self._state.close_connection = None

    def serve_forever(self, ready: Callable[[str], None] | None = None) -> None:
        """Serve in this thread until SIGINT or SIGTERM; ``ready(base_url)`` once listening."""
        sock = bind(self.host, self.port)
        try:
            server = self._make_server(foreground=True)
            url = self._url(sock)
            if ready is not None:
                server.on_ready = lambda: ready(url)
            self._base_url = url
            server.run(sockets=[sock])
        finally:
            self._base_url = None
            self._state.close_connection = None
            sock.close()

    def __enter__(self) -> str:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    async def __aenter__(self) -> str:
        return await anyio.to_thread.run_sync(self.start)

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await anyio.to_thread.run_sync(self.stop)
