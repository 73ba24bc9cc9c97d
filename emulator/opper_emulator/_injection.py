"""Applying a request's faults (the grammar is in ``_faults``): which spec applies, the statuses
it answers with, and the connections it drops or stalls before any answer.

Streams apply their own faults event by event (``_sse.play``); everything that happens before a
handler runs is here::

    injector = Injector(state, known_operations, documented_errors(spec))
    faults = injector.resolve(headers, "call")          # 400 for a bad X-Emulator-Fault
    injector.fail_status(faults, headers, "call")       # raises the injected APIProblem, if any
"""

from __future__ import annotations

from collections.abc import Mapping, Set

import anyio
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from ._errors import DocumentedError, bad_request, status_problem
from ._faults import Faults, FaultSpecError, parse_faults
from ._state import EmulatorState

__all__ = ["InjectedDropError", "Injector", "NoResponse"]


class InjectedDropError(ConnectionAbortedError):
    """Raised to end a response abruptly when the server's connection cannot be closed directly.

    Only seen when ``create_app`` runs under a server other than the emulator's own.
    """


class NoResponse(Response):
    """Sends nothing: the connection is already closed."""

    def __init__(self) -> None:
        super().__init__()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        return None


class Injector:
    """The faults of one API's requests, over the emulator's state."""

    def __init__(
        self,
        state: EmulatorState,
        known_operations: Set[str],
        errors: Mapping[str, DocumentedError],
    ) -> None:
        self.state = state
        self.known_operations = known_operations
        self.errors = errors

    def resolve(self, headers: Mapping[str, str], operation_id: str) -> Faults:
        """The request's ``X-Emulator-Fault``, else the emulator's default, if it applies to
        ``operation_id`` (``only=``); a bad spec is a 400."""
        given = headers.get("x-emulator-fault")
        try:
            faults = parse_faults(given) if given is not None else self.state.faults
            unknown = (faults.only or frozenset()) - self.known_operations
            if unknown:
                raise FaultSpecError(f"only: unknown operationId {sorted(unknown)}")
            if faults.error is not None and faults.error not in self.errors:
                known = ", ".join(sorted(self.errors))
                raise FaultSpecError(f"error: {faults.error!r} is not one of {known}")
        except FaultSpecError as exc:
            detail = [{"loc": ["header", "x-emulator-fault"], "msg": str(exc), "type": "fault"}]
            raise bad_request(detail, f"Bad X-Emulator-Fault: {exc}") from None
        return faults if faults.applies_to(operation_id) else Faults()

    def fail_status(self, faults: Faults, headers: Mapping[str, str], operation_id: str) -> None:
        """Raise the answer ``status``, ``fail-times`` or ``error`` asks for, if any."""
        documented = self.errors.get(faults.error) if faults.error is not None else None
        status = faults.status
        if status is None and faults.fail_times is not None:
            times, code = faults.fail_times
            client_key = headers.get("x-emulator-key") or headers.get("idempotency-key")
            if self.state.should_fail((operation_id, client_key or faults.text), times):
                status = documented.status if documented is not None else code
        elif status is None and documented is not None:
            status = documented.status
        if status is None:
            return
        extra: dict[str, str] = {}
        if faults.retry_after is not None or status == 429:
            extra["Retry-After"] = faults.retry_after or "1"
        if documented is not None:
            raise documented.problem(faults.detail, extra)
        detail = faults.detail or f"injected by the fault spec {faults.text!r}"
        raise status_problem(status, detail, extra)

    def error_message(self, error_type: str, sent: int) -> str:
        """The message of an ``error-after`` event sent after ``sent`` events."""
        documented = self.errors.get(error_type)
        if documented is not None:
            return f"{documented.message} (emulated, after {sent} events)"
        return f"emulated failure after {sent} events"

    # Faults that end a connection
    def close_connection(self, scope: Scope) -> bool:
        """Close the connection ``scope`` arrived on; ``False`` when the server cannot."""
        closer = self.state.close_connection
        return closer is not None and closer(scope)

    async def drop(self, request: Request) -> Response:
        """``drop-after=0`` on a JSON operation: close the connection, answer nothing."""
        if not self.close_connection(request.scope):
            raise InjectedDropError("drop-after=0")
        # Wait for the server to see the closed connection, so it does not answer 500 for us.
        with anyio.move_on_after(5):
            while not await request.is_disconnected():
                await anyio.sleep(0.01)
        return NoResponse()

    async def stall_then_drop(self, request: Request) -> Response:
        """``stall-after=0`` on a JSON operation: answer nothing until the emulator stops."""
        while not self.state.closing:
            if await request.is_disconnected():
                return NoResponse()
            await anyio.sleep(0.05)
        return await self.drop(request)
