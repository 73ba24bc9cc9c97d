"""The uvicorn server under ``Emulator``, tuned as a load target and for tests.

Accepted connections have ``TCP_NODELAY`` (small answers on a reused connection are not held back
by Nagle's algorithm), the listen backlog takes bursts of thousands of connections, and a
connection that has not sent a whole request head ``header_timeout`` seconds after it opened or
after its first byte of a request (a stalled or very slow client) is closed. Stopping never waits
on stalled streams, and a fault can close one request's connection (``close_connection``).

::

    sock = bind(loopback_host("localhost"), 0)
    server = Server(uvicorn.Config(app, http=protocol(10.0), ...), state)
    server.run(sockets=[sock])
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import signal
import socket
import threading
from collections.abc import Callable, Iterator, Mapping
from types import FrameType
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from ._state import EmulatorState

__all__ = ["BACKLOG", "Server", "bind", "loopback_host", "protocol"]

#: Connections the listening socket queues before uvicorn accepts them.
BACKLOG = 4096


def loopback_host(host: str) -> str:
    """``host`` when it is a loopback address (``localhost`` means ``127.0.0.1``).

    Raises ``ValueError`` otherwise: the emulator accepts one fixed key and is for tests, so it
    never listens beyond this machine.
    """
    if host == "localhost":
        return "127.0.0.1"
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        raise ValueError(f"{host!r} is not an IP address") from None
    if not address.is_loopback:
        raise ValueError(f"{host!r} is not a loopback address; the emulator binds loopback only")
    return str(address)


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # asyncio sets TCP_NODELAY on an accepted socket only when its protocol is IPPROTO_TCP, and
    # accepted sockets copy the listener's; with protocol 0 every small write waits ~40 ms for
    # the client's delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        # A fixed --port must be reusable right after the previous run stopped.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        # Listening now lets clients connect (into the backlog) before uvicorn accepts.
        sock.listen(BACKLOG)
    except BaseException:
        sock.close()
        raise
    return sock


class _Protocol(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request head does not arrive in time."""

    header_timeout = 10.0
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._watch()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._watch()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _watch(self) -> None:
        # IDLE with bytes buffered: a request head has begun and is not complete. The deadline
        # is not moved by more bytes, so a client sending one byte a second cannot hold on.
        waiting = self.conn.their_state is h11.IDLE and bool(self.conn.trailing_data[0])
        if not waiting:
            self._disarm()
        elif self._header_timer is None:
            self._arm()

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self.header_timeout, self._expire)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _expire(self) -> None:
        self._header_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


def protocol(header_timeout: float) -> type[H11Protocol]:
    """The protocol class for one emulator: uvicorn takes a class, not an instance."""
    return type("EmulatorProtocol", (_Protocol,), {"header_timeout": header_timeout})


class Server(uvicorn.Server):
    """uvicorn's server with a ready event, and a stop that never waits on stalled streams."""

    def __init__(self, config: uvicorn.Config, state: EmulatorState) -> None:
        super().__init__(config)
        self.state = state
        self.ready = threading.Event()
        self.on_ready: Callable[[], None] | None = None

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            self.ready.set()
            if self.on_ready is not None:
                self.on_ready()

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        self.state.closing = True  # stalled streams end now instead of holding up shutdown
        super().handle_exit(sig, frame)

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        # uvicorn re-raises a caught signal after shutting down, so SIGTERM would end the process
        # by its default action; the CLI wants a clean stop and exit status 0 instead.
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        handled = (signal.SIGINT, signal.SIGTERM)
        previous = {sig: signal.signal(sig, self.handle_exit) for sig in handled}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def close_connection(self, scope: Mapping[str, Any]) -> bool:
        """Close the TCP connection that ``scope`` arrived on; ``False`` if it is not found."""
        client = scope.get("client")
        for protocol in list(self.server_state.connections):
            if client is not None and getattr(protocol, "client", None) == client:
                transport = getattr(protocol, "transport", None)
                if transport is not None:
                    transport.close()
                    return True
        return False
